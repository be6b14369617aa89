import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { boardBits } from '../../common/board-theme';
import type { Lane } from '../../common/lanes';
import { safeRender } from '../../common/safe-render';
import { shallowChanged } from '../../common/shallow';
import { bayText } from './bay-text';

/**
 * The next job given to this bay. A side card while a car is being worked on (`card`); the
 * screen's main news when the bay is free and a car waits for it (`hero`).
 */
@customElement('bay-next-job')
export class BayNextJob extends LitElement {
  @property({ attribute: false, hasChanged: shallowChanged }) lane?: Lane;
  @property({ reflect: true }) variant: 'card' | 'hero' = 'card';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  render() {
    return safeRender(this, () => this.#body(), bayText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const { t } = bayText(this.locale, this.timeZone);
    const lane = this.lane;
    const ro = lane?.nextRo;
    const op = lane?.nextOp;
    const hero = this.variant === 'hero';
    return html`
      <section>
        <h2>${hero ? `${t('idle.big')} · ${t('next.title')}` : t('next.title')}</h2>
        ${
          lane && ro && op
            ? html`
          <div class="car"><span class="plate">${ro.vehicle.plate}</span>
            ${ro.priority !== 'normal' ? html`<span class="tag ${ro.priority}">${t(`priority.${ro.priority}`)}</span>` : nothing}
            <span class="model">${ro.vehicle.make} ${ro.vehicle.model}</span></div>
          <div class="ro num">${t('car.ro', { number: ro.number })}</div>
          <div class="title">${op.title} <span class="num muted">${op.standardHours}h</span></div>
          <div class="tech">${lane.nextTech ? html`<span class="muted">${t('tech')}</span> <b>${lane.nextTech.name}</b>` : t('tech.none')}</div>
          ${lane.queued > 1 ? html`<div class="more">${t('next.more', { n: lane.queued - 1 })}</div>` : nothing}
          ${hero ? html`<div class="hint">${t('idle.hint')}</div>` : nothing}`
            : html`<div class="none">${t('next.none')}</div>`
        }
      </section>
    `;
  }

  static styles = [
    boardBits,
    css`
    :host { display: block; min-width: 0; }
    section {
      display: grid; gap: 0.2em; padding: 0.6em 0.8em; border-radius: 0.5em; background: var(--tw-panel);
      border: 0.1em solid var(--tw-line); border-left: 0.35em solid var(--tw-info);
    }
    h2 { margin: 0 0 0.1em; font-size: 0.9em; color: var(--tw-info); }
    .car { display: flex; gap: 0.5em; align-items: baseline; flex-wrap: wrap; }
    .plate { font-size: 1.5em; color: #fde68a; }
    .model, .ro, .more { color: var(--tw-muted); font-size: 0.85em; }
    .title { font-weight: 700; font-size: 1.1em; }
    .tech { font-size: 0.9em; }
    .tech b { color: #bae6fd; }
    .none { color: var(--tw-faint); }
    :host([variant='hero']) section { gap: 0.4em; padding: 1em 1.4em; border-radius: 0.7em; border-left-width: 0.5em; }
    :host([variant='hero']) h2 { font-size: 1.3em; font-weight: 800; }
    :host([variant='hero']) .plate { font-size: 2.6em; border-width: 0.06em; }
    :host([variant='hero']) .model { font-size: 1.3em; }
    :host([variant='hero']) .ro, :host([variant='hero']) .more { font-size: 1em; }
    :host([variant='hero']) .title { font-size: 2em; font-weight: 800; }
    :host([variant='hero']) .tech { font-size: 1.4em; }
    .hint { color: var(--tw-faint); margin-top: 0.6em; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'bay-next-job': BayNextJob;
  }
}

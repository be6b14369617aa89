import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { boardBits } from '../common/board-theme';
import type { Lane } from '../common/lanes';
import { safeRender } from '../common/safe-render';
import { shallowChanged } from '../common/shallow';
import '../common/work-timer';
import { bayText } from './bay-text';

/** The car at the bay and the job on it: plate, car, RO, job, technician, big timer. */
@customElement('bay-current-job')
export class BayCurrentJob extends LitElement {
  @property({ attribute: false, hasChanged: shallowChanged }) lane?: Lane;
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  render() {
    return safeRender(this, () => this.#body(), bayText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const { t, time, timer } = bayText(this.locale, this.timeZone);
    const ro = this.lane?.ro;
    const op = this.lane?.op;
    if (!ro || !op) return nothing;
    const car = [ro.vehicle.make, ro.vehicle.model, ro.vehicle.color].filter(Boolean).join(' · ');
    return html`
      <div class="car">
        <span class="plate">${ro.vehicle.plate}</span>
        <span class="model">${car}</span>
      </div>
      <div class="meta">
        <span class="num">${t('car.ro', { number: ro.number })}</span>
        ${ro.priority !== 'normal' ? html`<span class="tag ${ro.priority}">${t(`priority.${ro.priority}`)}</span>` : nothing}
        ${ro.promisedAt ? html`<span class="promise num">${t('car.promised', { time: time(ro.promisedAt) })}</span>` : nothing}
      </div>
      <div class="job">
        <span class="title">${op.title}</span>
        ${op.reworks ? html`<span class="tag rework">${t('car.rework')}</span>` : nothing}
      </div>
      <div class="tech">${this.lane?.tech
        ? html`<span class="label">${t('tech')}</span> <span class="name">${this.lane.tech.name}</span>`
        : html`<span class="label">${t('tech.none')}</span>`}</div>
      <work-timer variant="hero" .op=${op} .text=${timer}></work-timer>
    `;
  }

  static styles = [boardBits, css`
    :host { display: grid; align-content: start; gap: 0.35em; min-width: 0; }
    .car { display: flex; align-items: baseline; gap: 0.5em; flex-wrap: wrap; }
    .car .plate { font-size: 2.6em; color: #fde68a; border-width: 0.06em; }
    .model { font-size: 1.2em; color: var(--tw-muted); }
    .meta { display: flex; gap: 1em; align-items: baseline; font-size: 1em; color: var(--tw-muted); }
    .promise { color: #e2e8f0; font-weight: 600; }
    .job { display: flex; gap: 0.5em; align-items: baseline; margin-top: 0.3em; }
    .title { font-size: 1.9em; font-weight: 800; line-height: 1.2; }
    .tech { font-size: 1.5em; }
    .tech .label { color: var(--tw-muted); font-size: 0.8em; }
    .tech .name { color: #bae6fd; font-weight: 800; }
    work-timer { margin-top: 0.3em; }
  `];
}

declare global {
  interface HTMLElementTagNameMap {
    'bay-current-job': BayCurrentJob;
  }
}

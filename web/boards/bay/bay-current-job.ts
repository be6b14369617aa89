import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { boardBits } from '../../common/board-theme';
import type { Lane } from '../../common/lanes';
import { safeRender } from '../../common/safe-render';
import { shallowChanged } from '../../common/shallow';
import { ClockController } from '../../common/clock';
import { promiseState } from '../../common/promise';
import '../../common/work-timer';
import { bayText } from './bay-text';

/** The car at the bay and the job on it: plate, car, RO, job, technician, big timer. */
@customElement('bay-current-job')
export class BayCurrentJob extends LitElement {
  @property({ attribute: false, hasChanged: shallowChanged }) lane?: Lane;
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  // "Past the promise by 33 min" moves with the clock; a minute is fine-grained enough.
  #clock = new ClockController(this, 60_000);

  render() {
    return safeRender(this, () => this.#body(), bayText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const { t, timer } = bayText(this.locale, this.timeZone);
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
        ${this.#promise(ro)}
      </div>
      <div class="job">
        <span class="title">${op.title}</span>
        ${op.reworks ? html`<span class="tag rework">${t('car.rework')}</span>` : nothing}
      </div>
      <div class="tech">${
        this.lane?.tech
          ? html`<span class="label">${t('tech')}</span> <span class="name">${this.lane.tech.name}</span>`
          : html`<span class="label">${t('tech.none')}</span>`
      }</div>
      <work-timer variant="hero" .op=${op} .text=${timer}></work-timer>
    `;
  }

  /** The promise, and when it is near or past, said so in words with a sign (never colour alone). */
  #promise(ro: NonNullable<Lane['ro']>) {
    if (!ro.promisedAt) return nothing;
    const { t, time } = bayText(this.locale, this.timeZone);
    const p = promiseState(ro, Math.max(this.#clock.now, Date.now()));
    const at = time(ro.promisedAt);
    if (p.kind === 'over') {
      const m = Math.max(1, Math.floor(p.overMs / 60_000));
      const dur = m < 60 ? t('dur.min', { m }) : t('dur.hmin', { h: Math.floor(m / 60), m: m % 60 });
      return html`<span class="promise over num" data-promise="over" role="alert">${t('car.promiseOver', { time: at, dur })}</span>`;
    }
    if (p.kind === 'soon')
      return html`<span class="promise soon num" data-promise="soon">${t('car.promiseSoon', { time: at, min: Math.ceil(p.leftMs / 60_000) })}</span>`;
    return html`<span class="promise num" data-promise=${p.kind}>${t('car.promised', { time: at })}</span>`;
  }

  static styles = [
    boardBits,
    css`
    :host { display: grid; align-content: start; gap: 0.35em; min-width: 0; }
    .car { display: flex; align-items: baseline; gap: 0.5em; flex-wrap: wrap; }
    .car .plate { font-size: 2.6em; color: #fde68a; border-width: 0.06em; }
    .model { font-size: 1.2em; color: var(--tw-muted); }
    .meta { display: flex; gap: 1em; align-items: baseline; font-size: 1em; color: var(--tw-muted); }
    .promise { color: #e2e8f0; font-weight: 600; }
    .promise.soon { font-size: 1.15em; color: #1a1205; background: var(--tw-warn); padding: 0 0.4em; border-radius: 0.3em; font-weight: 800; }
    .promise.over { font-size: 1.3em; color: #fff; background: #b91c1c; padding: 0 0.4em; border-radius: 0.3em; font-weight: 800; border: 0.08em solid #fecaca; }
    .job { display: flex; gap: 0.5em; align-items: baseline; margin-top: 0.3em; }
    .title { font-size: 1.9em; font-weight: 800; line-height: 1.2; }
    .tech { font-size: 1.5em; }
    .tech .label { color: var(--tw-muted); font-size: 0.8em; }
    .tech .name { color: #bae6fd; font-weight: 800; }
    work-timer { margin-top: 0.3em; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'bay-current-job': BayCurrentJob;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { TrackingRo } from '../../../shared/projections/views';
import { trackingText } from '../../../shared/i18n/tracking';
import { formatDateTime, formatTime, translator } from '../../../shared/i18n/translate';
import { etaOf, stepIndex, STEPS, waitingFor } from './tracking-model';

/**
 * The top of the tracking page: where the car is now, in words and on five steps, then the
 * one thing the customer most needs next — where to collect it, what part it waits for, or when
 * it should be ready.
 */
@customElement('car-status')
export class CarStatus extends LitElement {
  @property({ attribute: false }) ro?: TrackingRo;
  @property({ attribute: false }) pickupDesk?: Record<Locale, string>;
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  render() {
    const ro = this.ro;
    if (!ro) return nothing;
    const t = translator(trackingText, this.locale);
    const time = (iso: string) => formatTime(iso, this.timeZone, this.locale);
    const waiting = waitingFor(ro);
    const at = stepIndex(ro.stage);
    const status = waiting?.kind === 'parts' ? t('status.parts') : t(`status.${ro.stage}`);
    return html`
      <section class="hero ${ro.stage} ${waiting ? 'waiting' : ''}" data-testid="status" data-stage=${ro.stage}>
        <div class="car">
          <span class="plate">${ro.plate}</span>
          <span class="model">${[ro.make, ro.model, ro.color].filter(Boolean).join(' · ')}</span>
        </div>
        <h1 class="status" aria-live="polite">${status}</h1>
        <ol class="steps">
          ${STEPS.map(
            (s, i) => html`<li class=${i < at ? 'done' : i === at ? 'now' : ''} aria-current=${i === at ? 'step' : 'false'}>
            <span class="dot">${i < at ? '✓' : ''}</span><span class="label">${t(`step.${s}`)}</span></li>`,
          )}
        </ol>
      </section>
      ${
        ro.stage === 'ready'
          ? html`<section class="card ready" data-testid="ready">
          <h2>${t('ready.title')}</h2>
          <p class="where"><strong>${t('ready.where')}</strong>${this.pickupDesk?.[this.locale] ?? t('ready.desk')}</p>
          ${ro.readyAt ? html`<p class="muted">${t('ready.since', { time: time(ro.readyAt) })}</p>` : nothing}
        </section>`
          : nothing
      }
      ${
        waiting?.kind === 'parts'
          ? html`<section class="card wait" data-testid="parts-wait">
          <h2>${t('parts.title')}</h2>
          <p>${waiting.eta ? t('parts.text', { part: waiting.part, time: formatDateTime(waiting.eta, this.timeZone, this.locale) }) : t('parts.textNoEta', { part: waiting.part })}</p>
        </section>`
          : nothing
      }
      ${waiting?.kind === 'approval' ? html`<section class="card wait"><p>${t('approval.text')}</p></section>` : nothing}
      ${this.#eta(t, time)}
    `;
  }

  #eta(t: ReturnType<typeof translator<keyof (typeof trackingText)['en']>>, time: (iso: string) => string) {
    const ro = this.ro!;
    if (['ready', 'delivered', 'cancelled', 'no_show'].includes(ro.stage)) return nothing;
    const eta = etaOf(ro);
    return html`<section class="card eta" data-testid="eta">
      <span class="muted">${t('eta.label')}</span>
      <strong>${eta.at ? time(eta.at) : t('eta.unknown')}</strong>
      ${eta.later && ro.promisedAt ? html`<span class="muted small">${t('eta.promised', { time: time(ro.promisedAt) })} · ${t(partsWait(ro) ? 'eta.later' : 'eta.laterQueue')}</span>` : nothing}
    </section>`;
  }

  static styles = css`
    :host { display: grid; gap: 0.8em; }
    * { box-sizing: border-box; }
    h1, h2, p { margin: 0; }
    .hero { border-radius: 1.1em; padding: 1.1em 1.2em 1em; color: #fff; background: linear-gradient(150deg, #0b5cad, #0a3f78); box-shadow: 0 0.5em 1.4em rgb(11 92 173 / 0.25); }
    .hero.waiting { background: linear-gradient(150deg, #7c3aed, #4c1d95); }
    .hero.ready { background: linear-gradient(150deg, #16a34a, #0f6b32); }
    .hero.delivered { background: linear-gradient(150deg, #475569, #1e293b); }
    .car { display: flex; gap: 0.6em; align-items: center; flex-wrap: wrap; }
    .plate { font-weight: 800; letter-spacing: 0.05em; background: rgb(255 255 255 / 0.18); border: 0.08em solid rgb(255 255 255 / 0.6); border-radius: 0.3em; padding: 0.05em 0.45em; }
    .model { opacity: 0.9; font-size: 0.92em; }
    .status { font-size: 1.55em; line-height: 1.3; margin: 0.55em 0 0.8em; }
    .steps { display: grid; grid-template-columns: repeat(5, 1fr); list-style: none; margin: 0; padding: 0; position: relative; }
    .steps::before { content: ''; position: absolute; left: 10%; right: 10%; top: 0.7em; height: 0.12em; background: rgb(255 255 255 / 0.35); }
    .steps li { display: grid; justify-items: center; gap: 0.3em; position: relative; font-size: 0.8em; opacity: 0.75; }
    .dot { width: 1.75em; height: 1.75em; border-radius: 50%; background: #fff; color: #0b5cad; display: grid; place-items: center; font-weight: 900; border: 0.18em solid rgb(255 255 255 / 0.6); background-clip: padding-box; }
    li:not(.done):not(.now) .dot { background: #cfd9e6; }
    .steps .now { opacity: 1; font-weight: 800; }
    .steps .now .dot { box-shadow: 0 0 0 0.3em rgb(255 255 255 / 0.35); }
    .steps .done { opacity: 1; }
    .card { background: #fff; border-radius: 1em; padding: 1em 1.2em; box-shadow: 0 0.2em 1em rgb(15 29 51 / 0.06); display: grid; gap: 0.4em; }
    .card h2 { font-size: 1.1em; }
    .ready { border: 0.15em solid #16a34a; }
    .ready h2 { color: #0f6b32; font-size: 1.25em; }
    .where { display: grid; gap: 0.2em; line-height: 1.5; }
    .where strong { font-size: 0.85em; color: #55657d; font-weight: 600; }
    .wait { border-left: 0.35em solid #7c3aed; line-height: 1.55; }
    .wait h2 { color: #5b21b6; }
    .eta { grid-template-columns: 1fr auto; align-items: baseline; }
    .eta strong { font-size: 1.5em; }
    .eta .small { grid-column: 1 / -1; font-size: 0.85em; }
    .muted { color: #55657d; }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'car-status': CarStatus;
  }
}

/** The live ETA says why it is late only when a part is awaited; otherwise the queue is. */
const partsWait = (ro: TrackingRo) => ro.operations.some((o) => o.status === 'paused' && o.pause?.reason === 'parts');

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatPlate } from '../../../shared/domain/plate-rules';
import type { ScanJob, ScanStore } from '../../../shared/projections/scan-view';
import { icon } from '../../common/icons';
import { hoursMinutes, workedMs } from './scan-model';
import { scanStyles } from './scan-styles';
import type { ScanText } from './scan-text';
import { STATUS_ICON } from './work-op';

/**
 * A signed-in person's own work at `/s`: their operations and those waiting at their bay, with
 * state and time used against standard hours. A tap opens the operation as if its job card had
 * been scanned (`open-code` with the operation's signed code), so there is one action view.
 */
@customElement('my-jobs')
export class MyJobs extends LitElement {
  @property({ attribute: false }) text!: ScanText;
  @property({ attribute: false }) store!: ScanStore;
  @property({ attribute: false }) jobs: readonly ScanJob[] = [];
  @property({ attribute: false }) bay?: { id: string; name: string };
  #tick?: ReturnType<typeof setInterval>;

  connectedCallback(): void {
    super.connectedCallback();
    // Minutes are shown; a running timer needs no more than a tick a quarter-minute.
    this.#tick = setInterval(() => this.jobs.some((j) => this.#op(j)?.status === 'in_progress') && this.requestUpdate(), 15_000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
  }

  #op(job: ScanJob) {
    return job.ro.operations.find((o) => o.id === job.operationId);
  }

  #open(job: ScanJob) {
    this.dispatchEvent(new CustomEvent<string>('open-code', { detail: job.token, bubbles: true, composed: true }));
  }

  render() {
    const { t } = this.text;
    const mine = this.jobs.filter((j) => j.mine);
    const atBay = this.jobs.filter((j) => !j.mine);
    return html`
      <section aria-labelledby="mine">
        <h2 id="mine">${icon('user')} ${t('jobs.mine', { n: mine.length })}</h2>
        ${mine.length ? html`<div class="list">${mine.map((j) => this.#job(j))}</div>` : html`<p class="muted empty" data-empty="mine">${t('jobs.none')}</p>`}
      </section>
      ${
        this.bay
          ? html`<section aria-labelledby="bay">
        <h2 id="bay">${icon('pin')} ${t('jobs.atBay', { bay: this.bay.name, n: atBay.length })}</h2>
        ${atBay.length ? html`<div class="list">${atBay.map((j) => this.#job(j))}</div>` : html`<p class="muted empty">${t('bay.empty')}</p>`}
      </section>`
          : nothing
      }
      <p class="muted hint">${t('jobs.hint')}</p>`;
  }

  #job(job: ScanJob) {
    const { t, c } = this.text;
    const op = this.#op(job);
    if (!op) return nothing;
    const worked = workedMs(op, Date.now());
    const std = op.standardHours * 3600_000;
    const bay = this.store.bays.find((b) => b.id === op.bayId)?.name ?? t('op.unassignedBay');
    return html`<button class="job s-${op.status}" data-job=${op.id} data-ro=${job.ro.id} @click=${() => this.#open(job)}>
      <span class="top"><span class="title">${op.title}</span>
        <span class="pill s-${op.status}" data-status=${op.status}>${icon(STATUS_ICON[op.status])} ${c(`op.${op.status}`)}</span></span>
      <span class="line"><span class="plate">${formatPlate(job.ro.vehicle.plate)}</span><span class="num">${job.ro.number}</span></span>
      <span class="facts"><span class=${worked > std ? 'over' : ''}>${icon('clock')} ${t('op.worked', { worked: hoursMinutes(worked), std: hoursMinutes(std) })}</span>
        <span>${icon('pin')} ${bay}</span></span>
    </button>`;
  }

  static styles = [
    scanStyles,
    css`
    :host { display: grid; gap: 16px; }
    section { display: grid; gap: 10px; }
    h2 { font-size: 24px; margin: 0; }
    .list { display: grid; gap: 10px; }
    .job { display: grid; gap: 6px; width: 100%; min-height: 88px; text-align: left; padding: 12px 14px; border-radius: 18px; border: 3px solid #334155; background: #111c33; color: #f1f5f9; }
    .job.s-in_progress { border-color: #22c55e; }
    .job.s-paused { border-color: #f59e0b; }
    .top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 6px 10px; }
    .title { font-size: 24px; font-weight: 800; }
    .line { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; font-size: 18px; color: #cbd5e1; }
    .plate { white-space: nowrap; font-size: 22px; font-weight: 900; background: #1d4ed8; color: #fff; padding: 0 8px; border-radius: 8px; border: 2px solid #bfdbfe; }
    .facts { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 19px; color: #cbd5e1; }
    .facts .over { color: #fca5a5; font-weight: 800; }
    .empty, .hint { margin: 0; font-size: 19px; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'my-jobs': MyJobs;
  }
}

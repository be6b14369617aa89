import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Operation } from '../../../shared/domain/repair-order';
import type { ScanStore } from '../../../shared/projections/scan-view';
import type { StaffRo } from '../../../shared/projections/views';
import type { ScanActionType } from '../../../shared/workflow/scan-actions';
import { icon, type IconName } from '../../common/icons';
import { hoursMinutes, workedMs } from './scan-model';
import { scanStyles } from './scan-styles';
import type { ScanText } from './scan-text';

export interface ActDetail {
  type: ScanActionType;
  roId: string;
  operationId?: string;
  /** For Start: the bay shown on the button; absent means "ask". */
  bayId?: string;
  /** Start at another bay than the one shown. */
  chooseBay?: boolean;
}

export const STATUS_ICON: Record<Operation['status'], IconName> = {
  unassigned: 'hourglass',
  assigned: 'clock',
  in_progress: 'play',
  paused: 'pause',
  done: 'check',
};
const BUTTON: Partial<Record<ScanActionType, { cls: string; icon: IconName }>> = {
  startOperation: { cls: 'start', icon: 'play' },
  pauseOperation: { cls: 'pause', icon: 'pause' },
  resumeOperation: { cls: 'resume', icon: 'play' },
  finishOperation: { cls: 'finish', icon: 'check' },
};

/**
 * One operation: what it is, its state in words and icon, time used against standard hours,
 * and only the buttons the lifecycle allows next for this person. A tap is reported as a
 * `scan-act` event; the page decides what to ask (bay, pause reason) and queues it.
 */
@customElement('work-op')
export class WorkOp extends LitElement {
  @property({ attribute: false }) ro!: StaffRo;
  @property({ attribute: false }) op!: Operation;
  @property({ attribute: false }) actions: ScanActionType[] = [];
  @property({ attribute: false }) store!: ScanStore;
  @property({ attribute: false }) text!: ScanText;
  /** The bay Start will use unless changed. */
  @property({ attribute: false }) startBay?: { id: string; name: string };
  /** Large: the operation that was scanned. Small: one in a list. */
  @property({ type: Boolean, reflect: true }) large = false;
  /** Pending actions shown on it. */
  @property({ type: Boolean }) pending = false;
  #tick?: ReturnType<typeof setInterval>;

  connectedCallback(): void {
    super.connectedCallback();
    this.#tick = setInterval(() => this.op?.status === 'in_progress' && this.requestUpdate(), 15_000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
  }

  #act(detail: Omit<ActDetail, 'roId' | 'operationId'>) {
    this.dispatchEvent(
      new CustomEvent<ActDetail>('scan-act', { detail: { ...detail, roId: this.ro.id, operationId: this.op.id }, bubbles: true, composed: true }),
    );
  }

  render() {
    const { t, c, time } = this.text;
    const op = this.op;
    const worked = workedMs(op, Date.now());
    const std = op.standardHours * 3600_000;
    const bay = this.store.bays.find((b) => b.id === op.bayId)?.name ?? t('op.unassignedBay');
    const tech = op.technicianId ? (this.store.people.find((p) => p.id === op.technicianId)?.name ?? op.technicianId) : '—';
    const pause =
      op.status === 'paused' && op.pause
        ? op.pause.reason === 'parts'
          ? t('op.partEta', { part: op.pause.part, time: op.pause.eta ? time(op.pause.eta) : '?' })
          : c(`pause.${op.pause.reason}`)
        : undefined;
    return html`
      <article class="card op s-${op.status}" data-operation=${op.id}>
        <div class="head">
          <div class="title">${op.title}</div>
          <span class="pill s-${op.status}" data-status=${op.status}>${icon(STATUS_ICON[op.status])} ${c(`op.${op.status}`)}${this.pending ? html` ${icon('hourglass')}` : nothing}</span>
        </div>
        ${pause ? html`<div class="paused">${icon('pause')} ${t('op.pausedFor', { reason: pause })}</div>` : nothing}
        ${this.actions.length ? html`<div class="row actions">${this.actions.map((a) => this.#button(a))}</div>` : nothing}
        <div class="facts">
          <span class=${worked > std ? 'over' : ''}>${icon('clock')} ${t('op.worked', { worked: hoursMinutes(worked), std: hoursMinutes(std) })}</span>
          <span>${icon('pin')} ${bay}</span>
          <span>${icon('user')} ${tech}</span>
        </div>
      </article>
    `;
  }

  #button(type: ScanActionType) {
    const { t } = this.text;
    const look = BUTTON[type] ?? { cls: 'neutral', icon: 'check' as IconName };
    if (type === 'startOperation') {
      const bay = this.startBay;
      return html`
        <button class="big start" data-action="startOperation" @click=${() => this.#act({ type, bayId: bay?.id })}>
          <span class="icon">${icon('play')}</span><span class="label">${t('act.startOperation')}${bay ? html`<small data-bay=${bay.id}>${t('act.startAt', { bay: bay.name })}</small>` : nothing}</span></button>
        ${bay ? html`<button class="big ghost change" data-action="chooseBay" @click=${() => this.#act({ type, chooseBay: true })}>${icon('swap')} ${t('act.changeBay')}</button>` : nothing}`;
    }
    return html`<button class="big ${look.cls}" data-action=${type} @click=${() => this.#act({ type })}><span class="icon">${icon(look.icon)}</span>${t(`act.${type}`)}</button>`;
  }

  static styles = [
    scanStyles,
    css`
    :host { display: block; }
    .op { display: grid; gap: 12px; }
    :host(:not([large])) .op { padding: 14px; }
    .head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 6px 10px; }
    .title { font-size: 24px; font-weight: 800; }
    :host([large]) .title { font-size: 30px; line-height: 1.2; }
    :host([large]) .pill { font-size: 22px; padding: 4px 14px; }
    .pill { white-space: nowrap; }
    .facts { display: flex; flex-wrap: wrap; gap: 6px 18px; color: #cbd5e1; font-size: 20px; }
    .facts .over { color: #fca5a5; font-weight: 800; }
    .paused { font-weight: 800; color: #fde68a; font-size: 21px; }
    .actions { margin-top: 4px; }
    .change { min-height: 60px; font-size: 22px; }
    .start .label { display: grid; justify-items: start; line-height: 1.15; }
    .start .label small { font-size: 20px; font-weight: 700; opacity: .95; }
    :host(:not([large])) .big { min-height: 72px; font-size: 24px; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'work-op': WorkOp;
  }
}

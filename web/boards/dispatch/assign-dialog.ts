import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Operation } from '../../../shared/domain/repair-order';
import type { Store } from '../../../shared/domain/shop';
import type { StaffRo } from '../../../shared/projections/views';
import { assignOperation, type ApiError } from '../../common/actions';
import { boardBits } from '../../common/board-theme';
import { safeRender } from '../../common/safe-render';
import { canAssign } from '../../common/workflow-rules';
import { apiErrorText, boardText } from './board-text';
import { dialogStyles } from './dialog-styles';
import type { Lane } from '../../common/lanes';
import { storeIndex } from '../../common/records';
import { keyedRows } from '../../common/keyed-rows';

/**
 * Assign (or reassign) one operation to a bay and a technician. Bays and technicians that
 * suit the job (catalogue bay kind, technician skills) come first. The board passes the latest
 * records on every update, so a job that someone starts meanwhile stops being offered.
 */
@customElement('assign-dialog')
export class AssignDialog extends LitElement {
  @property({ attribute: false }) store?: Store;
  @property({ attribute: false }) ro?: StaffRo;
  @property({ attribute: false }) op?: Operation;
  @property({ attribute: false }) lanes: readonly Lane[] = [];
  /** Technicians with work in progress somewhere. */
  @property({ attribute: false }) busyTechs: ReadonlySet<string> = new Set();
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  @state() private bayId?: string;
  @state() private technicianId?: string;
  @state() private pending = false;
  @state() private error?: ApiError;
  #initialised = false;

  @query('dialog') private dialog?: HTMLDialogElement;

  protected willUpdate(): void {
    if (!this.#initialised && this.store && this.op) {
      this.#initialised = true;
      // Reassigning starts from the current bay; a new job from the first idle bay that suits it.
      this.bayId = this.op.bayId ?? this.#bays().find((b) => b.suits && !b.lane?.op)?.bay.id;
      this.technicianId = this.op.technicianId;
    }
  }

  protected firstUpdated(): void {
    this.dialog?.showModal();
  }

  #close() {
    this.dialog?.close();
    this.dispatchEvent(new Event('close', { bubbles: true, composed: true }));
  }

  #bays() {
    const { store, op } = this;
    if (!store || !op) return [];
    const kind = storeIndex(store).kindOf(op);
    const laneOf = new Map(this.lanes.map((l) => [l.bay.id, l]));
    return store.bays
      .map((bay) => ({ bay, suits: bay.kind === kind, lane: laneOf.get(bay.id) }))
      .sort((a, b) => Number(b.suits) - Number(a.suits) || Number(!!a.lane?.op) - Number(!!b.lane?.op));
  }

  #techs() {
    const { store, op } = this;
    if (!store || !op) return [];
    const kind = storeIndex(store).kindOf(op);
    return store.technicians
      .filter((t) => t.roles.some((r) => r === 'technician' || r === 'washer'))
      .map((tech) => ({ tech, suits: !!kind && tech.skills.includes(kind), busy: this.busyTechs.has(tech.id) }))
      .sort((a, b) => Number(b.suits) - Number(a.suits) || Number(a.busy) - Number(b.busy));
  }

  async #submit(e: Event) {
    e.preventDefault();
    const { store, ro, op, bayId } = this;
    if (!store || !ro || !op || !bayId || this.pending) return;
    this.pending = true;
    this.error = undefined;
    const result = await assignOperation(store.id, ro.id, op.id, { bayId, ...(this.technicianId ? { technicianId: this.technicianId } : {}) });
    this.pending = false;
    if (result.ok) this.#close();
    else this.error = result.error;
  }

  render() {
    const text = boardText(this.locale, this.timeZone);
    return safeRender(this, () => this.#body(), text.t('renderError'));
  }

  #body() {
    const text = boardText(this.locale, this.timeZone);
    const { t, c } = text;
    const { ro, op } = this;
    if (!ro || !op) return nothing;
    const legal = canAssign(ro, op);
    const reassign = op.status !== 'unassigned';
    const error = this.error && apiErrorText(text, this.error);
    return html`
      <dialog @cancel=${(e: Event) => {
        e.preventDefault();
        this.#close();
      }} aria-labelledby="title">
        <form @submit=${this.#submit}>
          <h2 id="title">${reassign ? t('assign.reassignTitle') : t('assign.title')}
            <span class="plate">${ro.vehicle.plate}</span><span>${op.title}</span>
            <span class="muted num">${ro.number} · ${op.standardHours}h</span></h2>
          ${legal ? nothing : html`<div class="notice" role="status">${c(`op.${op.status}`)} — ${t('error.illegal_transition')}</div>`}
          <fieldset>
            <legend>${t('assign.bay')}</legend>
            <div class="choices">${keyedRows(
              this.#bays(),
              (b) => b.bay.id,
              ({ bay, suits, lane }) => html`
              <button type="button" class="choice ${suits ? 'suggested' : ''}" data-bay=${bay.id}
                aria-pressed=${String(this.bayId === bay.id)} @click=${() => (this.bayId = bay.id)}>
                <span class="name">${bay.name}</span>
                <span class="note">${t(`kind.${bay.kind}`)} · ${lane?.op ? t('assign.bayBusy') : t('assign.bayIdle')}${lane?.queued ? ` · ${t('assign.bayQueued', { n: lane.queued })}` : ''}${suits ? ` · ${t('assign.suggested')}` : ''}</span>
              </button>`,
            )}</div>
          </fieldset>
          <fieldset>
            <legend>${t('assign.tech')}</legend>
            <div class="choices">
              <button type="button" class="choice" data-tech="" aria-pressed=${String(!this.technicianId)} @click=${() => (this.technicianId = undefined)}>
                <span class="name">${t('assign.anyTech')}</span><span class="note">&nbsp;</span>
              </button>
              ${keyedRows(
                this.#techs(),
                (x) => x.tech.id,
                ({ tech, suits, busy }) => html`
                <button type="button" class="choice ${suits ? 'suggested' : ''}" data-tech=${tech.id}
                  aria-pressed=${String(this.technicianId === tech.id)} @click=${() => (this.technicianId = tech.id)}>
                  <span class="name">${tech.name}</span>
                  <span class="note">${busy ? t('assign.techBusy') : t('assign.techIdle')}${suits ? ` · ${t('assign.suggested')}` : ''}</span>
                </button>`,
              )}
            </div>
          </fieldset>
          ${
            error
              ? html`<div class="error" role="alert"><strong>${t('error.title')}：${error.summary}</strong>
            ${error.detail ? html`<div class="detail">${error.detail}</div>` : nothing}</div>`
              : nothing
          }
          <div class="buttons">
            <button type="button" data-action="cancel" @click=${() => this.#close()}>${t('action.cancel')}</button>
            <button type="submit" class="primary" data-action="submit" ?disabled=${!legal || !this.bayId || this.pending}
              title=${this.bayId ? '' : t('assign.pickBay')}>${this.pending ? t('action.sending') : t('assign.submit')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  static styles = [boardBits, dialogStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'assign-dialog': AssignDialog;
  }
}

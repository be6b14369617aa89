import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import type { Priority } from '../../shared/domain/repair-order';
import type { StaffRo } from '../../shared/projections/views';
import { updateRepairOrder, type ApiError } from '../common/actions';
import { boardBits } from '../common/board-theme';
import { safeRender } from '../common/safe-render';
import { canEditRepairOrder } from '../common/workflow-rules';
import { fromZonedInput, toZonedInput } from '../common/zoned-time';
import { apiErrorText, boardText } from './board-text';
import { dialogStyles } from './dialog-styles';

const PRIORITIES: readonly Priority[] = ['normal', 'high', 'urgent'];

/** Set a repair order's priority and promised time (entered on the store's clock). */
@customElement('edit-dialog')
export class EditDialog extends LitElement {
  @property({ attribute: false }) ro?: StaffRo;
  @property({ attribute: 'store-id' }) storeId = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  @state() private priority: Priority = 'normal';
  @state() private promised = '';
  @state() private noPromise = false;
  @state() private pending = false;
  @state() private error?: ApiError;
  @state() private problem?: string;
  #initialised = false;

  @query('dialog') private dialog?: HTMLDialogElement;

  protected willUpdate(): void {
    if (!this.#initialised && this.ro) {
      this.#initialised = true;
      this.priority = this.ro.priority;
      this.promised = this.ro.promisedAt ? toZonedInput(this.ro.promisedAt, this.timeZone) : '';
      this.noPromise = !this.ro.promisedAt;
    }
  }

  protected firstUpdated(): void {
    this.dialog?.showModal();
  }

  #close() {
    this.dialog?.close();
    this.dispatchEvent(new Event('close', { bubbles: true, composed: true }));
  }

  async #submit(e: Event) {
    e.preventDefault();
    const { ro } = this;
    if (!ro || this.pending) return;
    const { t } = boardText(this.locale, this.timeZone);
    const promisedAt = this.noPromise ? null : fromZonedInput(this.promised, this.timeZone);
    if (promisedAt === undefined) return void (this.problem = t('edit.badTime'));
    const patch: { priority?: Priority; promisedAt?: string | null } = {};
    if (this.priority !== ro.priority) patch.priority = this.priority;
    // The input shows whole minutes, so compare whole minutes.
    const minute = (iso: string | null | undefined) => (iso ? Math.floor(Date.parse(iso) / 60_000) : null);
    if (minute(promisedAt) !== minute(ro.promisedAt)) patch.promisedAt = promisedAt;
    if (!Object.keys(patch).length) return void (this.problem = t('edit.noChange'));
    this.problem = undefined;
    this.pending = true;
    this.error = undefined;
    const result = await updateRepairOrder(this.storeId, ro.id, patch);
    this.pending = false;
    if (result.ok) this.#close();
    else this.error = result.error;
  }

  render() {
    return safeRender(this, () => this.#body(), boardText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const text = boardText(this.locale, this.timeZone);
    const { t, c } = text;
    const ro = this.ro;
    if (!ro) return nothing;
    const legal = canEditRepairOrder(ro);
    const error = this.error && apiErrorText(text, this.error);
    return html`
      <dialog @cancel=${(e: Event) => { e.preventDefault(); this.#close(); }} aria-labelledby="title">
        <form @submit=${this.#submit}>
          <h2 id="title">${t('edit.title')} <span class="plate">${ro.vehicle.plate}</span>
            <span class="muted num">${ro.number}</span></h2>
          ${legal ? nothing : html`<div class="notice" role="status">${c(`stage.${ro.stage}`)} — ${t('error.illegal_transition')}</div>`}
          <fieldset>
            <legend>${t('edit.priority')}</legend>
            <div class="choices">${PRIORITIES.map((p) => html`
              <button type="button" class="choice" data-priority=${p} aria-pressed=${String(this.priority === p)}
                @click=${() => (this.priority = p)}><span class="name">${t(`priority.${p}`)}</span></button>`)}</div>
          </fieldset>
          <fieldset>
            <legend>${t('edit.promised')}</legend>
            <input type="datetime-local" name="promised" .value=${this.promised} ?disabled=${this.noPromise}
              @input=${(e: Event) => (this.promised = (e.target as HTMLInputElement).value)}>
            <label class="check"><input type="checkbox" name="no-promise" .checked=${this.noPromise}
              @change=${(e: Event) => (this.noPromise = (e.target as HTMLInputElement).checked)}> ${t('edit.clear')}</label>
          </fieldset>
          ${this.problem ? html`<div class="notice" role="status">${this.problem}</div>` : nothing}
          ${error ? html`<div class="error" role="alert"><strong>${t('error.title')}：${error.summary}</strong>
            ${error.detail ? html`<div class="detail">${error.detail}</div>` : nothing}</div>` : nothing}
          <div class="buttons">
            <button type="button" data-action="cancel" @click=${() => this.#close()}>${t('action.cancel')}</button>
            <button type="submit" class="primary" data-action="submit" ?disabled=${!legal || this.pending}>
              ${this.pending ? t('action.sending') : t('edit.submit')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  static styles = [boardBits, dialogStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'edit-dialog': EditDialog;
  }
}

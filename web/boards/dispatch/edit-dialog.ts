import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Priority } from '../../../shared/domain/repair-order';
import type { StaffRo } from '../../../shared/projections/views';
import { updateRepairOrder, type ApiError } from '../../common/actions';
import { boardBits } from '../../common/board-theme';
import { safeRender } from '../../common/safe-render';
import { canEditRepairOrder, canProposeAddOn } from '../../common/workflow-rules';
import { DispatchRequestEvent } from './dispatch-events';
import '../../common/zoned-datetime-field';
import { fromZonedInput, toZonedInput } from '../../common/zoned-time';
import { apiErrorText, boardText } from './board-text';
import { dialogStyles } from './dialog-styles';
import { roHistory } from '../../../shared/i18n/ro-history';
import { translator } from '../../../shared/i18n/translate';
import './ro-history';
import './delivery-log';
import { DELIVERY_LOG_TEXT } from '../../../shared/i18n/notify';

const PRIORITIES: readonly Priority[] = ['normal', 'high', 'urgent'];

/** Set a repair order's priority and promised time (entered on the store's clock); below, the order's history. */
@customElement('edit-dialog')
export class EditDialog extends LitElement {
  @property({ attribute: false }) ro?: StaffRo;
  @property({ attribute: 'store-id' }) storeId = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  /** Bay names by id, for the history's "from which bay board". */
  @property({ attribute: false }) bays: ReadonlyMap<string, string> = new Map();
  /** The signed-in person may propose add-on work (the board asks the permissions table). */
  @property({ type: Boolean, attribute: 'may-propose' }) mayPropose = false;

  @state() private priority: Priority = 'normal';
  @state() private promised = '';
  @state() private noPromise = false;
  @state() private pending = false;
  @state() private error?: ApiError;
  @state() private problem?: string;
  /** Which record the dialog's lower part shows: who did what, or what the customer was sent. */
  @state() private record: 'history' | 'messages' = 'history';
  #initialised = false;

  @query('dialog') private dialog?: HTMLDialogElement;

  protected willUpdate(): void {
    if (!this.#initialised && this.ro) {
      this.#initialised = true;
      this.priority = this.ro.priority;
      // Without a promise yet, offer the next whole five minutes two hours from now.
      this.promised = toZonedInput(this.ro.promisedAt ?? Math.ceil((Date.now() + 2 * 3600_000) / 300_000) * 300_000, this.timeZone);
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
      <dialog @cancel=${(e: Event) => {
        e.preventDefault();
        this.#close();
      }} aria-labelledby="title">
        <form @submit=${this.#submit}>
          <h2 id="title">${t('edit.title')} <span class="plate">${ro.vehicle.plate}</span>
            <span class="muted num">${ro.number}</span></h2>
          ${legal ? nothing : html`<div class="notice" role="status">${c(`stage.${ro.stage}`)} — ${t('error.illegal_transition')}</div>`}
          <fieldset>
            <legend>${t('edit.priority')}</legend>
            <div class="choices">${PRIORITIES.map(
              (p) => html`
              <button type="button" class="choice" data-priority=${p} aria-pressed=${String(this.priority === p)}
                @click=${() => (this.priority = p)}><span class="name">${t(`priority.${p}`)}</span></button>`,
            )}</div>
          </fieldset>
          <fieldset>
            <legend>${t('edit.promised')}</legend>
            <zoned-datetime-field name="promised" .value=${this.promised} ?disabled=${this.noPromise}
              locale=${this.locale} time-zone=${this.timeZone} .words=${{ today: t('edit.today'), tomorrow: t('edit.tomorrow') }}
              @input=${(e: Event) => (this.promised = (e.target as HTMLInputElement).value)}></zoned-datetime-field>
            <label class="check"><input type="checkbox" name="no-promise" .checked=${this.noPromise}
              @change=${(e: Event) => (this.noPromise = (e.target as HTMLInputElement).checked)}> ${t('edit.clear')}</label>
          </fieldset>
          <fieldset class="history">
            <legend class="tabs">
              <button type="button" class="tab" data-record="history" aria-pressed=${String(this.record === 'history')}
                @click=${() => (this.record = 'history')}>${translator(roHistory, this.locale)('title')}</button>
              <button type="button" class="tab" data-record="messages" aria-pressed=${String(this.record === 'messages')}
                @click=${() => (this.record = 'messages')}>${DELIVERY_LOG_TEXT[this.locale === 'en' ? 'en' : 'zh-CN'].tab}</button>
            </legend>
            ${
              this.record === 'history'
                ? html`<ro-history store-id=${this.storeId} ro-id=${ro.id} locale=${this.locale} time-zone=${this.timeZone} .bays=${this.bays}></ro-history>`
                : html`<delivery-log store-id=${this.storeId} ro-id=${ro.id} locale=${this.locale} time-zone=${this.timeZone}></delivery-log>`
            }
          </fieldset>
          ${this.problem ? html`<div class="notice" role="status">${this.problem}</div>` : nothing}
          ${
            error
              ? html`<div class="error" role="alert"><strong>${t('error.title')}：${error.summary}</strong>
            ${error.detail ? html`<div class="detail">${error.detail}</div>` : nothing}</div>`
              : nothing
          }
          <div class="buttons">
            ${
              this.mayPropose && canProposeAddOn(ro)
                ? html`<button type="button" class="propose" data-action="propose-add-on"
                    @click=${() => this.dispatchEvent(new DispatchRequestEvent({ kind: 'add-on', roId: ro.id }))}>${t('propose.action')}</button>`
                : nothing
            }
            <button type="button" data-action="cancel" @click=${() => this.#close()}>${t('action.cancel')}</button>
            <button type="submit" class="primary" data-action="submit" ?disabled=${!legal || this.pending}>
              ${this.pending ? t('action.sending') : t('edit.submit')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  static styles = [
    boardBits,
    dialogStyles,
    css`
    .buttons .propose { margin-right: auto; }
    .tabs { display: flex; gap: 0.4em; padding: 0; }
    .tab { font: inherit; font-weight: 700; color: var(--tw-muted); background: none; border: 0; border-bottom: 0.15em solid transparent; padding: 0 0.2em 0.1em; cursor: pointer; }
    .tab[aria-pressed='true'] { color: var(--tw-text, #fff); border-bottom-color: currentColor; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'edit-dialog': EditDialog;
  }
}

import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Operation } from '../../../shared/domain/repair-order';
import type { StaffRo } from '../../../shared/projections/views';
import { correctPartsEta, type ApiError } from '../../common/actions';
import { boardBits } from '../../common/board-theme';
import { safeRender } from '../../common/safe-render';
import '../../common/zoned-datetime-field';
import { fromZonedInput, toZonedInput } from '../../common/zoned-time';
import { apiErrorText, boardText } from './board-text';
import { dialogStyles } from './dialog-styles';

/** A dispatcher corrects when the part a paused job waits for will arrive (on the store's clock). */
@customElement('parts-eta-dialog')
export class PartsEtaDialog extends LitElement {
  @property({ attribute: false }) ro?: StaffRo;
  @property({ attribute: false }) op?: Operation;
  @property({ attribute: 'store-id' }) storeId = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  @state() private eta = '';
  @state() private pending = false;
  @state() private error?: ApiError;
  @state() private problem?: string;
  #initialised = false;

  @query('dialog') private dialog?: HTMLDialogElement;

  protected willUpdate(): void {
    if (!this.#initialised && this.op) {
      this.#initialised = true;
      const current = this.op.pause?.reason === 'parts' ? this.op.pause.eta : undefined;
      // A passed ETA is what needs correcting: offer the next whole quarter hour an hour from now.
      const offer = current && Date.parse(current) > Date.now() ? current : Math.ceil((Date.now() + 3600_000) / 900_000) * 900_000;
      this.eta = toZonedInput(offer, this.timeZone);
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
    const { ro, op } = this;
    if (!ro || !op || this.pending) return;
    const { t } = boardText(this.locale, this.timeZone);
    const eta = fromZonedInput(this.eta, this.timeZone);
    if (eta === undefined) return void (this.problem = t('edit.badTime'));
    // The server refuses it too (400 naming the field); saying so here saves a round trip.
    if (Date.parse(eta) < Date.now()) return void (this.problem = t('partsEta.past'));
    this.problem = undefined;
    this.pending = true;
    this.error = undefined;
    const result = await correctPartsEta(this.storeId, ro.id, op.id, eta);
    this.pending = false;
    if (result.ok) this.#close();
    else this.error = result.error;
  }

  render() {
    return safeRender(this, () => this.#body(), boardText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const text = boardText(this.locale, this.timeZone);
    const { t } = text;
    const { ro, op } = this;
    if (!ro || !op) return nothing;
    const part = op.pause?.reason === 'parts' ? op.pause.part : '';
    const error = this.error && apiErrorText(text, this.error);
    return html`
      <dialog @cancel=${(e: Event) => {
        e.preventDefault();
        this.#close();
      }} aria-labelledby="title">
        <form @submit=${this.#submit}>
          <h2 id="title">${t('partsEta.title')} <span class="plate">${ro.vehicle.plate}</span>
            <span class="muted">${op.title} · ${part}</span></h2>
          <fieldset>
            <legend>${t('partsEta.eta')}</legend>
            <zoned-datetime-field name="eta" .value=${this.eta} locale=${this.locale} time-zone=${this.timeZone}
              .words=${{ today: t('edit.today'), tomorrow: t('edit.tomorrow') }}
              @input=${(e: Event) => (this.eta = (e.target as HTMLInputElement).value)}></zoned-datetime-field>
          </fieldset>
          ${this.problem ? html`<div class="notice" role="status">${this.problem}</div>` : nothing}
          ${
            error
              ? html`<div class="error" role="alert"><strong>${t('error.title')}：${error.summary}</strong>
            ${error.detail ? html`<div class="detail">${error.detail}</div>` : nothing}</div>`
              : nothing
          }
          <div class="buttons">
            <button type="button" data-action="cancel" @click=${() => this.#close()}>${t('action.cancel')}</button>
            <button type="submit" class="primary" data-action="submit" ?disabled=${this.pending}>
              ${this.pending ? t('action.sending') : t('partsEta.submit')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  static styles = [boardBits, dialogStyles];
}

declare global {
  interface HTMLElementTagNameMap {
    'parts-eta-dialog': PartsEtaDialog;
  }
}

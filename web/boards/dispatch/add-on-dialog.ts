import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { StaffRo } from '../../../shared/projections/views';
import { proposeAddOn, type ApiError } from '../../common/actions';
import { addOnRefusalText } from '../../common/add-on-refusal';
import { addOnForm, addOnReady, MAX_ADD_ON_PHOTOS, photosToAdd } from '../../common/add-on-form';
import { boardBits } from '../../common/board-theme';
import { safeRender } from '../../common/safe-render';
import { canProposeAddOn } from '../../common/workflow-rules';
import { apiErrorText, boardText } from './board-text';
import { dialogStyles } from './dialog-styles';

/**
 * An advisor at the desk proposes found work (增项) on a repair order: what, the price in yuan,
 * the standard hours and up to three photos from the PC's files — the same multipart form the
 * scan page's sheet sends (../../common/add-on-form.ts), to the desk's route. The server checks
 * and re-encodes the photos; a refusal (its message names the field, e.g. `photos[1]`) shows
 * here and nothing is stored. On success the proposal appears in the panel 增项待顾客确认.
 */
@customElement('add-on-dialog')
export class AddOnDialog extends LitElement {
  @property({ attribute: false }) ro?: StaffRo;
  @property({ attribute: 'store-id' }) storeId = '';
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';

  @state() private workTitle = '';
  @state() private price = '';
  @state() private hours = '';
  /** Picked files; `broken` when the browser cannot show one (the server will say why it refuses it). */
  @state() private photos: { file: File; url: string; broken?: boolean }[] = [];
  @state() private pending = false;
  @state() private error?: ApiError;

  @query('dialog') private dialog?: HTMLDialogElement;

  protected firstUpdated(): void {
    this.dialog?.showModal();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const p of this.photos) URL.revokeObjectURL(p.url);
  }

  #close() {
    this.dialog?.close();
    this.dispatchEvent(new Event('close', { bubbles: true, composed: true }));
  }

  #addPhotos(e: Event) {
    const input = e.target as HTMLInputElement;
    const files = photosToAdd(input, this.photos.length);
    this.photos = [...this.photos, ...files.map((file) => ({ file, url: URL.createObjectURL(file) }))];
    input.value = '';
    // A refusal was about what was sent; once that changes, it no longer applies.
    this.error = undefined;
  }

  #broken(i: number) {
    this.photos = this.photos.map((p, j) => (j === i ? { ...p, broken: true } : p));
  }

  #remove(i: number) {
    URL.revokeObjectURL(this.photos[i].url);
    this.photos = this.photos.filter((_, j) => j !== i);
    this.error = undefined;
  }

  async #submit(e: Event) {
    e.preventDefault();
    const { ro } = this;
    if (!ro || this.pending) return;
    const form = addOnForm({ title: this.workTitle, price: this.price, hours: this.hours, photos: this.photos.map((p) => p.file) });
    this.pending = true;
    this.error = undefined;
    const result = await proposeAddOn(this.storeId, ro.id, form);
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
    const legal = canProposeAddOn(ro);
    const ready = addOnReady({ title: this.workTitle, price: this.price, hours: this.hours });
    // A refused photo in the desk's language, naming which one; other refusals keep the server's words as the detail.
    const refusal = this.error && addOnRefusalText(this.locale, this.error);
    const error = this.error && (refusal ? { summary: t('error.invalid_input'), detail: refusal } : apiErrorText(text, this.error));
    const field = (
      name: 'title' | 'price' | 'hours',
      label: string,
      value: string,
      set: (v: string) => void,
      attrs: { mode: string; max: number; placeholder?: string },
    ) =>
      html`<label class="field"><span>${label}</span><input name=${name} required maxlength=${attrs.max} inputmode=${attrs.mode}
        placeholder=${attrs.placeholder ?? ''} autocomplete="off" .value=${value} @input=${(e: Event) => {
          set((e.target as HTMLInputElement).value);
          this.error = undefined;
        }}></label>`;
    return html`
      <dialog @cancel=${(e: Event) => {
        e.preventDefault();
        this.#close();
      }} aria-labelledby="title">
        <form @submit=${this.#submit}>
          <h2 id="title">${t('propose.title')} <span class="plate">${ro.vehicle.plate}</span>
            <span class="muted num">${ro.number}</span></h2>
          ${legal ? nothing : html`<div class="notice" role="status">${c(`stage.${ro.stage}`)} — ${t('error.illegal_transition')}</div>`}
          <p class="muted hint">${t('propose.hint')}</p>
          ${field('title', t('propose.what'), this.workTitle, (v) => (this.workTitle = v), { mode: 'text', max: 80, placeholder: t('propose.whatPlaceholder') })}
          <div class="two">
            ${field('price', t('propose.price'), this.price, (v) => (this.price = v), { mode: 'decimal', max: 12 })}
            ${field('hours', t('propose.hours'), this.hours, (v) => (this.hours = v), { mode: 'decimal', max: 6 })}
          </div>
          <fieldset>
            <legend>${t('propose.photos')}</legend>
            <div class="thumbs">
              ${this.photos.map(
                (p, i) => html`<figure>${
                  p.broken
                    ? html`<div class="file" role="img" aria-label=${p.file.name}><span>${p.file.name}</span></div>`
                    : html`<img src=${p.url} alt=${`${this.workTitle || t('propose.photos')} ${i + 1}`} @error=${() => this.#broken(i)}>`
                }
                  <button type="button" class="remove" data-action="remove-photo" aria-label=${t('propose.removePhoto', { n: i + 1 })}
                    @click=${() => this.#remove(i)}>✕</button></figure>`,
              )}
              ${
                this.photos.length < MAX_ADD_ON_PHOTOS
                  ? html`<label class="add"><span aria-hidden="true" class="plus">＋</span><span>${t('propose.addPhoto')}</span>
                      <input type="file" name="photos" accept="image/*" multiple @change=${(e: Event) => this.#addPhotos(e)}></label>`
                  : html`<p class="muted">${t('propose.maxPhotos')}</p>`
              }
            </div>
          </fieldset>
          ${
            error
              ? html`<div class="error" role="alert"><strong>${t('propose.failed')}：${error.summary}</strong>
            ${error.detail ? html`<div class="detail">${error.detail}</div>` : nothing}</div>`
              : nothing
          }
          <div class="buttons">
            <button type="button" data-action="cancel" @click=${() => this.#close()}>${t('action.cancel')}</button>
            <button type="submit" class="primary" data-action="submit" ?disabled=${!legal || !ready || this.pending}>
              ${this.pending ? t('action.sending') : t('propose.submit')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  static styles = [
    boardBits,
    dialogStyles,
    css`
    dialog { width: min(44em, 92vw); }
    .hint { margin: 0; font-size: 0.9em; }
    .field { display: grid; gap: 0.3em; font-weight: 700; color: var(--tw-muted); }
    .field input {
      font: inherit; font-weight: 400; color: var(--tw-text); background: var(--tw-bg); border: 0.1em solid var(--tw-line);
      border-radius: 0.4em; padding: 0.35em 0.6em; min-height: 44px; box-sizing: border-box; width: 100%;
    }
    .field input:focus-visible { outline: 0.15em solid #38bdf8; outline-offset: 0.1em; }
    .two { display: grid; grid-template-columns: 1fr 1fr; gap: 0.9em; }
    .thumbs { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; }
    figure { position: relative; margin: 0; }
    figure img { width: 7.5em; height: 7.5em; object-fit: cover; border-radius: 0.45em; border: 0.1em solid var(--tw-line); display: block; }
    .file {
      width: 7.5em; height: 7.5em; box-sizing: border-box; display: flex; align-items: flex-end; padding: 0.4em;
      border-radius: 0.45em; border: 0.1em solid var(--tw-line); background: var(--tw-panel-2); overflow: hidden;
    }
    .file span { word-break: break-all; color: var(--tw-muted); font-size: 0.8em; }
    .remove {
      position: absolute; top: 0.2em; right: 0.2em; min-width: 44px; min-height: 44px; padding: 0; border-radius: 999px;
      font: inherit; font-weight: 700; color: #fff; background: rgb(15 23 42 / 0.85); border: 0.1em solid var(--tw-line); cursor: pointer;
    }
    .add {
      position: relative; display: grid; place-items: center; gap: 0.1em; width: 7.5em; min-height: 7.5em; box-sizing: border-box;
      border: 0.12em dashed var(--tw-line); border-radius: 0.45em; font-weight: 700; text-align: center; padding: 0.3em; cursor: pointer;
    }
    .add .plus { font-size: 1.6em; line-height: 1; }
    .add input { position: absolute; inset: 0; width: 100%; height: 100%; opacity: 0; cursor: pointer; }
    .add:focus-within { outline: 0.15em solid #facc15; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'add-on-dialog': AddOnDialog;
  }
}

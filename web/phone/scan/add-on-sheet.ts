import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { callForm } from '../../common/actions';
import { addOnForm, addOnReady, MAX_ADD_ON_PHOTOS, photosToAdd } from '../../common/add-on-form';
import { icon } from '../../common/icons';
import { scanStyles } from './scan-styles';
import { sheetStyles } from './sheet-styles';
import type { ScanText } from './scan-text';
import { addOnRefusalText } from '../../common/add-on-refusal';

/** What the sheet sent: the add-on's id and its title (for the page's notice). */
export interface ProposedDetail {
  addOnId: string;
  title: string;
}

/**
 * Found work for the customer to approve: what, the price, standard hours, and up to three photos
 * from the phone's camera (`capture=environment` opens the back camera; a photo from the gallery
 * works too). Sent at once, not queued: a photo upload needs the network, and the customer should
 * see it now. The server resizes each photo and removes its location data.
 */
@customElement('add-on-sheet')
export class AddOnSheet extends LitElement {
  @property({ attribute: false }) text!: ScanText;
  /** The scanned job card's code: the order (and the bay it was found at) follow from it. */
  @property() code = '';
  @property() what = '';
  @state() private workTitle = '';
  @state() private price = '';
  @state() private hours = '';
  @state() private photos: { file: File; url: string }[] = [];
  @state() private sending = false;
  @state() private problem = '';

  disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const p of this.photos) URL.revokeObjectURL(p.url);
  }

  #addPhotos(e: Event) {
    const input = e.target as HTMLInputElement;
    const files = photosToAdd(input, this.photos.length);
    this.photos = [...this.photos, ...files.map((file) => ({ file, url: URL.createObjectURL(file) }))];
    input.value = '';
  }

  #remove(i: number) {
    URL.revokeObjectURL(this.photos[i].url);
    this.photos = this.photos.filter((_, j) => j !== i);
  }

  get #ready() {
    return addOnReady({ title: this.workTitle, price: this.price, hours: this.hours });
  }

  async #send() {
    const { t } = this.text;
    if (!navigator.onLine) {
      this.problem = t('addOn.needOnline');
      return;
    }
    const form = addOnForm({ code: this.code, title: this.workTitle, price: this.price, hours: this.hours, photos: this.photos.map((p) => p.file) });
    this.sending = true;
    this.problem = '';
    const answer = await callForm<{ data?: { addOnId: string } }>('/api/scan/add-ons', form);
    this.sending = false;
    if (!answer.ok || !answer.data.data) {
      this.problem = `${t('addOn.failed')}: ${answer.ok ? 'no answer' : (addOnRefusalText(this.text.locale, answer.error) ?? answer.error.message)}`;
      return;
    }
    this.dispatchEvent(new CustomEvent<ProposedDetail>('proposed', { detail: { addOnId: answer.data.data.addOnId, title: this.workTitle.trim() } }));
  }

  render() {
    const { t } = this.text;
    const input = (name: 'workTitle' | 'price' | 'hours', label: string, attrs: { mode?: string; placeholder?: string; max?: number }) =>
      html` <label class="field"
        >${label}<input
          name=${name === 'workTitle' ? 'title' : name}
          maxlength=${attrs.max ?? 12}
          inputmode=${attrs.mode ?? 'text'}
          placeholder=${attrs.placeholder ?? ''}
          .value=${this[name]}
          @input=${(e: Event) => (this[name] = (e.target as HTMLInputElement).value)}
      /></label>`;
    return html`<div class="panel" role="dialog" aria-label=${t('addOn.title')}>
      <h2>${icon('alert')} ${t('addOn.title')}</h2>
      <p class="muted">${this.what}</p>
      ${input('workTitle', t('addOn.what'), { placeholder: t('addOn.whatPlaceholder'), max: 80 })}
      <div class="two">${input('price', t('addOn.price'), { mode: 'decimal' })}${input('hours', t('addOn.hours'), { mode: 'decimal' })}</div>
      <div class="field">
        <b>${t('addOn.photos')}</b>
        <div class="thumbs">
          ${this.photos.map((p, i) => html`<figure><img src=${p.url} alt="" /><button class="chip remove" aria-label=${t('addOn.removePhoto', { n: i + 1 })} @click=${() => this.#remove(i)}>${icon('x')}</button></figure>`)}
          ${
            this.photos.length < MAX_ADD_ON_PHOTOS
              ? html`<label class="add"
                  >${icon('camera')}<span>${t('addOn.addPhoto')}</span>
                  <input type="file" name="photos" accept="image/*" capture="environment" multiple @change=${(e: Event) => this.#addPhotos(e)}
                /></label>`
              : html`<p class="muted">${t('addOn.maxPhotos')}</p>`
          }
        </div>
      </div>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      <div class="foot">
        <button class="big ghost" data-choice="cancel" @click=${() => this.dispatchEvent(new Event('cancel'))}>${t('pause.cancel')}</button>
        <button class="big start" data-choice="send" ?disabled=${!this.#ready || this.sending} @click=${() => void this.#send()}>
          ${this.sending ? t('addOn.sending') : t('addOn.send')}
        </button>
      </div>
    </div>`;
  }

  static styles = [
    scanStyles,
    sheetStyles,
    css`
      .two {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px;
      }
      .thumbs {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
      }
      figure {
        position: relative;
        margin: 0;
      }
      figure img {
        width: 104px;
        height: 104px;
        object-fit: cover;
        border-radius: 12px;
        border: 3px solid #475569;
        display: block;
      }
      .remove {
        position: absolute;
        top: 4px;
        right: 4px;
        min-height: 48px;
        min-width: 48px;
        padding: 0;
        border-radius: 999px;
      }
      .add {
        display: grid;
        place-items: center;
        gap: 4px;
        width: 104px;
        min-height: 104px;
        border: 3px dashed #94a3b8;
        border-radius: 12px;
        font-size: 16px;
        font-weight: 700;
        text-align: center;
        padding: 6px;
        cursor: pointer;
      }
      .add .i {
        font-size: 34px;
      }
      .add input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      .add:focus-within {
        outline: 3px solid #facc15;
      }
      .problem {
        color: #fecaca;
        font-size: 20px;
        font-weight: 700;
        margin: 0;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'add-on-sheet': AddOnSheet;
  }
}

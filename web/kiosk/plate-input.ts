import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { CN_PROVINCES, type Country } from '../../shared/domain/plate-rules';
import { kioskText } from '../../shared/i18n/kiosk';
import { translator } from '../../shared/i18n/translate';
import { kioskBits } from './kiosk-theme';

const DIGITS = [...'1234567890'];
const LETTER_ROWS = [[...'QWERTYUIOP'], [...'ASDFGHJKL'], [...'ZXCVBNM']];

/** Typed plate text changed. */
export class PlateChangeEvent extends CustomEvent<{ value: string }> {
  constructor(value: string) {
    super('plate-change', { detail: { value }, bubbles: true, composed: true });
  }
}

/**
 * A licence plate typed on screen: the plate as boxes (blue for a regular plate, green once an
 * 8th new-energy character is typed) and a keyboard that offers only what fits the next box —
 * province characters first, then the office letter, then letters and digits without I and O.
 * It only suggests characters, never plates: nothing here knows any customer's car.
 */
@customElement('plate-input')
export class PlateInput extends LitElement {
  @property() value = '';
  @property() country: Country = 'CN';
  @property() locale: Locale = 'zh-CN';
  /** Marks the boxes as wrong (with the message shown by the screen). */
  @property({ type: Boolean }) invalid = false;

  get #max() {
    return this.country === 'CN' ? 8 : 10;
  }

  #set(value: string) {
    this.dispatchEvent(new PlateChangeEvent(value));
  }

  #type(ch: string) {
    if (this.value.length < this.#max) this.#set(this.value + ch);
  }

  /** Whether a key fits the box it would fill. */
  #allowed(ch: string): boolean {
    const at = this.value.length;
    if (at >= this.#max) return false;
    if (this.country !== 'CN') return true;
    if (at === 1) return /[A-Z]/.test(ch);
    return ch !== 'I' && ch !== 'O';
  }

  render() {
    const t = translator(kioskText, this.locale);
    const cn = this.country === 'CN';
    const provinceStep = cn && this.value.length === 0;
    return html`
      <div class="plate ${this.value.length === 8 ? 'green' : ''} ${this.invalid ? 'invalid' : ''}" role="group" aria-label=${t('plate.title')}>
        ${cn ? this.#cnBoxes(t('plate.newEnergy')) : html`<div class="free" data-testid="plate-value">${this.value || '\u00a0'}</div>`}
      </div>
      <div class="messages"><slot></slot></div>
      <div class="keys ${provinceStep ? 'provinces' : 'alnum'}" part="keys">
        ${provinceStep ? this.#provinceKeys() : this.#alnumKeys(t('plate.delete'), t('plate.clear'))}
      </div>
      <div class="actions-slot"><slot name="actions"></slot></div>
    `;
  }

  #cnBoxes(newEnergy: string) {
    const chars = [...this.value];
    const box = (i: number) => html`<span class="box ${i === chars.length ? 'cursor' : ''} ${i === 7 ? 'extra' : ''} ${chars[i] ? 'filled' : ''}"
        data-box=${i}>${chars[i] ?? (i === 7 ? html`<small>${newEnergy}</small>` : '')}</span>`;
    return html`<div class="boxes" data-testid="plate-value" data-value=${this.value}>
      ${box(0)}${box(1)}<span class="dot" aria-hidden="true">·</span>${[2, 3, 4, 5, 6, 7].map(box)}
    </div>`;
  }

  #provinceKeys() {
    return html`${[...CN_PROVINCES].map((p) => html`<button class="key cjk" data-key=${p} @click=${() => this.#type(p)}>${p}</button>`)}`;
  }

  #alnumKeys(del: string, clear: string) {
    const key = (k: string) => html`<button class="key" data-key=${k} ?disabled=${!this.#allowed(k)} @click=${() => this.#type(k)}>${k}</button>`;
    return html`
      <div class="row">${DIGITS.map(key)}</div>
      ${LETTER_ROWS.map(
        (row, i) =>
          html`<div class="row">${row.map(key)}${
            i === 2
              ? html`<button class="key wide" data-key="delete" ?disabled=${!this.value} @click=${() => this.#set(this.value.slice(0, -1))} aria-label=${del}>⌫</button>`
              : nothing
          }</div>`,
      )}
      <div class="row">
        <button class="key clear" data-key="clear" ?disabled=${!this.value} @click=${() => this.#set('')}>${clear}</button>
      </div>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { display: flex; flex-direction: column; gap: 1.1em; }
    .keys { margin-top: auto; }
    .messages:empty { display: none; }
    /* Landscape: the plate, its messages and the buttons on the left, the keyboard on the right. */
    @media (orientation: landscape) {
      :host { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.35fr); grid-template-rows: auto auto 1fr; column-gap: 2em; row-gap: 1em; align-items: start; }
      .plate { grid-column: 1; grid-row: 1; justify-content: flex-start; }
      .box { width: 1.9em; height: 2.6em; }
      .messages { grid-column: 1; grid-row: 2; }
      .actions-slot { grid-column: 1; grid-row: 3; align-self: end; }
      .keys { grid-column: 2; grid-row: 1 / 4; margin-top: 0; }
    }
    .plate { display: flex; justify-content: center; }
    .boxes {
      display: flex; align-items: center; gap: 0.28em; padding: 0.45em 0.6em; border-radius: 0.55em;
      background: var(--k-plate); box-shadow: inset 0 0 0 0.16em rgb(255 255 255 / 0.85), 0 0.3em 1em rgb(21 84 179 / 0.25);
    }
    .green .boxes { background: linear-gradient(180deg, #f4fbf6 0%, #bfe8cf 55%, var(--k-plate-green) 100%); }
    .invalid .boxes { box-shadow: inset 0 0 0 0.16em rgb(255 255 255 / 0.85), 0 0 0 0.22em var(--k-error); }
    .box {
      width: 2.25em; height: 2.9em; display: grid; place-items: center; border-radius: 0.3em;
      font-size: 1.7em; font-weight: 800; color: #fff; background: rgb(255 255 255 / 0.12); border: 0.06em solid rgb(255 255 255 / 0.35);
    }
    .green .box { color: #0b2916; background: rgb(255 255 255 / 0.55); border-color: rgb(11 41 22 / 0.25); }
    .box.cursor { border-color: #fff; background: rgb(255 255 255 / 0.3); box-shadow: 0 0 0 0.08em #fff; }
    .green .box.cursor { border-color: #0b2916; }
    .box.extra:not(.filled) { border-style: dashed; }
    .box small { font-size: 0.38em; font-weight: 600; color: #dff0d8; text-align: center; line-height: 1.1; }
    .dot { color: #fff; font-size: 1.7em; font-weight: 800; }
    .green .dot { color: #0b2916; }
    .free { min-width: 8em; padding: 0.4em 0.8em; font-size: 2em; font-weight: 800; letter-spacing: 0.1em; background: #fff; border: 0.1em solid var(--k-line); border-radius: 0.4em; text-align: center; }
    .keys { display: grid; gap: 0.45em; background: #e4e9f1; padding: 0.6em; border-radius: 0.9em; }
    .keys.provinces { grid-template-columns: repeat(8, 1fr); }
    .row { display: flex; gap: 0.45em; justify-content: center; }
    .key {
      min-height: 2.3em; padding: 0; font-size: 1.35em; font-weight: 700; border-radius: 0.45em; border: 0;
      background: #fff; box-shadow: 0 0.1em 0 #b8c3d3; flex: 1; max-width: 3.4em; min-width: 0;
    }
    .key.cjk { max-width: none; }
    .key.wide { max-width: 5em; flex: 1.6; }
    .key.clear { max-width: 8em; font-size: 1em; color: var(--k-muted); }
    .key[disabled] { opacity: 0.3; box-shadow: none; }
    @media (orientation: portrait) {
      .key { min-height: 2.6em; }
      .box { width: 2.4em; height: 3.1em; }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'plate-input': PlateInput;
  }
  interface HTMLElementEventMap {
    'plate-change': PlateChangeEvent;
  }
}

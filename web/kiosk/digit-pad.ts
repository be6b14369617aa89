import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { kioskText } from '../../shared/i18n/kiosk';
import { translator } from '../../shared/i18n/translate';
import { kioskBits } from './kiosk-theme';

/** Typed digits changed. */
export class DigitsChangeEvent extends CustomEvent<{ value: string }> {
  constructor(value: string) {
    super('digits-change', { detail: { value }, bubbles: true, composed: true });
  }
}

/**
 * Digits typed on screen: the value in large figures (grouped like a phone number, or as
 * separate boxes for a fixed length such as the last four digits) and a phone-style pad.
 */
@customElement('digit-pad')
export class DigitPad extends LitElement {
  @property() value = '';
  @property({ type: Number }) max = 11;
  /** Show `length` boxes instead of a free number (last four digits). */
  @property({ type: Number }) boxes = 0;
  @property() locale: Locale = 'zh-CN';
  @property() unit = '';
  @property({ type: Boolean }) invalid = false;

  #set(value: string) {
    this.dispatchEvent(new DigitsChangeEvent(value));
  }

  render() {
    const t = translator(kioskText, this.locale);
    const full = this.value.length >= this.max;
    return html`
      <div class="display ${this.invalid ? 'invalid' : ''}" data-testid="digits-value" data-value=${this.value}>
        ${
          this.boxes
            ? Array.from({ length: this.boxes }, (_, i) => html`<span class="box ${i === this.value.length ? 'cursor' : ''}">${this.value[i] ?? ''}</span>`)
            : html`<span class="number">${(this.unit ? thousands(this.value) : grouped(this.value)) || '\u00a0'}</span>${this.unit ? html`<span class="unit">${this.unit}</span>` : ''}`
        }
      </div>
      <div class="pad">
        ${[...'123456789'].map((d) => html`<button class="key" data-key=${d} ?disabled=${full} @click=${() => this.#set(this.value + d)}>${d}</button>`)}
        <button class="key small" data-key="clear" ?disabled=${!this.value} @click=${() => this.#set('')}>${t('plate.clear')}</button>
        <button class="key" data-key="0" ?disabled=${full} @click=${() => this.#set(this.value + '0')}>0</button>
        <button class="key small" data-key="delete" ?disabled=${!this.value} aria-label=${t('plate.delete')} @click=${() => this.#set(this.value.slice(0, -1))}>⌫</button>
      </div>
    `;
  }

  static styles = [
    kioskBits,
    css`
    :host { display: grid; gap: 1em; justify-items: center; }
    .display { display: flex; gap: 0.4em; align-items: baseline; justify-content: center; min-height: 2.4em; }
    .number { font-size: 2.3em; font-weight: 800; letter-spacing: 0.06em; font-variant-numeric: tabular-nums; border-bottom: 0.08em solid var(--k-primary); padding: 0 0.3em; min-width: 5em; text-align: center; }
    .unit { font-size: 1.2em; color: var(--k-muted); }
    .box { width: 1.6em; height: 1.9em; display: grid; place-items: center; font-size: 1.9em; font-weight: 800; background: #fff; border: 0.07em solid var(--k-line); border-radius: 0.3em; }
    .box.cursor { border-color: var(--k-primary); box-shadow: 0 0 0 0.06em var(--k-primary); }
    .invalid .box, .invalid .number { border-color: var(--k-error); }
    .pad { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.55em; width: min(100%, 17em); }
    @media (orientation: portrait) { .pad { width: min(100%, 21em); } .key { min-height: 2.3em !important; } }
    .key { min-height: 1.9em; font-size: 1.5em; font-weight: 700; border: 0; background: #fff; box-shadow: 0 0.1em 0 #b8c3d3; padding: 0; }
    .key.small { font-size: 1.05em; color: var(--k-muted); }
  `,
  ];
}

/** `13812345678` → `138 1234 5678`: easier to check at a glance. */
const grouped = (digits: string) =>
  digits.length > 7
    ? `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`
    : digits.length > 3
      ? `${digits.slice(0, 3)} ${digits.slice(3)}`
      : digits;

/** `45210` → `45,210` for a reading such as mileage. */
const thousands = (digits: string) => (digits ? Number(digits).toLocaleString('en-US') : '');

declare global {
  interface HTMLElementTagNameMap {
    'digit-pad': DigitPad;
  }
  interface HTMLElementEventMap {
    'digits-change': DigitsChangeEvent;
  }
}

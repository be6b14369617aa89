import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { kioskBits } from './kiosk-theme';

export interface PickChoice {
  value: string;
  label: string;
  /** A second, smaller line (the make's Latin name under its Chinese one). */
  sub?: string;
}

/** The customer tapped a choice (detail: its value), or "none of these" (detail: ''). */
export type PickEvent = CustomEvent<string>;

/**
 * A sheet of large buttons over the screen, for what a locked kiosk cannot type: its system
 * keyboard may have no Chinese input method, so a surname or a make is tapped, not spelled.
 * Groups (常见姓氏 / A–Z) are shown one after the other; the sheet scrolls when they are long.
 */
@customElement('pick-sheet')
export class PickSheet extends LitElement {
  @property() heading = '';
  @property({ attribute: false }) groups: { title?: string; choices: PickChoice[] }[] = [];
  @property() selected = '';
  /** The label of the button that closes the sheet without a choice. */
  @property() none = '';

  #pick(value: string) {
    this.dispatchEvent(new CustomEvent<string>('pick', { detail: value, bubbles: true, composed: true }));
  }

  render() {
    return html`<div class="scrim" @click=${(e: Event) => e.target === e.currentTarget && this.#pick(this.selected)}>
      <section class="sheet" role="dialog" aria-modal="true" aria-label=${this.heading}>
        <h2>${this.heading}</h2>
        <div class="groups">
          ${this.groups.map(
            (g) => html`${g.title ? html`<h3>${g.title}</h3>` : nothing}
            <div class="grid">${g.choices.map(
              (c) => html`<button class="choice ${c.value === this.selected ? 'on' : ''}" data-value=${c.value}
              aria-pressed=${c.value === this.selected ? 'true' : 'false'} @click=${() => this.#pick(c.value)}>
              <span>${c.label}</span>${c.sub && c.sub !== c.label ? html`<small>${c.sub}</small>` : nothing}</button>`,
            )}</div>`,
          )}
        </div>
        <button class="none" data-value="" @click=${() => this.#pick('')}>${this.none}</button>
      </section>
    </div>`;
  }

  static styles = [
    kioskBits,
    css`
    .scrim { position: fixed; inset: 0; z-index: 50; background: rgb(15 29 51 / 0.45); display: grid; place-items: end center; }
    .sheet {
      box-sizing: border-box; width: min(100%, 60em); max-height: 86vh; display: flex; flex-direction: column; gap: 0.7em;
      background: var(--k-surface); border-radius: 1.2em 1.2em 0 0; padding: 1.2em 1.4em 1.4em; box-shadow: 0 -0.5em 2em rgb(0 0 0 / 0.2);
    }
    h2 { margin: 0; font-size: 1.2em; }
    h3 { margin: 0.8em 0 0.4em; font-size: 0.95em; color: var(--k-muted); }
    .groups { overflow-y: auto; min-height: 0; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(5.2em, 1fr)); gap: 0.5em; }
    .choice { min-height: 3.4em; padding: 0.3em; display: grid; place-items: center; align-content: center; font-size: 1.1em; font-weight: 700; }
    .choice small { font-size: 0.62em; font-weight: 400; color: var(--k-muted); }
    .choice.on { background: var(--k-primary); color: #fff; border-color: var(--k-primary); }
    .choice.on small { color: #e6eff9; }
    .none { align-self: stretch; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'pick-sheet': PickSheet;
  }
  interface HTMLElementEventMap {
    pick: PickEvent;
  }
}

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { plateKind } from './board-model';
import { guarded } from './render-guard';

/**
 * A masked plate drawn like the real thing, so owners spot theirs by shape: blue for ordinary
 * Chinese car plates, green for new-energy ones, neutral elsewhere. Size follows --plate-size.
 */
@customElement('lounge-plate')
export class LoungePlate extends LitElement {
  @property() plate = '';
  @property() country = 'CN';

  render() {
    return guarded(this, 'lounge-plate', () => html`<span class="plate ${plateKind(this.plate, this.country)}" part="plate">${this.plate}</span>`);
  }

  static styles = css`
    :host { display: inline-flex; font-size: var(--plate-size, 4.8vh); line-height: 1; }
    .plate {
      display: inline-flex; align-items: center; white-space: nowrap;
      padding: 0.12em 0.32em 0.14em; border-radius: 0.16em;
      font-family: var(--font); font-weight: 700; letter-spacing: 0.04em;
      font-variant-numeric: tabular-nums;
      /* CJK fonts draw the separator dot full-width; proportional alternates (palt) make it a plate's small dot */
      font-feature-settings: 'palt';
      box-shadow: inset 0 0 0 0.05em rgb(255 255 255 / 0.85), inset 0 0 0 0.09em currentColor, 0 0.08em 0.3em rgb(0 0 0 / 0.45);
    }
    .regular { background: linear-gradient(180deg, #2057d6, #163f9e); color: #fff; }
    .nev { background: linear-gradient(180deg, #f4fbf4 0%, #b9e8c4 45%, #4fbf72 100%); color: #0b1a10;
      box-shadow: inset 0 0 0 0.05em rgb(0 0 0 / 0.55), 0 0.08em 0.3em rgb(0 0 0 / 0.45); }
    .other { background: #f2f2ea; color: #111; box-shadow: inset 0 0 0 0.05em #111, 0 0.08em 0.3em rgb(0 0 0 / 0.45); }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'lounge-plate': LoungePlate;
  }
}

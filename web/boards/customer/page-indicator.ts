import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Locale } from '../../../shared/domain/ids';
import { customerBoard } from '../../../shared/i18n/customer-board';
import { translator } from '../../../shared/i18n/translate';
import { guarded } from './render-guard';

/**
 * "1/3", a dot per page, and a bar that fills over the dwell time so a reader knows the page
 * will turn. Keeps its height when there is only one page, so the layout never jumps.
 */
@customElement('page-indicator')
export class PageIndicator extends LitElement {
  @property({ type: Number }) page = 0;
  @property({ type: Number }) pages = 1;
  /** Seconds each page stays up. */
  @property({ type: Number }) dwell = 10;
  @property() locale: Locale = 'zh-CN';
  @property({ type: Boolean, reflect: true }) compact = false;

  render() {
    return guarded(this, 'page-indicator', () => {
      const t = translator(customerBoard, this.locale);
      // One page: an empty box of the same height, so the layout never jumps.
      if (this.pages <= 1) return html`<div class="wrap"></div>`;
      return html`<div class="wrap" role="status">
        <span class="text">${t('board.page', { page: this.page + 1, pages: this.pages })}</span>
        <span class="dots">${Array.from({ length: Math.min(this.pages, 12) }, (_, i) => html`<i class=${i === this.page ? 'on' : ''}></i>`)}</span>
        <span class="bar">${keyed(`${this.page}/${this.pages}`, html`<i style="animation-duration:${this.dwell}s"></i>`)}</span>
      </div>`;
    });
  }

  static styles = css`
    :host { display: block; }
    .wrap { display: flex; align-items: center; gap: 1vw; font-size: var(--t-s); color: var(--muted); height: 3.2vh; }
    .text { font-weight: 700; color: var(--text); font-variant-numeric: tabular-nums; white-space: nowrap; }
    .dots { display: flex; gap: 0.5vw; }
    .dots i { width: 1.1vh; height: 1.1vh; border-radius: 50%; border: 0.2vh solid var(--muted); box-sizing: border-box; }
    .dots i.on { background: var(--gold); border-color: var(--gold); transform: scale(1.25); }
    .bar { width: 9vw; height: 0.5vh; border-radius: 1vh; background: var(--line); overflow: hidden; }
    .bar i { display: block; height: 100%; background: var(--gold); transform-origin: left; animation: fill linear both; }
    :host([compact]) .wrap { justify-content: center; font-size: var(--t-xs); }
    :host([compact]) .bar { width: 6vw; }
    @keyframes fill { from { transform: scaleX(0); } to { transform: scaleX(1); } }
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'page-indicator': PageIndicator;
  }
}

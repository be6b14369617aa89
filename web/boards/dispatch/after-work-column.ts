import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { boardBits } from '../../common/board-theme';
import { keyedRows } from '../../common/keyed-rows';
import { PagerController } from '../../common/pager';
import { safeRender } from '../../common/safe-render';
import type { AfterWorkColumn, WaitingCar } from './after-work';
import { boardText } from './board-text';
import { panelStyles } from './panel-styles';

/**
 * One column of the strip under the lanes (质检 / 洗车 / 待取车): its cars as plate + waiting
 * time, longest first, a car past the stage's limit marked in words as well as colour. A wall
 * screen pages through a long column; a desk scrolls it.
 */
@customElement('after-work-column')
export class AfterWorkColumnElement extends LitElement {
  #pager = new PagerController<WaitingCar>(this);

  @property({ attribute: false }) column?: AfterWorkColumn;
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ type: Boolean, reflect: true }) scrollable = false;
  @property({ type: Number }) dwell = 10;

  render() {
    return safeRender(this, () => this.#body(), boardText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const column = this.column;
    if (!column) return nothing;
    const { t, c } = boardText(this.locale, this.timeZone);
    // Minutes only ("95 分钟"): two cars side by side in a column still fit.
    const minutes = (ms: number) => t('duration.min', { m: Math.floor(ms / 60_000) });
    const page = this.#pager.slice(column.cars, 24, !this.scrollable, this.dwell * 1000);
    return html`
      <section aria-labelledby="h" data-stage=${column.stage}>
        <h2 id="h">${c(`stage.${column.stage}`)} <span class="count">${column.cars.length}</span>
          ${page.pages > 1 ? html`<span class="page">${page.page + 1} / ${page.pages}</span>` : nothing}</h2>
        ${
          column.cars.length
            ? html`<ol tabindex=${this.scrollable ? '0' : nothing} aria-labelledby="h">${keyedRows(
                page.items,
                (w) => w.ro.id,
                (w) => html`
              <li class=${w.over ? 'over' : ''} data-ro=${w.ro.id} title=${w.ro.number}>
                <span class="plate">${w.ro.vehicle.plate}</span>
                <span class="wait num">${w.over ? '⚠ ' : ''}${minutes(w.waitMs)}</span>
              </li>`,
              )}</ol>`
            : html`<div class="empty">${t('strip.empty')}</div>`
        }
      </section>
    `;
  }

  static styles = [
    boardBits,
    panelStyles,
    css`
    /* Rows keep their height (max-content), so a column that is too long overflows and the pager turns it. */
    ol { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.8em, 1fr)); grid-auto-rows: max-content; align-content: start; gap: 0.15em 0.6em; }
    li { display: flex; align-items: baseline; justify-content: space-between; gap: 0.3em; padding: 0.15em 0.1em; white-space: nowrap; border-bottom: 0.06em solid var(--tw-line); }
    li:last-child { border-bottom: 0.06em solid var(--tw-line); }
    .plate { font-size: 1em; color: #fde68a; font-weight: 700; }
    .wait { font-size: 0.8em; color: #e2e8f0; }
    li.over .wait { color: var(--tw-over); font-weight: 700; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'after-work-column': AfterWorkColumnElement;
  }
}

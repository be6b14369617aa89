import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { boardBits } from '../../common/board-theme';
import { PagerController } from '../../common/pager';
import { safeRender } from '../../common/safe-render';
import { boardText } from './board-text';
import { panelStyles } from './panel-styles';
import type { PartsWait } from './parts';
import './parts-due-today';
import { keyedRows } from '../../common/keyed-rows';
import { DispatchRequestEvent } from './dispatch-events';

/** Jobs paused for a part: which part, for which car, and when it is due. */
@customElement('parts-wait-list')
export class PartsWaitList extends LitElement {
  #pager = new PagerController<PartsWait>(this);

  @property({ attribute: false }) waits: readonly PartsWait[] = [];
  @property({ type: Number }) now = Date.now();
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ type: Number, attribute: 'page-size' }) pageSize = 3;
  @property({ type: Boolean, reflect: true }) scrollable = false;
  /** A signed-in dispatcher may correct a part's ETA. */
  @property({ type: Boolean, attribute: 'can-act' }) canAct = false;
  /** Seconds each page stays up on a wall screen (the store's pageDwellSeconds). */
  @property({ type: Number }) dwell = 10;

  render() {
    return safeRender(this, () => this.#body(), boardText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const { t, time, duration } = boardText(this.locale, this.timeZone);
    const page = this.#pager.slice(this.waits, this.pageSize, !this.scrollable, this.dwell * 1000);
    return html`
      <section aria-labelledby="h">
        <h2 id="h">${t('parts.title')} <span class="count">${this.waits.length}</span>
          <parts-due-today .waits=${this.waits} .now=${this.now} .locale=${this.locale} .timeZone=${this.timeZone}></parts-due-today>
          ${page.pages > 1 ? html`<span class="page">${page.page + 1} / ${page.pages}</span>` : nothing}</h2>
        ${
          this.waits.length
            ? html`<ol>${keyedRows(
                page.items,
                (w) => w.key,
                (w) => html`
              <li class=${w.late ? 'late' : ''} data-ro=${w.ro.id}>
                <div class="row">
                  <span class="plate">${w.ro.vehicle.plate}</span>
                  <span class="part ellipsis">${w.part}</span>
                </div>
                <div class="sub row">
                  <span class="ellipsis">${w.op.title}</span>
                  <span class="eta num">${
                    w.late
                      ? t('parts.late', { dur: duration(this.now - Date.parse(w.eta!)) })
                      : w.eta
                        ? t('parts.eta', { time: time(w.eta) })
                        : t('parts.noEta')
                  }</span>
                </div>
                ${
                  this.canAct
                    ? html`<div class="act"><button type="button" data-action="parts-eta" data-op=${w.op.id}
                  @click=${() => this.dispatchEvent(new DispatchRequestEvent({ kind: 'parts-eta', roId: w.ro.id, operationId: w.op.id }))}>${t('parts.correct')}</button></div>`
                    : nothing
                }
              </li>`,
              )}</ol>`
            : html`<div class="empty">${t('parts.empty')}</div>`
        }
      </section>
    `;
  }

  static styles = [
    boardBits,
    panelStyles,
    css`
    .part { font-weight: 700; color: var(--tw-parts); }
    .eta { margin-left: auto; color: #e2e8f0; font-weight: 600; }
    li.late .eta { color: var(--tw-over); }
    .act { display: flex; justify-content: flex-end; margin-top: 0.2em; }
    .act button { font: inherit; font-size: 0.85em; min-height: 44px; min-width: 44px; padding: 0 0.8em; border-radius: 0.4em;
      border: 1px solid var(--tw-line); background: var(--tw-panel-2); color: inherit; cursor: pointer; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'parts-wait-list': PartsWaitList;
  }
}

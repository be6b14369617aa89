import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { StaffRo } from '../../../shared/projections/views';
import { boardBits } from '../../common/board-theme';
import { PagerController } from '../../common/pager';
import { safeRender } from '../../common/safe-render';
import { canAssign, canEditRepairOrder } from '../../common/workflow-rules';
import { etaLine, etaStyles } from './eta-line';
import { boardText } from './board-text';
import { DispatchRequestEvent } from './dispatch-events';
import { panelStyles } from './panel-styles';
import { waitingSince } from './queue';
import { keyedRows } from '../../common/keyed-rows';

/**
 * The unassigned queue: cars waiting for a bay, each with the jobs nobody has taken yet.
 * Staff get an Assign button per job; the wall screen pages through a long queue.
 */
@customElement('dispatch-queue')
export class DispatchQueue extends LitElement {
  #pager = new PagerController<StaffRo>(this);

  @property({ attribute: false }) ros: readonly StaffRo[] = [];
  @property({ type: Number }) now = Date.now();
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ type: Boolean, attribute: 'can-act' }) canAct = false;
  /** Rows per page on a wall screen; a desk scrolls instead. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 5;
  @property({ type: Boolean, reflect: true }) scrollable = false;
  /** Seconds each page stays up on a wall screen (the store's pageDwellSeconds). */
  @property({ type: Number }) dwell = 10;

  #ask(detail: ConstructorParameters<typeof DispatchRequestEvent>[0]) {
    this.dispatchEvent(new DispatchRequestEvent(detail));
  }

  render() {
    return safeRender(this, () => this.#body(), boardText(this.locale, this.timeZone).t('renderError'));
  }

  #body() {
    const { t } = boardText(this.locale, this.timeZone);
    const page = this.#pager.slice(this.ros, this.pageSize, !this.scrollable, this.dwell * 1000);
    return html`
      <section aria-labelledby="h">
        <h2 id="h">${t('queue.title')} <span class="count">${this.ros.length}</span>
          ${page.pages > 1 ? html`<span class="page">${page.page + 1} / ${page.pages}</span>` : nothing}</h2>
        ${
          this.ros.length
            ? html`<ol>${keyedRows(
                page.items,
                (ro) => ro.id,
                (ro) => this.#row(ro),
              )}</ol>`
            : html`<div class="empty">${t('queue.empty')}</div>`
        }
      </section>
    `;
  }

  #row(ro: StaffRo) {
    const { t, duration, time } = boardText(this.locale, this.timeZone);
    const open = ro.operations.filter((o) => o.status === 'unassigned');
    return html`
      <li data-ro=${ro.id}>
        <div class="row">
          ${ro.priority !== 'normal' ? html`<span class="tag ${ro.priority}">${t(`priority.${ro.priority}`)}</span>` : nothing}
          <span class="plate">${ro.vehicle.plate}</span>
          <span class="muted ellipsis">${ro.vehicle.make} ${ro.vehicle.model}</span>
          <span class="num muted ro">${ro.number}</span>
          <span class="right num">${t('queue.waiting', { dur: duration(this.now - Date.parse(waitingSince(ro))) })}</span>
        </div>
        <div class="jobs">
          ${
            open.length
              ? html`<ul class="ops">${keyedRows(
                  open,
                  (op) => op.id,
                  (op) => html`
                <li class="op" data-op=${op.id}>
                  <span class="ellipsis">${op.title}</span>
                  <span class="hours num muted">${op.standardHours}h</span>
                  ${
                    this.canAct && canAssign(ro, op)
                      ? html`<button class="act primary" data-action="assign" data-op=${op.id}
                        @click=${() => this.#ask({ kind: 'assign', roId: ro.id, operationId: op.id })}>${t('action.assign')}</button>`
                      : nothing
                  }
                </li>`,
                )}</ul>`
              : html`<span class="sub">${t('queue.allAssigned')}</span>`
          }
          ${ro.promisedAt ? html`<span class="promise num">${t('queue.promised', { time: time(ro.promisedAt) })}</span>` : nothing}
          ${etaLine(ro, boardText(this.locale, this.timeZone))}
          ${
            this.canAct && canEditRepairOrder(ro)
              ? html`<button class="act" data-action="edit" data-ro=${ro.id} title=${t('edit.title')} @click=${() => this.#ask({ kind: 'edit', roId: ro.id })}>${t('action.edit')}</button>`
              : nothing
          }
        </div>
      </li>
    `;
  }

  static styles = [
    boardBits,
    panelStyles,
    etaStyles,
    css`
    .right { margin-left: auto; color: var(--tw-muted); font-size: 0.85em; }
    /* Wraps rather than overlaps: the jobs first, then promise, ETA and Edit on a line of their own when they do not fit. */
    .jobs { display: flex; flex-wrap: wrap; align-items: center; gap: 0.2em 0.5em; margin-top: 0.2em; min-width: 0; }
    .promise { margin-left: auto; white-space: nowrap; font-size: 0.85em; color: #e2e8f0; font-weight: 600; }
    ul.ops { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3em 0.45em; min-width: 0; }
    li.op {
      display: inline-flex; align-items: center; gap: 0.35em; max-width: 100%; padding: 0.05em 0.45em;
      border-radius: 0.35em; background: var(--tw-panel-2); border: 0.06em solid var(--tw-line); font-size: 0.9em;
    }
    .hours { font-size: 0.85em; }
    .jobs .sub { margin-top: 0; }
    /* Only staff see buttons, at a desk: touch targets of at least 44 × 44 px. */
    button.act { flex: none; min-height: 44px; min-width: 64px; padding: 0 0.9em; font-size: max(0.85em, 14px); font-weight: 700; }
    .row .ro { flex: none; white-space: nowrap; font-size: 0.85em; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'dispatch-queue': DispatchQueue;
  }
}

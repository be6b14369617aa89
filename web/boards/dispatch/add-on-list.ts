import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import type { Store } from '../../../shared/domain/shop';
import type { StaffRo } from '../../../shared/projections/views';
import { call } from '../../common/actions';
import { boardBits } from '../../common/board-theme';
import { keyedRows } from '../../common/keyed-rows';
import { PagerController } from '../../common/pager';
import { safeRender } from '../../common/safe-render';
import { boardText } from './board-text';
import { panelStyles } from './panel-styles';

/** One add-on waiting for its customer's decision, with its car. */
export interface PendingAddOn {
  key: string;
  ro: StaffRo;
  addOn: NonNullable<StaffRo['addOns']>[number];
}

/** The add-ons still waiting for a decision, longest-waiting first. */
export const buildPendingAddOns = (ros: readonly StaffRo[]): PendingAddOn[] =>
  ros
    .flatMap((ro) => (ro.addOns ?? []).filter((a) => a.status === 'pending').map((addOn) => ({ key: `${ro.id}:${addOn.id}`, ro, addOn })))
    .sort((a, b) => a.addOn.proposedAt.localeCompare(b.addOn.proposedAt));

/**
 * Add-on work waiting for the customer: the car, the work and its price, who found it and how
 * long it has waited. At the desk an advisor who reached the customer by phone records the
 * answer here (a wall screen only shows the list).
 */
@customElement('add-on-list')
export class AddOnList extends LitElement {
  #pager = new PagerController<PendingAddOn>(this);

  @property({ attribute: false }) pending: readonly PendingAddOn[] = [];
  @property({ attribute: false }) store?: Store;
  @property({ type: Number }) now = Date.now();
  @property() locale: Locale = 'zh-CN';
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Shanghai';
  @property({ type: Number, attribute: 'page-size' }) pageSize = 3;
  @property({ type: Boolean, reflect: true }) scrollable = false;
  @property({ type: Boolean, attribute: 'can-act' }) canAct = false;
  @property({ type: Number }) dwell = 10;
  @state() private busy?: string;
  @state() private problem?: { key: string; message: string };

  render() {
    return safeRender(this, () => this.#body(), boardText(this.locale, this.timeZone).t('renderError'));
  }

  async #record(p: PendingAddOn, decision: 'approve' | 'decline') {
    if (!this.store) return;
    this.busy = p.key;
    this.problem = undefined;
    const answer = await call(
      'POST',
      `/api/stores/${encodeURIComponent(this.store.id)}/repair-orders/${encodeURIComponent(p.ro.id)}/add-ons/${encodeURIComponent(p.addOn.id)}/decision`,
      { decision, channel: 'phone-call' },
      'dispatch',
    );
    this.busy = undefined;
    if (!answer.ok) this.problem = { key: p.key, message: answer.error.message };
  }

  #person(id: string) {
    const s = this.store;
    return s?.technicians.find((x) => x.id === id)?.name ?? s?.advisors.find((x) => x.id === id)?.name ?? id;
  }

  /** At the desk (a staff session; a wall screen may not load them), the photos as small links. */
  #photos(p: PendingAddOn) {
    if (!this.canAct || !this.store || !p.addOn.photoIds.length) return nothing;
    const seg = encodeURIComponent;
    const src = (id: string) => `/api/stores/${seg(this.store!.id)}/repair-orders/${seg(p.ro.id)}/add-on-photos/${seg(id)}`;
    return html`<div class="photos">
      ${p.addOn.photoIds.map(
        (id, i) =>
          html`<a href=${src(id)} target="_blank" rel="noreferrer noopener"><img src=${src(id)} loading="lazy" alt=${`${p.addOn.title} ${i + 1}`} /></a>`,
      )}
    </div>`;
  }

  #body() {
    const { t, duration } = boardText(this.locale, this.timeZone);
    const page = this.#pager.slice(this.pending, this.pageSize, !this.scrollable, this.dwell * 1000);
    return html`
      <section aria-labelledby="h">
        <h2 id="h">
          ${t('addOn.title')}
          <span class="count">${this.pending.length}</span> ${page.pages > 1 ? html`<span class="page">${page.page + 1} / ${page.pages}</span>` : nothing}
        </h2>
        ${
          this.pending.length
            ? html`<ol>
                ${keyedRows(
                  page.items,
                  (p) => p.key,
                  (p) =>
                    html` <li data-ro=${p.ro.id} data-add-on=${p.addOn.id}>
                      <div class="row">
                        <span class="plate">${p.ro.vehicle.plate}</span>
                        <span class="what ellipsis">${p.addOn.title}</span>
                        <span class="price num">¥${p.addOn.price.toFixed(2)}</span>
                      </div>
                      <div class="sub row">
                        <span class="ellipsis"
                          >${t('addOn.by', { name: this.#person(p.addOn.by) })}${p.addOn.photoIds.length ? ` · ${t('addOn.photos', { n: p.addOn.photoIds.length })}` : ''}</span
                        >
                        <span class="wait num" data-waiting
                          >${t('addOn.waiting', { dur: duration(Math.max(0, this.now - Date.parse(p.addOn.proposedAt))) })}</span
                        >
                      </div>
                      ${this.#photos(p)}
                      ${
                        this.canAct
                          ? html`<div class="act">
                              <button type="button" data-decision="approve" ?disabled=${this.busy === p.key} @click=${() => void this.#record(p, 'approve')}>
                                ${t('addOn.phoneApprove')}
                              </button>
                              <button type="button" data-decision="decline" ?disabled=${this.busy === p.key} @click=${() => void this.#record(p, 'decline')}>
                                ${t('addOn.phoneDecline')}
                              </button>
                            </div>`
                          : nothing
                      }
                      ${this.problem?.key === p.key ? html`<div class="problem" role="alert">${t('addOn.failed', { reason: this.problem.message })}</div>` : nothing}
                    </li>`,
                )}
              </ol>`
            : html`<div class="empty">${t('addOn.empty')}</div>`
        }
      </section>
    `;
  }

  static styles = [
    boardBits,
    panelStyles,
    css`
      .what {
        font-weight: 700;
        color: #93c5fd;
      }
      .price {
        margin-left: auto;
        font-weight: 800;
      }
      .wait {
        margin-left: auto;
        color: #fde68a;
        font-weight: 700;
      }
      .act {
        display: flex;
        justify-content: flex-end;
        gap: 0.5em;
        margin-top: 0.2em;
        flex-wrap: wrap;
      }
      .act button {
        font: inherit;
        font-size: 0.85em;
        min-height: 44px;
        min-width: 44px;
        padding: 0 0.8em;
        border-radius: 0.4em;
        border: 1px solid var(--tw-line);
        background: var(--tw-panel-2);
        color: inherit;
        cursor: pointer;
      }
      .photos {
        display: flex;
        gap: 0.4em;
        margin-top: 0.2em;
      }
      .photos img {
        width: 4.5em;
        height: 3.4em;
        object-fit: cover;
        border-radius: 0.3em;
        display: block;
      }
      .problem {
        color: var(--tw-over);
        font-size: 0.85em;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'add-on-list': AddOnList;
  }
}

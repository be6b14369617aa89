import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Locale } from '../../shared/domain/ids';
import type { StaffRo, StaffView } from '../../shared/projections/views';
import { whoAmI, type Me } from '../common/actions';
import '../common/board-clock';
import { boardBits, boardTheme } from '../common/board-theme';
import { ClockController } from '../common/clock';
import '../common/connection-badge';
import { safeRender } from '../common/safe-render';
import { callsOf } from './advisor-call-alert';
import { LiveController } from '../live/live-controller';
import { buildAlarms } from './alarms';
import './assign-dialog';
import './bay-lane';
import { boardText } from './board-text';
import { buildCounters } from './counters';
import type { DispatchRequest, DispatchRequestEvent } from './dispatch-events';
import './dispatch-queue';
import './edit-dialog';
import { buildLanes } from '../common/lanes';
import './overdue-alarm-list';
import './parts-wait-list';
import { buildPartsWaits } from './parts';
import { buildQueue } from './queue';
import { recordsOf } from '../common/records';
import './today-counters';

/**
 * The dispatch board (调度看板), `/display/dispatch`: a lane per bay, the unassigned queue,
 * parts waits, overdue alarms and today's counters, live from the server.
 *
 * A paired wall screen (display token) is read-only. A signed-in staff member (session cookie,
 * no token) also gets the actions the workflow allows: assign/reassign, priority, promised time.
 * To add a panel: a pure builder beside lanes.ts, an element beside bay-lane.ts, a slot in render().
 */
@customElement('dispatch-board')
export class DispatchBoard extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  /** The page's language (the `lang` attribute; `lang` itself is a built-in property). */
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';
  /** Display token of a paired wall screen; absent for a staff member's browser. */
  @property() token?: string;

  @state() private me?: Me;
  @state() private request?: DispatchRequest;

  #live?: LiveController<StaffView>;
  #meCheckedAt = 0;
  // Waiting times and alarms move with the clock; half a minute is fine-grained enough.
  #clock = new ClockController(this, 30_000);

  connectedCallback(): void {
    this.#live ??= new LiveController<StaffView>(this, { audience: { kind: 'dispatch', storeId: this.storeId }, token: this.token || undefined });
    super.connectedCallback();
    this.#checkMe();
    this.addEventListener('dispatch-request', this.#onRequest);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('dispatch-request', this.#onRequest);
  }

  protected updated(): void {
    // The sign-in check may have failed while the server was away: ask again once it is back.
    if (this.#live?.status.state === 'live') this.#checkMe();
  }

  /** Staff (session cookie, no display token) get actions; asked at most every 30 s until known. */
  #checkMe(): void {
    if (this.token || this.me || Date.now() - this.#meCheckedAt < 30_000) return;
    this.#meCheckedAt = Date.now();
    void whoAmI().then((me) => { if (me) this.me = me; });
  }

  get #lang(): Locale {
    return this.locale === 'en' ? 'en' : 'zh-CN';
  }

  get #canAct(): boolean {
    return !this.token && !!this.me;
  }

  #onRequest = (e: DispatchRequestEvent) => {
    if (this.#canAct) this.request = e.detail;
  };

  render() {
    const view = this.#live?.view;
    const tz = view?.header.store.timezone ?? 'Asia/Shanghai';
    return html`
      ${view ? safeRender(this, () => this.#board(view), boardText(this.#lang, tz).t('renderError'))
        : html`<div class="loading">${boardText(this.#lang, tz).t('loading')}</div>`}
      <connection-badge .status=${this.#live?.status} locale=${this.#lang} time-zone=${tz}></connection-badge>
    `;
  }

  #board(view: StaffView) {
    const store = view.header.store;
    const tz = store.timezone;
    const lang = this.#lang;
    const { t } = boardText(lang, tz);
    const now = Math.max(this.#clock.now, Date.now());
    const { ros } = recordsOf(view);
    const lanes = buildLanes(store, ros);
    const canAct = this.#canAct;
    // Wide lanes for few bays; 12 bays make a 3 × 4 wall.
    const cols = lanes.length <= 4 ? 1 : lanes.length <= 8 ? 2 : lanes.length <= 15 ? 3 : 4;
    const rows = Math.max(1, Math.ceil(lanes.length / cols));
    return html`
      <div class="board ${canAct ? 'desk' : 'wall'}">
        <header>
          <div class="titles">
            <h1>${t('title')}</h1>
            <div class="store">${store.name[lang]}</div>
          </div>
          <today-counters .counters=${buildCounters(ros, tz, now)} locale=${lang} time-zone=${tz}></today-counters>
          ${canAct && this.me?.name ? html`<div class="me">${t('signedIn', { name: this.me.name })}</div>` : nothing}
          <board-clock locale=${lang} time-zone=${tz}></board-clock>
        </header>
        <main>
          <section class="lanes" style="--cols:${cols};--rows:${rows}">
            ${repeat(lanes, (l) => l.bay.id, (l) => html`
              <bay-lane .lane=${l} locale=${lang} time-zone=${tz} ?can-act=${canAct}></bay-lane>`)}
          </section>
          <aside>
            <dispatch-queue dwell=${store.pageDwellSeconds} .ros=${buildQueue(ros)} now=${now} locale=${lang} time-zone=${tz} ?can-act=${canAct} ?scrollable=${canAct} page-size="8"></dispatch-queue>
            <overdue-alarm-list dwell=${store.pageDwellSeconds} .alarms=${buildAlarms(ros, store, now)} locale=${lang} time-zone=${tz} ?scrollable=${canAct} page-size="6"></overdue-alarm-list>
            <parts-wait-list dwell=${store.pageDwellSeconds} .waits=${buildPartsWaits(ros, now)} now=${now} locale=${lang} time-zone=${tz} ?scrollable=${canAct} page-size="6"></parts-wait-list>
          </aside>
        </main>
        ${canAct ? this.#dialog(view, ros, lanes) : nothing}
        <advisor-call-alert .calls=${callsOf(view)} store-id=${store.id} now=${now} locale=${lang} time-zone=${tz} ?can-act=${canAct}></advisor-call-alert>
      </div>
    `;
  }

  #dialog(view: StaffView, ros: StaffRo[], lanes: ReturnType<typeof buildLanes>) {
    const request = this.request;
    if (!request) return nothing;
    const store = view.header.store;
    const ro = view.entries[`ro:${request.roId}`] as StaffRo | undefined;
    const close = () => (this.request = undefined);
    if (!ro) return nothing;
    if (request.kind === 'edit')
      return html`<edit-dialog .ro=${ro} store-id=${store.id} locale=${this.#lang} time-zone=${store.timezone} @close=${close}></edit-dialog>`;
    const op = ro.operations.find((o) => o.id === request.operationId);
    if (!op) return nothing;
    const busy = new Set(ros.flatMap((r) => r.operations.filter((o) => o.status === 'in_progress' && o.technicianId).map((o) => o.technicianId!)));
    return html`<assign-dialog .store=${store} .ro=${ro} .op=${op} .lanes=${lanes} .busyTechs=${busy}
      locale=${this.#lang} time-zone=${store.timezone} @close=${close}></assign-dialog>`;
  }

  static styles = [boardTheme, boardBits, css`
    :host { display: block; width: 100vw; height: 100vh; overflow: hidden; font-size: clamp(13px, 1.05vw, 44px); }
    .loading { display: grid; place-items: center; height: 100%; font-size: 2em; color: var(--tw-muted); }
    .board { height: 100%; display: grid; grid-template-rows: auto minmax(0, 1fr); gap: 0.7vh; padding: 0.9vh 0.8vw; }
    header { display: flex; align-items: center; gap: 1.2vw; min-width: 0; }
    .titles { display: grid; min-width: 0; }
    h1 { margin: 0; font-size: 1.7em; line-height: 1.1; letter-spacing: 0.05em; white-space: nowrap; }
    .store { color: var(--tw-muted); font-size: 0.85em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    today-counters { margin-left: auto; }
    .me { color: var(--tw-info); font-size: 0.85em; white-space: nowrap; }
    board-clock { font-size: 1.2em; }
    main { display: grid; grid-template-columns: minmax(0, 2.2fr) minmax(0, 1fr); gap: 0.8vw; min-height: 0; }
    .lanes {
      display: grid; gap: 0.7vh 0.6vw; min-height: 0;
      grid-template-columns: repeat(var(--cols), minmax(0, 1fr));
      grid-template-rows: repeat(var(--rows), minmax(0, 1fr));
    }
    aside { display: grid; grid-template-rows: minmax(0, 1.35fr) minmax(0, 1fr) minmax(0, 1fr); gap: 0.7vh; min-height: 0; }
  `];
}

declare global {
  interface HTMLElementTagNameMap {
    'dispatch-board': DispatchBoard;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { localisedRo, localisedStore } from '../../../shared/domain/localised-names';
import type { StaffRo, StaffView } from '../../../shared/projections/views';
import { whoAmI, type Me } from '../../common/actions';
import '../../common/board-clock';
import { boardBits, boardTheme } from '../../common/board-theme';
import { ClockController } from '../../common/clock';
import '../../common/connection-badge';
import { safeRender } from '../../common/safe-render';
import { callsOf } from './advisor-call-alert';
import { LiveController } from '../../live/live-controller';
import { startSignOfLife } from '../../live/sign-of-life';
import { buildAlarms, serverAlarmsOf } from './alarms';
import { buildAfterWork } from './after-work';
import './after-work-column';
import { ChimeController } from '../../common/chime';
import './parts-eta-dialog';
import './assign-dialog';
import './bay-lane';
import { boardText } from './board-text';
import { buildCounters } from './counters';
import type { DispatchRequest, DispatchRequestEvent } from './dispatch-events';
import './dispatch-queue';
import './edit-dialog';
import './add-on-dialog';
import { mayProposeAddOn } from '../../common/workflow-rules';
import { buildLanes } from '../../common/lanes';
import './overdue-alarm-list';
import './parts-wait-list';
import './add-on-list';
import { buildPendingAddOns } from './add-on-list';
import { buildPartsWaits } from './parts';
import { buildQueue } from './queue';
import { recordsOf } from '../../common/records';
import './today-counters';
import { keyedRows } from '../../common/keyed-rows';

/** A queued car and a parts wait take two lines each (the car, then its jobs or part); an alarm one. */
const TWO_LINES = 2;

/**
 * The side panels share the height by what they hold, so a long queue is not cut to three cars
 * a page beside a nearly empty alarm list (issue 18): each panel's share is its lines plus one
 * for its title, at least three (title and one entry, or "none"), at most 13 so one panel never
 * starves the rest.
 */
export const asideRows = (lines: readonly number[]) => `grid-template-rows: ${lines.map((n) => `minmax(0, ${Math.min(13, Math.max(3, n + 1))}fr)`).join(' ')}`;

/**
 * The dispatch board (调度看板), `/display/dispatch`: a lane per bay, the unassigned queue,
 * parts waits, add-on work awaiting the customer, overdue alarms and today's counters, live from the server.
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
  // A new advisor call or alarm chimes (not the ones already open when the page loaded).
  #chime = new ChimeController(this, 'dispatch');

  connectedCallback(): void {
    // A wall screen's watchdog reads this page's sign of life from its title.
    startSignOfLife();
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
    void whoAmI().then((me) => {
      if (me) this.me = me;
    });
  }

  get #lang(): Locale {
    return this.locale === 'en' ? 'en' : 'zh-CN';
  }

  get #canAct(): boolean {
    return !this.token && !!this.me;
  }

  /** A signed-in person whose roles may propose add-on work (shared/workflow/permissions.ts decides). */
  get #mayPropose(): boolean {
    return this.#canAct && mayProposeAddOn(this.me?.roles);
  }

  #onRequest = (e: DispatchRequestEvent) => {
    if (!this.#canAct || (e.detail.kind === 'add-on' && !this.#mayPropose)) return;
    this.request = e.detail;
  };

  render() {
    const view = this.#live?.view;
    const tz = view?.header.store.timezone ?? 'Asia/Shanghai';
    return html`
      ${
        view
          ? safeRender(this, () => this.#board(view), boardText(this.#lang, tz).t('renderError'))
          : html`<div class="loading">${boardText(this.#lang, tz).t('loading')}</div>`
      }
      <connection-badge .status=${this.#live?.status} locale=${this.#lang} time-zone=${tz}></connection-badge>
    `;
  }

  #board(view: StaffView) {
    const lang = this.#lang;
    // Bay names and catalogue titles in the page's language (the same objects when unchanged).
    const store = localisedStore(view.header.store, lang);
    const tz = store.timezone;
    const { t } = boardText(lang, tz);
    const now = Math.max(this.#clock.now, Date.now());
    const ros = recordsOf(view).ros.map((ro) => localisedRo(ro, store.catalogue, lang));
    const lanes = buildLanes(store, ros);
    const canAct = this.#canAct;
    // Wide lanes for few bays. The strip under the lanes takes a seventh of a wall's height, so a
    // wall of 12 bays is 4 × 3 (lanes keep the height their timers need); a desk scrolls its lanes.
    const cols = lanes.length <= 4 ? 1 : lanes.length <= 8 ? 2 : lanes.length <= 9 || (canAct && lanes.length <= 15) ? 3 : 4;
    const rows = Math.max(1, Math.ceil(lanes.length / cols));
    const queue = buildQueue(ros);
    const calls = callsOf(view);
    const alarms = buildAlarms(ros, serverAlarmsOf(view), now, calls);
    const waits = buildPartsWaits(ros, now);
    const addOns = buildPendingAddOns(ros);
    const afterWork = buildAfterWork(ros, store, now);
    this.#chime.observe([...calls.map((c) => `call:${c.id}`), ...alarms.map((a) => a.key)], (key) => key.startsWith('alarm:call_unanswered:'));
    return html`
      <div class="board ${canAct ? 'desk' : 'wall'}">
        <header>
          <div class="titles">
            <h1>${t('title')}</h1>
            <div class="store">${store.name[lang]}</div>
          </div>
          <today-counters .counters=${buildCounters(ros, tz, now)} locale=${lang} time-zone=${tz}></today-counters>
          ${canAct && this.me?.name ? html`<div class="me">${t('signedIn', { name: this.me.name })}</div>` : nothing}
          ${
            canAct
              ? html`<button type="button" class="chime" data-action="chime" aria-pressed=${String(this.#chime.on)}
            @click=${() => {
              this.#chime.toggle();
              this.requestUpdate();
            }}>${t(this.#chime.on ? 'chime.on' : 'chime.off')}</button>`
              : nothing
          }
          <board-clock locale=${lang} time-zone=${tz}></board-clock>
        </header>
        <main>
          <div class="floor">
            <section class="lanes" style="--cols:${cols};--rows:${rows}">
              ${keyedRows(
                lanes,
                (l) => l.bay.id,
                (l) => html`
                <bay-lane .lane=${l} locale=${lang} time-zone=${tz} ?can-act=${canAct}></bay-lane>`,
              )}
            </section>
            <section class="strip" aria-label=${t('strip.label')} data-testid="after-work">
              ${afterWork.map(
                (column) => html`<after-work-column .column=${column} locale=${lang} time-zone=${tz}
                dwell=${store.pageDwellSeconds} ?scrollable=${canAct}></after-work-column>`,
              )}
            </section>
          </div>
          <aside style=${asideRows([queue.length * TWO_LINES, alarms.length, waits.length * TWO_LINES, addOns.length * (canAct ? 3 : TWO_LINES)])}>
            <dispatch-queue dwell=${store.pageDwellSeconds} .ros=${queue} now=${now} locale=${lang} time-zone=${tz} ?can-act=${canAct} ?scrollable=${canAct} page-size="8"></dispatch-queue>
            <overdue-alarm-list dwell=${store.pageDwellSeconds} .alarms=${alarms} .store=${store} now=${now} locale=${lang} time-zone=${tz} ?scrollable=${canAct} page-size="6"></overdue-alarm-list>
            <parts-wait-list dwell=${store.pageDwellSeconds} .waits=${waits} now=${now} locale=${lang} time-zone=${tz} ?can-act=${canAct} ?scrollable=${canAct} page-size="6"></parts-wait-list>
            <add-on-list dwell=${store.pageDwellSeconds} .pending=${addOns} .store=${store} now=${now} locale=${lang} time-zone=${tz} ?can-act=${canAct} ?scrollable=${canAct} page-size="4"></add-on-list>
          </aside>
        </main>
        ${canAct ? this.#dialog(view, ros, lanes) : nothing}
        <advisor-call-alert .calls=${calls} store-id=${store.id} now=${now} locale=${lang} time-zone=${tz} ?can-act=${canAct}></advisor-call-alert>
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
    if (request.kind === 'parts-eta') {
      const op = ro.operations.find((o) => o.id === request.operationId);
      return op
        ? html`<parts-eta-dialog .ro=${ro} .op=${op} store-id=${store.id} locale=${this.#lang} time-zone=${store.timezone} @close=${close}></parts-eta-dialog>`
        : nothing;
    }
    if (request.kind === 'edit')
      return html`<edit-dialog .ro=${ro} store-id=${store.id} locale=${this.#lang} time-zone=${store.timezone} ?may-propose=${this.#mayPropose}
        .bays=${new Map(store.bays.map((b) => [b.id, b.name]))} @close=${close}></edit-dialog>`;
    if (request.kind === 'add-on')
      return html`<add-on-dialog .ro=${ro} store-id=${store.id} locale=${this.#lang} time-zone=${store.timezone} @close=${close}></add-on-dialog>`;
    const op = ro.operations.find((o) => o.id === request.operationId);
    if (!op) return nothing;
    const busy = new Set(ros.flatMap((r) => r.operations.filter((o) => o.status === 'in_progress' && o.technicianId).map((o) => o.technicianId!)));
    return html`<assign-dialog .store=${store} .ro=${ro} .op=${op} .lanes=${lanes} .busyTechs=${busy}
      locale=${this.#lang} time-zone=${store.timezone} @close=${close}></assign-dialog>`;
  }

  static styles = [
    boardTheme,
    boardBits,
    css`
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
    .floor { display: grid; grid-template-rows: minmax(0, 1fr) 14vh; gap: 0.7vh; min-height: 0; }
    .strip { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.6vw; min-height: 0; }
    .chime { font: inherit; font-size: 0.85em; min-height: 44px; padding: 0 0.8em; border-radius: 0.4em; border: 1px solid var(--tw-line); background: var(--tw-panel-2); color: inherit; white-space: nowrap; cursor: pointer; }
    .lanes {
      display: grid; gap: 0.7vh 0.6vw; min-height: 0;
      grid-template-columns: repeat(var(--cols), minmax(0, 1fr));
      grid-template-rows: repeat(var(--rows), minmax(0, 1fr));
    }
    aside { display: grid; gap: 0.7vh; min-height: 0; }
    /* A desk's lanes grow to hold 44 px buttons; what does not fit scrolls, the header and panels stay. */
    .desk .lanes { overflow-y: auto; grid-template-rows: repeat(var(--rows), minmax(min-content, 1fr)); align-content: start; padding-right: 0.2em; }
    /* A phone or a narrow window: one column that the page scrolls, the header wrapping instead of overlapping. */
    @media (max-width: 760px) {
      :host { height: auto; min-height: 100vh; overflow: visible; font-size: 15px; }
      .board { height: auto; }
      header { flex-wrap: wrap; row-gap: 8px; }
      .titles { flex: 1 1 auto; }
      today-counters { order: 3; flex: 1 1 100%; margin-left: 0; flex-wrap: wrap; }
      main { grid-template-columns: minmax(0, 1fr); }
      .floor { grid-template-rows: none; }
      .strip { grid-template-columns: minmax(0, 1fr); }
      .lanes, .desk .lanes { --cols: 1 !important; grid-template-rows: none; grid-auto-rows: auto; overflow: visible; }
      aside { grid-template-rows: none !important; grid-auto-rows: auto; }
      aside > * { max-height: 70vh; }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'dispatch-board': DispatchBoard;
  }
}

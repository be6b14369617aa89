import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { localisedRo, localisedStore } from '../../../shared/domain/localised-names';
import type { StaffView } from '../../../shared/projections/views';
import '../../common/board-clock';
import { boardBits, boardTheme } from '../../common/board-theme';
import '../../common/connection-badge';
import { buildLanes } from '../../common/lanes';
import { recordsOf } from '../../common/records';
import { safeRender } from '../../common/safe-render';
import { scanTokenOf, WedgeScanDetector } from '../../common/wedge-scanner';
import { LiveController } from '../../live/live-controller';
import { startSignOfLife } from '../../live/sign-of-life';
import './bay-checklist';
import './bay-current-job';
import './bay-next-job';
import './bay-qr';
import { bayText } from './bay-text';
import { describeAlarm } from '../dispatch/alarm-text';
import { buildAlarms, countByKind, serverAlarmsOf } from '../dispatch/alarms';
import { boardText } from '../dispatch/board-text';
import { ClockController } from '../../common/clock';
import { bayQrUrl } from './bay-url';
import { loadScanPage, ScanEvent } from './scan-route';
import type { SharedClock } from '../../phone/scan/shared-screen';

/**
 * The bay board (工位看板), `/display/bay/<bayId>`: the car at this bay, its jobs, the big timer
 * against standard hours, the next job, and the bay's QR code. A USB/Bluetooth scanner typing a
 * job card's code anywhere on the page opens that job and its actions here on the board (the scan
 * page in shared mode, this bay preselected, the board's language); a badge scanned the same way
 * signs the technician in, and after the action or a minute they are signed out and the board is back.
 */
@customElement('bay-board')
export class BayBoard extends LitElement {
  @property({ attribute: 'store-id' }) storeId = '';
  @property({ attribute: 'bay-id' }) bayId = '';
  /** The page's language (the `lang` attribute; `lang` itself is a built-in property). */
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';
  /** Display token of a paired screen; a signed-in staff browser has none. */
  @property() token?: string;
  /** The bay's signed scan code, from the server (server/pages/scan.ts): in the QR and in `?bay=` of routed scans. */
  @property({ attribute: 'bay-code' }) bayCode?: string;

  /** The clock the scan in place times its way back by (tests move their own). */
  @property({ attribute: false }) scanClock?: SharedClock;

  /** A short message about the last scan that was not a job card. */
  @state() private notice?: { kind: 'ok' | 'bad'; text: string };
  /** The job card scanned here, open over the board until the scan page is done. */
  @state() private scan?: { token: string };

  #live?: LiveController<StaffView>;
  // How long an alarm has been open moves with the clock.
  #clock = new ClockController(this, 30_000);
  #scanner = new WedgeScanDetector();
  #noticeTimer?: ReturnType<typeof setTimeout>;

  connectedCallback(): void {
    // A wall screen's watchdog reads this page's sign of life from its title.
    startSignOfLife();
    this.#live ??= new LiveController<StaffView>(this, {
      audience: { kind: 'bay', storeId: this.storeId, bayId: this.bayId },
      token: this.token || undefined,
    });
    super.connectedCallback();
    // Capture phase on the window: a scan is seen wherever focus is, even with nothing focused.
    window.addEventListener('keydown', this.#onKey, true);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onKey, true);
    clearTimeout(this.#noticeTimer);
  }

  get #lang(): Locale {
    return this.locale === 'en' ? 'en' : 'zh-CN';
  }

  #onKey = (e: KeyboardEvent) => {
    // While a scan is open, the scan page listens to the scanner itself (badges, the next card).
    if (this.scan) return;
    const code = this.#scanner.feed({ key: e.key, at: e.timeStamp || performance.now(), ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey });
    if (code === undefined) return;
    e.preventDefault();
    this.#onScan(code);
  };

  #onScan(code: string): void {
    const tz = this.#live?.view?.header.store.timezone ?? 'Asia/Shanghai';
    const { t } = bayText(this.#lang, tz);
    const token = scanTokenOf(code);
    if (!token) return this.#say('bad', t('scan.unknown', { code: code.length > 40 ? `${code.slice(0, 40)}…` : code }));
    if (!this.dispatchEvent(new ScanEvent({ code, token, bayId: this.bayId }))) return;
    this.notice = undefined;
    loadScanPage().then(
      () => (this.scan = { token }),
      () => this.#say('bad', t('scan.offline')),
    );
  }

  /** The scan page over the board; its `leave` (signed out after the action or a minute) closes it. */
  #scanLayer(t: ReturnType<typeof bayText>['t']) {
    if (!this.scan) return nothing;
    return html`<div class="scan-layer" role="dialog" aria-modal="true" aria-label=${t('scan.panel')} data-testid="bay-scan">
      <scan-page shared token=${this.scan.token} bay=${this.bayCode || this.bayId} store-id=${this.storeId} lang=${this.#lang}
        .clock=${this.scanClock} @leave=${() => (this.scan = undefined)}></scan-page>
    </div>`;
  }

  #say(kind: 'ok' | 'bad', text: string): void {
    this.notice = { kind, text };
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => (this.notice = undefined), 6000);
  }

  render() {
    const view = this.#live?.view;
    const tz = view?.header.store.timezone ?? 'Asia/Shanghai';
    const { t } = bayText(this.#lang, tz);
    return html`
      ${view ? safeRender(this, () => this.#board(view), t('renderError')) : html`<div class="loading">${t('loading')}</div>`}
      ${this.notice ? html`<div class="notice ${this.notice.kind}" role="status">${this.notice.text}</div>` : nothing}
      ${this.#scanLayer(t)}
      <connection-badge .status=${this.#live?.status} locale=${this.#lang} time-zone=${tz}></connection-badge>
    `;
  }

  #board(view: StaffView) {
    const lang = this.#lang;
    // Bay names and catalogue titles in the page's language (the same objects when unchanged).
    const store = localisedStore(view.header.store, lang);
    const tz = store.timezone;
    const { t, c } = bayText(lang, tz);
    const ros = recordsOf(view).ros.map((ro) => localisedRo(ro, store.catalogue, lang));
    const lane = buildLanes(store, ros).find((l) => l.bay.id === this.bayId);
    if (!lane) return html`<div class="loading">${this.bayId}</div>`;
    // This bay's own alarms (the server sends a bay only those that name it).
    const now = Math.max(this.#clock.now, Date.now());
    const alarms = buildAlarms(ros, serverAlarmsOf(view), now).filter((a) => a.kind !== 'promise');
    const state = lane.op?.status === 'in_progress' ? 'working' : lane.op ? 'paused' : lane.nextOp ? 'waiting' : 'idle';
    const pause = lane.op?.pause;
    const stateText =
      state === 'working'
        ? t('state.working')
        : state === 'paused'
          ? t('state.paused', { reason: pause ? c(`pause.${pause.reason}`) : c('op.paused') })
          : state === 'waiting'
            ? t('state.waiting')
            : t('state.idle');
    return html`
      <div class="board ${state} ${alarms.length ? 'has-alarms' : ''}">
        <header>
          <div class="bay">
            <h1>${lane.bay.name}</h1>
            <span class="kind">${t(`kind.${lane.bay.kind}`)}</span>
          </div>
          <div class="state">${stateText}</div>
          <board-clock locale=${lang} time-zone=${tz}></board-clock>
        </header>
        ${alarms.length ? this.#alarms(alarms, store, now) : nothing}
        <main>
          <section class="now">
            ${
              lane.ro && lane.op
                ? html`<bay-current-job .lane=${lane} locale=${lang} time-zone=${tz}></bay-current-job>
                  <bay-checklist .ro=${lane.ro} .store=${store} bay-id=${this.bayId} current-op=${lane.op.id} locale=${lang} time-zone=${tz}></bay-checklist>`
                : lane.nextRo && lane.nextOp
                  ? html`<bay-next-job class="up-next" variant="hero" .lane=${lane} locale=${lang} time-zone=${tz}></bay-next-job>`
                  : html`<div class="vacant"><div class="big ${lang === 'en' ? '' : 'cjk'}">${t('idle.big')}</div><div class="hint">${t('idle.hint')}</div></div>`
            }
          </section>
          <aside>
            ${lane.op || !lane.nextOp ? html`<bay-next-job .lane=${lane} locale=${lang} time-zone=${tz}></bay-next-job>` : nothing}
            <bay-qr url=${bayQrUrl(location.origin, this.bayCode)} caption=${t('qr.caption')}></bay-qr>
            <div class="scanner">⌨ ${t('scan.hint')}</div>
          </aside>
        </main>
      </div>
    `;
  }

  #alarms(alarms: ReturnType<typeof buildAlarms>, store: StaffView['header']['store'], now: number) {
    const text = boardText(this.#lang, store.timezone);
    return html`<section class="alarms" role="alert" data-testid="bay-alarms">
      <span class="kinds">${countByKind(alarms).map((k) => html`<b data-kind=${k.kind}>${text.t(`alarm.kind.${k.kind}`)} ${k.count}</b>`)}</span>
      <span class="what">${alarms.slice(0, 2).map((a) => html`<span data-kind=${a.kind}>${describeAlarm(a, text, store, now)}</span>`)}</span>
    </section>`;
  }

  static styles = [
    boardTheme,
    boardBits,
    css`
    :host { display: block; width: 100vw; height: 100vh; overflow: hidden; font-size: clamp(14px, 1.35vw, 52px); }
    .loading { display: grid; place-items: center; height: 100%; font-size: 2em; color: var(--tw-muted); }
    .board { height: 100%; display: grid; grid-template-rows: auto minmax(0, 1fr); gap: 1.2vh; padding: 1.6vh 1.6vw; }
    .board.has-alarms { grid-template-rows: auto auto minmax(0, 1fr); }
    .alarms { display: flex; gap: 1em; align-items: baseline; padding: 0.35em 0.8em; border-radius: 0.4em; background: #3b0d0d; border: 0.1em solid #b91c1c; color: #fecaca; font-size: 1.05em; min-width: 0; }
    .alarms .kinds { display: flex; gap: 0.6em; white-space: nowrap; }
    .alarms .kinds b { color: #fff; }
    .alarms .what { display: flex; gap: 1.2em; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-weight: 700; }
    header {
      display: flex; align-items: center; gap: 1.5vw; padding-bottom: 1vh; border-bottom: 0.12em solid var(--tw-line);
    }
    .bay { display: flex; align-items: baseline; gap: 0.6em; }
    h1 { margin: 0; font-size: 2.2em; line-height: 1.1; letter-spacing: 0.04em; }
    .kind { color: var(--tw-muted); font-size: 1.1em; }
    .state { margin-left: auto; font-size: 1.5em; font-weight: 800; padding: 0.15em 0.7em; border-radius: 0.4em; border: 0.1em solid currentColor; }
    .working .state { color: var(--tw-ok); }
    .paused .state { color: var(--tw-parts); }
    .waiting .state { color: var(--tw-info); }
    .idle .state { color: var(--tw-muted); }
    board-clock { font-size: 1.1em; }
    main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 0.36fr); gap: 2vw; min-height: 0; }
    .now { display: grid; grid-template-rows: auto minmax(0, 1fr); gap: 1.5vh; min-height: 0; min-width: 0; }
    bay-checklist { overflow: hidden; font-size: 0.95em; }
    /* Not .idle: that is also the board's own state class. */
    .vacant { display: grid; place-content: center; justify-items: center; gap: 1em; grid-row: 1 / 3; }
    .vacant .big { font-size: 4em; font-weight: 800; color: var(--tw-muted); }
    /* Spaced-out type suits Chinese characters; in Latin text it reads "I d l e". */
    .vacant .big.cjk { letter-spacing: 0.2em; }
    .vacant .hint { font-size: 1.3em; color: var(--tw-faint); }
    .up-next { grid-row: 1 / 3; align-self: center; }
    aside { display: grid; grid-template-rows: auto auto 1fr; gap: 1.5vh; align-content: start; min-height: 0; }
    bay-qr { width: min(100%, 34vh); justify-self: center; }
    .scanner { color: var(--tw-faint); font-size: 0.75em; text-align: center; align-self: end; }
    .notice {
      position: fixed; left: 50%; top: 40%; transform: translate(-50%, -50%); z-index: 50;
      padding: 0.8em 1.6em; border-radius: 0.6em; font-size: 1.6em; font-weight: 800; box-shadow: 0 0.5em 2em rgb(0 0 0 / 0.6);
    }
    /*
     * A portrait tablet at the bay (800 × 1280): not a squeezed landscape with an empty lower half,
     * but one column read top to bottom — the job and its checklist large, then the next job and
     * the bay's QR code side by side at the foot. Type follows the width, which is the short side.
     */
    @media (orientation: portrait) {
      :host { font-size: clamp(14px, 2.9vw, 52px); }
      .board { padding: 1.4vh 3vw; gap: 1.4vh; }
      header { flex-wrap: wrap; row-gap: 0.6vh; }
      main { grid-template-columns: minmax(0, 1fr); grid-template-rows: minmax(0, 1fr) auto; gap: 1.8vh; }
      .now { gap: 2vh; }
      bay-checklist { font-size: 1em; }
      aside { grid-template-columns: minmax(0, 1fr) auto; grid-template-rows: auto auto; align-items: start; gap: 0.6vh 3vw;
        padding-top: 1.4vh; border-top: 0.12em solid var(--tw-line); }
      aside bay-next-job { grid-row: 1 / 3; }
      bay-qr { width: min(30vw, 22vh); grid-column: 2; }
      .scanner { grid-column: 2; }
    }
    /* The scan page keeps its phone-sized column; the board stays visible, dimmed, around it. */
    .scan-layer { position: fixed; inset: 0; z-index: 60; display: grid; justify-items: center; align-items: start; overflow-y: auto;
      background: rgb(2 6 23 / 0.82); font-size: 16px; }
    .scan-layer scan-page { display: block; width: min(100%, 640px); min-height: 100%; background: var(--tw-bg, #0b1220); box-shadow: 0 0 3em rgb(0 0 0 / 0.7); }
    .notice.ok { background: #075985; color: #e0f2fe; }
    .notice.bad { background: #7f1d1d; color: #fee2e2; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'bay-board': BayBoard;
  }
}

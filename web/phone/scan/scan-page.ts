import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../../shared/domain/ids';
import { localisedRo, localisedStore } from '../../../shared/domain/localised-names';
import { parseScanCode, scanCodeInText } from '../../../shared/domain/scan-code';
import type { ScanActionInput, ScanJob, ScanMe, ScanResolved, ScanStore } from '../../../shared/projections/scan-view';
import type { StaffRo } from '../../../shared/projections/views';
import { icon } from '../../common/icons';
import { ActionQueue, type QueueEvent, type QueuedAction } from './action-queue';
import { targetText, type ActTarget } from './act-target';
import '../../common/camera-scanner';
import type { CodeEvent } from '../../common/camera-scanner';
import './my-jobs';
import './pin-sign-in';
import { nextNav, pagePartStyles, sharedBanner } from './page-parts';
import { loadBay, saveBay, type SavedBay } from './saved-bay';
import { sheetView, type Sheet } from './scan-sheets';
import { SHARED_DONE_MS, SharedScreen, type SharedClock } from './shared-screen';
import { getSession, myJobs, newActionId, resolveCode, signInWithBadge, signOut, type ApiError } from './scan-api';
import { predict } from './scan-model';
import './scan-notices';
import type { Notice, ScanNotices } from './scan-notices';
import { scanStyles } from './scan-styles';
import { scanText, type ScanText } from './scan-text';
import { badgeView, failureText, pendingPanel, queuedText, refusalCard, signInView, targetView, topBar, viewStyles } from './scan-views';
import './work-op';
import type { ActDetail } from './work-op';

export type { ActTarget } from './act-target';

/**
 * The technician scan page, `/s/<code>` (opened by the phone's camera app) or `/s` (the signed-in
 * person's own job list). It shows what was scanned with its current state and only the next legal
 * actions for the signed-in person; every tap is queued (IndexedDB) and sent in order with its own
 * id, so it works on bad Wi-Fi and applies once. Badges sign in, bay codes choose the bay, job
 * cards open the work. Nothing is fixed over the page: a docked button or an overlaid message
 * covered the PIN pad and the plate on a phone (issue 18).
 */
@customElement('scan-page')
export class ScanPage extends LitElement {
  @property() token?: string;
  @property({ attribute: 'store-id' }) storeId?: string;
  /** `?bay=` from a bay board's scanner: a signed bay code or a bay id. */
  @property() bay?: string;
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';
  /** Shown in place on a bay board's screen (shared-screen.ts): no address changes, signs out and says `leave` when done. */
  @property({ type: Boolean }) shared = false;
  /** The clock a shared screen times its way back by (tests move their own). */
  @property({ attribute: false }) clock?: SharedClock;

  /** undefined: not known yet; null: nobody signed in on this device. */
  @state() private me?: ScanMe | null;
  @state() private resolved?: ScanResolved;
  @state() private refusal?: ApiError;
  @state() private loading = true;
  @state() private online = navigator.onLine;
  @state() private camera = false;
  /**
   * On a shared bay screen, whether it has a camera at all: a wall screen usually has only its USB
   * scanner, and a button that opens a camera it lacks only fails. Phones are always offered theirs.
   */
  @state() private hasCamera = true;
  @state() private sheet?: Sheet;
  @state() private known = new Map<string, StaffRo>();
  @state() private store?: ScanStore;
  @state() private bayNow?: SavedBay;
  @state() private queued: readonly QueuedAction[] = [];
  /** The home view's list; undefined while it loads. */
  @state() private jobs?: readonly ScanJob[];

  readonly #queue = new ActionQueue();
  /** On a bay board's screen: its scanner works here, and the page signs out and hands back to the board. */
  readonly #shared = new SharedScreen(this, {
    shared: () => this.shared,
    clock: () => this.clock,
    onScan: (token) => void this.#open(token),
    leave: () => this.#signOut(),
  });
  #afterSignIn?: string;
  #retry?: ReturnType<typeof setInterval>;
  #lastCamera?: { token: string; at: number };

  get #text(): ScanText {
    return scanText(this.#lang, this.store?.timezone ?? 'Asia/Shanghai');
  }

  get #notices(): ScanNotices | null {
    return this.renderRoot.querySelector('scan-notices');
  }

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisible);
    this.#queue.subscribe(this.#onQueue);
    // Flaky Wi-Fi does not always say when it is back: keep trying while something waits.
    this.#retry = setInterval(() => this.queued.length && this.#flush(), 5000);
    if (this.shared) void this.#findCamera();
    void this.#boot();
  }

  /** No mediaDevices (a screen served over plain http) or no video input: the scanner is the only way in. */
  async #findCamera(): Promise<void> {
    const devices = await navigator.mediaDevices?.enumerateDevices?.().catch(() => []);
    this.hasCamera = !!devices?.some((d) => d.kind === 'videoinput');
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisible);
    clearInterval(this.#retry);
  }

  async #boot(): Promise<void> {
    this.bayNow = loadBay();
    await this.#queue.load();
    if (this.token) await this.#open(this.token, this.bay);
    else {
      const session = await getSession();
      this.me = session.ok ? session.data : this.me;
      this.loading = false;
      if (this.me) void this.#loadJobs();
    }
    void this.#flush();
  }

  #onOnline = () => {
    this.online = true;
    void this.#flush();
  };
  #onOffline = () => (this.online = false);
  #onVisible = () => {
    if (document.visibilityState !== 'visible' || !this.online) return;
    if (this.resolved) void this.#open(this.resolved.token, undefined, true);
    else if (this.me) void this.#loadJobs();
  };

  #flush() {
    return this.#queue.flush(() => this.me?.personId);
  }

  #say(kind: Notice['kind'], text: string, detail?: string): void {
    this.#notices?.say(kind, text, detail);
  }

  #url(path: string): string {
    return `${path}${location.search.includes('lang=') ? `?lang=${this.locale}` : ''}`;
  }

  /** The address follows what is open on a phone; on a bay board's screen it stays the board's. */
  #show(path: string): void {
    if (!this.shared) history.replaceState(null, '', this.#url(path));
  }

  // ——— the home view: my jobs ———

  async #loadJobs(): Promise<void> {
    const answer = await myJobs(this.bayNow?.id);
    if (!answer.ok) {
      if (answer.status === 401) this.me = null;
      return;
    }
    this.store = answer.data.store;
    this.me = answer.data.me;
    const known = new Map(this.known);
    for (const job of answer.data.jobs) known.set(job.ro.id, job.ro);
    this.known = known;
    this.jobs = answer.data.jobs;
  }

  #home(): void {
    this.resolved = undefined;
    this.refusal = undefined;
    this.jobs = undefined;
    this.#notices?.clearOld();
    this.#show('/s');
    void this.#loadJobs();
  }

  // ——— opening a code ———

  async #open(token: string, bay?: string, quiet = false): Promise<void> {
    if (!quiet) {
      this.loading = true;
      this.refusal = undefined;
      this.#notices?.clearOld();
    }
    this.#show(`/s/${token}`);
    const answer = await resolveCode(token, bay);
    this.loading = false;
    if (!answer.ok) {
      if (answer.offline) return this.#openOffline(token);
      if (!quiet) {
        this.refusal = answer.error;
        this.resolved = undefined;
      }
      return;
    }
    const r = answer.data;
    if (r.store) this.store = r.store;
    if (r.me !== undefined) this.me = r.me;
    if (r.target?.kind === 'badge') return this.#signInByBadge(r);
    if (r.signIn) {
      this.me = null;
      this.#afterSignIn = token;
      this.resolved = r;
      return;
    }
    if (r.bay) this.#setBay(r.bay);
    if (r.target?.kind === 'bay') this.#setBay(r.target.bay);
    const known = new Map(this.known);
    const ros = r.target?.kind === 'bay' ? r.target.ros : r.target && 'ro' in r.target ? [r.target.ro] : [];
    for (const ro of ros) known.set(ro.id, ro);
    this.known = known;
    this.resolved = r;
    if (!quiet && r.target && r.target.kind !== 'bay') this.camera = false;
    if (!quiet && !this.shared) window.scrollTo({ top: 0 });
  }

  /** Without a network, a job card already seen can still be worked on: its actions queue. */
  #openOffline(token: string): void {
    const ids = parseScanCode(token)?.ids;
    const ro = ids && 'roId' in ids ? this.known.get(ids.roId) : undefined;
    if (!ids || !ro || !this.me) {
      this.refusal = { code: 'offline', message: this.#text.t('page.offline') };
      return;
    }
    this.resolved = {
      token,
      kind: ids.kind,
      storeId: ids.storeId,
      me: this.me,
      target: ids.kind === 'operation' ? { kind: 'operation', ro, operationId: ids.operationId } : { kind: 'ro', ro },
    };
    this.camera = false;
  }

  async #signInByBadge(r: ScanResolved): Promise<void> {
    const answer = await signInWithBadge(r.token);
    if (!answer.ok) {
      this.refusal = answer.error;
      return;
    }
    this.me = answer.data;
    this.resolved = r;
    // The badge card says who signed in; a message only when the page goes on to a job scanned before.
    if (this.#afterSignIn) {
      await this.updateComplete;
      this.#say('ok', this.#text.t('signIn.ok', { name: answer.data.name }));
    }
    await this.#afterSignedIn();
  }

  async #afterSignedIn(): Promise<void> {
    const next = this.#afterSignIn;
    this.#afterSignIn = undefined;
    if (next) await this.#open(next);
    else if (!this.resolved) void this.#loadJobs();
    void this.#flush();
  }

  #onCode(e: CodeEvent): void {
    const token = scanCodeInText(e.detail.text);
    if (!token) return this.#say('fail', this.#text.t('camera.notOurs'));
    const now = Date.now();
    if (this.#lastCamera?.token === token && now - this.#lastCamera.at < 4000) return;
    this.#lastCamera = { token, at: now };
    navigator.vibrate?.(60);
    void this.#open(token);
  }

  #setBay(bay?: SavedBay): void {
    this.bayNow = bay;
    saveBay(bay);
  }

  // ——— actions ———

  #onAct(detail: ActDetail, target: ActTarget): void {
    const ro = this.#shown().get(detail.roId);
    switch (detail.type) {
      case 'startOperation': {
        const op = ro?.operations.find((o) => o.id === detail.operationId);
        if (detail.chooseBay || !detail.bayId) this.sheet = { kind: 'bay', target, assigned: op?.bayId };
        else void this.#enqueue(target, { type: 'startOperation', bayId: detail.bayId });
        return;
      }
      case 'pauseOperation':
        this.sheet = { kind: 'pause', target };
        return;
      case 'qcFail':
        if (ro) this.sheet = { kind: 'qcFail', target, ro };
        return;
      case 'deliver':
        if (ro) this.sheet = { kind: 'deliver', target, ro };
        return;
      default:
        void this.#enqueue(target, { type: detail.type } as ScanActionInput);
    }
  }

  async #enqueue(target: ActTarget, action: ScanActionInput): Promise<void> {
    if (!this.me) return;
    this.sheet = undefined;
    const storeId = this.resolved?.storeId ?? this.me.storeId;
    await this.#queue.add({ id: newActionId(), storeId, personId: this.me.personId, ...target, action });
    if (!this.online) this.#say('info', this.#text.t('done.queued'));
    void this.#flush();
  }

  #onQueue = (e: QueueEvent): void => {
    this.queued = [...this.#queue.items];
    const { t } = this.#text;
    if (e.kind === 'applied') {
      this.known = new Map(this.known).set(e.result.repairOrder.id, e.result.repairOrder);
      this.#say('ok', t(`done.${e.item.action.type}`, { what: e.item.roNumber ? targetText(e.item) : (e.item.label ?? '') }));
      this.#shared.wait(SHARED_DONE_MS);
    } else if (e.kind === 'refused') {
      const d = (e.error.details ?? {}) as { technicianId?: string; roId?: string; operationId?: string; roNumber?: string; operationTitle?: string };
      const busyMe = e.error.code === 'conflict' && d.technicianId === this.me?.personId && d.roId && d.operationId;
      if (busyMe && d.roId && d.operationId) {
        const { token, roId, operationId, roNumber, opTitle, plate, action } = e.item;
        this.sheet = {
          kind: 'busy',
          running: { roId: d.roId, operationId: d.operationId, roNumber: d.roNumber ?? '', opTitle: d.operationTitle },
          then: { target: { token, roId, operationId, roNumber, opTitle, plate }, action },
        };
      } else {
        this.#say(
          'fail',
          t('fail.title', { what: queuedText(e.item, this.#text) }),
          failureText(e.error, this.#text, this.store, this.me, this.known.get(e.item.roId)),
        );
      }
      if (this.resolved) void this.#open(this.resolved.token, undefined, true);
    } else if (e.kind === 'signed-out') {
      this.me = null;
      this.#say('fail', t('fail.signIn'));
    }
  };

  async #signOut(): Promise<void> {
    await signOut();
    this.me = null;
    this.resolved = undefined;
    this.jobs = undefined;
    this.#setBay(undefined);
  }

  /** The repair orders as they will be once what is queued is applied, titles in the page's language. */
  #shown(): Map<string, StaffRo> {
    const shown = predict(this.known, this.queued, this.me ?? undefined);
    const catalogue = this.store?.catalogue ?? [];
    for (const [id, ro] of shown) shown.set(id, localisedRo(ro, catalogue, this.#lang));
    return shown;
  }

  get #lang(): Locale {
    return this.locale === 'en' ? 'en' : 'zh-CN';
  }

  /** The store with bay names in the page's language. */
  get #store(): ScanStore | undefined {
    return this.store && localisedStore(this.store, this.#lang);
  }

  // ——— render ———

  /** What opens the camera, or undefined on a shared screen without one (its scanner is the way in: say so). */
  get #openCamera(): (() => void) | undefined {
    return !this.shared || this.hasCamera ? () => (this.camera = true) : undefined;
  }

  render() {
    const text = this.#text;
    const fromBayBoard = !this.shared && document.referrer.includes('/display/bay/');
    const signedIn = !!this.me && !this.resolved?.signIn;
    return html`
      ${topBar({
        text,
        me: this.me,
        online: this.online,
        bay: this.bayNow,
        store: this.store,
        backToBoard: fromBayBoard,
        pending: this.queued.length,
        onSignOut: () => void (this.shared ? this.#shared.leave() : this.#signOut()),
        onClearBay: () => this.#setBay(undefined),
      })}
      ${this.shared ? sharedBanner({ text, leavesInS: this.#shared.leavesInS, onLeave: () => void this.#shared.leave() }) : nothing}
      <scan-notices .text=${text}></scan-notices>
      <main>${this.#main(text)}</main>
      ${signedIn && !this.loading ? nextNav({ text, home: !this.resolved && !this.refusal, onScan: this.#openCamera, onHome: () => this.#home() }) : nothing}
      ${pendingPanel({ text, items: this.queued, sending: this.#queue.sending, me: this.me, onDiscard: (id) => void this.#queue.discard(id) })}
      ${
        this.camera
          ? html`<camera-scanner hint=${text.t('camera.hint')} close-label=${text.t('camera.close')} error-insecure=${text.t('camera.insecure')}
        error-denied=${text.t('camera.denied')} error-unavailable=${text.t('camera.unavailable')}
        @code=${(e: CodeEvent) => this.#onCode(e)} @close=${() => (this.camera = false)}></camera-scanner>`
          : nothing
      }
      ${sheetView(this.sheet, text, this.#store, {
        enqueue: (target, action) => this.#enqueue(target, action),
        setBay: (bay) => this.#setBay(bay),
        show: (sheet) => (this.sheet = sheet),
        proposed: (detail) => {
          this.sheet = undefined;
          this.#say('ok', text.t('addOn.sent', { title: detail.title }));
          if (this.resolved) void this.#open(this.resolved.token, undefined, true);
        },
      })}
    `;
  }

  #main(text: ScanText) {
    const { t } = text;
    if (this.loading) return html`<p class="loading">${t('page.loading')}</p>`;
    if (this.refusal) return refusalCard(text, this.refusal, this.#openCamera);
    if (this.resolved?.signIn || this.me === null || this.me === undefined) {
      return signInView({
        text,
        people: this.resolved?.signIn?.people ?? [],
        storeId: this.resolved?.storeId ?? this.storeId ?? '',
        onBadge: this.#openCamera,
        onSignedIn: async (me) => {
          this.me = me;
          this.resolved = undefined;
          await this.updateComplete;
          this.#say('ok', t('signIn.ok', { name: me.name }));
          void this.#afterSignedIn();
        },
      });
    }
    if (this.resolved?.target?.kind === 'badge') return badgeView(text, this.me);
    if (!this.resolved) {
      if (!this.jobs || !this.store) return html`<p class="loading" data-loading="jobs">${t('jobs.loading')}</p>`;
      const catalogue = this.store.catalogue ?? [];
      const jobs = this.jobs.map((j) => ({ ...j, ro: localisedRo(j.ro, catalogue, this.#lang) }));
      return html`<my-jobs .text=${text} .store=${this.#store} .jobs=${jobs} .bay=${this.bayNow}
        @open-code=${(e: CustomEvent<string>) => void this.#open(e.detail)}></my-jobs>`;
    }
    if (!this.store) return html`<div class="card home"><div class="hero">${icon('camera')}</div><h2>${t('page.scanFirst')}</h2></div>`;
    return targetView({
      text,
      resolved: this.resolved,
      me: this.me,
      store: this.#store!,
      shown: this.#shown(),
      queued: this.queued,
      bay: this.bayNow,
      onAct: (detail, target) => this.#onAct(detail, target),
      onProposeAddOn: (target) => (this.sheet = { kind: 'addOn', target }),
    });
  }

  static styles = [
    scanStyles,
    viewStyles,
    pagePartStyles,
    css`
    :host { min-height: 100vh; padding-bottom: calc(24px + env(safe-area-inset-bottom)); }
    main { padding: 12px 14px 8px; display: grid; gap: 14px; }
    .loading { font-size: 24px; text-align: center; margin-top: 20vh; }
    .home { text-align: center; padding: 36px 16px; }
    .home .hero { font-size: 96px; color: #67e8f9; }
    .home h2 { font-size: 26px; margin: 8px 0; }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'scan-page': ScanPage;
  }
}

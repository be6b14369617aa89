import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Locale } from '../../shared/domain/ids';
import { parseScanCode, scanCodeInText } from '../../shared/domain/scan-code';
import type { ScanActionInput, ScanMe, ScanResolved, ScanStore } from '../../shared/projections/scan-view';
import type { StaffRo } from '../../shared/projections/views';
import type { ScanActionType } from '../../shared/workflow/scan-actions';
import { icon } from './icons';
import { ActionQueue, type QueueEvent, type QueuedAction } from './action-queue';
import './bay-sheet';
import './camera-scanner';
import type { CodeEvent } from './camera-scanner';
import './pause-sheet';
import './pin-sign-in';
import './qc-sheet';
import { getSession, newActionId, resolveCode, signInWithBadge, signOut, type ApiError } from './scan-api';
import { predict } from './scan-model';
import { scanStyles } from './scan-styles';
import { scanText, type ScanText } from './scan-text';
import { badgeView, failureText, pendingPanel, refusalCard, signInView, targetView, topBar, viewStyles, type Notice } from './scan-views';
import './work-op';
import type { ActDetail } from './work-op';

/** Where an action goes: the scanned code, and the repair order / operation it is about. */
export interface ActTarget {
  token?: string;
  roId: string;
  operationId?: string;
  label: string;
}

type Sheet =
  | { kind: 'pause'; target: ActTarget; then?: { target: ActTarget; action: ScanActionInput } }
  | { kind: 'qcFail'; target: ActTarget; ro: StaffRo }
  | { kind: 'bay'; target: ActTarget; assigned?: string }
  | { kind: 'busy'; running: ActTarget; then: { target: ActTarget; action: ScanActionInput } }
  | { kind: 'deliver'; target: ActTarget; ro: StaffRo };

const BAY_KEY = 'tw-scan-bay';
const BAY_TTL_MS = 12 * 3600_000;

/**
 * The technician scan page, `/s/<code>` (opened by the phone's camera app) or `/s`. It shows
 * what was scanned with its current state and only the next legal actions for the signed-in
 * person; every tap is queued (IndexedDB) and sent in order with its own id, so it works on bad
 * Wi-Fi and applies once. Badges sign in, bay codes choose the bay, job cards open the work.
 */
@customElement('scan-page')
export class ScanPage extends LitElement {
  @property() token?: string;
  @property({ attribute: 'store-id' }) storeId?: string;
  /** `?bay=` from a bay board's scanner: a signed bay code or a bay id. */
  @property() bay?: string;
  @property({ attribute: 'lang' }) locale: Locale = 'zh-CN';

  /** undefined: not known yet; null: nobody signed in on this device. */
  @state() private me?: ScanMe | null;
  @state() private resolved?: ScanResolved;
  @state() private refusal?: ApiError;
  @state() private loading = true;
  @state() private online = navigator.onLine;
  @state() private camera = false;
  @state() private sheet?: Sheet;
  @state() private notices: Notice[] = [];
  @state() private known = new Map<string, StaffRo>();
  @state() private store?: ScanStore;
  @state() private bayNow?: { id: string; name: string };
  @state() private queued: readonly QueuedAction[] = [];

  readonly #queue = new ActionQueue();
  #afterSignIn?: string;
  #retry?: ReturnType<typeof setInterval>;
  #noticeId = 0;
  #lastCamera?: { token: string; at: number };

  get #text(): ScanText {
    return scanText(this.locale === 'en' ? 'en' : 'zh-CN', this.store?.timezone ?? 'Asia/Shanghai');
  }

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisible);
    this.#queue.subscribe(this.#onQueue);
    // Flaky Wi-Fi does not always say when it is back: keep trying while something waits.
    this.#retry = setInterval(() => this.queued.length && this.#flush(), 5000);
    void this.#boot();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisible);
    clearInterval(this.#retry);
  }

  async #boot(): Promise<void> {
    this.bayNow = this.#savedBay();
    await this.#queue.load();
    if (this.token) await this.#open(this.token, this.bay);
    else {
      const session = await getSession();
      this.me = session.ok ? session.data : this.me;
      this.loading = false;
    }
    void this.#flush();
  }

  #onOnline = () => {
    this.online = true;
    void this.#flush();
  };
  #onOffline = () => (this.online = false);
  #onVisible = () => {
    if (document.visibilityState === 'visible' && this.resolved && this.online) void this.#open(this.resolved.token, undefined, true);
  };

  #flush() {
    return this.#queue.flush(() => this.me?.personId);
  }

  // ——— opening a code ———

  async #open(token: string, bay?: string, quiet = false): Promise<void> {
    if (!quiet) {
      this.loading = true;
      this.refusal = undefined;
    }
    history.replaceState(null, '', `/s/${token}${location.search.includes('lang=') ? `?lang=${this.locale}` : ''}`);
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
      token, kind: ids.kind, storeId: ids.storeId, me: this.me,
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
    // The badge card says who signed in; a toast only when the page goes on to a job scanned before.
    if (this.#afterSignIn) this.#say('ok', this.#text.t('signIn.ok', { name: answer.data.name }));
    await this.#afterSignedIn();
  }

  async #afterSignedIn(): Promise<void> {
    const next = this.#afterSignIn;
    this.#afterSignIn = undefined;
    if (next) await this.#open(next);
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

  // ——— bay ———

  #savedBay(): { id: string; name: string } | undefined {
    try {
      const saved = JSON.parse(localStorage.getItem(BAY_KEY) ?? 'null') as { id: string; name: string; at: number } | null;
      return saved && Date.now() - saved.at < BAY_TTL_MS ? { id: saved.id, name: saved.name } : undefined;
    } catch {
      return undefined;
    }
  }

  #setBay(bay?: { id: string; name: string }): void {
    this.bayNow = bay;
    try {
      if (bay) localStorage.setItem(BAY_KEY, JSON.stringify({ ...bay, at: Date.now() }));
      else localStorage.removeItem(BAY_KEY);
    } catch { /* storage full or disabled: the bay is kept for this page only */ }
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
        // The one step that cannot be undone: ask once.
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
    const label = `${this.#text.t(`act.${action.type}`)} · ${target.label}`;
    await this.#queue.add({ id: newActionId(), storeId, personId: this.me.personId, ...target, label, action });
    if (!this.online) this.#say('info', this.#text.t('done.queued'));
    void this.#flush();
  }

  #onQueue = (e: QueueEvent): void => {
    this.queued = [...this.#queue.items];
    const { t } = this.#text;
    if (e.kind === 'applied') {
      this.known = new Map(this.known).set(e.result.repairOrder.id, e.result.repairOrder);
      const what = e.item.label.split(' · ').slice(1).join(' · ');
      this.#say('ok', t(`done.${e.item.action.type}`, { what }));
    } else if (e.kind === 'refused') {
      const d = (e.error.details ?? {}) as { technicianId?: string; roId?: string; operationId?: string; roNumber?: string; operationTitle?: string };
      const busyMe = e.error.code === 'conflict' && d.technicianId === this.me?.personId && d.roId && d.operationId;
      if (!busyMe) this.#say('fail', t('fail.title', { what: e.item.label }), failureText(e.error, this.#text, this.store, this.me, this.known.get(e.item.roId)));
      if (busyMe && d.roId && d.operationId) {
        this.sheet = {
          kind: 'busy',
          running: { roId: d.roId, operationId: d.operationId, label: `${d.operationTitle ?? ''} · ${d.roNumber ?? ''}` },
          then: { target: { token: e.item.token, roId: e.item.roId, operationId: e.item.operationId, label: e.item.label.split(' · ').slice(1).join(' · ') }, action: e.item.action },
        };
      }
      if (this.resolved) void this.#open(this.resolved.token, undefined, true);
    } else if (e.kind === 'signed-out') {
      this.me = null;
      this.#say('fail', t('fail.signIn'));
    }
  };

  #say(kind: Notice['kind'], text: string, detail?: string): void {
    const notice: Notice = { id: ++this.#noticeId, kind, text, detail };
    // Only the latest "done" message is worth reading; refusals stay until they are read.
    this.notices = [...this.notices.filter((n) => n.kind === 'fail').slice(-2), notice];
    if (kind !== 'fail') setTimeout(() => (this.notices = this.notices.filter((n) => n !== notice)), 4000);
  }

  async #signOut(): Promise<void> {
    await signOut();
    this.me = null;
    this.resolved = undefined;
    this.#setBay(undefined);
  }

  /** The repair orders as they will be once what is queued is applied. */
  #shown(): Map<string, StaffRo> {
    return predict(this.known, this.queued, this.me ?? undefined);
  }

  // ——— render ———

  render() {
    const text = this.#text;
    const { t } = text;
    const fromBayBoard = document.referrer.includes('/display/bay/');
    return html`
      ${topBar({ text, me: this.me, online: this.online, bay: this.bayNow, store: this.store, backToBoard: fromBayBoard, pending: this.queued.length,
        onSignOut: () => void this.#signOut(), onClearBay: () => this.#setBay(undefined) })}
      <div class="notices" aria-live="polite">${this.notices.map((n) => html`
        <div class="notice ${n.kind}" role=${n.kind === 'fail' ? 'alert' : 'status'} @click=${() => (this.notices = this.notices.filter((x) => x !== n))}>
          <b>${icon(n.kind === 'ok' ? 'check' : n.kind === 'fail' ? 'x' : 'hourglass')} ${n.text}</b>${n.detail ? html`<div>${n.detail}</div>` : nothing}
          ${n.kind === 'fail' ? html`<span class="dismiss">${t('page.dismiss')} ${icon('x')}</span>` : nothing}
        </div>`)}</div>
      <main>${this.#main(text)}</main>
      ${pendingPanel({ text, items: this.queued, sending: this.#queue.sending, me: this.me, onDiscard: (id) => void this.#queue.discard(id) })}
      <div class="dock"><button class="big scan" data-action="scan" @click=${() => (this.camera = true)}><span class="icon">${icon('camera')}</span>${t('page.scanNext')}</button></div>
      ${this.camera ? html`<camera-scanner hint=${t('camera.hint')} close-label=${t('camera.close')} error-insecure=${t('camera.insecure')}
        error-denied=${t('camera.denied')} error-unavailable=${t('camera.unavailable')}
        @code=${(e: CodeEvent) => this.#onCode(e)} @close=${() => (this.camera = false)}></camera-scanner>` : nothing}
      ${this.#sheet(text)}
    `;
  }

  #main(text: ScanText) {
    const { t } = text;
    if (this.loading) return html`<p class="loading">${t('page.loading')}</p>`;
    if (this.refusal) return refusalCard(text, this.refusal, () => (this.camera = true));
    if (this.resolved?.signIn || this.me === null || this.me === undefined) {
      return signInView({
        text, people: this.resolved?.signIn?.people ?? [], storeId: this.resolved?.storeId ?? this.storeId ?? '',
        onBadge: () => (this.camera = true),
        onSignedIn: (me) => {
          this.me = me;
          this.resolved = undefined;
          this.#say('ok', t('signIn.ok', { name: me.name }));
          void this.#afterSignedIn();
        },
      });
    }
    if (this.resolved?.target?.kind === 'badge') return badgeView(text, this.me);
    if (!this.resolved || !this.store)
      return html`<div class="card home"><div class="hero">${icon('camera')}</div><h2>${t('page.scanFirst')}</h2></div>`;
    return targetView({
      text, resolved: this.resolved, me: this.me, store: this.store, shown: this.#shown(), queued: this.queued, bay: this.bayNow,
      onAct: (detail, target) => this.#onAct(detail, target),
    });
  }

  #sheet(text: ScanText) {
    const s = this.sheet;
    if (!s || !this.store) return nothing;
    const close = () => (this.sheet = undefined);
    switch (s.kind) {
      case 'pause':
        return html`<pause-sheet .text=${text} what=${s.target.label} @cancel=${close} @confirm=${async (e: CustomEvent) => {
          await this.#enqueue(s.target, { type: 'pauseOperation', pause: e.detail });
          if (s.then) await this.#enqueue(s.then.target, s.then.action);
        }}></pause-sheet>`;
      case 'qcFail':
        return html`<qc-sheet .text=${text} .ro=${s.ro} @cancel=${close}
          @confirm=${(e: CustomEvent) => void this.#enqueue(s.target, { type: 'qcFail', ...e.detail })}></qc-sheet>`;
      case 'bay':
        return html`<bay-sheet .text=${text} .store=${this.store} assigned=${s.assigned ?? ''} @cancel=${close} @confirm=${(e: CustomEvent) => {
          this.#setBay(e.detail);
          void this.#enqueue(s.target, { type: 'startOperation', bayId: e.detail.id });
        }}></bay-sheet>`;
      case 'deliver': {
        const { t } = text;
        const plate = s.ro.vehicle.plate.length >= 7 ? `${s.ro.vehicle.plate.slice(0, 2)}·${s.ro.vehicle.plate.slice(2)}` : s.ro.vehicle.plate;
        return html`<div class="sheet" role="dialog"><div class="panel">
          <h2>${icon('car')} ${t('deliver.title')}</h2><p class="lead">${t('deliver.body', { plate, ro: s.ro.number })}</p>
          <button class="big finish" data-choice="confirm" @click=${() => void this.#enqueue(s.target, { type: 'deliver' })}><span class="icon">${icon('check')}</span>${t('deliver.confirm')}</button>
          <button class="big ghost" data-choice="cancel" @click=${close}>${t('pause.cancel')}</button>
        </div></div>`;
      }
      case 'busy': {
        const { t } = text;
        const [op, ro] = s.running.label.split(' · ');
        return html`<div class="sheet" role="dialog"><div class="panel">
          <h2>${icon('alert')} ${t('busy.title')}</h2><p class="lead">${t('busy.body', { op, ro })}</p>
          <button class="big pause" data-choice="pause-first" @click=${() => (this.sheet = { kind: 'pause', target: s.running, then: s.then })}><span class="icon">${icon('pause')}</span>${t('busy.pauseFirst')}</button>
          <button class="big ghost" data-choice="cancel" @click=${close}>${t('busy.cancel')}</button>
        </div></div>`;
      }
    }
  }

  static styles = [scanStyles, viewStyles, css`
    :host { min-height: 100vh; padding-bottom: 120px; }
    main { padding: 12px 14px 20px; display: grid; gap: 14px; }
    .loading { font-size: 24px; text-align: center; margin-top: 30vh; }
    .home { text-align: center; padding: 36px 16px; }
    .home .hero { font-size: 96px; color: #67e8f9; }
    .home h2 { font-size: 26px; margin: 8px 0; }
    .dock { position: fixed; left: 0; right: 0; bottom: 0; padding: 10px 14px calc(10px + env(safe-area-inset-bottom)); background: linear-gradient(transparent, #0b1220 30%); z-index: 20; }
    .dock .scan { background: #0e7490; border-color: #67e8f9; }
    /* Over the page, not in it: a message coming or going never moves a button under a finger. */
    .notices { position: fixed; top: 76px; left: 10px; right: 10px; z-index: 30; display: grid; gap: 8px; pointer-events: none; }
    .notices:empty { display: none; }
    .notice { pointer-events: auto; display: grid; gap: 4px; padding: 12px 14px; border-radius: 14px; font-size: 21px; box-shadow: 0 6px 24px rgba(0,0,0,.6); }
    .notice.ok { background: #14532d; border: 3px solid #4ade80; }
    .notice.info { background: #422006; border: 3px solid #f59e0b; }
    .notice.fail { background: #450a0a; border: 3px solid #ef4444; }
    .notice .dismiss { justify-self: end; padding: 6px 14px; border-radius: 10px; border: 2px solid #fff; font-weight: 800; font-size: 18px; }
    .sheet { position: fixed; inset: 0; z-index: 40; display: grid; align-items: end; background: rgba(2, 6, 23, .78); }
    .sheet .panel { background: #0f1a30; border-top: 4px solid #facc15; border-radius: 22px 22px 0 0; padding: 20px 16px 28px; display: grid; gap: 16px; }
    .sheet h2 { font-size: 28px; margin: 0; }
    .lead { font-size: 22px; margin: 0; }
  `];
}

declare global {
  interface HTMLElementTagNameMap {
    'scan-page': ScanPage;
  }
}

import type { AudienceInput } from '../../shared/projections/audience';
import type { Delta, View } from '../../shared/projections/views';
import type { CatchUp, ServerInfo } from '../../shared/protocol';
import { ViewSync } from '../../shared/live/view-sync';
import { stillShown } from '../../shared/projections/expiry';
import { REFUSED_RETRY_MS } from './backoff';
import { displayTokenOf, forgetDisplay, rememberDisplay, rememberedDisplay } from './display-identity';
import { ReconnectingSocket, type LiveSocket } from './reconnecting-socket';
import { lastReload, recordReload, speechHealth } from './sign-of-life';

export interface ConnectionStatus {
  /** 'live' when joined and current; 'connecting' before the first snapshot; 'reconnecting' after a loss. */
  state: 'connecting' | 'live' | 'reconnecting' | 'refused';
  /** When the link was lost (for "reconnecting since 10:42"). */
  since?: number;
  /** When the shown data was last known current. */
  dataAt?: number;
  error?: { code: string; message: string };
}

export interface LiveOptions {
  audience: AudienceInput;
  /** Display token for paired screens (default: the page's `?display=`); staff sessions travel as the cookie. */
  token?: string;
  url?: string;
  /** Backoff bounds for reconnecting, in ms (default RECONNECT_BACKOFF). The first delay is random in [0, min). */
  backoff?: { min: number; max: number };
  /** Tests can replace the page reload. */
  reload?: () => void;
  /**
   * A paired screen that the server says was unpaired (or whose token is revoked). Default:
   * forget the remembered token and open /display, which shows a pairing code again.
   */
  onUnpaired?: () => void;
  /** Where a paired screen remembers its token (default localStorage; tests pass a fake). */
  storage?: Storage;
}

type Listener = () => void;

/**
 * One live link to the server for one page: owns the socket, the snapshot, the sequence
 * number and resync. It reconnects by itself (ReconnectingSocket: jittered backoff, watchdog on a
 * silent link), keeps the last good view while away, and reloads the page at a quiet moment
 * when the server reports a new version.
 */
export class LiveConnection<V extends View = View> {
  readonly sync: ViewSync<V>;
  status: ConnectionStatus = { state: 'connecting' };
  /** Time spent applying the last delta, in ms (the render benchmark reads it). */
  lastApplyMs = 0;

  #listeners = new Set<Listener>();
  #link: ReconnectingSocket;
  #version?: string;
  #reloadPending = false;
  #lastChangeAt = Date.now();
  #token?: string;
  #joined = false;
  #lastBeatAt = 0;
  /** What the last heartbeat said about speech: a change is told at once, not at the next beat. */
  #beatSpeech?: string;

  constructor(private readonly options: LiveOptions) {
    const kind = options.audience.kind;
    this.sync = new ViewSync<V>(kind !== 'tracking', (key, entry, now) => stillShown(kind, key, entry, now));
    this.#link = new ReconnectingSocket({
      url: options.url,
      backoff: options.backoff,
      socketOptions: () => ({ auth: this.#token ? { token: this.#token } : {}, withCredentials: true }),
      attach: (socket) => this.#attach(socket),
      onLost: () => this.#onLost(),
      onTick: () => this.#onTick(),
    });
  }

  get #socket(): LiveSocket | undefined {
    return this.#link.socket;
  }

  get view(): V | undefined {
    return this.sync.view;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (!this.#link.stopped) return;
    this.#adoptToken();
    this.#link.start();
  }

  stop(): void {
    this.#link.stop();
  }

  /** Send an app-level heartbeat (paired displays report what they show). */
  heartbeat(page: string): void {
    const reload = lastReload(this.options.storage);
    const speech = speechHealth();
    this.#beatSpeech = speech;
    this.#socket?.emit('heartbeat', {
      version: this.#version ?? 'unknown',
      shownSeq: this.sync.seq,
      page,
      ...(reload ? { lastReload: reload } : {}),
      ...(speech ? { speech } : {}),
    });
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }

  /**
   * A screen opened with `?display=<token>` (from pairing, or set up by hand) remembers it with
   * its URL, so /display brings it back here after a browser restart.
   */
  #adoptToken(): void {
    const fromUrl = typeof location === 'undefined' ? undefined : displayTokenOf(location.search);
    this.#token = this.options.token ?? fromUrl;
    if (this.#token && this.#token === fromUrl) rememberDisplay({ token: this.#token, url: location.pathname + location.search }, this.options.storage);
  }

  #attach(socket: LiveSocket): void {
    socket.on('connect', () => {
      // Coming back with a view on screen: ask only for what was missed meanwhile.
      const fromSeq = this.sync.view ? this.sync.seq + 1 : undefined;
      socket.emit('join', { audience: this.options.audience, fromSeq }, (result) => {
        if (socket !== this.#socket) return;
        if (result.ok) {
          this.#onServerInfo(result.data);
          this.#catchUp(result.data);
          this.#joined = true;
          return this.#beat();
        }
        // With a token, both mean this screen needs pairing again: 'revoked' (unpaired) or a
        // token the server no longer accepts at all ('unauthenticated').
        if (this.#token && (result.error.code === 'revoked' || result.error.code === 'unauthenticated')) return this.#onUnpaired();
        // A refused join will not get better by retrying quickly (unpaired, expired link…).
        this.status = { ...this.status, state: 'refused', error: result.error };
        this.#emit();
        // Tests that shrink the backoff shrink the wait after a refusal with it.
        this.#link.retryIn(this.options.backoff?.max ?? REFUSED_RETRY_MS);
      });
    });
    socket.on('delta', (delta: Delta) => this.#onDelta(delta));
    socket.on('reload', () => this.#requestReload(true));
    socket.on('unpaired', () => this.#onUnpaired());
  }

  #onServerInfo(info: ServerInfo): void {
    this.#link.heartbeatMs = info.heartbeatMs;
    if (this.#version && this.#version !== info.version) this.#requestReload(false);
    this.#version = info.version;
  }

  /** The answer to join or resync: what was missed, or a whole snapshot. Either way the view is now current. */
  #catchUp(answer: CatchUp): void {
    const outcome = answer.kind === 'snapshot' ? this.sync.onSnapshot(answer.snapshot) : this.sync.onDelta(answer.delta);
    if (outcome === 'gap') return this.#resync();
    if (outcome === 'applied') this.#lastChangeAt = Date.now();
    this.#markLive();
  }

  #resync(): void {
    const socket = this.#socket;
    socket?.emit('resync', { fromSeq: this.sync.seq + 1 }, (result) => {
      if (socket === this.#socket && result.ok) this.#catchUp(result.data);
    });
  }

  #onDelta(delta: Delta): void {
    const started = performance.now();
    const outcome = this.sync.onDelta(delta);
    if (outcome === 'gap') return this.#resync();
    if (outcome === 'applied') {
      this.#lastChangeAt = Date.now();
      this.#markLive();
      this.lastApplyMs = performance.now() - started;
    }
  }

  #markLive(): void {
    this.#link.succeeded();
    this.status = { state: 'live', dataAt: Date.now() };
    this.#emit();
  }

  /** The link was lost; ReconnectingSocket has planned the next attempt. */
  #onLost(): void {
    this.#joined = false;
    if (this.status.state !== 'reconnecting' && this.status.state !== 'refused') {
      this.status = { ...this.status, state: this.sync.view ? 'reconnecting' : 'connecting', since: Date.now() };
      this.#emit();
    }
  }

  #onTick(): void {
    if (this.#reloadPending && Date.now() - this.#lastChangeAt > 5000) this.#doReload();
    if (Date.now() - this.#lastBeatAt >= this.#link.heartbeatMs || speechHealth() !== this.#beatSpeech) this.#beat();
  }

  /** Paired screens report what they show, for the fleet page (online, version, page). */
  #beat(): void {
    if (!this.#token || !this.#joined || !this.#socket?.connected) return;
    this.#lastBeatAt = Date.now();
    const { audience } = this.options;
    this.heartbeat(audience.kind === 'bay' ? `bay/${audience.bayId}` : audience.kind);
  }

  #onUnpaired(): void {
    if (this.#link.stopped || !this.#token) return;
    const token = this.#token;
    this.stop();
    this.status = { state: 'refused', error: { code: 'revoked', message: 'This display was unpaired' } };
    this.#emit();
    if (this.options.onUnpaired) return this.options.onUnpaired();
    if (rememberedDisplay(this.options.storage)?.token === token) forgetDisplay(this.options.storage);
    location.assign('/display');
  }

  /** `now`: the fleet page asked; else a new version, at the next quiet moment. */
  #requestReload(now: boolean): void {
    if (now) return this.#doReload('fleet');
    this.#reloadPending = true;
  }

  #doReload(reason: 'fleet' | 'new-version' = 'new-version'): void {
    this.#reloadPending = false;
    recordReload(reason, this.options.storage);
    (this.options.reload ?? (() => location.reload()))();
  }
}

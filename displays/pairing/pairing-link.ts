import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, PairedPayload, ServerInfo, ServerToClientEvents } from '../../shared/protocol';
import { backoffDelay, RECONNECT_BACKOFF } from '../live/backoff';
import { isBoardPath, rememberDisplay } from '../live/display-identity';

export interface PairingStatus {
  state: 'connecting' | 'showing' | 'reconnecting' | 'paired';
  /** The code on screen; only while `showing` (a code from a lost link no longer works). */
  code?: string;
  /** When this screen will ask for a fresh code (local clock, ms). */
  renewAt?: number;
  /** When the link was lost, for "not reachable since 10:42". */
  since?: number;
  /** Why the last request for a code failed. */
  error?: string;
}

export interface PairingOptions {
  url?: string;
  /** Reconnect bounds in ms, as for the boards' live link. */
  backoff?: { min: number; max: number };
  /** Default: remember the token and open the board. Tests can watch instead. */
  onPaired?: (paired: PairedPayload) => void;
  storage?: Storage;
  /** Tests can replace the page reload (done when the server reports a new version). */
  reload?: () => void;
}

const RENEW_MARGIN_MS = 60_000;

/**
 * When to ask for a new code: a minute before it expires, measured on this screen's clock. A
 * screen whose clock is far off still renews at a sane pace (between 20 s and 9 min).
 */
export const renewDelay = (expiresAt: string, now: number): number =>
  Math.min(9 * 60_000, Math.max(20_000, Date.parse(expiresAt) - now - RENEW_MARGIN_MS)) || 20_000;

type Listener = () => void;

/**
 * The socket of an unpaired screen: asks the server for a short code, renews it before it
 * expires, and hands over to the board when an admin binds the code. Reconnects like the
 * boards' live link (jittered backoff, watchdog on a silent link); after a reconnect the old code
 * is gone with the old socket, so it asks for a new one.
 */
export class PairingLink {
  status: PairingStatus = { state: 'connecting' };

  #socket?: Socket<ServerToClientEvents, ClientToServerEvents>;
  #listeners = new Set<Listener>();
  #attempt = 0;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #renewTimer?: ReturnType<typeof setTimeout>;
  #watchdog?: ReturnType<typeof setInterval>;
  #lastMessageAt = Date.now();
  #heartbeatMs = 15_000;
  #version?: string;
  #stopped = true;

  constructor(private readonly options: PairingOptions = {}) {}

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
    this.#watchdog = setInterval(() => {
      if (this.#socket?.connected && Date.now() - this.#lastMessageAt > this.#heartbeatMs * 2.5) this.#onLost();
    }, 1000);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#renewTimer);
    clearInterval(this.#watchdog);
    this.#drop();
  }

  #set(status: PairingStatus): void {
    this.status = status;
    for (const listener of this.#listeners) listener();
  }

  #connect(): void {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.options.url ?? '/', {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.#socket = socket;
    this.#lastMessageAt = Date.now();
    socket.onAny(() => (this.#lastMessageAt = Date.now()));
    socket.io.on('ping', () => (this.#lastMessageAt = Date.now()));
    socket.on('connect', () => this.#askForCode());
    socket.on('paired', (paired) => this.#onPaired(paired));
    socket.on('disconnect', () => this.#onLost());
    socket.on('connect_error', () => this.#onLost());
  }

  /** True when the server runs a new build and this page is reloading for it. */
  #onServerInfo(info: ServerInfo): boolean {
    this.#heartbeatMs = info.heartbeatMs;
    // A screen can wait unpaired for days: pick up a new build as soon as the server has one
    // (nothing is on screen that a reload could lose).
    if (this.#version && this.#version !== info.version) {
      this.stop();
      (this.options.reload ?? (() => location.reload()))();
      return true;
    }
    this.#version = info.version;
    return false;
  }

  #askForCode(): void {
    clearTimeout(this.#renewTimer);
    const socket = this.#socket;
    socket?.emit('pair', {}, (answer) => {
      if (socket !== this.#socket || this.#stopped) return;
      if (!answer.ok) {
        this.#set({ state: this.status.code ? 'showing' : 'connecting', code: this.status.code, error: answer.error.message });
        this.#renewTimer = setTimeout(() => this.#askForCode(), backoffDelay(this.#attempt++, this.#bounds()) + 1000);
        return;
      }
      this.#attempt = 0;
      if (this.#onServerInfo(answer.data)) return;
      const renewIn = renewDelay(answer.data.expiresAt, Date.now());
      this.#set({ state: 'showing', code: answer.data.code, renewAt: Date.now() + renewIn });
      this.#renewTimer = setTimeout(() => this.#askForCode(), renewIn);
    });
  }

  #onPaired(paired: PairedPayload): void {
    // The browser trusts nothing it is sent blindly: a token string and a local board path.
    if (typeof paired?.token !== 'string' || typeof paired.url !== 'string' || !isBoardPath(paired.url)) return;
    this.stop();
    this.#set({ state: 'paired' });
    if (this.options.onPaired) return this.options.onPaired(paired);
    rememberDisplay({ token: paired.token, url: paired.url }, this.options.storage);
    location.replace(paired.url);
  }

  #onLost(): void {
    if (this.#stopped || !this.#socket) return;
    this.#drop();
    clearTimeout(this.#renewTimer);
    if (this.status.state !== 'reconnecting') this.#set({ state: 'reconnecting', since: Date.now() });
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(), backoffDelay(this.#attempt++, this.#bounds()));
  }

  #drop(): void {
    this.#socket?.removeAllListeners();
    this.#socket?.io.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = undefined;
  }

  #bounds() {
    return this.options.backoff ?? RECONNECT_BACKOFF;
  }
}

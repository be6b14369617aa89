import type { PairedPayload, ServerInfo } from '../../../shared/protocol';
import { isBoardPath, rememberDisplay } from '../../live/display-identity';
import { ReconnectingSocket, type LiveSocket } from '../../live/reconnecting-socket';

export interface PairingStatus {
  state: 'connecting' | 'showing' | 'reconnecting' | 'paired';
  /** The code on screen; only while `showing` (a code from a lost link no longer works). */
  code?: string;
  /** When this screen will ask for a fresh code (local clock, ms). */
  renewAt?: number;
  /** The store's time zone, to say that time on the store's clock (the screen's own zone may be anything). */
  timeZone?: string;
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
 * expires, and hands over to the board when an admin binds the code. Reconnects by the same loop
 * as the boards' live link (ReconnectingSocket); after a reconnect the old code is gone with the
 * old socket, so it asks for a new one.
 */
export class PairingLink {
  status: PairingStatus = { state: 'connecting' };

  #listeners = new Set<Listener>();
  #renewTimer?: ReturnType<typeof setTimeout>;
  #version?: string;
  #link: ReconnectingSocket;

  constructor(private readonly options: PairingOptions = {}) {
    this.#link = new ReconnectingSocket({
      url: options.url,
      backoff: options.backoff,
      socketOptions: () => ({ forceNew: true }),
      attach: (socket) => this.#attach(socket),
      onLost: () => this.#onLost(),
    });
  }

  get #socket(): LiveSocket | undefined {
    return this.#link.socket;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    this.#link.start();
  }

  stop(): void {
    clearTimeout(this.#renewTimer);
    this.#link.stop();
  }

  #set(status: PairingStatus): void {
    // The store's zone outlives a lost link: "not reachable since 10:42" is on the store's clock too.
    this.status = { ...status, timeZone: status.timeZone ?? this.status.timeZone };
    for (const listener of this.#listeners) listener();
  }

  #attach(socket: LiveSocket): void {
    socket.on('connect', () => this.#askForCode());
    socket.on('paired', (paired) => this.#onPaired(paired));
  }

  /** True when the server runs a new build and this page is reloading for it. */
  #onServerInfo(info: ServerInfo): boolean {
    this.#link.heartbeatMs = info.heartbeatMs;
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
      if (socket !== this.#socket || this.#link.stopped) return;
      if (!answer.ok) {
        this.#set({ state: this.status.code ? 'showing' : 'connecting', code: this.status.code, error: answer.error.message });
        this.#renewTimer = setTimeout(() => this.#askForCode(), this.#link.nextDelay() + 1000);
        return;
      }
      this.#link.succeeded();
      if (this.#onServerInfo(answer.data)) return;
      const renewIn = renewDelay(answer.data.expiresAt, Date.now());
      this.#set({ state: 'showing', code: answer.data.code, renewAt: Date.now() + renewIn, timeZone: answer.data.timeZone });
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

  /** The link was lost; ReconnectingSocket has planned the next attempt. */
  #onLost(): void {
    clearTimeout(this.#renewTimer);
    if (this.status.state !== 'reconnecting') this.#set({ state: 'reconnecting', since: Date.now() });
  }
}

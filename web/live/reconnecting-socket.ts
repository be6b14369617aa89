import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';
import { backoffDelay, RECONNECT_BACKOFF } from './backoff';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ReconnectOptions {
  url?: string;
  /** Backoff bounds in ms (default RECONNECT_BACKOFF); the first delay is random in [0, min). */
  backoff?: { min: number; max: number };
  /** What this page adds to socket.io's options, read at every attempt (a token may have changed). */
  socketOptions?: () => Partial<ManagerOptions & SocketOptions>;
  /** Wire the page's own handlers on each new socket (its `connect`, its events). */
  attach: (socket: LiveSocket) => void;
  /** The link was lost (closed, refused, or silent too long); the next attempt is already planned. */
  onLost: () => void;
  /** Every second while started, for the page's own periodic work. */
  onTick?: () => void;
}

/**
 * The one reconnect loop of every live page (the boards' LiveConnection, the pairing screen's
 * PairingLink): socket.io's own reconnection is off and this does it instead, with full-jitter
 * backoff (backoff.ts) so a restarted server's screens do not all come back in one second, and a
 * watchdog that drops a link silent for 2.5 heartbeats (a half-open TCP link never says "closed").
 * Callers say when an attempt succeeded (`succeeded()`, which resets the backoff).
 */
export class ReconnectingSocket {
  /** The current socket; undefined between a loss and the next attempt. */
  socket?: LiveSocket;
  /** The server's heartbeat interval; the watchdog allows 2.5 of them of silence. */
  heartbeatMs = 15_000;

  #attempt = 0;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #watchdog?: ReturnType<typeof setInterval>;
  #lastMessageAt = Date.now();
  #stopped = true;

  constructor(private readonly options: ReconnectOptions) {}

  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
    this.#watchdog = setInterval(() => {
      if (this.socket?.connected && Date.now() - this.#lastMessageAt > this.heartbeatMs * 2.5) this.lost();
      this.options.onTick?.();
    }, 1000);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#watchdog);
    this.#drop();
  }

  /** The link works (joined, or a code came back): the next loss starts the backoff from the bottom again. */
  succeeded(): void {
    this.#attempt = 0;
  }

  /** The next backoff delay (and one more attempt counted), for a page's own retries on a working link. */
  nextDelay(): number {
    return backoffDelay(this.#attempt++, this.options.backoff ?? RECONNECT_BACKOFF);
  }

  /** Drop the link and plan the next attempt with backoff; tells `onLost` once per loss. */
  lost(): void {
    if (this.#stopped || !this.socket) return;
    this.#drop();
    this.options.onLost();
    this.retryIn(this.nextDelay());
  }

  /** Connect afresh in `ms` (a refused join asks again much later than a lost link does). */
  retryIn(ms: number): void {
    clearTimeout(this.#retryTimer);
    if (this.#stopped) return;
    this.#retryTimer = setTimeout(() => {
      this.#drop();
      this.#connect();
    }, ms);
  }

  #connect(): void {
    const socket: LiveSocket = io(this.options.url ?? '/', { ...this.options.socketOptions?.(), transports: ['websocket'], reconnection: false });
    this.socket = socket;
    this.#lastMessageAt = Date.now();
    socket.onAny(() => (this.#lastMessageAt = Date.now()));
    socket.io.on('ping', () => (this.#lastMessageAt = Date.now()));
    socket.on('disconnect', () => this.lost());
    socket.on('connect_error', () => this.lost());
    this.options.attach(socket);
  }

  #drop(): void {
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One timer per period for the whole page, shared by every element that shows time. Elements
 * that tick hold a ClockController, so each second only they re-render, never the board.
 */
class Ticker {
  readonly #listeners = new Set<() => void>();
  #timeout?: ReturnType<typeof setTimeout>;
  #interval?: ReturnType<typeof setInterval>;

  constructor(readonly periodMs: number) {}

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  get size() {
    return this.#listeners.size;
  }

  #start(): void {
    // Tick on the boundary (…:00.000 for seconds) so every timer on the screen turns together.
    const fire = () => {
      for (const l of this.#listeners) l();
    };
    this.#timeout = setTimeout(
      () => {
        fire();
        this.#interval = setInterval(fire, this.periodMs);
      },
      this.periodMs - (Date.now() % this.periodMs),
    );
  }

  #stop(): void {
    clearTimeout(this.#timeout);
    clearInterval(this.#interval);
    this.#timeout = this.#interval = undefined;
  }
}

const tickers = new Map<number, Ticker>();
const tickerFor = (periodMs: number) => {
  let t = tickers.get(periodMs);
  if (!t) tickers.set(periodMs, (t = new Ticker(periodMs)));
  return t;
};

/** How many elements are ticking at this period (tests check nothing leaks). */
export const tickingCount = (periodMs: number) => tickers.get(periodMs)?.size ?? 0;

/**
 * Gives its host `now` and re-renders it every `periodMs` while connected and `running`.
 * Set `running = false` when nothing on the host moves (a paused timer) to stop its ticks.
 */
export class ClockController implements ReactiveController {
  now = Date.now();
  #unsubscribe?: () => void;
  #connected = false;
  #running = true;

  #periodMs: number;

  constructor(
    private readonly host: ReactiveControllerHost,
    periodMs = 1000,
  ) {
    this.#periodMs = periodMs;
    host.addController(this);
  }

  get periodMs() {
    return this.#periodMs;
  }

  /** A new period moves the host to that period's shared timer. */
  set periodMs(ms: number) {
    if (ms === this.#periodMs) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#periodMs = ms;
    this.#sync();
  }

  get running() {
    return this.#running;
  }

  set running(on: boolean) {
    if (on === this.#running) return;
    this.#running = on;
    this.#sync();
  }

  hostConnected(): void {
    this.#connected = true;
    this.now = Date.now();
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#sync();
  }

  #sync(): void {
    const want = this.#connected && this.#running;
    if (want && !this.#unsubscribe) {
      this.#unsubscribe = tickerFor(this.#periodMs).subscribe(() => {
        this.now = Date.now();
        this.host.requestUpdate();
      });
    } else if (!want && this.#unsubscribe) {
      this.#unsubscribe();
      this.#unsubscribe = undefined;
    }
  }
}

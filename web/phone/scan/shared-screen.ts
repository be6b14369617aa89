import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { scanTokenOf, WedgeScanDetector } from '../../common/wedge-scanner';

/** How long the scan page waits for a tap before it goes back to the board. */
export const SHARED_IDLE_MS = 60_000;
/** After a done action, long enough to read "started" before the board comes back. */
export const SHARED_DONE_MS = 4_000;

/** The clock the way back is timed by; tests hand in one they move themselves. */
export interface SharedClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export const REAL_CLOCK: SharedClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** Fired by the scan page when it is done on a shared screen (signed out); the bay board closes it. */
export class LeaveEvent extends Event {
  constructor() {
    super('leave', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    leave: LeaveEvent;
  }
}

/**
 * The scan page opened on a bay board's own screen (its USB scanner typed a job card): the bay
 * board shows it in place (`shared`), so on a screen everyone shares. Here the page listens to
 * the same scanner (a badge is scanned the same way), and after an action — or a minute without
 * a touch — it signs the person out and says `leave`, so nobody stays signed in and the board
 * comes back.
 */
export class SharedScreen implements ReactiveController {
  #timer?: unknown;
  #leavesAt = 0;
  #tick?: ReturnType<typeof setInterval>;
  #scanner = new WedgeScanDetector();
  #listening = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly opts: { shared: () => boolean; clock: () => SharedClock | undefined; onScan: (token: string) => void; leave: () => Promise<void> },
  ) {
    host.addController(this);
  }

  get active(): boolean {
    return this.opts.shared();
  }

  /** Whole seconds until the page goes back by itself, for the countdown on screen. */
  get leavesInS(): number {
    return Math.max(0, Math.ceil((this.#leavesAt - this.#clock.now()) / 1000));
  }

  get #clock(): SharedClock {
    return this.opts.clock() ?? REAL_CLOCK;
  }

  hostConnected(): void {
    if (!this.active) return;
    this.#listening = true;
    window.addEventListener('keydown', this.#onKey, true);
    window.addEventListener('pointerdown', this.#onTouch, true);
    this.#tick = setInterval(() => this.host.requestUpdate(), 1000);
    this.wait(SHARED_IDLE_MS);
  }

  hostDisconnected(): void {
    this.#listening = false;
    window.removeEventListener('keydown', this.#onKey, true);
    window.removeEventListener('pointerdown', this.#onTouch, true);
    this.#clock.clearTimeout(this.#timer);
    clearInterval(this.#tick);
  }

  /** Go back to the board in `ms` (from now; an earlier plan is replaced). */
  wait(ms: number): void {
    if (!this.#listening) return;
    const clock = this.#clock;
    clock.clearTimeout(this.#timer);
    this.#leavesAt = clock.now() + ms;
    this.#timer = clock.setTimeout(() => void this.leave(), ms);
    this.host.requestUpdate();
  }

  async leave(): Promise<void> {
    this.#clock.clearTimeout(this.#timer);
    await this.opts.leave().catch(() => undefined);
    this.host.dispatchEvent(new LeaveEvent());
  }

  #onTouch = () => this.wait(SHARED_IDLE_MS);

  #onKey = (e: KeyboardEvent) => {
    const code = this.#scanner.feed({ key: e.key, at: e.timeStamp || performance.now(), ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey });
    if (code === undefined) return;
    const token = scanTokenOf(code);
    if (!token) return;
    e.preventDefault();
    this.wait(SHARED_IDLE_MS);
    this.opts.onScan(token);
  };
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface IdleOptions {
  /** Seconds without a touch before `onIdle` (read each tick, so a later setup can change it). */
  seconds: () => number;
  /** Whether there is anything to return from; an untouched start screen is never "idle". */
  active: () => boolean;
  onIdle: () => void;
}

const EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/**
 * Sends an unattended kiosk back to its start: any touch or key on the page restarts the count;
 * in the last seconds `remaining` counts down so the screen can warn ("still there?").
 * Listens on the host in the capture phase, so events inside every shadow root count.
 */
export class IdleController implements ReactiveController {
  /** Seconds left while the warning shows; undefined otherwise. */
  remaining?: number;
  #last = Date.now();
  #timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: IdleOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const name of EVENTS) this.host.addEventListener(name, this.touch, { capture: true, passive: true });
    this.#timer = setInterval(() => this.#tick(), 250);
  }

  hostDisconnected(): void {
    for (const name of EVENTS) this.host.removeEventListener(name, this.touch, { capture: true });
    clearInterval(this.#timer);
  }

  /** Someone is here: start counting again. */
  touch = (): void => {
    this.#last = Date.now();
    if (this.remaining !== undefined) {
      this.remaining = undefined;
      this.host.requestUpdate();
    }
  };

  #tick(): void {
    if (!this.options.active()) {
      this.#last = Date.now();
      return;
    }
    const total = this.options.seconds() * 1000;
    const left = total - (Date.now() - this.#last);
    if (left <= 0) {
      this.options.onIdle();
      this.touch();
      return;
    }
    // Warn for the last third, at most ten seconds.
    const warnMs = Math.min(10_000, total / 3);
    const remaining = left <= warnMs ? Math.ceil(left / 1000) : undefined;
    if (remaining !== this.remaining) {
      this.remaining = remaining;
      this.host.requestUpdate();
    }
  }
}

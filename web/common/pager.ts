import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ClockController } from './clock';

/** Which page of a long list a wall screen shows `elapsedMs` into its rotation. */
export function pageAt(count: number, pageSize: number, elapsedMs: number, dwellMs: number) {
  const size = Math.max(1, pageSize);
  const pages = Math.max(1, Math.ceil(count / size));
  const page = pages > 1 ? Math.floor(Math.max(0, elapsedMs) / Math.max(1000, dwellMs)) % pages : 0;
  return { page, pages, start: page * size, end: Math.min(count, (page + 1) * size) };
}

/**
 * Pages a long list on a wall screen at a readable pace (one page per dwell period), ticking
 * only while the list is longer than a page. A page holds at most `pageSize` rows and never
 * more than fit: after each render it measures the list and drops a row while it overflows,
 * and starts over when the element is resized. A desk user scrolls instead (`paged` false).
 */
export class PagerController<T> implements ReactiveController {
  readonly #clock: ClockController;
  readonly #startedAt = Date.now();
  #fit = Infinity;
  #shown = 0;
  #paged = false;
  #page = 0;
  #measured = '';
  #observer?: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    dwellMs = 10_000,
    private readonly listSelector = 'ol',
  ) {
    this.#clock = new ClockController(host, Math.max(1000, dwellMs));
    this.#clock.running = false;
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.#observer = new ResizeObserver(() => {
      this.#fit = Infinity;
      this.#measured = '';
      this.host.requestUpdate();
    });
    this.#observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  hostUpdated(): void {
    if (!this.#paged || this.#shown <= 1) return;
    // Reading scrollHeight forces a layout: measure only when the rows on screen changed
    // (another page, another count) or the element was resized, not on every update.
    const shape = `${this.#page}/${this.#shown}/${this.#fit}`;
    if (shape === this.#measured) return;
    this.#measured = shape;
    const list = this.host.shadowRoot?.querySelector<HTMLElement>(this.listSelector);
    if (list && list.scrollHeight > list.clientHeight + 2) {
      this.#fit = this.#shown - 1;
      this.host.requestUpdate();
    }
  }

  /** The rows to show now. `dwellMs` (the store's pageDwellSeconds) may change between calls. */
  slice(items: readonly T[], pageSize: number, paged: boolean, dwellMs = this.#clock.periodMs) {
    this.#clock.periodMs = Math.max(1000, dwellMs);
    this.#paged = paged;
    const p = paged
      ? pageAt(items.length, Math.min(pageSize, this.#fit), Date.now() - this.#startedAt, this.#clock.periodMs)
      : { page: 0, pages: 1, start: 0, end: items.length };
    this.#clock.running = paged && p.pages > 1;
    const shown = items.slice(p.start, p.end);
    this.#shown = shown.length;
    this.#page = p.page;
    return { ...p, items: shown };
  }
}

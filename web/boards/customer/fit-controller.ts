import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { rowsPerPage } from './board-model';

export interface FitOptions {
  /** The element whose height the rows share, inside the host's shadow root. */
  selector: string;
  /** A row is never shorter than this share of the window height… */
  minRowVh: number;
  /** …nor than this many pixels, so a small window stays legible too. */
  minRowPx: number;
  /** The gap between rows, as a share of the window height (match the CSS). */
  gapVh: number;
  /** Called with the new rows-per-page whenever it changes. */
  onChange: (perPage: number) => void;
}

/**
 * Measures how many rows of legible height fit in a box and reports changes. The text never
 * shrinks to fit more cars; the board pages instead. Observes while the host is connected.
 */
export class FitController implements ReactiveController {
  #observer?: ResizeObserver;
  #target?: Element;
  #perPage = 0;

  constructor(
    private readonly host: ReactiveControllerHost & LitLike,
    private readonly options: FitOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.host.renderRoot.querySelector(this.options.selector) ?? undefined;
    if (target === this.#target) return;
    this.#observer?.disconnect();
    this.#target = target;
    if (!target) return;
    this.#observer = new ResizeObserver(() => this.#measure());
    this.#observer.observe(target);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#target = undefined;
  }

  #measure(): void {
    const el = this.#target as HTMLElement | undefined;
    if (!el) return;
    const gap = window.innerHeight * this.options.gapVh;
    const minRow = Math.max(this.options.minRowPx, window.innerHeight * this.options.minRowVh);
    const per = rowsPerPage(el.clientHeight, minRow, gap);
    if (per === this.#perPage) return;
    this.#perPage = per;
    this.options.onChange(per);
  }
}

interface LitLike {
  readonly renderRoot: ParentNode;
}

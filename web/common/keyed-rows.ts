import { keyed } from 'lit/directives/keyed.js';

/**
 * A list whose rows keep their identity: each position's DOM is rebuilt when another record
 * moves into it, so a focused button or a row element's own state never passes to a different
 * repair order. Use it instead of lit's `repeat` on anything that stays on screen for days.
 *
 * Why not `repeat`: in lit-html 3.3.1–3.3.3 its `removePart` removes a row's start marker but
 * not its end marker (lit/lit#5298, open), so every row that leaves the list leaves an empty
 * comment node behind. A dispatch board fed a simulated week (`npm run bench:soak`) grew by
 * ~2,600 DOM nodes a day that way. A plain array (what `map` gives) clears the markers of the
 * positions it no longer needs, and `keyed` clears a position's content when its key changes;
 * neither goes through `removePart`. The cost, rebuilding the rows below an inserted one, is
 * nothing for the handful of rows a page shows.
 */
export function keyedRows<T>(items: readonly T[], key: (item: T) => unknown, row: (item: T, index: number) => unknown): unknown[] {
  return items.map((item, i) => keyed(key(item), row(item, i)));
}

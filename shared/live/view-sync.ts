import type { Delta, View } from '../projections/views';

/** Apply a delta to a view in place (browsers and tests use the same rule). */
export function applyDelta<H, E>(view: View<H, E>, delta: Delta): void {
  for (const key of delta.del) delete view.entries[key];
  for (const [key, value] of Object.entries(delta.set)) view.entries[key] = value as E;
}

/**
 * The client half of the realtime protocol, free of sockets so Node tests, benchmarks and
 * browsers share it: holds the view and its seq, applies deltas in order, and says when a
 * gap means the client must resync. A view never goes back to an older seq.
 */
export class ViewSync<V extends View = View> {
  view: V | undefined;
  seq = 0;

  #prunedAt = 0;

  /**
   * @param gapless false for audiences whose deltas carry their whole view (tracking).
   * @param stillShown entries that age out of the view with time alone (see projections/expiry.ts)
   *   are dropped at most once a minute, as a fresh snapshot would leave them out.
   */
  constructor(
    private readonly gapless = true,
    private readonly stillShown?: (key: string, entry: unknown, now: number) => boolean,
  ) {}

  /** Drop the entries the server would no longer send; answers how many went. */
  prune(now = Date.now()): number {
    if (!this.view || !this.stillShown) return 0;
    this.#prunedAt = now;
    let dropped = 0;
    for (const [key, entry] of Object.entries(this.view.entries)) {
      if (this.stillShown(key, entry, now)) continue;
      delete this.view.entries[key];
      dropped++;
    }
    return dropped;
  }

  onSnapshot(snapshot: { seq: number; view: View }): 'applied' | 'ignored' {
    if (this.view && snapshot.seq < this.seq) return 'ignored';
    this.view = snapshot.view as V;
    this.seq = snapshot.seq;
    return 'applied';
  }

  /** 'gap' means deltas were missed: ask for resync from `this.seq + 1`. */
  onDelta(delta: Delta): 'applied' | 'ignored' | 'gap' {
    if (!this.view || delta.seq < this.seq) return 'ignored';
    // Same seq: only an ETA revision of the very state shown applies (shared/eta, the minute tick).
    if (delta.seq === this.seq && !delta.revision) return 'ignored';
    if (delta.revision && delta.seq > this.seq && this.gapless) return 'gap';
    // A resync answer covers seqs `from`..`seq` at once; it fits if it starts where we are.
    const first = delta.from ?? delta.seq;
    if (this.gapless && first > this.seq + 1) return 'gap';
    applyDelta(this.view, delta);
    this.seq = delta.seq;
    if (this.stillShown && Date.now() - this.#prunedAt > 60_000) this.prune();
    return 'applied';
  }
}

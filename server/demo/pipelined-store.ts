import type { EventDraft, WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import type { AppendResult, EventStore } from '../store/event-store';

/** Appends in flight before waiting for them to be on disk: bounds memory, keeps group commits large. */
const IN_FLIGHT = 2000;

/**
 * An event store that answers an append as soon as the store has accepted it (checked against
 * memory, seq assigned), and leaves the fsync to `flush`: tens of thousands of appends then share
 * a few hundred group commits instead of waiting one fsync each. Only for writing into a store
 * nobody else writes to (an empty demo store before the server answers): a refusal surfaces at
 * `flush` and fails the whole generation.
 */
export class Pipelined {
  #pending: Promise<AppendResult>[] = [];
  #sealed: Promise<void> | undefined;
  readonly #snapshots = new Map<string, StoreSnapshot>();
  /** The last seq handed out per store: nothing after it exists, so reads need not wait for the disk. */
  readonly #handed = new Map<string, number>();

  constructor(readonly inner: EventStore) {}

  store(): EventStore {
    const inner = this.inner;
    return Object.assign(Object.create(null) as EventStore, {
      kind: inner.kind,
      read: async (storeId: string, afterSeq: number, limit?: number) =>
        afterSeq >= (this.#handed.get(storeId) ?? Infinity) ? [] : inner.read(storeId, afterSeq, limit),
      // Every key written here is new (a duplicate would come back from `flush`), so no lookup waits for the disk.
      findByKey: async (storeId: string, key: string) => (this.#handed.has(storeId) ? undefined : inner.findByKey(storeId, key)),
      lastSeq: inner.lastSeq.bind(inner),
      storeIds: inner.storeIds.bind(inner),
      // Kept and saved once at the end: the embedded store checks each snapshot against the journal
      // it folds, which would read the growing segment back every 500 events.
      saveSnapshot: async (storeId: string, snapshot: StoreSnapshot) => void this.#snapshots.set(storeId, snapshot),
      loadSnapshot: inner.loadSnapshot.bind(inner),
      status: inner.status.bind(inner),
      close: async () => undefined,
      append: (draft: EventDraft, expectedSeq: number): Promise<AppendResult> => {
        const written = inner.append(draft, expectedSeq);
        this.#pending.push(written);
        this.#handed.set(draft.storeId, expectedSeq + 1);
        // The event as the store keeps it: a JSON round trip of the record (no undefined fields).
        const event = JSON.parse(JSON.stringify({ seq: expectedSeq + 1, ...draft })) as WorkshopEvent;
        return Promise.resolve({ status: 'appended', event });
      },
    });
  }

  /**
   * Called after each append: once IN_FLIGHT are pending, waits for the batch before them to be
   * on disk (not for these), so the disk writes one batch while the caller decides the next.
   */
  async drain(): Promise<void> {
    if (this.#pending.length < IN_FLIGHT) return;
    const previous = this.#sealed;
    this.#sealed = this.#check(this.#pending);
    // Handled here so a refusal waits for the next drain or flush instead of ending the process.
    this.#sealed.catch(() => undefined);
    this.#pending = [];
    await previous;
  }

  /** Flush, then save the last snapshot of each store. */
  async close(): Promise<void> {
    await this.flush();
    for (const [storeId, snapshot] of this.#snapshots) await this.inner.saveSnapshot(storeId, snapshot);
  }

  /** Resolves when every append so far is on disk; throws if any was refused. */
  async flush(): Promise<void> {
    const sealed = this.#sealed;
    this.#sealed = undefined;
    const pending = this.#pending;
    this.#pending = [];
    await sealed;
    await this.#check(pending);
  }

  async #check(pending: Promise<AppendResult>[]): Promise<void> {
    for (const result of await Promise.all(pending)) {
      if (result.status !== 'appended') throw new Error(`demo: an append came back ${result.status}; the store was not empty or someone else wrote to it`);
    }
  }
}

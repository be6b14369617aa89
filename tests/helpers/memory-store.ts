import type { AppendResult, EventStore, StoreStatus } from '../../server/store/event-store';
import type { EventDraft, WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';

interface Log {
  events: WorkshopEvent[];
  byKey: Map<string, WorkshopEvent>;
  snapshot?: StoreSnapshot;
}

/**
 * An EventStore held in memory, for tests that need a real WorkshopService but not a disk.
 * It keeps the contract: per-store seqs from 1 without gaps, a conflict when the caller's
 * expectedSeq is stale, and the first event back for a repeated idempotency key.
 * Events are copied in and out so callers cannot change the log by mutating what they hold.
 */
export class MemoryEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  readonly #logs = new Map<string, Log>();
  #closed = false;

  #log(storeId: string): Log {
    let log = this.#logs.get(storeId);
    if (!log) this.#logs.set(storeId, (log = { events: [], byKey: new Map() }));
    return log;
  }

  #open(): void {
    if (this.#closed) throw new Error('memory event store is closed');
  }

  async append(draft: EventDraft, expectedSeq: number): Promise<AppendResult> {
    this.#open();
    const log = this.#log(draft.storeId);
    const earlier = log.byKey.get(draft.key);
    if (earlier) return { status: 'duplicate', event: structuredClone(earlier) };
    if (expectedSeq !== log.events.length) return { status: 'conflict', currentSeq: log.events.length };
    const event = structuredClone({ ...draft, seq: expectedSeq + 1 }) as WorkshopEvent;
    log.events.push(event);
    log.byKey.set(event.key, event);
    return { status: 'appended', event: structuredClone(event) };
  }

  async read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]> {
    this.#open();
    const events = this.#logs.get(storeId)?.events ?? [];
    // seq n lives at index n - 1, so the tail starts at index afterSeq.
    const from = Math.max(0, afterSeq);
    return structuredClone(events.slice(from, limit === undefined ? undefined : from + limit));
  }

  async findByKey(storeId: string, key: string): Promise<WorkshopEvent | undefined> {
    this.#open();
    const event = this.#logs.get(storeId)?.byKey.get(key);
    return event && structuredClone(event);
  }

  async lastSeq(storeId: string): Promise<number> {
    return this.#logs.get(storeId)?.events.length ?? 0;
  }

  async storeIds(): Promise<string[]> {
    return [...this.#logs].filter(([, log]) => log.events.length > 0).map(([id]) => id);
  }

  async saveSnapshot(storeId: string, snapshot: StoreSnapshot): Promise<void> {
    const log = this.#log(storeId);
    // Snapshots are saved without waiting, so an older fold may arrive after a newer one.
    if (log.snapshot && log.snapshot.seq >= snapshot.seq) return;
    log.snapshot = structuredClone(snapshot);
  }

  async loadSnapshot(storeId: string): Promise<StoreSnapshot | undefined> {
    const snapshot = this.#logs.get(storeId)?.snapshot;
    return snapshot && structuredClone(snapshot);
  }

  async status(): Promise<StoreStatus> {
    return { kind: 'embedded', ok: !this.#closed, detail: 'in memory (tests only)' };
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}

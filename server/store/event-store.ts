import type { EventDraft, WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';

/**
 * The event log: the single source of truth. Two implementations share this contract and
 * one test suite (event-store.contract.ts): the embedded journal on disk (default) and
 * PostgreSQL (when DATABASE_URL is set).
 *
 * Sequence numbers are per store, start at 1 and have no gaps. An append is durable (fsync'd,
 * or committed by PostgreSQL) before its promise resolves. Every field of a record but seq,
 * storeId, key and at is opaque to a store: it gives back exactly what was appended.
 */
export type AppendResult =
  /** Stored now, as `event`. */
  | { status: 'appended'; event: WorkshopEvent }
  /** This idempotency key was stored before: nothing new was written; `event` is the first one. */
  | { status: 'duplicate'; event: WorkshopEvent }
  /** Someone else appended first: the log is at `currentSeq`, not at the expected seq. */
  | { status: 'conflict'; currentSeq: number };

export interface StoreStatus {
  kind: 'embedded' | 'postgres';
  ok: boolean;
  detail?: string;
}

export interface EventStore {
  readonly kind: 'embedded' | 'postgres';
  /**
   * Append one event if the store's log is exactly at `expectedSeq` (optimistic concurrency)
   * and its key is new. The event gets seq = expectedSeq + 1.
   */
  append(draft: EventDraft, expectedSeq: number): Promise<AppendResult>;
  /** Events of one store with seq > afterSeq, in order (at most `limit` when given). */
  read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]>;
  /** The event stored under an idempotency key, if any. */
  findByKey(storeId: string, key: string): Promise<WorkshopEvent | undefined>;
  /** The highest seq stored for a store (0 when empty). */
  lastSeq(storeId: string): Promise<number>;
  /** Every store id that has at least one event. */
  storeIds(): Promise<string[]>;
  /** Keep a fold of the log so start-up need not replay it all. Best effort: losing one costs time, not data. */
  saveSnapshot(storeId: string, snapshot: StoreSnapshot): Promise<void>;
  loadSnapshot(storeId: string): Promise<StoreSnapshot | undefined>;
  /**
   * Optional: every stored event in append order (one store's only when `storeId` is given),
   * streamed so that verifying or rebuilding never holds the whole history in memory. Within a
   * store the order is by seq; across stores it is the order they were stored in.
   */
  readAll?(storeId?: string): AsyncIterable<WorkshopEvent>;
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}

/** Raised when the backing store cannot be reached; the API answers 503. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

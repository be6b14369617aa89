import { createLegacyUpcaster, isLegacyEvent } from '../../shared/workflow/legacy/upcast';
import type { Logger } from '../log';
import { EmbeddedEventStore } from './embedded-store';
import type { EventStore } from './event-store';
import { PostgresEventStore } from './postgres-store';
import { RedisHighWaterMarks } from './high-water-mark';
import { RegressionGuard } from './regression-guard';

export { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';
export { EmbeddedEventStore, JournalCorruptError } from './embedded-store';
export { DataDirInUseError } from './data-dir-lock';
export { PostgresEventStore } from './postgres-store';
export { RegressionGuard, LogRegressedError } from './regression-guard';
export { RedisKeys } from './redis-keys';
export { RedisHighWaterMarks, type HighWaterMarks } from './high-water-mark';

/** Turns each first-format line (a command) into the fact it produced; lines already facts pass through. */
export const legacyUpcaster = () => {
  const upcast = createLegacyUpcaster();
  return (record: unknown) => (isLegacyEvent(record) ? upcast(record) : record);
};

export interface EventStoreOptions {
  /** Folder of the embedded journal and snapshots; unused with PostgreSQL. */
  dataDir: string;
  /** When set, the log lives in this PostgreSQL database (scale-out); otherwise in the embedded journal. */
  databaseUrl?: string;
  /** Embedded journal: segment size in MiB (default 64). */
  journalSegmentMb?: number;
  /** Embedded journal: how long an idempotency key is remembered, in days (default 7). */
  idempotencyWindowDays?: number;
  /** Scaled out (with databaseUrl): the Redis holding each store's high-water mark, under this key prefix. */
  redisUrl?: string;
  redisPrefix?: string;
  log: Logger;
}

/**
 * Opens the event store the configuration asks for (PostgreSQL when a URL is given, else the
 * embedded journal) behind a RegressionGuard, which stops writes to a store whose log went backwards
 * (checked, when scaled out, also against the high-water marks in Redis).
 * A first-format embedded journal (commands as lines) is migrated on open through the upcaster.
 */
export async function createEventStore(options: EventStoreOptions): Promise<EventStore> {
  const store = options.databaseUrl
    ? await PostgresEventStore.open({ url: options.databaseUrl, log: options.log })
    : await EmbeddedEventStore.open(options.dataDir, {
        log: options.log,
        upcastLegacy: legacyUpcaster(),
        segmentBytes: options.journalSegmentMb === undefined ? undefined : Math.round(options.journalSegmentMb * 1024 * 1024),
        idempotencyWindowMs: options.idempotencyWindowDays === undefined ? undefined : options.idempotencyWindowDays * 24 * 60 * 60 * 1000,
      });
  const marks =
    options.databaseUrl && options.redisUrl ? await RedisHighWaterMarks.open(options.redisUrl, options.redisPrefix || 'tw', options.log) : undefined;
  return new RegressionGuard(store, options.log, { marks });
}

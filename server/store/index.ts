import type { Logger } from '../log';
import { EmbeddedEventStore } from './embedded-store';
import type { EventStore } from './event-store';
import { RedisEventStore } from './redis-store';

export { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';
export { EmbeddedEventStore, JournalCorruptError } from './embedded-store';
export { DataDirInUseError } from './data-dir-lock';
export { RedisEventStore } from './redis-store';
export { RedisKeys } from './redis-keys';

export interface EventStoreOptions {
  /** Folder of the embedded journal and snapshots; unused with Redis. */
  dataDir: string;
  /** When set, the log lives in this Redis (scale-out); otherwise in the embedded journal. */
  redisUrl?: string;
  /** Prefix of every Redis key; default 'tw'. */
  redisPrefix?: string;
  /** Embedded journal: segment size in MiB (default 64). */
  journalSegmentMb?: number;
  /** Embedded journal: how long an idempotency key is remembered, in days (default 7). */
  idempotencyWindowDays?: number;
  log: Logger;
}

/** Opens the event store the configuration asks for: Redis when a URL is given, else the embedded journal. */
export function createEventStore(options: EventStoreOptions): Promise<EventStore> {
  if (options.redisUrl) return RedisEventStore.open({ url: options.redisUrl, prefix: options.redisPrefix || undefined, log: options.log });
  return EmbeddedEventStore.open(options.dataDir, {
    log: options.log,
    segmentBytes: options.journalSegmentMb === undefined ? undefined : Math.round(options.journalSegmentMb * 1024 * 1024),
    idempotencyWindowMs: options.idempotencyWindowDays === undefined ? undefined : options.idempotencyWindowDays * 24 * 60 * 60 * 1000,
  });
}

import type { Logger } from '../log';
import { EmbeddedEventStore } from './embedded-store';
import type { EventStore } from './event-store';
import { PostgresEventStore } from './postgres-store';
import { RegressionGuard } from './regression-guard';

export { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';
export { EmbeddedEventStore, JournalCorruptError } from './embedded-store';
export { DataDirInUseError } from './data-dir-lock';
export { PostgresEventStore } from './postgres-store';
export { RegressionGuard, LogRegressedError } from './regression-guard';
export { RedisKeys } from './redis-keys';

export interface EventStoreOptions {
  /** Folder of the embedded journal and snapshots; unused with PostgreSQL. */
  dataDir: string;
  /** When set, the log lives in this PostgreSQL database (scale-out); otherwise in the embedded journal. */
  databaseUrl?: string;
  log: Logger;
}

/**
 * Opens the event store the configuration asks for (PostgreSQL when a URL is given, else the
 * embedded journal) behind a RegressionGuard, which stops writes to a store whose log went backwards.
 */
export async function createEventStore(options: EventStoreOptions): Promise<EventStore> {
  const store = options.databaseUrl
    ? await PostgresEventStore.open({ url: options.databaseUrl, log: options.log })
    : await EmbeddedEventStore.open(options.dataDir, { log: options.log });
  return new RegressionGuard(store, options.log);
}

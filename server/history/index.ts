import type { EventStore } from '../store/event-store';
import type { Logger } from '../log';
import { openHistoryDatabase, type OpenedHistory } from './database';
import { HistoryProjector } from './projector';
import { makeVehicleRef, vehicleRefKey } from './vehicle-ref';

export { openHistoryDatabase, historyFile, type OpenedHistory } from './database';
export { HistoryProjector } from './projector';
export type { HistoryDb } from './schema';

export interface HistoryOptions {
  dataDir: string;
  databaseUrl?: string;
  events: Pick<EventStore, 'read' | 'storeIds'>;
  /** The deployment's signing key: the vehicle references are keyed by a key derived from it. */
  signingKey: Buffer | string;
  log: Logger;
}

export interface History extends OpenedHistory {
  projector: HistoryProjector;
}

/** Opens the history database (SQLite in the data dir, or PostgreSQL) and its projector. */
export async function openHistory(options: HistoryOptions): Promise<History> {
  const opened = await openHistoryDatabase(options);
  const projector = new HistoryProjector(opened.db, options.events, { log: options.log, vehicleRef: makeVehicleRef(vehicleRefKey(options.signingKey)) });
  return {
    ...opened,
    projector,
    async close() {
      await projector.close();
      await opened.close();
    },
  };
}

/**
 * Erasure by age runs from the operator's schedule (`npm run privacy -- expire`, server stopped),
 * not inside the server: finding who is due reads the whole history. So that a forgotten
 * schedule is seen, the server warns at start when a store's log reaches back further than its
 * retention and no `expire` has run for a month.
 */
import pg from 'pg';
import { DEFAULT_PERSONAL_DATA_RETENTION_DAYS, type Store } from '../../shared/domain/shop';
import type { Logger } from '../log';
import type { EventStore } from '../store/event-store';
import { readIndex } from '../store/journal/scan';

const DAY = 86_400_000;
/** How long after the last `expire` the reminder stays quiet. */
export const EXPIRE_EVERY_DAYS = 31;

/** When `npm run privacy -- expire` last erased anything here, or undefined. */
async function lastExpiry(where: { dataDir: string; databaseUrl?: string }): Promise<number | undefined> {
  if (!where.databaseUrl) {
    const erasures = (await readIndex(where.dataDir).catch(() => undefined))?.erasures ?? [];
    const last = erasures.filter((e) => e.reason === 'expired').at(-1);
    return last && Date.parse(last.at);
  }
  const client = new pg.Client({ connectionString: where.databaseUrl, application_name: 'transparent-workshop-privacy', connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client
      .query<{ at: Date | null }>(`SELECT max(at) AS at FROM erasures WHERE reason = 'expired'`)
      .catch((err: { code?: string }) => (err.code === '42P01' ? { rows: [{ at: null }] } : Promise.reject(err)));
    return rows[0]?.at?.getTime();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The stores whose oldest event is past their retention while no `expire` ran lately; warned about once. */
export async function remindOfRetention(options: {
  events: EventStore;
  stores: readonly Store[];
  dataDir: string;
  databaseUrl?: string;
  log: Logger;
  now?: number;
}): Promise<string[]> {
  const now = options.now ?? Date.now();
  const last = await lastExpiry(options);
  if (last !== undefined && last > now - EXPIRE_EVERY_DAYS * DAY) return [];
  const due: string[] = [];
  for (const store of options.stores) {
    const [first] = await options.events.read(store.id, 0, 1);
    const days = store.personalDataRetentionDays ?? DEFAULT_PERSONAL_DATA_RETENTION_DAYS;
    if (first && Date.parse(first.at) < now - days * DAY) due.push(store.id);
  }
  if (due.length)
    options.log.warn(
      { stores: due, lastExpire: last === undefined ? null : new Date(last).toISOString() },
      `personal data retention: these stores' logs reach back past personalDataRetentionDays and \`npm run privacy -- expire\` has not run for ${EXPIRE_EVERY_DAYS} days; run it with the server stopped (README: Personal data and retention)`,
    );
  return due;
}

import { createClient } from 'redis';
import { IdSchema } from '../../shared/domain/ids';
import { WorkshopEventSchema, type WorkshopEvent } from '../../shared/workflow/events';
import { isLegacyEvent } from '../../shared/workflow/legacy/upcast';
import { CommandSchema } from '../../shared/workflow/legacy/v0-commands';
import { silentLogger, type Logger } from '../log';
import { legacyUpcaster } from './index';
import { PostgresEventStore, StoreNotEmptyError } from './postgres-store';
import { RedisKeys } from './redis-keys';
import { redactUrl } from '../redact-url';

/**
 * Until the PostgreSQL store, a scaled-out deployment kept its event log in Redis Streams, in the
 * first format (each entry a stored command). This brings those logs into an empty PostgreSQL
 * store as facts, the way the embedded journal's migration does (journal/migrate.ts): every
 * line through the legacy upcaster, in seq order, which folds as it goes and refuses a line whose
 * fact would not evolve to the records the old rules made. It only reads Redis.
 *
 * The old layout (RedisKeys.legacy*): per store a stream `<prefix>:store:{<id>}:log` with entry
 * ids `<seq>-1` and one field `e` (the event's JSON without seq), a counter `…:seq` holding the
 * last seq, and a set `<prefix>:stores` of store ids.
 */
export interface RedisImportOptions {
  /** The Redis that held the log, `redis://host:6379`. */
  redisUrl: string;
  /** The key prefix the old deployment used (its REDIS_PREFIX); default 'tw'. */
  prefix?: string;
  /** The PostgreSQL database to import into, `postgres://user@host:5432/database`. */
  databaseUrl: string;
  log?: Logger;
}

export interface StoreImport {
  storeId: string;
  /** Entries read from the store's stream. */
  read: number;
  /** Events written into PostgreSQL. */
  imported: number;
  lastSeq: number;
}

/** Why an import did not happen (nothing was written); the message says what to fix. */
export class RedisImportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RedisImportError';
  }
}

/** Entries per XRANGE and per INSERT. */
const PAGE = 500;
const KNOWN_COMMANDS = new Set<string>(CommandSchema.options.map((o) => o.shape.type.value));

type Client = ReturnType<typeof createClient>;

/**
 * Imports every store's log from Redis (old layout) into PostgreSQL, all or nothing. Refuses,
 * with a RedisImportError naming the store and seq, a gap, a line the upcaster cannot read, or a
 * target store that already has events; StoreUnavailableError when PostgreSQL cannot be reached.
 */
export async function importRedisLog(options: RedisImportOptions): Promise<StoreImport[]> {
  const keys = new RedisKeys(options.prefix ?? 'tw');
  const redisAt = redactUrl(options.redisUrl);
  const client: Client = createClient({ url: options.redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on('error', () => undefined); // a failed connect rejects below; nothing else to report
  try {
    await client.connect();
  } catch (err) {
    client.destroy();
    throw new RedisImportError(`Redis at ${redisAt} cannot be reached: ${(err as Error).message}`, { cause: err });
  }
  try {
    const storeIds = await findStores(client, keys, redisAt);
    const store = await PostgresEventStore.open({ url: options.databaseUrl, log: options.log ?? silentLogger, connectAttempts: 2 });
    try {
      // Checked again inside the import's transaction; this only saves reading Redis first.
      for (const storeId of storeIds) {
        const last = await store.lastSeq(storeId);
        if (last > 0) throw new StoreNotEmptyError(storeId, redactUrl(options.databaseUrl), last);
      }
      const read = new Map<string, { read: number; lastSeq: number }>();
      const written = await store.importLogs(upcastStreams(client, keys, storeIds, read));
      return storeIds.map((storeId) => ({ storeId, ...read.get(storeId)!, imported: written.get(storeId) ?? 0 }));
    } finally {
      await store.close();
    }
  } finally {
    client.destroy();
  }
}

/** Every store with a stream or listed in the store set, sorted; refuses when there is none. */
async function findStores(client: Client, keys: RedisKeys, redisAt: string): Promise<string[]> {
  const ids = new Set<string>(await client.sMembers(keys.legacyStores()));
  for await (const found of client.scanIterator({ MATCH: keys.legacyLogs(), TYPE: 'stream', COUNT: 500 })) {
    for (const key of found) {
      const id = keys.legacyLogStoreId(key);
      if (id !== undefined) ids.add(id);
    }
  }
  if (ids.size === 0)
    throw new RedisImportError(
      `Redis at ${redisAt} holds no event log under prefix "${keys.prefix}" (no ${keys.legacyLogs()} stream, no ${keys.legacyStores()} set); pass the old deployment's REDIS_PREFIX with --prefix`,
    );
  for (const id of ids)
    if (!IdSchema.safeParse(id).success) throw new RedisImportError(`"${id}" (in ${keys.legacyStores()} or a stream key) is not a valid store id`);
  return [...ids].sort();
}

/**
 * Each store's stream in seq order, page by page, turned into facts. Fills `read` as it goes;
 * throws (and so rolls the import back) at the first entry that is missing or unreadable.
 */
async function* upcastStreams(
  client: Client,
  keys: RedisKeys,
  storeIds: readonly string[],
  read: Map<string, { read: number; lastSeq: number }>,
): AsyncGenerator<WorkshopEvent[]> {
  // One upcaster for all stores, exactly as the embedded migration uses it (it keeps a fold per store).
  const upcast = legacyUpcaster();
  for (const storeId of storeIds) {
    const stream = keys.legacyLog(storeId);
    const counted = { read: 0, lastSeq: 0 };
    read.set(storeId, counted);
    const fail = (seq: number, why: string) => new RedisImportError(`store ${storeId}: seq ${seq} in ${stream}: ${why}; nothing was imported`);
    for (;;) {
      const page = await client.xRange(stream, `${counted.lastSeq + 1}-0`, '+', { COUNT: PAGE });
      if (!page || page.length === 0) break;
      const batch: WorkshopEvent[] = [];
      for (const entry of page) {
        const seq = /^([1-9][0-9]*)-1$/.exec(entry.id) ? Number(entry.id.slice(0, -2)) : NaN;
        if (!Number.isSafeInteger(seq))
          throw new RedisImportError(`store ${storeId}: entry ${entry.id} in ${stream} is not an event (ids are <seq>-1); nothing was imported`);
        if (seq !== counted.lastSeq + 1)
          throw new RedisImportError(
            `store ${storeId}: seq ${counted.lastSeq + 1}${seq > counted.lastSeq + 2 ? `–${seq - 1}` : ''} missing from ${stream} (it goes from ${counted.lastSeq} to ${seq}); nothing was imported`,
          );
        counted.read++;
        counted.lastSeq = seq;
        batch.push(toFact(upcast, storeId, seq, entry.message.e, fail));
      }
      yield batch;
    }
    const counter = Number((await client.get(keys.legacySeq(storeId))) ?? 0);
    if (counter > counted.lastSeq)
      throw new RedisImportError(
        `store ${storeId}: ${keys.legacySeq(storeId)} says the last seq is ${counter}, but ${stream} ends at ${counted.lastSeq} (seq ${counted.lastSeq + 1}–${counter} missing); nothing was imported`,
      );
    if (counted.read === 0)
      throw new RedisImportError(`store ${storeId} is listed in ${keys.legacyStores()} but ${stream} holds no events; nothing was imported`);
  }
}

function toFact(
  upcast: (record: unknown) => unknown,
  storeId: string,
  seq: number,
  json: string | undefined,
  fail: (seq: number, why: string) => Error,
): WorkshopEvent {
  if (json === undefined) throw fail(seq, 'the entry has no field "e"');
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch (err) {
    throw fail(seq, `field "e" is not JSON (${(err as Error).message})`);
  }
  const record = { seq, ...(body as object) } as { seq: number; storeId?: unknown; key?: unknown };
  if (record.storeId !== storeId) throw fail(seq, `the event names store ${JSON.stringify(record.storeId)}`);
  if (typeof record.key !== 'string') throw fail(seq, 'the event has no idempotency key');
  if (isLegacyEvent(record)) {
    const type = (record.command as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !KNOWN_COMMANDS.has(type)) throw fail(seq, `unknown command ${JSON.stringify(type)}`);
  } else if (!WorkshopEventSchema.safeParse(record).success) {
    throw fail(seq, 'the event is neither a first-format command nor a fact');
  }
  let event: WorkshopEvent;
  try {
    event = upcast(record) as WorkshopEvent;
  } catch (err) {
    // LegacyUpcastError already names the store and seq.
    throw new RedisImportError(`${(err as Error).message}; nothing was imported`, { cause: err });
  }
  if (!event || event.seq !== seq || event.storeId !== storeId || event.key !== record.key)
    throw new Error(`redis import: the upcaster changed seq, storeId or key of store ${storeId} seq ${seq}`);
  return event;
}

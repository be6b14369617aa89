/**
 * Writes event logs into Redis the way the removed Redis event store did (server/store/
 * redis-store.ts before commit 378d99a), for tests of `npm run journal -- import-redis`.
 *
 * The script and the key names are copied from that store on purpose rather than taken from
 * RedisKeys: they are the format being read, and a mistake in the importer's key names must not
 * be repeated here where it would go unnoticed.
 */
import { createClient } from 'redis';

/** The deleted store's append script, verbatim. KEYS: seq counter, idempotency hash, log stream, store-id set. */
const APPEND_SCRIPT = `
local prior = redis.call('HGET', KEYS[2], ARGV[2])
if prior then
  local entries = redis.call('XRANGE', KEYS[3], prior .. '-1', prior .. '-1')
  return {'duplicate', prior, entries[1][2][2]}
end
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= tonumber(ARGV[1]) then
  return {'conflict', tostring(current)}
end
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[3], seq .. '-1', 'e', ARGV[4])
redis.call('HSET', KEYS[2], ARGV[2], seq)
redis.call('SADD', KEYS[4], ARGV[3])
return {'appended', tostring(seq)}
`;

/** The old layout's key names (redis-keys.ts before 378d99a). */
export const oldKeys = (prefix: string) => ({
  log: (storeId: string) => `${prefix}:store:{${storeId}}:log`,
  seq: (storeId: string) => `${prefix}:store:{${storeId}}:seq`,
  idempotency: (storeId: string) => `${prefix}:store:{${storeId}}:keys`,
  stores: () => `${prefix}:stores`,
});

export interface LegacyRecord {
  seq: number;
  storeId: string;
  key: string;
  [field: string]: unknown;
}

const newClient = (url: string) => createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });

async function withRedis<T>(url: string, run: (client: ReturnType<typeof newClient>) => Promise<T>): Promise<T> {
  const client = newClient(url);
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    client.destroy();
  }
}

/**
 * Appends `records` (journal lines: seq plus the rest of the event) in order through the old
 * append script, each expecting the log at seq - 1, exactly as the old store's append(draft,
 * expectedSeq) sent them. Throws if the script answers anything but 'appended' at that seq.
 */
export async function writeOldRedisLog(url: string, prefix: string, records: readonly LegacyRecord[]): Promise<void> {
  const keys = oldKeys(prefix);
  await withRedis(url, async (client) => {
    for (const { seq, ...body } of records) {
      const reply = (await client.eval(APPEND_SCRIPT, {
        keys: [keys.seq(body.storeId), keys.idempotency(body.storeId), keys.log(body.storeId), keys.stores()],
        arguments: [String(seq - 1), body.key, body.storeId, JSON.stringify(body)],
      })) as string[];
      if (reply[0] !== 'appended' || reply[1] !== String(seq)) throw new Error(`old append of seq ${seq} answered ${reply.join(' ')}`);
    }
  });
}

/** Deletes one entry from a store's stream, as if it had been lost, leaving a gap at `seq`. */
export async function dropOldEntry(url: string, prefix: string, storeId: string, seq: number): Promise<void> {
  await withRedis(url, async (client) => {
    if ((await client.xDel(oldKeys(prefix).log(storeId), `${seq}-1`)) !== 1) throw new Error(`no entry ${seq}-1 to drop`);
  });
}

/** Everything under `prefix`, key by key with its type and contents, to compare before and after. */
export async function dumpPrefix(url: string, prefix: string): Promise<Record<string, unknown>> {
  return withRedis(url, async (client) => {
    const names: string[] = [];
    for await (const found of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) names.push(...found);
    const dump: Record<string, unknown> = {};
    for (const name of names.sort()) {
      const type = await client.type(name);
      const ttl = await client.pTTL(name);
      const value =
        type === 'stream'
          ? { entries: await client.xRange(name, '-', '+'), length: await client.xLen(name) }
          : type === 'string'
            ? await client.get(name)
            : type === 'hash'
              ? await client.hGetAll(name)
              : type === 'set'
                ? (await client.sMembers(name)).sort()
                : `(${type})`;
      dump[name] = { type, ttl, value };
    }
    return dump;
  });
}

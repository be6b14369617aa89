import { createClient, ErrorReply } from 'redis';
import { IdSchema } from '../../shared/domain/ids';
import { IdempotencyKeySchema, type EventDraft, type WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import { createLogger, type Logger } from '../log';
import { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';
import { RedisKeys } from './redis-keys';

export interface RedisStoreOptions {
  url: string;
  /** Every key starts with `<prefix>:`; default 'tw'. */
  prefix?: string;
  log?: Logger;
  /** How many times `open` tries to connect before giving up; default 5. */
  connectAttempts?: number;
  /** A command with no answer after this long fails as unavailable; default 5000 ms. */
  commandTimeoutMs?: number;
}

/**
 * One Lua script makes an append atomic: Redis runs it alone, so the key check, the seq check
 * and the writes cannot interleave with another process's append.
 * KEYS: seq counter, idempotency hash, log stream, store-id set.
 * ARGV: expectedSeq, idempotency key, storeId, event JSON without seq.
 */
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

/** Fail fast while disconnected (no offline queue); how to reconnect is the caller's choice. */
const newClient = (url: string, reconnectStrategy: (retries: number, cause: Error) => number | Error) =>
  createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 3000, reconnectStrategy } });
type Client = ReturnType<typeof newClient>;
type StreamEntry = { id: string; message: Record<string, string> };

/**
 * The event store for scale-out: every server process shares one Redis. A store's log is a
 * stream whose entry ids are `<seq>-1`; its last seq, idempotency keys and snapshot sit beside
 * it (key names: redis-keys.ts). An append is durable once Redis acknowledges it; how durable
 * that is depends on the Redis server's own persistence settings.
 *
 * When Redis cannot be reached, every method fails fast with StoreUnavailableError (no offline
 * queue) while the client keeps reconnecting in the background with bounded backoff.
 */
export class RedisEventStore implements EventStore {
  readonly kind = 'redis' as const;
  readonly keys: RedisKeys;
  #closing: Promise<void> | undefined;
  readonly #lastSnapshotSeq = new Map<string, number>();

  private constructor(
    private readonly client: Client,
    private readonly url: string,
    prefix: string,
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {
    this.keys = new RedisKeys(prefix);
  }

  /** Connect to Redis; rejects with StoreUnavailableError if it cannot be reached at all. */
  static async open(options: RedisStoreOptions): Promise<RedisEventStore> {
    const log = options.log ?? createLogger();
    const attempts = options.connectAttempts ?? 5;
    const where = redactUrl(options.url);
    const keys = new RedisKeys(options.prefix ?? 'tw'); // fails early on a bad prefix
    let connected = false;
    let lastReported = 0;
    const client = newClient(options.url, (retries, cause) => {
      // Give up only on the first connection; later, keep trying so the server recovers by itself.
      if (!connected && retries + 1 >= attempts) return new StoreUnavailableError(`Redis at ${where} is unreachable: ${cause.message}`, { cause });
      return Math.min(100 * 2 ** retries, 3000) + Math.floor(Math.random() * 100);
    });
    // Without an 'error' listener node-redis errors would crash the process; log them, rate-limited.
    client.on('error', (err: Error) => {
      const now = Date.now();
      if (now - lastReported < 10_000) return;
      lastReported = now;
      log.warn({ err, redis: where }, 'redis connection problem');
    });
    client.on('ready', () => {
      if (connected) log.info({ redis: where }, 'redis connection restored');
      connected = true;
    });
    try {
      await client.connect();
    } catch (err) {
      client.destroy();
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(`Redis at ${where} is unreachable: ${(err as Error).message}`, { cause: err });
    }
    return new RedisEventStore(client, where, keys.prefix, log, options.commandTimeoutMs ?? 5000);
  }

  async append(draft: EventDraft, expectedSeq: number): Promise<AppendResult> {
    checkDraft(draft, expectedSeq);
    const { storeId, key } = draft;
    const { seq: _drop, ...body } = draft as EventDraft & { seq?: number };
    const reply = (await this.#run('append', () =>
      this.client.eval(APPEND_SCRIPT, {
        keys: [this.keys.seq(storeId), this.keys.idempotency(storeId), this.keys.log(storeId), this.keys.stores()],
        arguments: [String(expectedSeq), key, storeId, JSON.stringify(body)],
      }),
    )) as string[];
    const [status, seq, json] = reply;
    if (status === 'conflict') return { status, currentSeq: Number(seq) };
    if (status === 'duplicate') return { status, event: toEvent(Number(seq), json) };
    // Round-tripped through JSON so the answer equals what read() will return later.
    return { status: 'appended', event: toEvent(Number(seq), JSON.stringify(body)) };
  }

  async read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]> {
    if (limit !== undefined && limit <= 0) return [];
    const from = `${Math.max(0, Math.floor(afterSeq)) + 1}-0`;
    const entries = (await this.#run('read', () =>
      this.client.xRange(this.keys.log(storeId), from, '+', limit === undefined ? undefined : { COUNT: Math.floor(limit) }),
    )) as StreamEntry[];
    return entries.map(fromEntry);
  }

  async findByKey(storeId: string, key: string): Promise<WorkshopEvent | undefined> {
    const seq = await this.#run('findByKey', () => this.client.hGet(this.keys.idempotency(storeId), key));
    if (seq == null) return undefined;
    const id = `${seq}-1`;
    const entries = (await this.#run('findByKey', () => this.client.xRange(this.keys.log(storeId), id, id))) as StreamEntry[];
    return entries[0] && fromEntry(entries[0]);
  }

  async lastSeq(storeId: string): Promise<number> {
    return Number((await this.#run('lastSeq', () => this.client.get(this.keys.seq(storeId)))) ?? 0);
  }

  async storeIds(): Promise<string[]> {
    return ((await this.#run('storeIds', () => this.client.sMembers(this.keys.stores()))) as string[]).sort();
  }

  async saveSnapshot(storeId: string, snapshot: StoreSnapshot): Promise<void> {
    // Within this process an older fold never replaces a newer one; across processes the last
    // writer wins, which costs at most some replay.
    if (snapshot.seq < (this.#lastSnapshotSeq.get(storeId) ?? 0)) return;
    this.#lastSnapshotSeq.set(storeId, snapshot.seq);
    await this.#run('saveSnapshot', () => this.client.set(this.keys.snapshot(storeId), JSON.stringify(snapshot)));
  }

  async loadSnapshot(storeId: string): Promise<StoreSnapshot | undefined> {
    const [text, last] = await Promise.all([
      this.#run('loadSnapshot', () => this.client.get(this.keys.snapshot(storeId))),
      this.lastSeq(storeId),
    ]);
    if (text == null) return undefined;
    const snapshot = JSON.parse(text) as StoreSnapshot;
    if (!Number.isInteger(snapshot?.seq) || !Array.isArray(snapshot.ros) || !Array.isArray(snapshot.appointments))
      throw new Error(`Snapshot ${this.keys.snapshot(storeId)} lacks seq, ros or appointments`);
    if (snapshot.seq > last) {
      // Restoring it would skip events the log does not have; the log is the truth.
      this.log.warn({ storeId, snapshotSeq: snapshot.seq, lastSeq: last }, 'snapshot is ahead of the log; ignoring it');
      return undefined;
    }
    return snapshot;
  }

  async status(): Promise<StoreStatus> {
    try {
      await this.#run('ping', () => this.client.ping());
      return { kind: 'redis', ok: true, detail: `${this.url}, prefix ${this.keys.prefix}` };
    } catch (err) {
      return { kind: 'redis', ok: false, detail: (err as Error).message };
    }
  }

  /** Closes the connection, letting commands already sent finish. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.client.isReady) await this.client.close().catch(() => this.client.destroy());
      else this.client.destroy();
    })();
    return this.#closing;
  }

  /**
   * Runs one command, turning "cannot reach Redis" (offline, closed, socket dropped, no answer
   * in time) into StoreUnavailableError. Errors Redis itself answered with are bugs and pass on.
   */
  async #run<T>(what: string, command: () => Promise<T>): Promise<T> {
    if (this.#closing) throw new StoreUnavailableError(`The Redis store (${this.url}) is closed`);
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = command();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      answer.catch(() => undefined); // a late failure after the timeout must not go unhandled
      return await Promise.race([answer, timeout]);
    } catch (err) {
      if (err instanceof ErrorReply && !/^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN)\b/.test(err.message)) throw err;
      throw new StoreUnavailableError(`Redis at ${this.url} is unavailable (${what}): ${(err as Error).message}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }
}

function checkDraft(draft: EventDraft, expectedSeq: number): void {
  if (!IdSchema.safeParse(draft.storeId).success) throw new Error(`append: "${draft.storeId}" is not a valid store id`);
  if (!IdempotencyKeySchema.safeParse(draft.key).success) throw new Error(`append: "${draft.key}" is not a valid idempotency key`);
  if (!Number.isInteger(expectedSeq) || expectedSeq < 0) throw new Error(`append: expectedSeq must be a whole number ≥ 0, not ${expectedSeq}`);
}

const toEvent = (seq: number, json: string): WorkshopEvent => ({ seq, ...(JSON.parse(json) as EventDraft) }) as WorkshopEvent;

const fromEntry = (entry: StreamEntry): WorkshopEvent => toEvent(Number(entry.id.slice(0, entry.id.indexOf('-'))), entry.message.e);

/** Keep passwords out of logs and error messages. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable Redis URL)';
  }
}

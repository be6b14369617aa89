import { createClient } from 'redis';
import type { Logger } from '../log';
import { RedisKeys } from './redis-keys';

/**
 * The highest seq each store's log is known to have reached, kept outside the log so that a
 * process with no memory of a store (just started, on a database emptied or restored from an
 * older backup) can still tell that the log lost events. Only a lower bound: losing it (Redis
 * emptied) loses the check until the next append writes it again, never a write.
 */
export interface HighWaterMarks {
  /** Where they are kept, for messages (the Redis hash's key). */
  readonly key: string;
  /** Every store's mark as last read; empty when unknown (no Redis, or it cannot be reached). */
  read(): Promise<Map<string, number>>;
  /** Raise the store's mark to `seq` unless it is higher already; best effort, never throws. */
  raise(storeId: string, seq: number): void;
  close(): Promise<void>;
}

/** Raises a field of the hash only: two processes racing can never lower a mark. */
const RAISE_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 0
`;

const newClient = (url: string) =>
  // No offline queue: while Redis is away a mark is skipped (it is a lower bound), not queued up.
  createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 3000, reconnectStrategy: (n: number) => Math.min(5000, 100 * 2 ** n) } });

/** One hash in Redis (`RedisKeys.highWaterMarks`): field = store id, value = highest appended seq. */
export class RedisHighWaterMarks implements HighWaterMarks {
  readonly key: string;

  private constructor(
    private readonly client: ReturnType<typeof newClient>,
    prefix: string,
    private readonly log: Logger,
  ) {
    this.key = new RedisKeys(prefix).highWaterMarks();
  }

  /** Connects; a Redis that is away at start only means no marks until it is back. */
  static async open(url: string, prefix: string, log: Logger): Promise<RedisHighWaterMarks> {
    const client = newClient(url);
    client.on('error', (err) => log.warn({ err }, 'high-water mark redis connection error'));
    await client.connect().catch((err: unknown) => log.warn({ err }, 'high-water marks: Redis not reachable at start; checking against them once it is'));
    return new RedisHighWaterMarks(client, prefix, log);
  }

  async read(): Promise<Map<string, number>> {
    if (!this.client.isReady) return new Map();
    try {
      const all = await this.client.hGetAll(this.key);
      return new Map(Object.entries(all).map(([id, seq]) => [id, Number(seq)]));
    } catch (err) {
      this.log.warn({ err }, 'high-water marks not read');
      return new Map();
    }
  }

  raise(storeId: string, seq: number): void {
    if (!this.client.isReady) return;
    this.client
      .eval(RAISE_SCRIPT, { keys: [this.key], arguments: [storeId, String(seq)] })
      .catch((err: unknown) => this.log.warn({ err, storeId, seq }, 'high-water mark not raised'));
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close().catch(() => this.client.destroy());
    else this.client.destroy();
  }
}

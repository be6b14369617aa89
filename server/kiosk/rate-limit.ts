import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import type { Logger } from '../log';
import { StoreUnavailableError } from '../store/event-store';
import { RedisKeys } from '../store/redis-keys';

export interface Limit {
  max: number;
  windowSeconds: number;
}

export type Take = { ok: true; count: number } | { ok: false; retryAfterMs: number };

/**
 * Fixed-window counters for kiosk lookups. Every attempt is counted *before* it is answered,
 * so a burst of parallel guesses cannot slip past the limit while the first ones are in flight.
 * With Redis the counters are shared by every server process; without it they live in this one
 * process, which is all a single-process store has.
 */
export interface RateLimiter {
  readonly kind: 'memory' | 'redis';
  /** Count one attempt on `subject` within `scope`; refused once `limit.max` is used up. */
  take(scope: string, subject: string, limit: Limit): Promise<Take>;
  close(): Promise<void>;
}

/** The application's limiter; createApplication always sets one, so its absence is a wiring mistake. */
export const limiterOf = (deps: { limiter?: RateLimiter }): RateLimiter => {
  if (!deps.limiter) throw new Error('deps.limiter is missing (createApplication sets it)');
  return deps.limiter;
};

/** Subjects (plates, addresses) are hashed before they become keys: counters hold no personal data. */
const digest = (subject: string) => createHash('sha256').update(subject).digest('base64url').slice(0, 22);

export class MemoryRateLimiter implements RateLimiter {
  readonly kind = 'memory' as const;
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(scope: string, subject: string, limit: Limit): Promise<Take> {
    const now = this.now();
    if (this.#windows.size > 10_000) this.#prune(now);
    const key = `${scope}:${digest(subject)}`;
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) this.#windows.set(key, (window = { count: 0, resetAt: now + limit.windowSeconds * 1000 }));
    if (window.count >= limit.max) return { ok: false, retryAfterMs: window.resetAt - now };
    window.count++;
    return { ok: true, count: window.count };
  }

  async close(): Promise<void> {
    this.#windows.clear();
  }

  #prune(now: number): void {
    for (const [key, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(key);
  }
}

/**
 * INCR and PEXPIRE in one script: the window starts with its first attempt, and a count can
 * never be left without an expiry. Attempts past the limit are not counted, so a locked plate
 * opens again when its window ends however often someone keeps trying.
 */
const TAKE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= tonumber(ARGV[1]) then
  return {0, redis.call('PTTL', KEYS[1])}
end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {n, redis.call('PTTL', KEYS[1])}
`;

const newClient = (url: string) =>
  // No offline queue: while Redis is away a lookup is refused at once rather than left hanging.
  createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 3000, reconnectStrategy: (n: number) => Math.min(5000, 100 * 2 ** n) } });

export class RedisRateLimiter implements RateLimiter {
  readonly kind = 'redis' as const;
  readonly #keys: RedisKeys;

  private constructor(private readonly client: ReturnType<typeof newClient>, prefix: string) {
    this.#keys = new RedisKeys(prefix);
  }

  static async open(url: string, prefix: string, log: Logger): Promise<RedisRateLimiter> {
    const client = newClient(url);
    client.on('error', (err) => log.warn({ err }, 'kiosk rate-limit redis connection error'));
    await client.connect();
    return new RedisRateLimiter(client, prefix);
  }

  async take(scope: string, subject: string, limit: Limit): Promise<Take> {
    let reply: unknown;
    try {
      reply = await this.client.eval(TAKE_SCRIPT, {
        keys: [this.#keys.rateLimit(scope, digest(subject))],
        arguments: [String(limit.max), String(limit.windowSeconds * 1000)],
      });
    } catch (err) {
      throw new StoreUnavailableError('The rate limiter (Redis) cannot be reached', { cause: err });
    }
    const [count, ttl] = reply as [number, number];
    return count === 0 ? { ok: false, retryAfterMs: Math.max(0, ttl) } : { ok: true, count };
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close().catch(() => this.client.destroy());
    else this.client.destroy();
  }
}

/** Redis when the deployment has one (several processes must share the counts), else memory. */
export const createRateLimiter = (opts: { redisUrl?: string; redisPrefix?: string; log: Logger }): Promise<RateLimiter> =>
  opts.redisUrl ? RedisRateLimiter.open(opts.redisUrl, opts.redisPrefix || 'tw', opts.log) : Promise.resolve(new MemoryRateLimiter());

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
 * Growing delays: after `n` failures in a row the next attempt waits `baseMs · 2^(n-1)`, at most
 * `capMs`; the run is forgotten `forgetMs` after its last failure.
 */
export interface Backoff {
  baseMs: number;
  capMs: number;
  forgetMs: number;
}
export const backoffDelayMs = (failures: number, b: Backoff): number => (failures <= 0 ? 0 : Math.min(b.capMs, b.baseMs * 2 ** (failures - 1)));

export type Claim = { ok: true; failures: number } | { ok: false; retryAfterMs: number; failures: number };

/**
 * Counters for guessable lookups (kiosk: plate + phone digits; scan page: PINs), in two shapes:
 *
 * - fixed windows (`take`/`refund`/`count`): an attempt is counted *before* it is answered, so a
 *   burst of parallel guesses cannot slip past the limit while the first ones are in flight; a
 *   caller that counts only failures gives the attempt back (`refund`) once it succeeded;
 * - growing delays (`claim`/`settle`/`reset`): an attempt claims the key by moving its next
 *   allowed time as if it were going to fail, so a parallel attempt waits; `settle` then records
 *   the failure, or gives the claim back.
 *
 * With Redis the counts are shared by every server process; without it they live in this one
 * process, which is all a single-process store has. We keep this small module rather than
 * rate-limiter-flexible: README, "Limits".
 */
export interface RateLimiter {
  readonly kind: 'memory' | 'redis';
  /** Count one attempt on `subject` within `scope`; refused once `limit.max` is used up. */
  take(scope: string, subject: string, limit: Limit): Promise<Take>;
  /** Give back one attempt counted by `take` (it turned out not to be a failure). */
  refund(scope: string, subject: string): Promise<void>;
  /** Attempts counted in the current window (0 when none). */
  count(scope: string, subject: string): Promise<number>;
  /** Ask for an attempt on a backoff key; refused while the last failure's delay runs. */
  claim(scope: string, subject: string, backoff: Backoff): Promise<Claim>;
  /** After a granted claim: record the failure, or give the claim back. */
  settle(scope: string, subject: string, failed: boolean, backoff: Backoff): Promise<void>;
  /** Forget a key: a backoff run (a success on that device) or a window's count (an admin's unlock). */
  reset(scope: string, subject: string): Promise<void>;
  close(): Promise<void>;
}

/** The application's limiter; createApplication always sets one, so its absence is a wiring mistake. */
export const limiterOf = (deps: { limiter?: RateLimiter }): RateLimiter => {
  if (!deps.limiter) throw new Error('deps.limiter is missing (createApplication sets it)');
  return deps.limiter;
};

/** Subjects (plates, addresses) are hashed before they become keys: counters hold no personal data. */
const digest = (subject: string) => createHash('sha256').update(subject).digest('base64url').slice(0, 22);

interface Run {
  failures: number;
  /** Next attempt allowed from (ms). */
  next: number;
  /** `next` before the pending claim moved it. */
  previous: number;
  forgetAt: number;
}

export class MemoryRateLimiter implements RateLimiter {
  readonly kind = 'memory' as const;
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #runs = new Map<string, Run>();

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

  async refund(scope: string, subject: string): Promise<void> {
    const window = this.#windows.get(`${scope}:${digest(subject)}`);
    if (window && window.count > 0 && window.resetAt > this.now()) window.count--;
  }

  async count(scope: string, subject: string): Promise<number> {
    const window = this.#windows.get(`${scope}:${digest(subject)}`);
    return window && window.resetAt > this.now() ? window.count : 0;
  }

  #run(scope: string, subject: string, now: number): Run | undefined {
    const key = `${scope}:${digest(subject)}`;
    const run = this.#runs.get(key);
    if (run && run.forgetAt <= now) this.#runs.delete(key);
    return run && run.forgetAt > now ? run : undefined;
  }

  async claim(scope: string, subject: string, backoff: Backoff): Promise<Claim> {
    const now = this.now();
    if (this.#runs.size > 10_000) for (const [k, r] of this.#runs) if (r.forgetAt <= now) this.#runs.delete(k);
    const run = this.#run(scope, subject, now) ?? { failures: 0, next: 0, previous: 0, forgetAt: now + backoff.forgetMs };
    if (now < run.next) return { ok: false, retryAfterMs: run.next - now, failures: run.failures };
    this.#runs.set(`${scope}:${digest(subject)}`, {
      ...run,
      previous: run.next,
      next: now + backoffDelayMs(run.failures + 1, backoff),
      forgetAt: now + backoff.forgetMs,
    });
    return { ok: true, failures: run.failures };
  }

  async settle(scope: string, subject: string, failed: boolean, backoff: Backoff): Promise<void> {
    const now = this.now();
    const run = this.#run(scope, subject, now);
    if (!run) return;
    if (failed) Object.assign(run, { failures: run.failures + 1, forgetAt: now + backoff.forgetMs });
    else if (run.failures === 0) this.#runs.delete(`${scope}:${digest(subject)}`);
    else run.next = run.previous;
  }

  async reset(scope: string, subject: string): Promise<void> {
    this.#runs.delete(`${scope}:${digest(subject)}`);
    this.#windows.delete(`${scope}:${digest(subject)}`);
  }

  async close(): Promise<void> {
    this.#windows.clear();
    this.#runs.clear();
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

const REFUND_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

/** A run is a hash: f (failures in a row), n (next allowed, ms), p (n before the pending claim). */
const CLAIM_SCRIPT = `
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local now = tonumber(ARGV[1])
if now < n then return {0, n - now, f} end
local d = math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ f)
redis.call('HSET', KEYS[1], 'f', f, 'n', math.floor(now + d), 'p', n)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1, 0, f}
`;

const SETTLE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == '1' then
  redis.call('HINCRBY', KEYS[1], 'f', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
elseif tonumber(redis.call('HGET', KEYS[1], 'f') or '0') == 0 then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'n', redis.call('HGET', KEYS[1], 'p') or '0')
end
return 0
`;

const newClient = (url: string) =>
  // No offline queue: while Redis is away a lookup is refused at once rather than left hanging.
  createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 3000, reconnectStrategy: (n: number) => Math.min(5000, 100 * 2 ** n) } });

export class RedisRateLimiter implements RateLimiter {
  readonly kind = 'redis' as const;
  readonly #keys: RedisKeys;

  private constructor(
    private readonly client: ReturnType<typeof newClient>,
    prefix: string,
    private readonly now: () => number,
  ) {
    this.#keys = new RedisKeys(prefix);
  }

  /** `now` is this process's clock, sent with every claim (processes' clocks are assumed in step). */
  static async open(url: string, prefix: string, log: Logger, now: () => number = Date.now): Promise<RedisRateLimiter> {
    const client = newClient(url);
    client.on('error', (err) => log.warn({ err }, 'kiosk rate-limit redis connection error'));
    await client.connect();
    return new RedisRateLimiter(client, prefix, now);
  }

  async #eval(script: string, scope: string, subject: string, args: string[]): Promise<unknown> {
    try {
      return await this.client.eval(script, { keys: [this.#keys.rateLimit(scope, digest(subject))], arguments: args });
    } catch (err) {
      throw new StoreUnavailableError('The rate limiter (Redis) cannot be reached', { cause: err });
    }
  }

  async take(scope: string, subject: string, limit: Limit): Promise<Take> {
    const reply = await this.#eval(TAKE_SCRIPT, scope, subject, [String(limit.max), String(limit.windowSeconds * 1000)]);
    const [count, ttl] = reply as [number, number];
    return count === 0 ? { ok: false, retryAfterMs: Math.max(0, ttl) } : { ok: true, count };
  }

  async refund(scope: string, subject: string): Promise<void> {
    await this.#eval(REFUND_SCRIPT, scope, subject, []);
  }

  async count(scope: string, subject: string): Promise<number> {
    try {
      return Number((await this.client.get(this.#keys.rateLimit(scope, digest(subject)))) ?? 0) || 0;
    } catch (err) {
      throw new StoreUnavailableError('The rate limiter (Redis) cannot be reached', { cause: err });
    }
  }

  async claim(scope: string, subject: string, backoff: Backoff): Promise<Claim> {
    const reply = await this.#eval(CLAIM_SCRIPT, scope, subject, [String(this.now()), String(backoff.baseMs), String(backoff.capMs), String(backoff.forgetMs)]);
    const [ok, wait, failures] = reply as [number, number, number];
    return ok ? { ok: true, failures } : { ok: false, retryAfterMs: wait, failures };
  }

  async settle(scope: string, subject: string, failed: boolean, backoff: Backoff): Promise<void> {
    await this.#eval(SETTLE_SCRIPT, scope, subject, [failed ? '1' : '0', String(backoff.forgetMs)]);
  }

  async reset(scope: string, subject: string): Promise<void> {
    try {
      await this.client.del(this.#keys.rateLimit(scope, digest(subject)));
    } catch (err) {
      throw new StoreUnavailableError('The rate limiter (Redis) cannot be reached', { cause: err });
    }
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close().catch(() => this.client.destroy());
    else this.client.destroy();
  }
}

/** Redis when the deployment has one (several processes must share the counts), else memory. */
export const createRateLimiter = (opts: { redisUrl?: string; redisPrefix?: string; log: Logger }): Promise<RateLimiter> =>
  opts.redisUrl ? RedisRateLimiter.open(opts.redisUrl, opts.redisPrefix || 'tw', opts.log) : Promise.resolve(new MemoryRateLimiter());

import { IdSchema } from '../../shared/domain/ids';

/**
 * Every Redis key name the project uses, under one prefix, so a deployment (or a test run)
 * can share a Redis with others and `SCAN MATCH <prefix>:*` finds all of its keys.
 *
 * A store's keys carry its id in a hash tag (`{store-1}`) so they live in one cluster slot:
 * the append script touches them together. To add a key, add a method here; no other module
 * builds key names.
 */
export class RedisKeys {
  constructor(readonly prefix: string = 'tw') {
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix))
      throw new Error(`Redis key prefix "${prefix}" must be 1–64 letters, digits or - _ . :`);
  }

  /** Stream of the store's events; entry id `<seq>-1`, so XRANGE by seq needs no lookup. */
  log(storeId: string): string {
    return this.#store(storeId, 'log');
  }

  /** Counter holding the store's last seq. */
  seq(storeId: string): string {
    return this.#store(storeId, 'seq');
  }

  /** Hash: idempotency key → seq of the event stored under it. */
  idempotency(storeId: string): string {
    return this.#store(storeId, 'keys');
  }

  /** String: the latest snapshot of the store's state, as JSON. */
  snapshot(storeId: string): string {
    return this.#store(storeId, 'snap');
  }

  /** Set of every store id that has at least one event. */
  stores(): string {
    return `${this.prefix}:stores`;
  }

  /**
   * Counter of one rate-limit window (kiosk lookups). `subject` is a hash, never a plate or an
   * address, so Redis holds no personal data.
   */
  rateLimit(scope: string, subject: string): string {
    return `${this.prefix}:rl:${scope}:${subject}`;
  }

  /** Glob matching every key under this prefix (for clean-up with SCAN). */
  all(): string {
    return `${this.prefix}:*`;
  }

  #store(storeId: string, part: string): string {
    // Ids reach key names (and hash tags); a "}" or ":" in one would alias another store's keys.
    if (!IdSchema.safeParse(storeId).success) throw new Error(`"${storeId}" is not a valid store id`);
    return `${this.prefix}:store:{${storeId}}:${part}`;
  }
}

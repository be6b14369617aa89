/**
 * Every Redis key name the project uses, under one prefix, so a deployment (or a test run)
 * can share a Redis with others and `SCAN MATCH <prefix>:*` finds all of its keys. Redis holds
 * no events (they are in PostgreSQL): only the socket.io adapter's channels, the wake-up channel,
 * rate-limit counters, one-time-use records and each store's high-water mark, all of which may be
 * lost without losing data.
 *
 * To add a key, add a method here; no other module builds key names.
 */
export class RedisKeys {
  constructor(readonly prefix: string = 'tw') {
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) throw new Error(`Redis key prefix "${prefix}" must be 1–64 letters, digits or - _ . :`);
  }

  /**
   * Counter of one rate-limit window (kiosk lookups). `subject` is a hash, never a plate or an
   * address, so Redis holds no personal data.
   */
  rateLimit(scope: string, subject: string): string {
    return `${this.prefix}:rl:${scope}:${subject}`;
  }

  /** Sorted set of staff sessions ended before their time (score: when they would have expired, ms). */
  endedSessions(): string {
    return `${this.prefix}:session:ended`;
  }

  /** Hash person id → sessions issued up to this time (ms) have ended (disabled, new password). */
  sessionCutoffs(): string {
    return `${this.prefix}:session:cutoffs`;
  }

  /**
   * Hash of each store's highest appended seq (field = store id), which the regression guard
   * checks a log against (`server/store/high-water-mark.ts`).
   */
  highWaterMarks(): string {
    return `${this.prefix}:hwm`;
  }

  /** Pub/sub channel on which a process says it appended, or missed telling (`server/realtime/wake-up.ts`). */
  wakeUp(): string {
    return `${this.prefix}:wake`;
  }

  /** Glob matching every key under this prefix (for clean-up with SCAN). */
  all(): string {
    return `${this.prefix}:*`;
  }

  /**
   * Where the Redis event store (removed; see redis-import.ts) kept a store's log: a stream whose
   * entry ids are `<seq>-1`, each with one field `e`, the event's JSON without its seq. Only
   * `npm run journal -- import-redis` reads these, and nothing writes them any more.
   */
  legacyLog(storeId: string): string {
    return `${this.prefix}:store:{${storeId}}:log`;
  }

  /** Glob matching every legacy log stream under this prefix. */
  legacyLogs(): string {
    return `${this.prefix}:store:{*}:log`;
  }

  /** The store id in a legacy log stream's key, or undefined for another key. */
  legacyLogStoreId(key: string): string | undefined {
    const head = `${this.prefix}:store:{`;
    if (!key.startsWith(head) || !key.endsWith('}:log')) return undefined;
    return key.slice(head.length, -'}:log'.length);
  }

  /** The legacy counter holding a store's last seq (the old append took it with INCR). */
  legacySeq(storeId: string): string {
    return `${this.prefix}:store:{${storeId}}:seq`;
  }

  /** The legacy set of every store id that had at least one event. */
  legacyStores(): string {
    return `${this.prefix}:stores`;
  }
}

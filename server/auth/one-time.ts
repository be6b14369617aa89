import { randomBytes } from 'node:crypto';

/**
 * Single-use sign-in links, kept in this process's memory. That is enough for the demo and a
 * single-process store: a link printed at start-up is opened on the same process. With several
 * processes behind a load balancer a link works only on the process that issued it; move this
 * into the shared store before relying on it there.
 */
export class OneTimeTokens<T> {
  readonly #pending = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number) {}

  issue(value: T): string {
    this.#prune();
    const token = randomBytes(24).toString('base64url');
    this.#pending.set(token, { value, expiresAt: this.now() + this.ttlMs });
    return token;
  }

  /** The value for a token that was issued, not used yet and not expired; it cannot be used again. */
  consume(token: string): T | undefined {
    const entry = this.#pending.get(token);
    if (!entry) return undefined;
    this.#pending.delete(token);
    return entry.expiresAt > this.now() ? entry.value : undefined;
  }

  #prune(): void {
    const now = this.now();
    for (const [token, entry] of this.#pending) if (entry.expiresAt <= now) this.#pending.delete(token);
  }
}

import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createClient } from 'redis';
import type { Logger } from '../log';
import { RedisKeys } from '../store/redis-keys';

/**
 * Sessions that ended before their 12 hours were up: signed out, or every session of a person
 * disabled or given a new password. A session stays a signed token that any process can check;
 * this is the server-side record of which ones no longer count, read on every request (so it is
 * answered from memory) and kept where every process and a restart find it: a file in the data
 * dir for the embedded store, Redis when scaled out (each process re-reads it every second, so an
 * ending reaches every process within about a second, and each process's sweep then disconnects
 * that session's sockets). Entries are dropped once the session would have expired anyway.
 */
export interface SessionEnds {
  readonly kind: 'memory' | 'file' | 'redis';
  /** Has this session ended (signed out, or its person's sessions ended after it was issued)? */
  ended(session: SessionRef): boolean;
  /** End one session everywhere. Resolves once the ending is durable. */
  end(sessionId: string, expiresAt: number): Promise<void>;
  /** End every session of a person issued up to `at` (ms). */
  endAllOf(personId: string, at: number): Promise<void>;
  close(): Promise<void>;
}

export interface SessionRef {
  id: string;
  personId: string;
  /** When the session was issued (ms). */
  issuedAt: number;
}

/** The longest a session lives; entries older than that are forgotten. */
const LIFETIME_MS = 12 * 60 * 60 * 1000;

/** A session's id: a digest of its token, so the token itself is never stored. */
export const sessionIdOf = (token: string): string => createHash('sha256').update(token).digest('base64url').slice(0, 22);

interface Ended {
  /** Session id → when it would have expired (ms). */
  sessions: Map<string, number>;
  /** Person id → sessions issued at or before this (ms) have ended. */
  people: Map<string, number>;
}

const isEnded = (ended: Ended, s: SessionRef) => ended.sessions.has(s.id) || (ended.people.get(s.personId) ?? -Infinity) >= s.issuedAt;

function prune(ended: Ended, now: number): void {
  for (const [id, expiresAt] of ended.sessions) if (expiresAt <= now) ended.sessions.delete(id);
  for (const [id, at] of ended.people) if (at + LIFETIME_MS <= now) ended.people.delete(id);
}

/** In this process only: tests, and a server with nowhere to keep it. */
export class MemorySessionEnds implements SessionEnds {
  readonly kind: SessionEnds['kind'] = 'memory';
  protected readonly state: Ended = { sessions: new Map(), people: new Map() };

  constructor(protected readonly now: () => number = Date.now) {}

  ended(session: SessionRef): boolean {
    return isEnded(this.state, session);
  }

  async end(sessionId: string, expiresAt: number): Promise<void> {
    this.state.sessions.set(sessionId, expiresAt);
  }

  async endAllOf(personId: string, at: number): Promise<void> {
    this.state.people.set(personId, Math.max(at, this.state.people.get(personId) ?? -Infinity));
  }

  async close(): Promise<void> {}
}

/** The embedded store's: `DATA_DIR/sessions-ended.json`, rewritten (fsync, rename) on every ending. */
export class FileSessionEnds extends MemorySessionEnds {
  override readonly kind = 'file' as const;
  #writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    now: () => number,
  ) {
    super(now);
  }

  static async open(dataDir: string, now: () => number = Date.now): Promise<FileSessionEnds> {
    const ends = new FileSessionEnds(join(dataDir, 'sessions-ended.json'), now);
    const text = await readFile(ends.path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (text !== undefined) {
      let saved: { sessions?: Record<string, number>; people?: Record<string, number> };
      try {
        saved = JSON.parse(text);
      } catch {
        throw new Error(`${ends.path} is not valid JSON: fix or delete it (deleting it lets signed-out sessions work again until they expire)`);
      }
      for (const [id, at] of Object.entries(saved.sessions ?? {})) if (typeof at === 'number') ends.state.sessions.set(id, at);
      for (const [id, at] of Object.entries(saved.people ?? {})) if (typeof at === 'number') ends.state.people.set(id, at);
      prune(ends.state, now());
    }
    return ends;
  }

  override async end(sessionId: string, expiresAt: number): Promise<void> {
    await super.end(sessionId, expiresAt);
    await this.#save();
  }

  override async endAllOf(personId: string, at: number): Promise<void> {
    await super.endAllOf(personId, at);
    await this.#save();
  }

  override async close(): Promise<void> {
    await this.#writing;
  }

  /** One write at a time, each with everything ended so far. */
  #save(): Promise<void> {
    const run = this.#writing.then(async () => {
      prune(this.state, this.now());
      const body = JSON.stringify({ sessions: Object.fromEntries(this.state.sessions), people: Object.fromEntries(this.state.people) });
      const tmp = `${this.path}.tmp`;
      await mkdir(dirname(this.path), { recursive: true });
      const file = await open(tmp, 'w', 0o600);
      try {
        await file.writeFile(body);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, this.path);
    });
    this.#writing = run.catch(() => undefined);
    return run;
  }
}

type RedisClient = ReturnType<typeof createClient>;

/** Scaled out: a sorted set of ended sessions (score: expiry) and a hash of people's cut-offs. */
export class RedisSessionEnds extends MemorySessionEnds {
  override readonly kind = 'redis' as const;
  #timer?: NodeJS.Timeout;

  private constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly log: Logger,
    now: () => number,
  ) {
    super(now);
  }

  static async connect(opts: { url: string; prefix?: string; log: Logger; now?: () => number; refreshMs?: number }): Promise<RedisSessionEnds> {
    const client: RedisClient = createClient({ url: opts.url });
    client.on('error', (err) => opts.log.debug({ err }, 'redis (session ends) error'));
    await client.connect();
    const ends = new RedisSessionEnds(client, new RedisKeys(opts.prefix), opts.log, opts.now ?? Date.now);
    await ends.refresh();
    ends.#timer = setInterval(
      () => void ends.refresh().catch((err) => opts.log.warn({ err }, 'could not read ended sessions from Redis')),
      opts.refreshMs ?? 1000,
    );
    ends.#timer.unref();
    return ends;
  }

  /** Read what every process has ended (and forget what has expired). */
  async refresh(): Promise<void> {
    const now = this.now();
    const [sessions, people] = await Promise.all([
      this.client.zRangeWithScores(this.keys.endedSessions(), now, '+inf', { BY: 'SCORE' }),
      this.client.hGetAll(this.keys.sessionCutoffs()),
    ]);
    for (const { value, score } of sessions) this.state.sessions.set(value, score);
    for (const [id, at] of Object.entries(people)) this.state.people.set(id, Math.max(Number(at), this.state.people.get(id) ?? -Infinity));
    prune(this.state, now);
  }

  override async end(sessionId: string, expiresAt: number): Promise<void> {
    await super.end(sessionId, expiresAt);
    await this.client
      .multi()
      .zAdd(this.keys.endedSessions(), { score: expiresAt, value: sessionId })
      .zRemRangeByScore(this.keys.endedSessions(), '-inf', this.now())
      .pExpire(this.keys.endedSessions(), LIFETIME_MS)
      .exec();
  }

  override async endAllOf(personId: string, at: number): Promise<void> {
    await super.endAllOf(personId, at);
    // Keep the later cut-off if another process wrote one meanwhile.
    const previous = Number((await this.client.hGet(this.keys.sessionCutoffs(), personId)) ?? -Infinity);
    await this.client
      .multi()
      .hSet(this.keys.sessionCutoffs(), personId, String(Math.max(at, previous)))
      .pExpire(this.keys.sessionCutoffs(), LIFETIME_MS)
      .exec();
  }

  override async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.client.quit().catch(() => undefined);
  }
}

/** Where this server keeps ended sessions: Redis when scaled out, else the data dir, else memory. */
export async function createSessionEnds(opts: { redisUrl?: string; redisPrefix?: string; dataDir?: string; log: Logger }): Promise<SessionEnds> {
  if (opts.redisUrl) return RedisSessionEnds.connect({ url: opts.redisUrl, prefix: opts.redisPrefix, log: opts.log });
  if (opts.dataDir) return FileSessionEnds.open(opts.dataDir);
  return new MemorySessionEnds();
}

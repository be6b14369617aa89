import pg from 'pg';
import { IdSchema } from '../../shared/domain/ids';
import { IdempotencyKeySchema, type EventDraft, type WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import { createLogger, type Logger } from '../log';
import { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';
import { redactUrl } from '../redact-url';
import { guardPool } from './pg-pool';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` */
  url: string;
  log?: Logger;
  /** How many times `open` tries to reach the server before giving up; default 5. */
  connectAttempts?: number;
  /** A query with no answer after this long fails as unavailable; default 5000 ms. */
  queryTimeoutMs?: number;
  /** Connections in the pool; default 10. */
  poolSize?: number;
}

/** Bump this and add a step to MIGRATIONS to change the schema; each step runs once per database. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS events (
     store_id text NOT NULL,
     seq bigint NOT NULL CHECK (seq > 0),
     key text NOT NULL,
     at timestamptz NOT NULL,
     record json NOT NULL,
     CONSTRAINT events_pkey PRIMARY KEY (store_id, seq),
     CONSTRAINT events_key_unique UNIQUE (store_id, key)
   );
   CREATE TABLE IF NOT EXISTS snapshots (
     store_id text PRIMARY KEY,
     seq bigint NOT NULL,
     snapshot json NOT NULL,
     saved_at timestamptz NOT NULL DEFAULT now()
   );`,
];

/** Any number, so every process of a deployment takes the same lock while it creates the schema. */
const SCHEMA_LOCK = 0x7477_0001;

/**
 * The event store for scale-out: every server process shares one PostgreSQL database.
 *
 * One row per event in `events`, primary key (store_id, seq): two processes can never both take
 * a seq, and (store_id, key) is unique, so an idempotency key is stored once. An append is one
 * INSERT in its own transaction, committed before the promise resolves. The record column holds
 * the draft exactly as given (`json`, not `jsonb`: text kept verbatim, and a \u0000 in a note
 * cannot make an append fail); only store_id, seq, key and at are columns of their own.
 *
 * When PostgreSQL cannot be reached, every method fails with StoreUnavailableError (the API
 * answers 503) and the pool connects again by itself once it is back.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  #closing: Promise<void> | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  /** Connect and create the schema if needed; rejects with StoreUnavailableError if PostgreSQL cannot be reached. */
  static async open(options: PostgresStoreOptions): Promise<PostgresEventStore> {
    const log = options.log ?? createLogger();
    const where = redactUrl(options.url);
    const timeout = options.queryTimeoutMs ?? 5000;
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 3000,
      query_timeout: timeout,
      idleTimeoutMillis: 30_000,
      application_name: 'transparent-workshop',
    });
    // A connection that dies (server restart, network cut) is reported, never crashes the process;
    // the pool replaces it on the next query.
    guardPool(pool, (err) => log.warn({ err, postgres: where }, 'postgres connection problem'));
    const store = new PostgresEventStore(pool, where);
    const attempts = options.connectAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await store.#migrate();
        return store;
      } catch (err) {
        if (!(err instanceof StoreUnavailableError) || attempt >= attempts) {
          await pool.end().catch(() => undefined);
          throw err;
        }
        await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 3000)));
      }
    }
  }

  async append(draft: EventDraft, expectedSeq: number): Promise<AppendResult> {
    checkDraft(draft, expectedSeq);
    const { seq: _drop, ...record } = draft as EventDraft & { seq?: number };
    const json = JSON.stringify(record);
    // Inserting seq N+1 needs seq N to exist already, so a too-high expectedSeq cannot leave a gap.
    const inserted = await this.#query(
      'append',
      `
      INSERT INTO events (store_id, seq, key, at, record)
      SELECT $1, $2::bigint + 1, $3, $4, $5::json
      WHERE $2::bigint = 0 OR EXISTS (SELECT 1 FROM events WHERE store_id = $1 AND seq = $2::bigint)
      RETURNING seq`,
      [draft.storeId, expectedSeq, draft.key, draft.at, json],
    ).then(
      (r) => r.rowCount === 1,
      (err: unknown) => {
        // (store_id, seq) taken: another append won this seq. (store_id, key) taken: a repeat.
        // Both are answered below; PostgreSQL raises the violation only once the other
        // transaction has committed, so the lookups see its row.
        if ((err as pg.DatabaseError).code === '23505') return false;
        throw err;
      },
    );
    // Round-tripped through JSON so the answer equals what read() will return later.
    if (inserted) return { status: 'appended', event: { ...(JSON.parse(json) as EventDraft), seq: expectedSeq + 1 } };
    const earlier = await this.findByKey(draft.storeId, draft.key);
    if (earlier) return { status: 'duplicate', event: earlier };
    return { status: 'conflict', currentSeq: await this.lastSeq(draft.storeId) };
  }

  /**
   * Writes logs brought over from another store (`npm run journal -- import-redis`), keeping
   * each event's seq: all of them in one transaction, so a failure part-way, thrown by this or
   * by `batches`, leaves the database as it was. A store named in them must have neither events
   * nor a snapshot here yet (StoreNotEmptyError), and its seqs must run on from 1 without a gap.
   * Returns how many events were written per store. Appends by a running server wait meanwhile.
   */
  async importLogs(batches: AsyncIterable<readonly WorkshopEvent[]>): Promise<Map<string, number>> {
    const client = await this.#connect('import');
    const written = new Map<string, number>();
    // Only what PostgreSQL answers may mean "unavailable"; errors from `batches` pass on as thrown.
    const query = (text: string, values?: unknown[]) =>
      client.query(text, values).catch((err: unknown) => {
        throw unavailable(err, this.where, 'import');
      });
    try {
      await query('BEGIN');
      // Blocks appends (not reads) until commit, so no server can slip an event in between the
      // emptiness check and the import's own rows.
      await query('LOCK TABLE events, snapshots IN EXCLUSIVE MODE');
      for await (const batch of batches) {
        for (const event of batch) {
          if (!written.has(event.storeId)) {
            const { rows } = await query(
              'SELECT (SELECT count(*) FROM events WHERE store_id = $1) AS events, (SELECT count(*) FROM snapshots WHERE store_id = $1) AS snapshots',
              [event.storeId],
            );
            if (Number(rows[0].events) > 0 || Number(rows[0].snapshots) > 0) throw new StoreNotEmptyError(event.storeId, this.where, Number(rows[0].events));
            written.set(event.storeId, 0);
          }
          const last = written.get(event.storeId)!;
          if (event.seq !== last + 1) throw new Error(`importLogs: store ${event.storeId}: seq ${event.seq} does not follow ${last}`);
          checkDraft(event, last);
          written.set(event.storeId, event.seq);
        }
        if (batch.length === 0) continue;
        const records = batch.map(({ seq: _drop, ...record }) => JSON.stringify(record));
        await query(
          `
          INSERT INTO events (store_id, seq, key, at, record)
          SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::json[])`,
          [batch.map((e) => e.storeId), batch.map((e) => e.seq), batch.map((e) => e.key), batch.map((e) => e.at), records],
        );
      }
      await query('COMMIT');
      return written;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]> {
    if (limit !== undefined && limit <= 0) return [];
    const { rows } = await this.#query('read', 'SELECT seq, record FROM events WHERE store_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
      storeId,
      Math.max(0, Math.floor(afterSeq)),
      limit === undefined ? null : Math.floor(limit),
    ]);
    return rows.map(toEvent);
  }

  async findByKey(storeId: string, key: string): Promise<WorkshopEvent | undefined> {
    const { rows } = await this.#query('findByKey', 'SELECT seq, record FROM events WHERE store_id = $1 AND key = $2', [storeId, key]);
    return rows[0] && toEvent(rows[0]);
  }

  async lastSeq(storeId: string): Promise<number> {
    const { rows } = await this.#query('lastSeq', 'SELECT coalesce(max(seq), 0) AS seq FROM events WHERE store_id = $1', [storeId]);
    return Number(rows[0].seq);
  }

  async storeIds(): Promise<string[]> {
    const { rows } = await this.#query('storeIds', 'SELECT DISTINCT store_id FROM events ORDER BY store_id', []);
    return rows.map((r) => r.store_id as string);
  }

  async saveSnapshot(storeId: string, snapshot: StoreSnapshot): Promise<void> {
    // An older fold never replaces a newer one, whichever process saves it.
    await this.#query(
      'saveSnapshot',
      `
      INSERT INTO snapshots (store_id, seq, snapshot) VALUES ($1, $2, $3::json)
      ON CONFLICT (store_id) DO UPDATE SET seq = excluded.seq, snapshot = excluded.snapshot, saved_at = now()
      WHERE snapshots.seq <= excluded.seq`,
      [storeId, snapshot.seq, JSON.stringify(snapshot)],
    );
  }

  /**
   * The latest snapshot as stored, even one ahead of the log: that means the log lost events
   * (emptied, or restored from an older backup), which the regression guard must see rather
   * than have hidden here. Appending on such a log conflicts, so it cannot leave a gap.
   */
  async loadSnapshot(storeId: string): Promise<StoreSnapshot | undefined> {
    const { rows } = await this.#query('loadSnapshot', 'SELECT snapshot FROM snapshots WHERE store_id = $1', [storeId]);
    if (!rows[0]) return undefined;
    const snapshot = rows[0].snapshot as StoreSnapshot;
    if (!Number.isInteger(snapshot?.seq) || !Array.isArray(snapshot.ros) || !Array.isArray(snapshot.appointments))
      throw new Error(`Snapshot of ${storeId} in ${this.where} lacks seq, ros or appointments`);
    return snapshot;
  }

  async status(): Promise<StoreStatus> {
    try {
      await this.#query('status', 'SELECT 1', []);
      return { kind: 'postgres', ok: true, detail: this.where };
    } catch (err) {
      return { kind: 'postgres', ok: false, detail: (err as Error).message };
    }
  }

  /** Closes the pool, letting queries already sent finish. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.pool.end().catch(() => undefined);
    return this.#closing;
  }

  async #migrate(): Promise<void> {
    const client = await this.#connect('open');
    try {
      await client.query('BEGIN');
      // Two processes starting at once would otherwise race on CREATE TABLE IF NOT EXISTS.
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query('SELECT coalesce(max(version), 0) AS v FROM schema_version');
      const current = Number(rows[0].v);
      if (current > MIGRATIONS.length)
        throw new Error(`${this.where} has schema version ${current}; this build knows up to ${MIGRATIONS.length}: upgrade the server`);
      for (let v = current + 1; v <= MIGRATIONS.length; v++) {
        await client.query(MIGRATIONS[v - 1]!);
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [v]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw unavailable(err, this.where, 'open');
    } finally {
      client.release();
    }
  }

  async #connect(what: string): Promise<pg.PoolClient> {
    if (this.#closing) throw new StoreUnavailableError(`The PostgreSQL store (${this.where}) is closed`);
    try {
      return await this.pool.connect();
    } catch (err) {
      throw unavailable(err, this.where, what);
    }
  }

  async #query(what: string, text: string, values: unknown[]): Promise<pg.QueryResult> {
    if (this.#closing) throw new StoreUnavailableError(`The PostgreSQL store (${this.where}) is closed`);
    try {
      return await this.pool.query(text, values);
    } catch (err) {
      throw unavailable(err, this.where, what);
    }
  }
}

/** An import was asked to write a store that already has events (or a snapshot) in this database. */
export class StoreNotEmptyError extends Error {
  constructor(
    readonly storeId: string,
    where: string,
    events: number,
  ) {
    super(
      `store ${storeId} already has ${events > 0 ? `${events} event${events === 1 ? '' : 's'}` : 'a snapshot'} in ${where}; an import writes only into stores that have none (nothing was imported)`,
    );
    this.name = 'StoreNotEmptyError';
  }
}

/**
 * "Cannot reach PostgreSQL" (refused, reset, timed out, server shutting down or starting, too
 * many connections) becomes StoreUnavailableError; any other error PostgreSQL answered with is a
 * bug and passes on unchanged.
 */
function unavailable(err: unknown, where: string, what: string): unknown {
  if (err instanceof StoreUnavailableError) return err;
  const code = (err as { code?: unknown }).code;
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  if (sqlState && !/^(08|57|53)/.test(sqlState)) return err;
  return new StoreUnavailableError(`PostgreSQL at ${where} is unavailable (${what}): ${(err as Error).message}`, { cause: err });
}

function checkDraft(draft: EventDraft, expectedSeq: number): void {
  if (!IdSchema.safeParse(draft.storeId).success) throw new Error(`append: "${draft.storeId}" is not a valid store id`);
  if (!IdempotencyKeySchema.safeParse(draft.key).success) throw new Error(`append: "${draft.key}" is not a valid idempotency key`);
  if (!Number.isInteger(expectedSeq) || expectedSeq < 0) throw new Error(`append: expectedSeq must be a whole number ≥ 0, not ${expectedSeq}`);
}

const toEvent = (row: { seq: string | number; record: EventDraft }): WorkshopEvent => ({ ...row.record, seq: Number(row.seq) });

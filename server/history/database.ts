import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log';
import { createHistorySchema, type HistoryDatabase, type HistoryDb } from './schema';
import { guardPool } from '../store/pg-pool';

export interface HistoryDatabaseOptions {
  /** The data directory: the SQLite file is `DATA_DIR/history.sqlite` unless a databaseUrl is given. */
  dataDir: string;
  /** PostgreSQL, the same database as the event log when scaled out. */
  databaseUrl?: string;
  /** Instead of the file: `:memory:` for unit tests. */
  sqliteFile?: string;
  log?: Logger;
}

export interface OpenedHistory {
  db: HistoryDb;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** Any number, distinct from the event store's schema lock. */
const SCHEMA_LOCK = 0x7477_0014;

export const historyFile = (dataDir: string) => join(dataDir, 'history.sqlite');

/*
 * Why Kysely: one typed query builder whose two built-in dialects sit on the drivers we want —
 * SqliteDialect on better-sqlite3, PostgresDialect on the pg we already use for the log — so every
 * query, upsert (ON CONFLICT … DO UPDATE) and CREATE TABLE is written once and compiled for both,
 * and a column name typo fails tsc. No code generation, no migration runtime, no engine binary,
 * nothing at start-up but the driver. (Drizzle declares tables per dialect, Knex returns untyped
 * rows, Prisma generates a client.)
 */

/**
 * Opens the history database and creates its tables. SQLite runs in WAL mode so the reports
 * can read while the projector writes; PostgreSQL gets a small pool of its own, apart from the
 * event store's, so a slow report can never hold a connection an append is waiting for.
 */
export async function openHistoryDatabase(options: HistoryDatabaseOptions): Promise<OpenedHistory> {
  let db: HistoryDb;
  let dialect: OpenedHistory['dialect'];
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 4,
      connectionTimeoutMillis: 3000,
      application_name: 'transparent-workshop-history',
    });
    // A dropped connection, idle or inside a Kysely query, is reported and replaced, never a crash.
    guardPool(pool, (err) => options.log?.warn({ err }, 'history: postgres connection problem'));
    db = new Kysely<HistoryDatabase>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
  } else {
    const file = options.sqliteFile ?? historyFile(options.dataDir);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const database = new Sqlite(file);
    database.pragma('journal_mode = WAL');
    // The log is the truth and the projector re-applies from its checkpoint: a lost last
    // transaction after a power cut costs a catch-up, so NORMAL (no fsync per commit) is enough.
    database.pragma('synchronous = NORMAL');
    db = new Kysely<HistoryDatabase>({ dialect: new SqliteDialect({ database }) });
    dialect = 'sqlite';
  }
  if (dialect === 'postgres') {
    // Two processes starting together would both CREATE TABLE IF NOT EXISTS and one could fail on
    // PostgreSQL's catalogue; the lock makes the second wait and then find the tables.
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx);
      await createHistorySchema(trx);
    });
  } else {
    await createHistorySchema(db);
  }
  return { db, dialect, close: () => db.destroy() };
}

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log';
import { guardPool } from '../store/pg-pool';

/**
 * The DMS import jobs' table, so that `GET …/imports/{id}` outlives the process that ran the job:
 * `DATA_DIR/imports.sqlite` embedded, PostgreSQL (beside the log's tables) when DATABASE_URL is
 * set, as the webhook and notification outboxes are kept. One row per job; its counts and its
 * per-line errors are JSON text, rewritten as the job goes on (at most every PROGRESS_EVERY_MS or
 * PROGRESS_LINES lines, and at its end). `heartbeat_at` is renewed while the job runs: a job
 * still `running` whose heartbeat is old was in a process that stopped (see import-jobs.ts).
 * Times are ISO-8601 UTC text in both dialects (they order as text).
 *
 * The errors name a line, a field and what was wrong with it (no customer values are quoted),
 * so the table holds no personal data for erasure to reach.
 */
export interface ImportJobRow {
  id: string;
  store_id: string;
  kind: string;
  format: string;
  status: 'running' | 'done' | 'interrupted';
  lines: number;
  processed: number;
  /** The file's line number of the first line not known to be applied (while running or interrupted). */
  next_line: number | null;
  /** JSON: {created, updated, unchanged, stale, failed}. */
  counts: string;
  /** JSON: [{line, field, message}]. */
  errors: string;
  started_at: string;
  finished_at: string | null;
  heartbeat_at: string;
}

export interface ImportJobTables {
  import_jobs: ImportJobRow;
}

export type ImportJobDb = Kysely<ImportJobTables>;

export const importsFile = (dataDir: string) => join(dataDir, 'imports.sqlite');
/** Distinct from the event store's, the history's, the notify and webhook outboxes' schema locks. */
const SCHEMA_LOCK = 0x7477_0018;

async function createSchema(db: Kysely<ImportJobTables>): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lines', 'integer', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull())
    .addColumn('next_line', 'integer')
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_jobs_store').ifNotExists().on('import_jobs').columns(['store_id', 'started_at']).execute();
  await db.schema.createIndex('import_jobs_status').ifNotExists().on('import_jobs').columns(['status', 'heartbeat_at']).execute();
}

export interface OpenedImportJobDb {
  db: ImportJobDb;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** Open (and create) the import jobs' table: PostgreSQL when `databaseUrl`, else DATA_DIR/imports.sqlite (or `:memory:`). */
export async function openImportJobDb(o: { dataDir: string; databaseUrl?: string; sqliteFile?: string; log?: Logger }): Promise<OpenedImportJobDb> {
  if (o.databaseUrl) {
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: 2, connectionTimeoutMillis: 3000, application_name: 'transparent-workshop-imports' });
    guardPool(pool, (err) => o.log?.warn({ err }, 'imports: postgres connection problem'));
    const db = new Kysely<ImportJobTables>({ dialect: new PostgresDialect({ pool }) });
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx);
      await createSchema(trx);
    });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = o.sqliteFile ?? importsFile(o.dataDir);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Sqlite(file);
  database.pragma('journal_mode = WAL');
  // What a job applied is in the log; a progress row lost to a power cut only under-reports it.
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<ImportJobTables>({ dialect: new SqliteDialect({ database }) });
  await createSchema(db);
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

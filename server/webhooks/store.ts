import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log';
import { guardPool } from '../store/pg-pool';

/**
 * The webhook outbox's tables: endpoints, each store's cursor into the event log, and one row per
 * message and endpoint (a delivery) with its retry state and the body exactly as it is signed.
 * An SQLite file in the data dir (`webhooks.sqlite`, synchronous=FULL: a recorded success is
 * never sent again after a power cut), or PostgreSQL when the log is there. Times are
 * milliseconds since the epoch (bigint) for the retry clock, ISO text for people.
 */
export interface EndpointRow {
  id: string;
  url: string;
  store_id: string | null;
  /** JSON array of event types, or null for all. */
  events: string | null;
  secret: string;
  description: string | null;
  enabled: number;
  disabled_reason: string | null;
  disabled_at: string | null;
  /** When the current run of failures began (ms), null while it succeeds. */
  failing_since: number | string | null;
  created_at: string;
}

export interface CursorRow {
  store_id: string;
  seq: number | string;
}

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  store_id: string;
  seq: number | string;
  msg_id: string;
  type: string;
  body: string;
  status: 'pending' | 'sent';
  attempts: number;
  next_at: number | string;
  lease_until: number | string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/**
 * A message that is not a fact of the log (a `customer.message` handed over by server/notify),
 * remembered by its key so that handing it over again adds nothing: kept after its deliveries are
 * pruned. Holds no personal data (the key is a hash).
 */
export interface CustomMessageRow {
  msg_id: string;
  store_id: string;
  type: string;
  /** How many endpoints it was queued for. */
  endpoints: number;
  created_at: string;
}

export interface WebhookTables {
  webhook_endpoints: EndpointRow;
  webhook_cursors: CursorRow;
  webhook_deliveries: DeliveryRow;
  webhook_custom_messages: CustomMessageRow;
}

export type WebhookDb = Kysely<WebhookTables>;

export const webhooksFile = (dataDir: string) => join(dataDir, 'webhooks.sqlite');

/** Any number, distinct from the event store's and the history's schema locks. */
const SCHEMA_LOCK = 0x7477_0017;

async function createSchema(db: Kysely<WebhookTables>, big: 'integer' | 'bigint'): Promise<void> {
  const statements = [
    `CREATE TABLE IF NOT EXISTS webhook_endpoints (id text PRIMARY KEY, url text NOT NULL, store_id text, events text, secret text NOT NULL,
      description text, enabled integer NOT NULL, disabled_reason text, disabled_at text, failing_since ${big}, created_at text NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS webhook_cursors (store_id text PRIMARY KEY, seq ${big} NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS webhook_deliveries (id text PRIMARY KEY, endpoint_id text NOT NULL, store_id text NOT NULL, seq ${big} NOT NULL,
      msg_id text NOT NULL, type text NOT NULL, body text NOT NULL, status text NOT NULL, attempts integer NOT NULL, next_at ${big} NOT NULL,
      lease_until ${big}, last_status integer, last_error text, created_at text NOT NULL, updated_at text NOT NULL, sent_at text)`,
    `CREATE TABLE IF NOT EXISTS webhook_custom_messages (msg_id text PRIMARY KEY, store_id text NOT NULL, type text NOT NULL,
      endpoints integer NOT NULL, created_at text NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS webhook_deliveries_msg ON webhook_deliveries (msg_id)',
    'CREATE INDEX IF NOT EXISTS webhook_deliveries_queue ON webhook_deliveries (endpoint_id, store_id, status, seq)',
    'CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_at)',
    'CREATE INDEX IF NOT EXISTS webhook_deliveries_recent ON webhook_deliveries (endpoint_id, updated_at)',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export interface OpenedWebhookDb {
  db: WebhookDb;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** Open (and create) the outbox tables: PostgreSQL when `databaseUrl`, else DATA_DIR/webhooks.sqlite (or `:memory:`). */
export async function openWebhookDb(options: { dataDir: string; databaseUrl?: string; sqliteFile?: string; log?: Logger }): Promise<OpenedWebhookDb> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 3,
      connectionTimeoutMillis: 3000,
      application_name: 'transparent-workshop-webhooks',
    });
    guardPool(pool, (err) => options.log?.warn({ err }, 'webhooks: postgres connection problem'));
    const db = new Kysely<WebhookTables>({ dialect: new PostgresDialect({ pool }) });
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx);
      await createSchema(trx, 'bigint');
    });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? webhooksFile(options.dataDir);
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const database = new Sqlite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  const db = new Kysely<WebhookTables>({ dialect: new SqliteDialect({ database }) });
  await createSchema(db, 'integer');
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log';
import { guardPool } from '../store/pg-pool';

/**
 * The notification outbox: every message a visit decided to send (or not, and why), its state,
 * and each attempt, durable before anything is sent — `DATA_DIR/notify.sqlite` embedded,
 * PostgreSQL (its own tables beside the log's) when DATABASE_URL is set.
 *
 * A message's id is its idempotency key (`store:ro:kind:variant:channel:recipient`): inserting
 * the same message twice leaves one row, so a replayed event, a second process or a retried hook
 * never sends twice. Times are ISO-8601 UTC text in both dialects (they order as text).
 *
 * Holds personal data (phone numbers, push endpoints): erased by server/notify/erasure-target.ts.
 */
export type MessageStatus = 'queued' | 'held' | 'retrying' | 'sending' | 'sent' | 'delivered' | 'failed' | 'skipped';
export type Channel = 'sms' | 'push' | 'webhook';

export interface MessageRow {
  id: string;
  store_id: string;
  ro_id: string;
  kind: string;
  channel: Channel;
  /** Phone number (SMS, webhook) or the push subscription's endpoint; null once erased or when skipped without one. */
  recipient: string | null;
  locale: string;
  /** JSON: the template's values ([name, value][]) and, for push, title/body/url. */
  payload: string;
  status: MessageStatus;
  attempts: number;
  due_at: string;
  lease_until: string | null;
  provider_id: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface LogRow {
  id: string;
  message_id: string;
  store_id: string;
  ro_id: string;
  at: string;
  status: string;
  detail: string | null;
}

export interface PushSubscriptionRow {
  endpoint: string;
  store_id: string;
  ro_id: string;
  p256dh: string;
  auth: string;
  locale: string;
  created_at: string;
}

export interface CheckpointRow {
  store_id: string;
  seq: number;
}

/** Small facts the follower remembers between events: a promised time, a part being waited for. */
export interface MemoryRow {
  store_id: string;
  key: string;
  value: string;
}

export interface NotifyDatabase {
  notify_messages: MessageRow;
  notify_log: LogRow;
  notify_push_subscriptions: PushSubscriptionRow;
  notify_checkpoints: CheckpointRow;
  notify_memory: MemoryRow;
}

export type NotifyDb = Kysely<NotifyDatabase>;
export type NotifyTx = Transaction<NotifyDatabase> | NotifyDb;

export const notifyFile = (dataDir: string) => join(dataDir, 'notify.sqlite');
const SCHEMA_LOCK = 0x7477_0016;

async function createSchema(db: NotifyTx): Promise<void> {
  await db.schema
    .createTable('notify_messages')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('ro_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_messages_due').ifNotExists().on('notify_messages').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('notify_messages_ro').ifNotExists().on('notify_messages').columns(['store_id', 'ro_id']).execute();
  await db.schema.createIndex('notify_messages_provider').ifNotExists().on('notify_messages').columns(['provider_id']).execute();
  await db.schema
    .createTable('notify_log')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('ro_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('notify_log_ro').ifNotExists().on('notify_log').columns(['store_id', 'ro_id', 'at']).execute();
  await db.schema
    .createTable('notify_push_subscriptions')
    .ifNotExists()
    .addColumn('endpoint', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('ro_id', 'text', (c) => c.notNull())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_push_ro').ifNotExists().on('notify_push_subscriptions').columns(['store_id', 'ro_id']).execute();
  await db.schema
    .createTable('notify_checkpoints')
    .ifNotExists()
    .addColumn('store_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('notify_memory')
    .ifNotExists()
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_memory_pk', ['store_id', 'key'])
    .execute();
}

export interface OpenedOutbox {
  db: NotifyDb;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** Open the outbox (SQLite in the data directory, or PostgreSQL) and create its tables. */
export async function openOutbox(o: { dataDir: string; databaseUrl?: string; sqliteFile?: string; log?: Logger }): Promise<OpenedOutbox> {
  if (o.databaseUrl) {
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: 3, connectionTimeoutMillis: 3000, application_name: 'transparent-workshop-notify' });
    guardPool(pool, (err) => o.log?.warn({ err }, 'notify: postgres connection problem'));
    const db = new Kysely<NotifyDatabase>({ dialect: new PostgresDialect({ pool }) });
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx);
      await createSchema(trx);
    });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = o.sqliteFile ?? notifyFile(o.dataDir);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Sqlite(file);
  database.pragma('journal_mode = WAL');
  // FULL: a message marked sent must stay sent after a power cut, or it would go out again.
  database.pragma('synchronous = FULL');
  const db = new Kysely<NotifyDatabase>({ dialect: new SqliteDialect({ database }) });
  await createSchema(db);
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Append one line to a message's delivery log. */
export const logLine = (db: NotifyTx, m: Pick<MessageRow, 'id' | 'store_id' | 'ro_id'>, at: number, status: string, detail?: string) =>
  db
    .insertInto('notify_log')
    .values({
      id: randomUUID(),
      message_id: m.id,
      store_id: m.store_id,
      ro_id: m.ro_id,
      at: iso(at),
      status,
      detail: detail ?? null,
    })
    .execute();

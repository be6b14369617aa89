/**
 * Which PostgreSQL the tests use, and how they clean up after themselves.
 *
 * `findPostgres()` takes DATABASE_URL if set, else the shared server of this project's machines
 * (`postgres://postgres@127.0.0.1:5432/postgres`, trust auth). Each suite then creates a
 * database of its own with `createDatabase()` (random suffix) and drops it after. Tests that
 * take PostgreSQL away cut a TCP proxy in front of it (tests/helpers/tcp-proxy.ts), never stop
 * the shared server.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { reportCannotRun } from './cannot-run';

export interface TestPostgres {
  /** A URL of the server's maintenance database, for CREATE/DROP DATABASE. */
  url: string;
  origin: 'DATABASE_URL' | 'shared';
}

export interface TestDatabase {
  /** URL of the new database, for a store or a server's DATABASE_URL. */
  url: string;
  name: string;
  /** Runs SQL in this database (TRUNCATE, counts…) on a connection of its own. */
  sql(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  /** Drops the database, ending whatever connections still use it. Safe to call twice. */
  drop(): Promise<void>;
}

const SHARED_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether a PostgreSQL at `url` answers a query now. */
export async function postgresAnswers(url: string): Promise<boolean> {
  return withClient(url, async (c) => (await c.query('SELECT 1 AS one')).rows[0].one === 1).catch(() => false);
}

/** The PostgreSQL tests should use, or why there is none. */
export async function findPostgres(): Promise<TestPostgres | { reason: string }> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    if (await postgresAnswers(fromEnv)) return { url: fromEnv, origin: 'DATABASE_URL' };
    return { reason: `DATABASE_URL (${fromEnv}) does not answer` };
  }
  if (await postgresAnswers(SHARED_URL)) return { url: SHARED_URL, origin: 'shared' };
  return { reason: `nothing answers at ${SHARED_URL} (start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)` };
}

/** Says that a PostgreSQL suite cannot run: a failing test in CI, else a "skipped" line. */
export const reportNoPostgres = (suiteName: string, reason: string): void => reportCannotRun(suiteName, 'PostgreSQL', reason);

/** The URL of database `name` on the server of `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, empty database `tw_test_<label>_<random>` on the server at `adminUrl`. */
export async function createDatabase(adminUrl: string, label: string): Promise<TestDatabase> {
  const name = `tw_test_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomUUID().slice(0, 8)}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(adminUrl, name);
  let dropped = false;
  return {
    url,
    name,
    sql: (text, values) => withClient(url, (c) => c.query(text, values)),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * A PostgreSQL connection cut while a client is checked out (a transaction, any Kysely query)
 * must not crash the process: without a listener of its own the client's 'error' event was
 * uncaught and the server exited (seen in tests/faults/postgres-outage.test.ts).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openHistoryDatabase } from '../history/database';
import { createDatabase, findPostgres, reportNoPostgres, type TestDatabase } from '../../tests/helpers/postgres';
import { tcpProxy } from '../../tests/helpers/tcp-proxy';
import { guardPool } from './pg-pool';

const postgres = await findPostgres();

if ('reason' in postgres) {
  reportNoPostgres('PostgreSQL pool guard', postgres.reason);
} else {
  let db: TestDatabase;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let viaProxy: string;
  const uncaught: Error[] = [];
  const record = (err: Error) => void uncaught.push(err);

  test.before(async () => {
    db = await createDatabase(postgres.url, 'pgguard');
    const direct = new URL(db.url);
    proxy = await tcpProxy(Number(direct.port || 5432), direct.hostname);
    const u = new URL(db.url);
    u.host = `127.0.0.1:${proxy.port}`;
    viaProxy = u.toString();
    process.on('uncaughtException', record);
  });
  test.after(async () => {
    process.off('uncaughtException', record);
    await proxy?.close();
    await db?.drop();
  });

  /** Until PostgreSQL shows the statement running (so the cut lands inside it). */
  const running = async (text: string) => {
    for (;;) {
      const { rows } = await db.sql("SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1", [`%${text}%`]);
      if (rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const settle = () => new Promise((r) => setTimeout(r, 200));

  test('a checked-out client whose connection is cut: its query fails, the process lives, the pool recovers', async () => {
    const reports: Error[] = [];
    const pool = guardPool(new pg.Pool({ connectionString: viaProxy, max: 2 }), (err) => reports.push(err));
    const client = await pool.connect();
    const query = client.query('SELECT pg_sleep(30) AS guard_checked_out').then(
      () => 'answered',
      (err: Error) => err.message,
    );
    await running('guard_checked_out');
    proxy.cutAll();
    assert.match(await query, /terminated/);
    await settle();
    client.release(true);
    assert.equal(
      uncaught.map((e) => e.message),
      [],
      'no uncaught error',
    );
    assert.ok(reports.length >= 1, 'the cut was reported');
    assert.is((await pool.query('SELECT 1 AS one')).rows[0].one, 1, 'a new connection answers');
    await pool.end();
  });

  test('the history database on PostgreSQL survives a cut inside a Kysely query', async () => {
    const history = await openHistoryDatabase({ dataDir: '/nonexistent', databaseUrl: viaProxy });
    const query = sql`SELECT pg_sleep(30) AS guard_kysely`.execute(history.db).then(
      () => 'answered',
      (err: Error) => err.message,
    );
    await running('guard_kysely');
    proxy.cutAll();
    assert.match(await query, /terminated/);
    await settle();
    assert.equal(
      uncaught.map((e) => e.message),
      [],
      'no uncaught error',
    );
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(history.db);
    assert.is(rows[0].one, 1, 'the next query gets a new connection');
    await history.close();
  });

  test.run();
}

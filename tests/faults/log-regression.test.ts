import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createClient } from 'redis';
import { createDatabase, findPostgres, reportNoPostgres, type TestDatabase } from '../helpers/postgres';
import { deleteKeys, findRedis, reportNoRedis } from '../helpers/redis';
import { sharedEnv, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { aRepairOrderInput } from '../helpers/build';

/**
 * The database under a running server loses events: emptied (TRUNCATE) or rolled back to an
 * older backup. The server must notice, answer /healthz with 503 naming the reason, refuse every
 * write to that store, and never start a second history (no new seq 1, nothing written over the
 * seqs its screens have shown) — also after a restart whose snapshot is ahead of the log, when
 * another process has already written past the rolled-back end, and for a fresh process on an
 * emptied database (checked against the high-water mark in Redis).
 */
const STORE = 'bj-wangjing';

type Health = { status: number; body: { store: { ok: boolean; detail?: string } } };

/** The API key of the running suite: /healthz shows the reason only to the integration. */
let healthKey = '';

const health = async (server: ServerProcess): Promise<Health> => {
  const res = await fetch(`${server.url}/healthz`, { headers: { authorization: `Bearer ${healthKey}` } });
  return { status: res.status, body: (await res.json()) as Health['body'] };
};

/** Waits for the server's own periodic check; a failure deadline, not a speed bound. */
async function until503(server: ServerProcess): Promise<Health> {
  let last = await health(server);
  for (let i = 0; i < 300 && last.status !== 503; i++) {
    await new Promise((r) => setTimeout(r, 100));
    last = await health(server);
  }
  return last;
}

const postgres = await findPostgres();

if ('reason' in postgres) {
  reportNoPostgres('event log regression', postgres.reason);
} else {
  const Regression = suite<{ db: TestDatabase; server?: ServerProcess; env: Record<string, string>; apiKey: string }>(
    'event log regression under a running server',
  );

  Regression.before.each(async (ctx) => {
    ctx.db = await createDatabase(postgres.url, 'regression');
    ctx.apiKey = healthKey = randomBytes(16).toString('hex');
    ctx.env = { DATABASE_URL: ctx.db.url, API_KEY: ctx.apiKey, SIGNING_KEY: randomBytes(32).toString('hex') };
    ctx.server = await startServerProcess(ctx.env);
  });
  Regression.after.each(async (ctx) => {
    await ctx.server?.stop();
    await ctx.db.drop();
  });

  const create = (ctx: { server?: ServerProcess; apiKey: string }) =>
    fetch(`${ctx.server!.url}/api/stores/${STORE}/repair-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(aRepairOrderInput({ operations: [{ code: 'MNT-OIL' }] })),
    });
  const maxSeq = async (db: TestDatabase): Promise<number> => Number((await db.sql('SELECT coalesce(max(seq), 0) AS n FROM events')).rows[0].n);

  Regression('emptied (TRUNCATE events): /healthz 503 with the reason, writes refused, no new seq 1', async (ctx) => {
    for (let i = 0; i < 5; i++) assert.is((await create(ctx)).status, 201);
    assert.is((await health(ctx.server!)).status, 200);
    await ctx.db.sql('TRUNCATE events');

    const down = await until503(ctx.server!);
    assert.is(down.status, 503, 'noticed without any write');
    assert.match(down.body.store.detail!, `store ${STORE}: the event log ends at seq 0 but this process has already seen seq 5`);
    for (let i = 0; i < 3; i++) {
      const res = await create(ctx);
      assert.is(res.status, 503, 'a write is refused');
      assert.is(((await res.json()) as { error: { code: string } }).error.code, 'store_unavailable');
    }
    assert.is(await maxSeq(ctx.db), 0, 'no second history was started at seq 1');
    assert.match(ctx.server!.output(), /event log went backwards; refusing writes to this store/, 'logged at error level');
  });

  Regression('rolled back to an older backup: a write is refused at once, and a restart on that log still refuses', async (ctx) => {
    for (let i = 0; i < 5; i++) assert.is((await create(ctx)).status, 201);
    await ctx.db.sql('DELETE FROM events WHERE seq > 2'); // what restoring an older backup leaves

    const refused = await create(ctx);
    assert.is(refused.status, 503, 'the first write after the rollback is refused');
    const down = await health(ctx.server!);
    assert.is(down.status, 503);
    assert.match(down.body.store.detail!, 'the event log ends at seq 2 but this process has already seen seq 5');
    assert.is(await maxSeq(ctx.db), 2, 'nothing was written over seq 3');

    // SIGTERM saves the fold (seq 5) as a snapshot; a restart finds it ahead of the log.
    await ctx.server!.stop();
    ctx.server = await startServerProcess(ctx.env);
    const again = await until503(ctx.server);
    assert.match(again.body.store.detail!, 'ends at seq 2 but this process has already seen seq 5');
    assert.is((await create(ctx)).status, 503);
    assert.is(await maxSeq(ctx.db), 2);

    // An operator accepts the older history: without the snapshot the log is consistent again.
    await ctx.db.sql('DELETE FROM snapshots');
    await ctx.server.stop();
    ctx.server = await startServerProcess(ctx.env);
    assert.is((await health(ctx.server)).status, 200);
    const next = await create(ctx);
    assert.is(next.status, 201);
    assert.is(((await next.json()) as { data: { seq: number } }).data.seq, 3, 'the log goes on from where it is');
  });

  /** The events table of `from` as JSON rows, to put into another database. */
  const eventRows = async (from: TestDatabase, upTo: number): Promise<string> =>
    JSON.stringify((await from.sql('SELECT store_id, seq, key, at, record FROM events WHERE seq <= $1 ORDER BY store_id, seq', [upTo])).rows);
  /** Replaces every event of `to` with `rows`, in one transaction. */
  const putEvents = (to: TestDatabase, rows: string) =>
    to.sql(`BEGIN; DELETE FROM events; INSERT INTO events SELECT * FROM json_populate_recordset(null::events, $rows$${rows}$rows$); COMMIT;`);

  /**
   * Restores the database to an older backup (seqs up to `keep`) that another process then writes
   * `writes` more events to — done in a database of its own and put in place in one transaction,
   * so the server under test never sees the shorter log in between, only a longer one that is
   * another history.
   */
  const rolledBackAndWrittenPast = async (ctx: { db: TestDatabase; env: Record<string, string>; apiKey: string }, keep: number, writes: number) => {
    const elsewhere = await createDatabase(postgres.url, 'regression_other');
    try {
      const other = await startServerProcess({ ...ctx.env, DATABASE_URL: elsewhere.url });
      try {
        await putEvents(elsewhere, await eventRows(ctx.db, keep));
        for (let i = 0; i < writes; i++) assert.is((await create({ ...ctx, server: other })).status, 201);
      } finally {
        await other.stop();
      }
      await putEvents(ctx.db, await eventRows(elsewhere, Number.MAX_SAFE_INTEGER));
    } finally {
      await elsewhere.drop();
    }
  };

  Regression('rolled back, then written past by another process: the first process notices by identity, not length', async (ctx) => {
    for (let i = 0; i < 5; i++) assert.is((await create(ctx)).status, 201);
    await rolledBackAndWrittenPast(ctx, 2, 4);
    assert.is(await maxSeq(ctx.db), 6, 'the log is longer than what the first process saw');

    const refused = await create(ctx);
    assert.is(refused.status, 503, 'the first process refuses to write on top of another history');
    const down = await health(ctx.server!);
    assert.is(down.status, 503);
    assert.match(down.body.store.detail!, `store ${STORE}: the event at seq 5 is not the one this process has seen there`);
    assert.is(await maxSeq(ctx.db), 6, 'it wrote nothing');
    assert.match(ctx.server!.output(), /event log went backwards; refusing writes to this store/, 'logged at error level');
  });

  Regression('rolled back and written past while the first process is idle: its periodic check notices', async (ctx) => {
    for (let i = 0; i < 5; i++) assert.is((await create(ctx)).status, 201);
    await rolledBackAndWrittenPast(ctx, 3, 3);
    const down = await until503(ctx.server!);
    assert.is(down.status, 503, 'noticed without any write');
    assert.match(down.body.store.detail!, 'the event at seq 5 is not the one this process has seen there');
  });

  Regression.run();

  const redis = await findRedis();
  if ('reason' in redis) {
    reportNoRedis('event log regression against the high-water mark', redis.reason);
  } else {
    const Marks = suite<{ db: TestDatabase; env: Record<string, string>; prefix: string; apiKey: string; servers: ServerProcess[] }>(
      'event log regression seen by a fresh process, against the high-water mark in Redis',
    );
    Marks.before.each(async (ctx) => {
      ctx.db = await createDatabase(postgres.url, 'hwm');
      const shared = sharedEnv(ctx.db.url, redis.url, 'hwm');
      Object.assign(ctx, { env: shared.env, prefix: shared.prefix, apiKey: shared.apiKey, servers: [] });
      healthKey = shared.apiKey;
    });
    Marks.after.each(async (ctx) => {
      await Promise.all(ctx.servers.map((s) => s.stop()));
      await deleteKeys(redis.url, ctx.prefix);
      await ctx.db.drop();
    });
    Marks.after(() => redis.stop());

    const start = async (ctx: { env: Record<string, string>; servers: ServerProcess[] }) => {
      const server = await startServerProcess(ctx.env);
      ctx.servers.push(server);
      return server;
    };
    const mark = async (prefix: string): Promise<string | undefined> => {
      const client = createClient({ url: redis.url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        return (await client.hGet(`${prefix}:hwm`, STORE)) ?? undefined;
      } finally {
        client.destroy();
      }
    };

    Marks('a fresh process on an emptied database: 503 with the reason at once, writes refused, no new seq 1', async (ctx) => {
      const first = await start(ctx);
      for (let i = 0; i < 5; i++) assert.is((await create({ server: first, apiKey: ctx.apiKey })).status, 201);
      await first.stop();
      assert.is(await mark(ctx.prefix), '5', 'the mark followed the appends');
      await ctx.db.sql('TRUNCATE events, snapshots');

      const fresh = await start(ctx);
      const down = await health(fresh);
      assert.is(down.status, 503, 'on open, before any write');
      assert.match(down.body.store.detail!, `store ${STORE}: the event log ends at seq 0 but seq 5 was appended to it before (the high-water mark in Redis`);
      const refused = await create({ server: fresh, apiKey: ctx.apiKey });
      assert.is(refused.status, 503);
      assert.is(((await refused.json()) as { error: { code: string } }).error.code, 'store_unavailable');
      assert.is(await maxSeq(ctx.db), 0, 'no second history was started at seq 1');
      assert.match(fresh.output(), /event log went backwards; refusing writes to this store/, 'logged at error level');
    });

    Marks('a fresh process on an older database, while another process runs: 503 as well', async (ctx) => {
      const first = await start(ctx);
      for (let i = 0; i < 4; i++) assert.is((await create({ server: first, apiKey: ctx.apiKey })).status, 201);
      await ctx.db.sql('DELETE FROM events WHERE seq > 1');
      const fresh = await start(ctx);
      const down = await health(fresh);
      assert.is(down.status, 503);
      assert.match(down.body.store.detail!, 'the event log ends at seq 1 but seq 4 was appended to it before');
    });

    Marks('Redis emptied as well: no mark, no false alarm, and the next append writes it again', async (ctx) => {
      const first = await start(ctx);
      for (let i = 0; i < 3; i++) assert.is((await create({ server: first, apiKey: ctx.apiKey })).status, 201);
      await first.stop();
      await ctx.db.sql('TRUNCATE events, snapshots');
      await deleteKeys(redis.url, ctx.prefix); // what FLUSHALL does to this deployment's keys

      const fresh = await start(ctx);
      assert.is((await health(fresh)).status, 200, 'nothing to compare with: no alarm');
      const res = await create({ server: fresh, apiKey: ctx.apiKey });
      assert.is(res.status, 201);
      assert.is(((await res.json()) as { data: { seq: number } }).data.seq, 1);
      let written: string | undefined;
      for (let i = 0; i < 300 && written !== '1'; i++) {
        written = await mark(ctx.prefix);
        if (written !== '1') await new Promise((r) => setTimeout(r, 100));
      }
      assert.is(written, '1', 'the mark is written again from the next append');
    });

    Marks.run();
  }
}

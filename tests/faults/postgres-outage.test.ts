import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../server/log';
import { PostgresEventStore } from '../../server/store/postgres-store';
import { LiveClient } from '../helpers/live-client';
import { createDatabase, findPostgres, reportNoPostgres } from '../helpers/postgres';
import { deleteKeys, findRedis, reportNoRedis } from '../helpers/redis';
import { sharedEnv, startServerProcesses, type ServerProcess } from '../helpers/server-process';
import { tcpProxy } from '../helpers/tcp-proxy';
import { ActionStream, keyCounts } from './support';

/**
 * PostgreSQL goes away for 10 s while two server processes take writes and screens watch: writes
 * answer 503 with a clear error and change nothing, screens keep what they show, and once it is
 * back every process and screen converges on the same log — nothing lost, nothing twice —
 * including deltas that only the socket.io Redis adapter can carry from one process to the other.
 *
 * The outage is a TCP proxy in front of the shared server that drops every connection and
 * refuses new ones, rather than a private cluster stopped and started: the processes see what a
 * stopped server or a cut network gives them (connections reset mid-query, new ones refused), the
 * shared server is never touched, and the test needs no initdb, no postgres OS user and no
 * second server to start and clean up.
 */
const STORE = 'bj-wangjing';
const ACTIONS = 60;
const OUTAGE_MS = 10_000;

const [postgres, redis] = await Promise.all([findPostgres(), findRedis()]);

if ('reason' in postgres) {
  reportNoPostgres('PostgreSQL outage under load', postgres.reason);
} else if ('reason' in redis) {
  reportNoRedis('PostgreSQL outage under load', redis.reason);
} else {
  const db = await createDatabase(postgres.url, 'pgoutage');
  const direct = new URL(db.url);
  const proxy = await tcpProxy(Number(direct.port || 5432), direct.hostname);
  const viaProxy = new URL(db.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  const { prefix, apiKey, env } = sharedEnv(viaProxy.toString(), redis.url, 'pgoutage');
  let a: ServerProcess;
  let b: ServerProcess;
  const screens: LiveClient[] = [];
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'tw-pgoutage-')));

  test.before(async () => {
    [a, b] = await startServerProcesses(dirs.map((dir) => ({ ...env, DATA_DIR: dir })));
  });
  test.after(async () => {
    for (const s of screens) s.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await proxy.close();
    await deleteKeys(redis.url, prefix);
    await redis.stop();
    await db.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const view = (c: LiveClient) => JSON.stringify({ seq: c.sync.seq, entries: c.entries() });

  test('writes answer 503 while PostgreSQL is away, screens keep their state, and everything converges when it returns', async () => {
    const staff = { token: apiKey };
    const dispatchA = new LiveClient(a.url, { kind: 'dispatch', storeId: STORE }, staff);
    const dispatchB = new LiveClient(b.url, { kind: 'dispatch', storeId: STORE }, staff);
    const lobbyB = new LiveClient(b.url, { kind: 'customer', storeId: STORE });
    screens.push(dispatchA, dispatchB, lobbyB);
    for (const s of screens) assert.ok((await s.connect()).ok);

    const stream = new ActionStream(() => [a.url, b.url], apiKey, STORE);
    const streaming = stream.run(ACTIONS, 2, 50);
    while (stream.acked < 15) await new Promise((r) => setTimeout(r, 20));

    proxy.refuse(true);
    proxy.cutAll();
    const downAt = Date.now();
    let shown: string[];
    let during: typeof stream.attempts;
    let health: { status: number; body: { store: { ok: boolean; kind: string; detail?: string } } } | undefined;
    try {
      await new Promise((r) => setTimeout(r, 1500)); // requests already inside PostgreSQL have answered
      shown = screens.map(view);
      const res = await fetch(`${a.url}/healthz`, { headers: { authorization: `Bearer ${apiKey}` } });
      health = { status: res.status, body: (await res.json()) as never };
      await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - downAt)));
      during = stream.attempts.filter((t) => t.at > downAt + 1500 && t.at < Date.now());
    } finally {
      proxy.refuse(false);
    }
    assert.is(health?.status, 503, 'health says the store is down');
    assert.equal([health?.body.store.kind, health?.body.store.ok], ['postgres', false]);
    const servers = () => [a, b].map((p) => `${p.url} exit ${p.child.exitCode ?? p.child.signalCode ?? 'running'}:\n${p.output().slice(-1500)}`).join('\n');
    assert.ok(
      screens.every((s) => s.socket.connected),
      `screens stayed connected through the outage\n${servers()}`,
    );
    assert.equal(screens.map(view), shown, 'screens kept their last state while PostgreSQL was away');
    await streaming;

    assert.ok(during.length > 10, `writes were attempted during the outage (${during.length})`);
    for (const attempt of during) {
      assert.is(attempt.outcome, 503, `a write during the outage answers 503, not ${attempt.outcome}`);
      assert.is(attempt.error?.code, 'store_unavailable');
      assert.match(attempt.error!.message, /event store cannot be reached; nothing was changed/);
    }
    assert.not.ok(
      stream.attempts.some((t) => typeof t.outcome === 'number' && t.outcome >= 500 && t.outcome !== 503),
      'no 500s',
    );
    assert.is(stream.acked, ACTIONS, 'every action was acknowledged once PostgreSQL was back');

    // A last write through A only: B's screens can get it only through the Redis adapter.
    const last = await fetch(`${a.url}/api/stores/${STORE}/repair-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        vehicle: { plate: '京A99999', make: 'BYD', model: 'Han', color: 'Red' },
        customer: { name: '王芳', phone: '13900001111', salutation: 'ms' },
      }),
    });
    assert.is(last.status, 201);
    const finalSeq = ((await last.json()) as { data: { seq: number } }).data.seq;
    assert.is(finalSeq, ACTIONS + 1, 'nothing lost, nothing doubled: one event per action');
    for (const s of screens) await s.waitForSeq(finalSeq, 20_000);

    // Every screen equals what a newly opened screen gets from either process.
    for (const [old, url] of [
      [dispatchA, a.url],
      [dispatchB, b.url],
      [lobbyB, b.url],
    ] as const) {
      const fresh = new LiveClient(url, old.audience, old.audience.kind === 'customer' ? {} : staff);
      screens.push(fresh);
      assert.ok((await fresh.connect()).ok);
      assert.equal(old.entries(), fresh.entries(), `${old.audience.kind} on ${url} converged`);
    }
    for (const base of [a.url, b.url]) assert.is((await fetch(`${base}/healthz`)).status, 200, `${base} is healthy again`);

    const store = await PostgresEventStore.open({ url: db.url, log: silentLogger });
    try {
      const events = await store.read(STORE, 0);
      const counts = keyCounts(events);
      for (const action of stream.actions) {
        assert.is(counts.get(action.key), 1, `${action.key} is in the log once`);
        assert.is(events.find((e) => e.key === action.key)!.seq, action.acked!.seq);
      }
      assert.is(events.length, ACTIONS + 1, 'and the log holds nothing half-written');
    } finally {
      await store.close();
    }
  });

  test.run();
}

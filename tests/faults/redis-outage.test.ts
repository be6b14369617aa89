import { createClient } from 'redis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../server/log';
import { PostgresEventStore } from '../../server/store/postgres-store';
import { LiveClient } from '../helpers/live-client';
import { createDatabase, findPostgres, reportNoPostgres } from '../helpers/postgres';
import { reportNoRedis, startPrivateRedis, type PrivateRedis } from '../helpers/redis';
import { sharedEnv, startServerProcesses, type ServerProcess } from '../helpers/server-process';
import { tcpProxy } from '../helpers/tcp-proxy';
import { ActionStream, keyCounts } from './support';

/**
 * Redis holds no events any more (they are in PostgreSQL), only the fan-out between processes,
 * rate limits and one-time-use records. So a Redis emptied (FLUSHALL) or gone for 10 s under a
 * running two-process cluster loses nothing: every acknowledged action is in the log once, writes
 * never answer 5xx, and once Redis is back screens on both processes converge, including on
 * deltas only the socket.io Redis adapter can carry from one process to the other — also a delta
 * written while Redis (or only B's link to it) was away, with no write after it: the wake-up on
 * reconnect brings it to B's screens.
 * A private redis-server on a free port, so the shared one is never emptied or stopped; B reaches
 * it through a TCP relay, so that its link alone can be cut.
 */
const STORE = 'bj-wangjing';
const OUTAGE_MS = 10_000;

const postgres = await findPostgres();
let redis: PrivateRedis | undefined;
let reason = '';
try {
  redis = await startPrivateRedis();
} catch (err) {
  reason = (err as Error).message;
}

if ('reason' in postgres) {
  reportNoPostgres('Redis emptied or away under load', postgres.reason);
  await redis?.stop();
} else if (!redis) {
  reportNoRedis('Redis emptied or away under load', reason);
} else {
  const db = await createDatabase(postgres.url, 'redisfault');
  const { apiKey, env } = sharedEnv(db.url, redis.url, 'redisfault');
  const staff = { token: apiKey };
  let a: ServerProcess;
  let b: ServerProcess;
  const relay = await tcpProxy(redis.port);
  const screens: LiveClient[] = [];
  /** Every action streamed by either test, for the final check against the log. */
  const streams: ActionStream[] = [];

  test.before(async () => {
    [a, b] = await startServerProcesses([env, { ...env, REDIS_URL: `redis://127.0.0.1:${relay.port}` }]);
  });
  test.after(async () => {
    for (const s of screens) s.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis!.stop();
    await relay.close();
    await db.drop();
  });

  const servers = () => [a, b].map((p) => `${p.url} exit ${p.child.exitCode ?? p.child.signalCode ?? 'running'}:\n${p.output().slice(-1500)}`).join('\n');

  /** Writes made by the tests themselves, besides the streamed actions. */
  let extraWrites = 0;
  const writeThroughA = async (): Promise<number> => {
    const res = await fetch(`${a.url}/api/stores/${STORE}/repair-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        vehicle: { plate: '京A99999', make: 'BYD', model: 'Han', color: 'Red' },
        customer: { name: '王芳', phone: '13900001111', salutation: 'ms' },
      }),
    });
    assert.is(res.status, 201);
    extraWrites++;
    return ((await res.json()) as { data: { seq: number } }).data.seq;
  };

  /**
   * Once Redis is back, the socket.io adapter of each process reconnects and subscribes again in
   * its own time; a delta published before B has subscribed again never reaches B's screens (they
   * heal at the next delta, seeing the gap). Probe through A until a delta reaches a screen on B.
   */
  async function adapterLinkBack(): Promise<void> {
    for (let probe = 0; probe < 30; probe++) {
      const seq = await writeThroughA();
      if (
        await screens[1]!.waitForSeq(seq, 1000).then(
          () => true,
          () => false,
        )
      )
        return;
    }
    assert.unreachable('no delta from A reached a screen on B after Redis came back');
  }

  /** A write through A only, then every screen (on A and B) must reach it and equal a fresh one. */
  async function converged(): Promise<number> {
    const seq = await writeThroughA();
    for (const s of screens) await s.waitForSeq(seq, 20_000);
    for (const old of screens.slice(0, 3)) {
      const fresh = new LiveClient(old.url, old.audience, old.audience.kind === 'customer' ? {} : staff);
      assert.ok((await fresh.connect()).ok);
      assert.equal(old.entries(), fresh.entries(), `${old.audience.kind} on ${old.url} converged`);
      fresh.disconnect();
    }
    return seq;
  }

  test('FLUSHALL under load loses nothing, and screens on both processes converge', async () => {
    screens.push(
      new LiveClient(a.url, { kind: 'dispatch', storeId: STORE }, staff),
      new LiveClient(b.url, { kind: 'dispatch', storeId: STORE }, staff),
      new LiveClient(b.url, { kind: 'customer', storeId: STORE }),
    );
    for (const s of screens) assert.ok((await s.connect()).ok);
    const stream = new ActionStream(() => [a.url, b.url], apiKey, STORE);
    streams.push(stream);
    const streaming = stream.run(40, 2, 20);
    while (stream.acked < 15) await new Promise((r) => setTimeout(r, 20));
    const client = createClient({ url: redis!.url });
    client.on('error', () => undefined);
    await client.connect();
    assert.is(await client.flushAll(), 'OK');
    client.destroy();
    await streaming;
    assert.is(stream.acked, 40);
    assert.not.ok(
      stream.attempts.some((t) => typeof t.outcome === 'number' && t.outcome >= 500),
      `no write answered 5xx\n${servers()}`,
    );
    await converged();
  });

  test('Redis away for 10 s under load: writes go on, and screens converge once it is back', async () => {
    const stream = new ActionStream(() => [a.url, b.url], apiKey, STORE);
    streams.push(stream);
    const streaming = stream.run(60, 2, 50);
    while (stream.acked < 10) await new Promise((r) => setTimeout(r, 20));
    await redis!.stop();
    const downAt = Date.now();
    try {
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
    } finally {
      await redis!.restart(); // empty again: it keeps nothing on disk
    }
    const during = stream.attempts.filter((t) => t.at > downAt && t.at < downAt + OUTAGE_MS);
    assert.ok(during.filter((t) => t.outcome === 201).length > 10, `writes were acknowledged while Redis was away (${during.length} attempts)`);
    await streaming;
    assert.is(stream.acked, 60);
    assert.not.ok(
      stream.attempts.some((t) => typeof t.outcome === 'number' && t.outcome >= 500),
      `no write answered 5xx\n${servers()}`,
    );
    assert.ok(
      screens.every((s) => s.socket.connected),
      `screens stayed connected\n${servers()}`,
    );
    await adapterLinkBack();
    const lastSeq = await converged();

    const store = await PostgresEventStore.open({ url: db.url, log: silentLogger });
    try {
      const events = await store.read(STORE, 0);
      const counts = keyCounts(events);
      for (const action of streams.flatMap((s) => s.actions)) {
        assert.is(counts.get(action.key), 1, `${action.key} is in the log once`);
        assert.is(events.find((e) => e.key === action.key)!.seq, action.acked!.seq);
      }
      assert.equal(
        events.map((e) => e.seq),
        events.map((_, i) => i + 1),
        'gap-free',
      );
      assert.is(events.length, lastSeq);
      assert.is(events.length, 40 + 60 + extraWrites, "the streamed actions plus the tests' own writes, nothing else");
    } finally {
      await store.close();
    }
  });

  /** Screens on B reach `seq` by themselves: nothing is written after it. */
  async function reachB(seq: number, what: string): Promise<void> {
    for (const s of screens.slice(1)) {
      const stuck = await s.waitForSeq(seq, 60_000).then(
        () => undefined,
        (err: Error) => err.message,
      );
      assert.is(stuck, undefined, `${what}: the ${s.audience.kind} screen on B reaches seq ${seq} without another write\n${servers()}`);
    }
  }

  test('a delta written on A while Redis is away reaches the screens on B once it is back, with no write after it', async () => {
    await converged();
    await redis!.stop();
    let seq: number;
    try {
      seq = await writeThroughA();
      await screens[0]!.waitForSeq(seq, 20_000); // A's own screen hears it without Redis
    } finally {
      await redis!.restart();
    }
    await reachB(seq, 'after Redis came back');
    await converged();
  });

  test("a delta published while only B's link to Redis is cut reaches B's screens when the link is back", async () => {
    await converged();
    relay.refuse(true);
    relay.cutAll();
    let seq: number;
    try {
      seq = await writeThroughA(); // published through a Redis that B is not subscribed to
    } finally {
      relay.refuse(false);
    }
    await reachB(seq, "after B's link came back");
    await converged();
  });

  test.run();
}

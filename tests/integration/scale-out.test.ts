import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LiveClient } from '../helpers/live-client';
import { findPostgres, reportNoPostgres } from '../helpers/postgres';
import { findRedis, reportNoRedis } from '../helpers/redis';
import { twoProcesses } from '../helpers/server-process';

/** Two server processes on one PostgreSQL (the log) and one Redis (fan-out, one-time links). */
const [postgres, redis] = await Promise.all([findPostgres(), findRedis()]);

if ('reason' in postgres) {
  reportNoPostgres('two processes on one PostgreSQL and Redis', postgres.reason);
} else if ('reason' in redis) {
  reportNoRedis('two processes on one PostgreSQL and Redis', redis.reason);
} else {
  const pair = await twoProcesses(test, { postgresUrl: postgres.url, redis, label: 'scale' });
  const { apiKey } = pair;

  const post = async (base: string, path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { data?: { repairOrder: { id: string }; seq: number } } };
  };

  test('a write through one process reaches the boards connected to the other', async () => {
    const storeId = ((await (await fetch(`${pair.a.url}/healthz`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { stores: string[] })
      .stores[0]!;
    const lobby = new LiveClient(pair.b.url, { kind: 'customer', storeId });
    const dispatch = new LiveClient(pair.b.url, { kind: 'dispatch', storeId }, { token: apiKey });
    assert.ok((await lobby.connect()).ok);
    assert.ok((await dispatch.connect()).ok);

    const created = await post(pair.a.url, `/api/stores/${storeId}/repair-orders`, {
      vehicle: { plate: '京A·56789', make: 'BYD', model: 'Han', color: 'Red' },
      customer: { name: '王芳', phone: '13900001111', salutation: 'ms' },
      operations: [{ code: 'OIL', title: 'Oil change', standardHours: 0.5 }],
    });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const { repairOrder, seq } = created.body.data!;
    await Promise.all([lobby.waitForSeq(seq), dispatch.waitForSeq(seq)]);
    assert.ok(dispatch.entries()[`ro:${repairOrder.id}`], 'the dispatch board on the other process shows it');
    const row = lobby.entries()[`ro:${repairOrder.id}`] as { plate: string };
    assert.is(row.plate, '京A·5**89', 'the lobby on the other process shows it, masked');

    // And the other way round: a write through B is seen by a client of A.
    const onA = new LiveClient(pair.a.url, { kind: 'dispatch', storeId }, { token: apiKey });
    await onA.connect();
    const sent = await post(pair.b.url, `/api/stores/${storeId}/repair-orders/${repairOrder.id}/send-to-workshop`, {});
    assert.is(sent.status, 200, JSON.stringify(sent.body));
    await onA.waitForSeq(sent.body.data!.seq);
    assert.is((onA.entries()[`ro:${repairOrder.id}`] as { stage: string }).stage, 'waiting_dispatch');
    for (const c of [lobby, dispatch, onA]) c.disconnect();
  });

  test('a sign-in link minted on one process signs in on the other, and only once across both', async () => {
    const minted = await fetch(`${pair.a.url}/api/sign-in-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ personId: 'disp-01', next: '/display/dispatch' }),
    });
    assert.is(minted.status, 201);
    const url = new URL(((await minted.json()) as { data: { url: string } }).data.url);
    const open = (base: string) => fetch(`${base}${url.pathname}${url.search}`, { redirect: 'manual' });
    const onB = await open(pair.b.url);
    assert.is(onB.status, 303, 'the other process accepts the link');
    const cookie = onB.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await (await fetch(`${pair.a.url}/api/me`, { headers: { cookie } })).json()) as { data: { name: string; roles: string[] } };
    assert.equal([me.data.name, me.data.roles], ['赵磊', ['dispatcher']], 'and its session works on the first (as the person of the shop config)');
    for (const base of [pair.a.url, pair.b.url])
      assert.is((await open(base)).status, 401, `a second use is refused on ${base === pair.a.url ? 'the minting' : 'the other'} process`);
  });

  test.run();
}

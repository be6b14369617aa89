/**
 * Kiosk lookups are counted in Redis when the deployment has one: two real server processes on
 * one Redis (and one PostgreSQL, the log) share the count, so a guesser cannot spread attempts across processes. A check-in
 * through one process reaches the dispatch board connected to the other.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadShopConfig } from '../../server/config';
import { LiveClient } from '../helpers/live-client';
import { findPostgres, reportNoPostgres } from '../helpers/postgres';
import { findRedis, reportNoRedis } from '../helpers/redis';
import { twoProcesses } from '../helpers/server-process';

const [postgres, redis] = await Promise.all([findPostgres(), findRedis()]);

if ('reason' in postgres) {
  reportNoPostgres('kiosk on two processes', postgres.reason);
} else if ('reason' in redis) {
  reportNoRedis('kiosk on two processes', redis.reason);
} else {
  // The shipped shop, with a small per-plate limit to reach quickly, and room for a rush of
  // walk-ins from this one address.
  const shop = loadShopConfig();
  const raw = JSON.parse(JSON.stringify(shop));
  raw.stores[0].kiosk = { ...raw.stores[0].kiosk, lookupsPerPlate: { max: 3, windowSeconds: 900 }, lookupsPerKiosk: { max: 100, windowSeconds: 600 } };
  const shopFile = join(mkdtempSync(join(tmpdir(), 'tw-kiosk-shop-')), 'shop.json');
  writeFileSync(shopFile, JSON.stringify(raw));
  const storeId = shop.stores[0]!.id;
  const pair = await twoProcesses(test, { postgresUrl: postgres.url, redis, label: 'kiosk', env: { SHOP_CONFIG: shopFile } });
  const { apiKey } = pair;

  const kiosk = async (base: string, path: string, body: unknown) => {
    const res = await fetch(`${base}/api/kiosk/${storeId}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; error?: { code: string } } };
  };

  test('lookups of one plate are counted across both processes', async () => {
    const find = (base: string, digits: string) => kiosk(base, '/appointments/find', { kioskId: 'k1', plate: '京A13579', phoneLast4: digits });
    assert.is((await find(pair.a.url, '0001')).status, 404);
    assert.is((await find(pair.b.url, '0002')).status, 404);
    assert.is((await find(pair.a.url, '0003')).status, 404);
    const fourth = await find(pair.b.url, '0004');
    assert.equal([fourth.status, fourth.body.error?.code], [429, 'rate_limited']);
  });

  test('a walk-in checked in through one process is on the dispatch board of the other at once', async () => {
    const dispatch = new LiveClient(pair.b.url, { kind: 'dispatch', storeId }, { token: apiKey });
    assert.ok((await dispatch.connect()).ok);
    const done = await kiosk(pair.a.url, '/walk-in', { kioskId: 'k1', plate: '京A24680', phone: '13811112222', services: ['MNT-OIL'], consent: true });
    assert.is(done.status, 201, JSON.stringify(done.body));
    const seq = await (async () => {
      for (let i = 0; i < 50 && !Object.values(dispatch.entries()).some((e) => (e as { vehicle?: { plate: string } }).vehicle?.plate === '京A24680'); i++)
        await new Promise((r) => setTimeout(r, 100));
      return dispatch.sync.seq;
    })();
    const ro = Object.values(dispatch.entries()).find((e) => (e as { vehicle?: { plate: string } }).vehicle?.plate === '京A24680') as
      { stage: string; queueNumber: string } | undefined;
    assert.ok(ro, `the other process's dispatch board has the car (at seq ${seq})`);
    assert.equal([ro!.stage, ro!.queueNumber], ['checked_in', done.body.data!.queueNumber]);
    dispatch.disconnect();
  });

  test('walk-ins checked in at the same moment through both processes get different queue numbers', async () => {
    // Each process queues its own check-ins; across processes two can read the same count. The
    // workflow refuses a queue number already given out today and the loser picks the next one.
    const walkIn = (base: string, i: number) =>
      kiosk(base, '/walk-in', {
        kioskId: `k${i % 2}`,
        plate: `京B${String(10_000 + i)}`,
        phone: `139${String(i).padStart(8, '0')}`,
        services: ['MNT-OIL'],
        consent: true,
      });
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => walkIn(i % 2 ? pair.a.url : pair.b.url, i)));
    for (const answer of answers) assert.is(answer.status, 201, JSON.stringify(answer.body));
    const numbers = answers.map((answer) => answer.body.data!.queueNumber as string);
    const repeated = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    assert.equal(repeated, [], `queue numbers given out twice: ${repeated.join(', ')} (all: ${numbers.join(', ')})`);
    assert.ok(
      numbers.every((n) => /^W\d{3}$/.test(n)),
      numbers.join(', '),
    );
  });

  test('a wrong PIN on one process makes the next try from anywhere wait on the other (the delays live in Redis)', async () => {
    const personId = (shop.stores[0]!.technicians[0] ?? shop.stores[0]!.staff[0])!.id;
    const set = await fetch(`${pair.a.url}/api/stores/${storeId}/people/${personId}/pin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ pin: '2580' }),
    });
    assert.is(set.status, 204, await set.text());
    const tryPin = (base: string, address: string) =>
      fetch(`${base}/api/scan/sign-in/pin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ storeId, personId, pin: '9999' }),
      });
    assert.is((await tryPin(pair.a.url, '10.7.0.1')).status, 401);
    const other = await tryPin(pair.b.url, '10.7.0.2');
    assert.is(other.status, 429, "a stranger's next guess at this person waits, whichever process hears it");
    assert.ok(Number(other.headers.get('retry-after')) >= 1);
  });

  test.run();
}

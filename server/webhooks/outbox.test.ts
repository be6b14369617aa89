import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { act, asStaff, createRo } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { KEEP_SENT_MS, RETRY_SCHEDULE_MS } from './outbox';

/**
 * The outbox against a real HTTP receiver on this machine, on a clock the test moves: no test
 * waits for a retry. Signatures are checked by `verify` below, written from the Standard
 * Webhooks spec (spec/standard-webhooks.md, "Verifying webhooks") and not from the sender's code.
 */

const S = 'store-a';
const T = 'store-b';

/** The spec's verification: base64-decode the part after whsec_, HMAC-SHA256 `id.timestamp.body`, compare with any `v1,` signature. */
function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  assert.ok(secret.startsWith('whsec_'), 'the secret is whsec_…');
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  assert.ok(key.length >= 24 && key.length <= 64, 'the spec wants 24–64 bytes of key');
  const id = headers['webhook-id'] as string;
  const timestamp = headers['webhook-timestamp'] as string;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((part) => {
      const [version, signature] = part.split(',');
      if (version !== 'v1' || !signature) return false;
      const given = Buffer.from(signature, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A receiver that answers with `answers` in turn (then 200) and records every request. */
async function aReceiver() {
  const received: Received[] = [];
  const answers: { status: number; headers?: Record<string, string> }[] = [];
  /** Which requests take their answer from `answers` (default all; the rest get 200). */
  const only = { store: undefined as string | undefined };
  const server: Server = createServer((req, res) => {
    let body = '';
    req
      .on('data', (c) => (body += c))
      .on('end', () => {
        const mine = !only.store || JSON.parse(body).data.storeId === only.store;
        const answer = (mine ? answers.shift() : undefined) ?? { status: 200 };
        received.push({ headers: req.headers, body, status: answer.status });
        res.writeHead(answer.status, answer.headers).end('ok');
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    answers,
    only,
    /** Successful deliveries' bodies, parsed. */
    delivered: () => received.filter((r) => r.status < 300).map((r) => ({ id: r.headers['webhook-id'] as string, ...JSON.parse(r.body) })),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let clock = Date.parse('2026-12-07T08:00:00Z');
const now = () => clock;
const advance = (ms: number) => (clock += ms);
const options = { now, random: () => 0.5 };

async function register(server: TestServer, body: Record<string, unknown>) {
  const res = await server.api('POST', '/api/webhooks', body);
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.data as { id: string; secret: string };
}

/** Enqueue what the log holds and deliver what is due, as the background loop would. */
async function run(server: TestServer) {
  await server.webhooks!.outbox.feedAll();
  return server.webhooks!.outbox.tick();
}

const Signed = suite('webhooks: signed deliveries');
let server: TestServer;
let receiver: Awaited<ReturnType<typeof aReceiver>>;
Signed.before.each(async () => {
  receiver = await aReceiver();
  server = await startTestServer({ shop: aTestShop(), webhooks: options });
});
Signed.after.each(async () => {
  await server.close();
  await receiver.close();
});

Signed("sends the spec's headers and body, signed so that an independent verifier accepts it", async () => {
  const { secret } = await register(server, { url: receiver.url });
  const ro = await createRo(server, S);
  assert.is(await run(server), 1);
  const [got] = receiver.received;
  assert.ok(got, 'one delivery');
  assert.ok(verify(secret, got.headers, got.body), 'the signature verifies');
  assert.not.ok(verify(secret, got.headers, got.body.replace('repair_order', 'repair-order')), 'an altered body does not');
  assert.is(got.headers['webhook-timestamp'], String(Math.floor(clock / 1000)));
  assert.match(String(got.headers['content-type']), /application\/json/);
  const body = JSON.parse(got.body);
  assert.equal(Object.keys(body).sort(), ['data', 'timestamp', 'type']);
  assert.is(body.type, 'repair_order.created');
  assert.is(body.data.roId, ro.id);
  assert.is(body.data.number, ro.number);
  assert.not.ok(got.body.includes(ro.customer.phone), 'no phone number goes out');
  assert.is(await run(server), 0, 'nothing more to send');
});

Signed('the secret is shown once; endpoints filter by store and event type', async () => {
  const all = await register(server, { url: receiver.url, events: ['repair_order.delivered', 'appointment.booked'] });
  const list = await server.api('GET', '/api/webhooks');
  assert.not.ok(JSON.stringify(list.body).includes(all.secret), 'the list never shows a secret');
  assert.not.ok(JSON.stringify((await server.api('GET', `/api/webhooks/${all.id}`)).body).includes('whsec_'));
  await register(server, { url: `${receiver.url}?only=b`, storeId: T });
  await createRo(server, S);
  await createRo(server, T, { operations: [] });
  await run(server);
  assert.equal(
    receiver.received.map((r) => [JSON.parse(r.body).data.storeId, r.headers.host !== undefined]),
    [[T, true]],
    'only the store-b endpoint wanted a created order',
  );
});

Signed('a receiver that fails and recovers gets every event once, in order per store, on the retry schedule', async () => {
  await register(server, { url: receiver.url });
  receiver.answers.push({ status: 500 }, { status: 502 }, { status: 503 });
  receiver.only.store = S;
  const ro = await createRo(server, S);
  await server.api('PATCH', `/api/stores/${S}/repair-orders/${ro.id}`, { description: 'customer waits' });
  await act(server, `/api/stores/${S}/repair-orders/${ro.id}/cancel`, { reason: 'changed mind' });
  const other = await createRo(server, T, { operations: [] });

  assert.is(await run(server), 2, 'store-a fails once; store-b goes through (its own line), then nothing else is due');
  assert.equal(
    receiver.delivered().map((d) => [d.data.storeId, d.type]),
    [[T, 'repair_order.created']],
  );
  advance(RETRY_SCHEDULE_MS[0]! - 1000);
  assert.is(await run(server), 0, 'not due before the first step');
  advance(1000);
  assert.is(await run(server), 1, 'second attempt at +5 s (fails)');
  advance(RETRY_SCHEDULE_MS[1]!);
  assert.is(await run(server), 1, 'third at +5 min (fails)');
  advance(RETRY_SCHEDULE_MS[2]!);
  assert.is(await run(server), 3, 'fourth at +30 min succeeds, and the two behind it follow at once');

  const a = receiver.delivered().filter((d) => d.data.storeId === S);
  assert.equal(
    a.map((d) => d.type),
    ['repair_order.created', 'repair_order.updated', 'repair_order.stage_changed'],
  );
  assert.equal(
    a.map((d) => d.data.seq),
    [...a.map((d) => d.data.seq)].sort((x, y) => x - y),
    'in the order of the log',
  );
  assert.is(a[2].data.stage, 'cancelled');
  const ids = receiver.delivered().map((d) => d.id);
  assert.is(new Set(ids).size, ids.length, 'no event delivered twice');
  assert.ok(
    receiver.received.filter((r) => r.status >= 500).every((r) => r.headers['webhook-id'] === a[0].id),
    'only the first in line was retried',
  );
  assert.is(receiver.delivered().find((d) => d.data.storeId === T)!.data.roId, other.id);
  const metrics = await server.api('GET', '/metrics');
  assert.match(metrics.body, /workshop_webhook_deliveries_total\{outcome="sent"\} 4/);
  assert.match(metrics.body, /workshop_webhook_deliveries_total\{outcome="failed"\} 3/);
  assert.match(metrics.body, /workshop_webhook_pending 0/);
});

Signed('Retry-After is honoured when it asks for longer than the schedule', async () => {
  await register(server, { url: receiver.url });
  receiver.answers.push({ status: 429, headers: { 'retry-after': '600' } });
  await createRo(server, S);
  await run(server);
  advance(RETRY_SCHEDULE_MS[0]!);
  assert.is(await run(server), 0, 'not at +5 s: the receiver asked for 10 minutes');
  advance(600_000 - RETRY_SCHEDULE_MS[0]!);
  assert.is(await run(server), 1);
  assert.is(receiver.delivered().length, 1);
});

Signed('410 Gone disables the endpoint, shown so; enabling it again resumes in order', async () => {
  const { id } = await register(server, { url: receiver.url });
  receiver.answers.push({ status: 410 });
  await createRo(server, S);
  await run(server);
  const shown = (await server.api('GET', `/api/webhooks/${id}`)).body.data;
  assert.is(shown.endpoint.enabled, false);
  assert.match(shown.endpoint.disabledReason, /410/);
  assert.is(shown.deliveries[0].lastStatus, 410);
  await createRo(server, S);
  advance(24 * 3600_000);
  assert.is(await run(server), 0, 'a disabled endpoint gets nothing');
  const page = await server.api('GET', '/admin/webhooks', undefined, asStaff(server.auth));
  assert.is(page.status, 200);
  assert.match(page.body, /410 Gone/);
  assert.match(page.body, /held \(endpoint disabled\)|暂停/);
  const enabled = await server.api('PATCH', `/api/webhooks/${id}`, { enabled: true });
  assert.is(enabled.body.data.enabled, true);
  assert.is(await run(server), 1, 'the waiting delivery goes out (events while disabled were not queued for it)');
  assert.equal(
    receiver.delivered().map((d) => d.type),
    ['repair_order.created'],
  );
});

Signed('a message failing for the whole schedule (about three days) disables its endpoint', async () => {
  const { id } = await register(server, { url: receiver.url });
  for (let i = 0; i <= RETRY_SCHEDULE_MS.length; i++) receiver.answers.push({ status: 500 });
  await createRo(server, S);
  await run(server);
  for (const step of RETRY_SCHEDULE_MS) {
    advance(step);
    assert.is(await run(server), 1);
  }
  const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b);
  assert.ok(total > 2.5 * 86_400_000 && total < 3.5 * 86_400_000, `${total / 86_400_000} days`);
  const endpoint = (await server.api('GET', `/api/webhooks/${id}`)).body.data.endpoint;
  assert.is(endpoint.enabled, false);
  assert.match(endpoint.disabledReason, /Every attempt failed/);
  assert.is(receiver.received.length, RETRY_SCHEDULE_MS.length + 1);
});

Signed("managing endpoints: admin or API key only; a one-store admin cannot take every store's events", async () => {
  const one = asStaff(server.auth, { roles: ['admin'], storeIds: [S] });
  assert.is((await server.api('POST', '/api/webhooks', { url: receiver.url }, one)).status, 403);
  const mine = await server.api('POST', '/api/webhooks', { url: receiver.url, storeId: S }, one);
  assert.is(mine.status, 201);
  assert.is((await server.api('GET', '/api/webhooks', undefined, asStaff(server.auth, { roles: ['advisor'] }))).status, 403);
  assert.is((await server.api('POST', '/api/webhooks', { url: receiver.url, events: ['car.washed'] })).status, 400);
  assert.is((await server.api('POST', '/api/webhooks', { url: receiver.url, storeId: 'nowhere' })).status, 422);
  const id = mine.body.data.id;
  assert.is((await server.api('PATCH', `/api/webhooks/${id}`, { description: 'DMS' })).body.data.description, 'DMS');
  assert.is((await server.api('DELETE', `/api/webhooks/${id}`)).status, 204);
  assert.is((await server.api('GET', `/api/webhooks/${id}`)).status, 404);
});

Signed('refuses link-local and cloud-metadata URLs (SSRF) with a 422 naming why', async () => {
  for (const url of ['http://169.254.169.254/latest/meta-data', 'http://100.100.100.200/', 'http://[fe80::1]/', 'http://[::ffff:169.254.169.254]/']) {
    const res = await server.api('POST', '/api/webhooks', { url });
    assert.is(res.status, 422, url);
    assert.is(res.body.error.code, 'url_refused');
  }
  assert.is((await server.api('POST', '/api/webhooks', { url: 'ftp://dms.local/x' })).status, 400);
});

Signed('sent deliveries are deleted after a week (their bodies name plates); waiting ones are kept', async () => {
  const { id } = await register(server, { url: receiver.url });
  receiver.answers.push({ status: 500 });
  receiver.only.store = T;
  await createRo(server, S);
  await createRo(server, T, { operations: [] });
  await run(server);
  advance(KEEP_SENT_MS + 3600_000);
  await run(server);
  const left = (await server.api('GET', `/api/webhooks/${id}`)).body.data.deliveries;
  assert.equal(
    left.map((d: any) => [d.storeId, d.status]),
    [[T, 'sent']],
    "store-a's week-old delivery is gone; store-b's retry just went out",
  );
});

const Restart = suite('webhooks: a restart mid-retry');
Restart('a delivery waiting for its retry survives a restart and is sent once; nothing is enqueued twice', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tw-webhooks-'));
  const rx = await aReceiver();
  try {
    const first = await startTestServer({ shop: aTestShop(), dataDir, webhooks: options });
    const { secret } = await register(first, { url: rx.url });
    rx.answers.push({ status: 500 });
    await createRo(first, S);
    await run(first);
    await first.close();

    advance(RETRY_SCHEDULE_MS[0]!);
    const second = await startTestServer({ shop: aTestShop(), dataDir, webhooks: options });
    try {
      assert.is(await run(second), 1, 'the retry is made by the restarted server');
      assert.is(await run(second), 0);
      const sent = rx.delivered();
      assert.is(sent.length, 1);
      assert.ok(verify(secret, rx.received[1]!.headers, rx.received[1]!.body));
      assert.is(rx.received[0]!.headers['webhook-id'], rx.received[1]!.headers['webhook-id'], 'the same webhook-id on every attempt');
    } finally {
      await second.close();
    }
  } finally {
    await rx.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

Signed.run();
Restart.run();

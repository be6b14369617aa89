import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NotifyConfigSchema } from '../../shared/domain/notify-config';
import type { ShopConfig } from '../../shared/domain/shop';
import { act, createRo } from '../../tests/helpers/build';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { openOutbox } from './outbox';
import { ALIYUN_KEYS } from './rig';
import { aliyunStandIn, type StandIn } from './stand-ins';

/**
 * The webhook channel through the real server: a store whose notify config names `webhook` hands
 * each message for a consenting customer to the Standard Webhooks outbox as a `customer.message`,
 * and a local receiver registered as the store's CRM endpoint gets it. Signatures are checked by
 * `verify` below, written from the Standard Webhooks spec ("Verifying webhooks"), not from the
 * sender's code.
 */

const S = 'store-a';

/** Set the handed-over message back to queued, as a process that died before recording the hand-over leaves it to the next. */
async function forgetHandOver(s: Setup, roId: string, kind: string) {
  const outbox = await openOutbox({ dataDir: s.dataDir, databaseUrl: s.databaseUrl });
  try {
    const changed = await outbox.db
      .updateTable('notify_messages')
      .set({ status: 'queued' })
      .where('ro_id', '=', roId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    assert.is(Number(changed.numUpdatedRows), 1);
  } finally {
    await outbox.close();
  }
}

function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((part) => {
      const [version, signature] = part.split(',');
      if (version !== 'v1' || !signature) return false;
      const given = Buffer.from(signature, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** A CRM stand-in: answers 200 and records every request. */
async function aReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => (received.push({ headers: req.headers, body }), res.writeHead(200).end('ok')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm`,
    received,
    messages: () => received.map((r) => JSON.parse(r.body)).filter((b) => b.type === 'customer.message'),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Store-local HH:MM of a moment in Beijing (store-a's zone). */
const beijing = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

function aShop(notify: Record<string, unknown>): ShopConfig {
  const shop = aTestShop();
  shop.stores[0]!.notify = NotifyConfigSchema.parse(notify);
  return shop;
}

interface Setup {
  server: TestServer;
  crm: Awaited<ReturnType<typeof aReceiver>>;
  dms: Awaited<ReturnType<typeof aReceiver>>;
  sms: StandIn;
  secret: string;
  dataDir: string;
  databaseUrl?: string;
}

/** The real server with the store's notify config, a CRM endpoint for customer.message and a DMS endpoint for every (other) type. */
async function setUp(notify: (sms: StandIn) => Record<string, unknown>, databaseUrl?: string): Promise<Setup> {
  const sms = await aliyunStandIn(ALIYUN_KEYS);
  const dataDir = await mkdtemp(join(tmpdir(), 'notify-webhook-'));
  const server = await startTestServer({
    shop: aShop(notify(sms)),
    dataDir,
    databaseUrl,
    webhooks: { random: () => 0.5 },
    notify: { env: { ALIYUN_SMS_ACCESS_KEY_ID: ALIYUN_KEYS.accessKeyId, ALIYUN_SMS_ACCESS_KEY_SECRET: ALIYUN_KEYS.accessKeySecret } },
  });
  const crm = await aReceiver();
  const dms = await aReceiver();
  const registered = await server.api('POST', '/api/webhooks', { url: crm.url, storeId: S, events: ['customer.message'] });
  assert.is(registered.status, 201, JSON.stringify(registered.body));
  assert.is((await server.api('POST', '/api/webhooks', { url: dms.url })).status, 201);
  return { server, crm, dms, sms, secret: registered.body.data.secret, dataDir, databaseUrl };
}

async function tearDown(s: Setup) {
  await s.server.close();
  await Promise.all([s.crm.close(), s.dms.close(), s.sms.close()]);
  await rm(s.dataDir, { recursive: true, force: true });
}

/** Let the notifier read the log and hand over what is due, then deliver what the webhook outbox holds. */
async function settle(server: TestServer) {
  await server.notify!.notifier.idle();
  await server.notify!.notifier.tick();
  await server.webhooks!.outbox.feedAll();
  await server.webhooks!.outbox.tick();
  await server.webhooks!.outbox.idle();
  await server.webhooks!.outbox.tick();
}

/** Start, finish, pass QC (and wash): the car is ready. */
async function makeReady(server: TestServer, ro: { id: string; operations: { id: string }[] }) {
  const base = `/api/stores/${S}/repair-orders/${ro.id}`;
  const op = ro.operations[0]!;
  await act(server, `${base}/operations/${op.id}/start`, { bayId: 'bay-2' });
  await act(server, `${base}/operations/${op.id}/finish`);
  if ((await act(server, `${base}/qc-pass`)).stage === 'washing') await act(server, `${base}/wash-done`);
}

const consent = { contactConsent: { sms: true } };
const webhookOnly = () => ({ webhook: {} });

const Channel = suite('notify: the CRM webhook channel');

Channel("a consenting customer's check-in and ready each reach the CRM once, signed, in order; the DMS endpoint gets none", async () => {
  const s = await setUp(webhookOnly);
  try {
    const ro = await createRo(s.server, S, { ...consent, customer: { name: '欧阳修', phone: '13855556666', salutation: 'mr' } });
    await settle(s.server);
    await makeReady(s.server, ro);
    await settle(s.server);
    const messages = s.crm.messages();
    assert.equal(
      messages.map((m) => m.data.kind),
      ['checked_in', 'ready'],
    );
    assert.is(s.crm.received.length, 2, 'nothing but customer messages for the CRM endpoint');
    for (const r of s.crm.received) assert.ok(verify(s.secret, r.headers, r.body), 'the signature verifies');
    assert.not.ok(verify(s.secret, s.crm.received[0]!.headers, s.crm.received[0]!.body.replace('checked_in', 'ready')), 'an altered body does not');
    const [checkedIn, ready] = messages;
    assert.equal(Object.keys(checkedIn).sort(), ['data', 'timestamp', 'type']);
    assert.is(checkedIn.data.storeId, S);
    assert.is(checkedIn.data.roId, ro.id);
    assert.is(checkedIn.data.number, ro.number);
    assert.is(checkedIn.data.locale, 'zh-CN');
    assert.equal(checkedIn.data.customer, { name: '欧阳修', phone: '13855556666' });
    assert.match(checkedIn.data.link, new RegExp(`/t/${ro.trackingToken}$`));
    assert.is(checkedIn.data.values.link, checkedIn.data.link);
    assert.match(checkedIn.data.values.plate, /·/, 'the plate masked as in every message');
    assert.is(checkedIn.data.text, `您的爱车${checkedIn.data.values.plate}已登记，查看维修进度：${checkedIn.data.link}`);
    assert.match(ready.data.text, /已可取车/);
    assert.ok(ready.data.seq > checkedIn.data.seq, 'ordered by the events that caused them');
    assert.match(String(s.crm.received[0]!.headers['webhook-id']), /^msg_cm_/);
    assert.ok(s.dms.received.length > 0, 'the DMS endpoint hears the facts');
    assert.equal(
      s.dms.received.filter((r) => r.body.includes('customer.message')),
      [],
      'an endpoint that did not name customer.message gets none',
    );
    assert.not.ok(
      s.dms.received.some((r) => r.body.includes('13855556666')),
      'and no phone number',
    );

    const log = await s.server.notify!.notifier.deliveryLog(S, ro.id);
    assert.equal(
      log.map((m) => [m.channel, m.kind, m.status]),
      [
        ['webhook', 'checked_in', 'delivered'],
        ['webhook', 'ready', 'delivered'],
      ],
    );
    assert.equal(
      log[0]!.lines.map((l) => l.status),
      ['queued', 'sent', 'delivered'],
    );
    assert.match(log[0]!.lines[1]!.detail!, /handed to the CRM webhook \(1 endpoint/);
    assert.is(log[0]!.to, '138****6666');
    // Via the API staff read too.
    const api = await s.server.api('GET', `/api/stores/${S}/repair-orders/${ro.id}/notifications`);
    assert.is(api.status, 200, JSON.stringify(api.body));
  } finally {
    await tearDown(s);
  }
});

Channel('no consent: nothing reaches the CRM, and the log says why', async () => {
  const s = await setUp(webhookOnly);
  try {
    const ro = await createRo(s.server, S);
    await settle(s.server);
    assert.equal(s.crm.received, []);
    const [entry] = await s.server.notify!.notifier.deliveryLog(S, ro.id);
    assert.is(entry!.channel, 'webhook');
    assert.is(entry!.status, 'skipped');
    assert.is(entry!.to, null, 'a message never sent keeps no phone number');
    assert.match(entry!.lines[0]!.detail!, /no consent/);
  } finally {
    await tearDown(s);
  }
});

Channel('quiet hours hold the CRM message as they hold the text message', async () => {
  const now = Date.now();
  const s = await setUp((sms) => ({
    webhook: {},
    sms: { provider: 'aliyun', signName: '测试一店', endpoint: sms.url, templates: { 'zh-CN': { checked_in: 'SMS_1' } } },
    quietHours: { start: beijing(now - 3_600_000), end: beijing(now + 3_600_000) },
  }));
  try {
    const ro = await createRo(s.server, S, consent);
    await settle(s.server);
    assert.equal(s.crm.received, []);
    assert.equal(s.sms.received, []);
    const log = await s.server.notify!.notifier.deliveryLog(S, ro.id);
    assert.equal(log.map((m) => [m.channel, m.status]).sort(), [
      ['sms', 'held'],
      ['webhook', 'held'],
    ]);
    for (const m of log) assert.match(m.lines[0]!.detail!, /quiet hours: held until/);
  } finally {
    await tearDown(s);
  }
});

Channel('with SMS configured too, the customer is texted and the CRM told, once each', async () => {
  const s = await setUp((sms) => ({
    webhook: {},
    sms: { provider: 'aliyun', signName: '测试一店', endpoint: sms.url, templates: { 'zh-CN': { checked_in: 'SMS_1' } } },
  }));
  try {
    await createRo(s.server, S, consent);
    await settle(s.server);
    assert.is(s.sms.received.length, 1);
    assert.equal(
      s.crm.messages().map((m) => m.data.kind),
      ['checked_in'],
    );
  } finally {
    await tearDown(s);
  }
});

Channel('the same message again (its key) sends nothing new, even handed over twice', async () => {
  const s = await setUp(webhookOnly);
  try {
    const ro = await createRo(s.server, S, consent);
    await settle(s.server);
    const notifier = s.server.notify!.notifier;
    await notifier.approvalWaiting(S, ro.id, { id: 'addon-1', title: '雨刮片' });
    await notifier.approvalWaiting(S, ro.id, { id: 'addon-1', title: '雨刮片' });
    await settle(s.server);
    assert.equal(
      s.crm.messages().map((m) => [m.data.kind, m.data.values.item ?? null]),
      [
        ['checked_in', null],
        ['approval_waiting', '雨刮片'],
      ],
    );
    // A process that died after handing a message over but before recording it: the next one hands it over again.
    await forgetHandOver(s, ro.id, 'approval_waiting');
    await notifier.tick();
    await settle(s.server);
    assert.is(s.crm.received.length, 2, 'the webhook outbox took it once');
    const entry = (await notifier.deliveryLog(S, ro.id)).find((m) => m.kind === 'approval_waiting')!;
    assert.is(entry.status, 'delivered');
  } finally {
    await tearDown(s);
  }
});

Channel('no endpoint subscribed to customer.message: the message fails and the log says what to register', async () => {
  const s = await setUp(webhookOnly);
  try {
    const endpoints = await s.server.webhooks!.endpoints.list();
    const crm = endpoints.find((e) => e.events?.includes('customer.message'))!;
    assert.is((await s.server.api('DELETE', `/api/webhooks/${crm.id}`)).status, 204);
    const ro = await createRo(s.server, S, consent);
    await settle(s.server);
    const [entry] = await s.server.notify!.notifier.deliveryLog(S, ro.id);
    assert.is(entry!.status, 'failed');
    assert.match(entry!.lastError!, /subscribes to customer\.message/);
    assert.not.ok(
      s.dms.received.some((r) => r.body.includes('customer.message')),
      'not sent to an endpoint that did not ask for it',
    );
  } finally {
    await tearDown(s);
  }
});

Channel.run();

const postgres = await findPostgres();
if ('reason' in postgres) {
  reportNoPostgres('the CRM webhook channel on PostgreSQL', postgres.reason);
} else {
  const Pg = suite('notify: the CRM webhook channel (PostgreSQL)');
  Pg('check-in and ready reach the CRM once each, signed; handed over again, nothing new', async () => {
    const db = await createDatabase(postgres.url, 'notify_webhook');
    const s = await setUp(webhookOnly, db.url);
    try {
      const ro = await createRo(s.server, S, consent);
      await settle(s.server);
      await makeReady(s.server, ro);
      await settle(s.server);
      await forgetHandOver(s, ro.id, 'ready');
      await s.server.notify!.notifier.tick();
      await settle(s.server);
      assert.equal(
        s.crm.messages().map((m) => m.data.kind),
        ['checked_in', 'ready'],
      );
      for (const r of s.crm.received) assert.ok(verify(s.secret, r.headers, r.body), 'the signature verifies');
      assert.equal(
        (await s.server.notify!.notifier.deliveryLog(S, ro.id)).map((m) => m.status),
        ['delivered', 'delivered'],
      );
    } finally {
      await tearDown(s);
      await db.drop();
    }
  });
  Pg.run();
}

const Config = suite('notify: the webhook channel in the config');

Config('an unknown key in the webhook block is refused, naming it', () => {
  const parsed = NotifyConfigSchema.safeParse({ webhook: { url: 'https://crm.example' } });
  assert.not.ok(parsed.success);
  assert.match(JSON.stringify(parsed.error!.issues), /webhook/);
  assert.match(JSON.stringify(parsed.error!.issues), /url/);
});

Config.run();

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NotifyConfigSchema } from '../../shared/domain/notify-config';
import { readBackup } from '../../server/store/backup';
import { dataDirEntries } from '../../server/store/data-dir-files';
import { tencentStandIn } from '../../server/notify/stand-ins';
import { aRepairOrderInput } from '../helpers/build';
import { freePort } from '../helpers/ports';
import { startServerProcess } from '../helpers/server-process';
import { ActionStream } from './support';

/**
 * `npm run backup` of a live server whose data dir holds more than the journal — the webhook
 * outbox with an endpoint and its deliveries, the notification outbox with its messages and
 * delivery log, the history read model, DMS import jobs, the add-on-photos/ folder — while writes keep
 * arriving; `npm run restore` into a new dir; every one of them is there and the server starts
 * on it and serves them.
 */
const STORE = 'bj-wangjing'; // config/shop.json
const TENCENT = { secretId: 'AKIDbackupTest', secretKey: 'backup-test-key', sdkAppId: '1400054321' };

function npm(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATA_DIR: '' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const rows = (file: string, query: string) => {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

/** A webhook receiver that answers 200 to every delivery. */
async function receiver(): Promise<{ url: string; got: string[]; server: Server }> {
  const got: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      got.push(body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server };
}

const work = mkdtempSync(join(tmpdir(), 'tw-backup-rm-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

test('webhook endpoints and deliveries, the notify log, history, import jobs and photos survive backup under load and restore; the server starts on them', async () => {
  const sms = await tencentStandIn(TENCENT);
  const hook = await receiver();
  const shop = JSON.parse(readFileSync('config/shop.json', 'utf8'));
  shop.stores.find((s: { id: string }) => s.id === STORE).notify = NotifyConfigSchema.parse({
    sms: {
      provider: 'tencent',
      sdkAppId: TENCENT.sdkAppId,
      signName: '测试一店',
      endpoint: sms.url,
      templates: { 'zh-CN': { checked_in: '2001', ready: '2005' } },
    },
  });
  const shopFile = join(work, 'shop.json');
  writeFileSync(shopFile, JSON.stringify(shop));
  const liveDir = join(work, 'live');
  const apiKey = randomBytes(18).toString('hex');
  const env = {
    API_KEY: apiKey,
    SIGNING_KEY: randomBytes(32).toString('hex'),
    SHOP_CONFIG: shopFile,
    WEBHOOKS_ALLOW_LOOPBACK: '1',
    TENCENT_SMS_SECRET_ID: TENCENT.secretId,
    TENCENT_SMS_SECRET_KEY: TENCENT.secretKey,
  };
  const call = async (base: string, method: string, path: string, body?: unknown, type = 'application/json') => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
  };
  const backupFile = join(work, 'live.twb');
  let roBefore: string;
  let endpointId: string;
  let importId: string;
  const port = await freePort();
  const live = await startServerProcess({ ...env, PORT: String(port), DATA_DIR: liveDir });
  const base = `http://localhost:${port}`;
  try {
    const created = await call(base, 'POST', '/api/webhooks', { url: hook.url, storeId: STORE, description: 'DMS' });
    assert.is(created.status, 201, JSON.stringify(created.body));
    endpointId = created.body.data.id;
    const ro = await call(
      base,
      'POST',
      `/api/stores/${STORE}/repair-orders`,
      aRepairOrderInput({ operations: [{ code: 'MNT-OIL' }], contactConsent: { sms: true }, customer: { name: '备份测试', phone: '13700137000' } }),
    );
    assert.is(ro.status, 201, JSON.stringify(ro.body));
    roBefore = ro.body.data.repairOrder.id;
    const imported = await call(
      base,
      'POST',
      `/api/stores/${STORE}/imports?kind=repair-orders`,
      `${JSON.stringify({ externalId: 'DMS-BK-1', ...aRepairOrderInput({ operations: [{ code: 'MNT-OIL' }] }) })}\n`,
      'application/x-ndjson',
    );
    assert.is(imported.status, 202, JSON.stringify(imported.body));
    importId = imported.body.data.id;
    // A feature's folder of write-once files (add-on work photos), and the webhook and SMS deliveries of the order.
    mkdirSync(join(liveDir, 'add-on-photos', STORE), { recursive: true });
    writeFileSync(join(liveDir, 'add-on-photos', STORE, 'p1.jpg'), 'not really a jpeg');
    for (let i = 0; i < 200 && (hook.got.length === 0 || sms.received.length === 0); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(hook.got.length > 0 && sms.received.length > 0, 'the webhook and the SMS of the order went out before the backup');

    // Writes keep arriving (each order with SMS consent: more messages, more deliveries) while the backup runs.
    const stream = new ActionStream(
      () => [base],
      apiKey,
      STORE,
      () => aRepairOrderInput({ operations: [{ code: 'MNT-OIL' }], contactConsent: { sms: true } }),
    );
    let total = 20;
    await stream.run(total, 4);
    let result: { code: number; out: string } | undefined;
    const running = npm(['backup', '--', backupFile, '--data-dir', liveDir]).then((r) => (result = r));
    while (!result) {
      total += 6;
      await stream.run(total, 3);
    }
    await running;
    assert.is(result!.code, 0, result!.out);
    assert.match(result!.out, /webhooks\.sqlite: .*webhook_endpoints 1/);
    assert.match(result!.out, /notify\.sqlite: /);
    assert.match(result!.out, /add-on-photos\/: 1 file/);
    assert.not.match(result!.out, /not known to the backup/, 'every entry of the data dir is known to the backup');
    assert.ok(total > 26, 'writes arrived while the backup ran');
  } finally {
    await live.stop();
    await sms.close();
    hook.server.close();
  }
  // What a server with these features keeps in its data dir: every entry is named by the backup's rule.
  const entries = await dataDirEntries(liveDir);
  console.log(`  data dir: ${entries.map((e) => `${e.name}${e.directory ? '/' : ''} (${e.kind})`).join(', ')}`);
  assert.equal(
    entries.filter((e) => e.kind === 'other'),
    [],
  );
  for (const name of ['webhooks.sqlite', 'notify.sqlite', 'history.sqlite', 'imports.sqlite'])
    assert.ok(
      entries.some((e) => e.name === name && e.kind === 'database'),
      `${name} is in the data dir`,
    );

  const { manifest } = await readBackup(backupFile);
  assert.ok(manifest.databases?.['webhooks.sqlite'], 'the webhook outbox is in the backup');
  assert.ok(manifest.files.some((f) => f.path === `add-on-photos/${STORE}/p1.jpg`));
  assert.not.ok(
    manifest.files.some((f) => /-wal$|-shm$|journal\.lock/.test(f.path)),
    'no write-ahead logs or lock: the databases are whole copies',
  );

  const restoredDir = join(work, 'restored');
  const restored = await npm(['restore', '--', backupFile, '--data-dir', restoredDir]);
  assert.is(restored.code, 0, restored.out);
  // The restored files, read as they are (before any server touched them).
  const endpoints = rows(join(restoredDir, 'webhooks.sqlite'), 'SELECT id, url FROM webhook_endpoints');
  assert.equal(endpoints, [{ id: endpointId!, url: hook.url }]);
  const deliveries = rows(join(restoredDir, 'webhooks.sqlite'), 'SELECT body, status FROM webhook_deliveries');
  assert.ok(
    deliveries.some((d) => String(d.body).includes(roBefore) && d.status === 'sent'),
    "the order's delivery, sent",
  );
  assert.is(deliveries.length, manifest.databases!['webhooks.sqlite']!.webhook_deliveries);
  const messages = rows(join(restoredDir, 'notify.sqlite'), `SELECT recipient, status FROM notify_messages WHERE ro_id = '${roBefore!}'`);
  assert.is(messages.length, 1);
  assert.match(String(messages[0]!.recipient), /13700137000/);
  const log = rows(join(restoredDir, 'notify.sqlite'), `SELECT status FROM notify_log WHERE ro_id = '${roBefore!}' ORDER BY at`);
  assert.ok(log.length >= 2, `the delivery log (queued, sent…): ${JSON.stringify(log)}`);
  assert.equal(readFileSync(join(restoredDir, 'add-on-photos', STORE, 'p1.jpg'), 'utf8'), 'not really a jpeg');

  // The server starts on the restored dir and serves them.
  const again = await startServerProcess({ ...env, PORT: String(await freePort()), DATA_DIR: restoredDir });
  try {
    const url = again.url;
    const hooks = await call(url, 'GET', `/api/webhooks/${endpointId!}`);
    assert.is(hooks.status, 200, JSON.stringify(hooks.body));
    assert.ok(hooks.body.data.deliveries.length > 0, 'its recent deliveries');
    const notes = await call(url, 'GET', `/api/stores/${STORE}/repair-orders/${roBefore!}/notifications`);
    assert.is(notes.status, 200, JSON.stringify(notes.body));
    assert.is(notes.body.data.messages[0].status, 'sent');
    const job = await call(url, 'GET', `/api/stores/${STORE}/imports/${importId!}`);
    assert.is(job.status, 200, JSON.stringify(job.body));
    assert.is(job.body.data.status, 'done');
    assert.is(job.body.data.counts.created, 1);
  } finally {
    await again.stop();
  }
});

test.run();

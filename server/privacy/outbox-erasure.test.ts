import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import Sqlite from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NotifyConfigSchema } from '../../shared/domain/notify-config';
import { aRepairOrderInput } from '../../tests/helpers/build';
import { aKioskShop } from '../../tests/helpers/kiosk';
import { createDatabase, findPostgres, reportNoPostgres, type TestDatabase } from '../../tests/helpers/postgres';
import { runCommand } from '../../tests/helpers/run-command';
import { startTestServer } from '../../tests/helpers/server';
import { listFiles } from '../store/journal/rewrite';
import { removeDir, tempDir } from '../store/journal/test-journal';
import { tencentStandIn } from '../notify/stand-ins';
import { TOMBSTONE } from './customers';

/**
 * `npm run privacy -- erase` reaches the two outboxes: the webhook deliveries' bodies (plate, VIN,
 * a parts note quoting the plate, the customer.message handed to the store's CRM with the phone and name) and the notification outbox and delivery log (phone number,
 * the text's values). Run through the real server on SQLite and on PostgreSQL; afterwards the raw
 * rows (and, embedded, the raw bytes of every file of the data dir) hold none of the customer's
 * values, and the other customer's rows are as they were.
 */
const OUYANG = { plate: '京A88888', name: '欧阳修', phone: '13855556666', vin: 'LFV3A23C1J3000008' };
const SU = { plate: '沪B12345', name: '苏轼', phone: '13733334444', vin: 'LSVAB4180E2000001' };
const values = (p: typeof OUYANG) => [p.plate, p.name, p.phone, p.vin];
const TENCENT = { secretId: 'AKIDeraseTest', secretKey: 'erase-test-key', sdkAppId: '1400011111' };
const privacy = (env: Record<string, string>, ...args: string[]) => runCommand(process.execPath, ['--import', 'tsx', 'scripts/privacy.ts', ...args], env);

/** Runs a visit of each customer through a real server with both outboxes on (the erased one's delivered); answers how many deliveries were sent. */
async function visits(where: { dataDir?: string; databaseUrl?: string }): Promise<{ sent: number }> {
  const sms = await tencentStandIn(TENCENT);
  const shop = aKioskShop();
  shop.stores[0]!.notify = NotifyConfigSchema.parse({
    sms: {
      provider: 'tencent',
      sdkAppId: TENCENT.sdkAppId,
      signName: '测试一店',
      endpoint: sms.url,
      templates: { 'zh-CN': { checked_in: '2001', ready: '2005' } },
    },
    // The store's CRM is told too: customer.message deliveries carry the phone and name.
    webhook: {},
  });
  const server = await startTestServer({
    ...where,
    shop,
    webhooks: { send: async () => ({ status: 200 }) },
    notify: { env: { TENCENT_SMS_SECRET_ID: TENCENT.secretId, TENCENT_SMS_SECRET_KEY: TENCENT.secretKey } },
  });
  try {
    assert.is((await server.api('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/dms' })).status, 201);
    assert.is((await server.api('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/crm', events: ['customer.message'] })).status, 201);
    const order = async (p: typeof OUYANG) => {
      const res = await server.api(
        'POST',
        '/api/stores/store-a/repair-orders',
        aRepairOrderInput({
          vehicle: { plate: p.plate, vin: p.vin, make: 'BMW', model: 'X3' },
          customer: { name: p.name, phone: p.phone, salutation: 'mr' },
          contactConsent: { sms: true },
        }),
      );
      assert.is(res.status, 201, JSON.stringify(res.body));
      return res.body.data.repairOrder;
    };
    const mine = await order(OUYANG);
    await order(SU);
    await server.webhooks!.outbox.feedAll();
    const sent = await server.webhooks!.outbox.tick();
    // A parts wait quoting the plate, then the car delivered (only a closed visit is erased): still pending in the outbox (not ticked).
    const base = `/api/stores/store-a/repair-orders/${mine.id}`;
    const post = async (path: string, body: unknown = {}) => {
      const res = await server.api('POST', `${base}${path}`, body);
      assert.is(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
      return res.body.data.repairOrder;
    };
    const op = mine.operations[0];
    await post(`/operations/${op.id}/start`, { bayId: 'bay-1' });
    await post(`/operations/${op.id}/pause`, { reason: 'parts', part: `车门 for ${OUYANG.plate}` });
    await post(`/operations/${op.id}/resume`);
    await post(`/operations/${op.id}/finish`);
    if ((await post('/qc-pass')).stage === 'washing') await post('/wash-done');
    await post('/deliver');
    await server.webhooks!.outbox.feedAll();
    await server.notify!.notifier.idle();
    assert.ok(sms.received.length >= 2, 'both customers were messaged');
    return { sent };
  } finally {
    await server.close();
    await sms.close();
  }
}

const Embedded = suite('erasure reaches the webhook and notify outboxes (SQLite)');

const sqliteRows = (file: string, table: string) => {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r));
  } finally {
    db.close();
  }
};

/** Files of the data dir holding any of `wanted`, read as raw bytes (a database's free pages included). */
async function holding(dir: string, wanted: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await listFiles(dir)) {
    const text = (await readFile(file)).toString('utf8');
    for (const v of wanted) if (text.includes(v)) found.push(`${relative(dir, file)}: ${v}`);
  }
  return found;
}

Embedded("no row and no byte of webhooks.sqlite or notify.sqlite holds the erased customer; the other customer's rows are intact", async () => {
  const dataDir = await tempDir('privacy-outboxes');
  try {
    const { sent } = await visits({ dataDir });
    assert.ok(sent >= 2, 'deliveries went out');
    const webhooks = `${dataDir}/webhooks.sqlite`;
    const notify = `${dataDir}/notify.sqlite`;
    const deliveriesBefore = sqliteRows(webhooks, 'webhook_deliveries');
    const theirs = (rows: string[], p: typeof OUYANG) => rows.filter((r) => values(p).some((v) => r.includes(v)));
    assert.ok(theirs(deliveriesBefore, OUYANG).length >= 2, 'the plate and VIN are in the deliveries before');
    assert.ok(
      deliveriesBefore.some((r) => r.includes('customer.message') && r.includes(OUYANG.phone) && r.includes(OUYANG.name)),
      "a customer.message with the customer's phone and name is among them",
    );
    assert.ok(
      deliveriesBefore.some((r) => r.includes('"status":"pending"') && r.includes(OUYANG.plate)),
      'one of them still pending',
    );
    const notifyBefore = ['notify_messages', 'notify_log'].flatMap((t) => sqliteRows(notify, t));
    assert.ok(theirs(notifyBefore, OUYANG).length >= 1, 'the phone is in the notify outbox before');
    const suBefore = { deliveries: theirs(deliveriesBefore, SU), notify: theirs(notifyBefore, SU) };

    const erased = await privacy({ DATABASE_URL: '' }, 'erase', '--plate', OUYANG.plate, '--data-dir', dataDir);
    assert.is(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, /webhook outbox \(SQLite\): [1-9]/);
    assert.match(erased.stdout, /notification outbox \(SQLite\): [1-9]/);
    assert.not.match(erased.stdout, /NOT COMPLETE/, 'no file of the data dir still holds the customer');

    const deliveriesAfter = sqliteRows(webhooks, 'webhook_deliveries');
    assert.equal(theirs(deliveriesAfter, OUYANG), [], 'no delivery row names the customer');
    assert.is(deliveriesAfter.length, deliveriesBefore.length, 'every delivery keeps its row (and its place in the order)');
    assert.ok(
      deliveriesAfter.some((r) => r.includes(TOMBSTONE)),
      'the plate became the tombstone',
    );
    assert.equal(
      theirs(
        ['notify_messages', 'notify_log', 'notify_push_subscriptions'].flatMap((t) => sqliteRows(notify, t)),
        OUYANG,
      ),
      [],
    );
    assert.equal(await holding(dataDir, values(OUYANG)), [], 'not in any file of the data dir, free pages and WAL included');
    assert.equal(
      {
        deliveries: theirs(deliveriesAfter, SU),
        notify: theirs(
          ['notify_messages', 'notify_log'].flatMap((t) => sqliteRows(notify, t)),
          SU,
        ),
      },
      suBefore,
      "the other customer's rows are exactly as they were",
    );
  } finally {
    await removeDir(dataDir);
  }
});

Embedded.run();

const postgres = await findPostgres();
if ('reason' in postgres) {
  reportNoPostgres('erasure of the outboxes on PostgreSQL', postgres.reason);
} else {
  const Pg = suite('erasure reaches the webhook and notify outboxes (PostgreSQL)');
  let db: TestDatabase;
  Pg.before(async () => {
    db = await createDatabase(postgres.url, 'outbox_erasure');
  });
  Pg.after(async () => {
    await db?.drop();
  });

  const rowsOf = async (table: string) => (await db.sql(`SELECT row_to_json(t)::text AS j FROM ${table} t ORDER BY 1`)).rows.map((r) => r.j as string);
  const holdingRows = async (p: typeof OUYANG) => {
    const found: Record<string, number> = {};
    for (const table of ['webhook_deliveries', 'notify_messages', 'notify_log', 'notify_push_subscriptions', 'notify_memory']) {
      const n = (await rowsOf(table)).filter((r) => values(p).some((v) => r.includes(v))).length;
      if (n) found[table] = n;
    }
    return found;
  };

  Pg("no row of the outboxes' tables holds the erased customer; the other customer's rows are intact", async () => {
    await visits({ databaseUrl: db.url });
    const before = await holdingRows(OUYANG);
    assert.ok(before.webhook_deliveries! >= 2 && before.notify_messages! >= 1, JSON.stringify(before));
    assert.ok(
      (await rowsOf('webhook_deliveries')).some((r) => r.includes('customer.message') && r.includes(OUYANG.phone)),
      'a customer.message names the phone before',
    );
    const suBefore = {
      deliveries: (await rowsOf('webhook_deliveries')).filter((r) => r.includes(SU.plate)),
      messages: (await rowsOf('notify_messages')).filter((r) => r.includes(SU.phone)),
    };
    const count = (await db.sql('SELECT count(*)::int AS n FROM webhook_deliveries')).rows[0].n;

    const erased = await privacy({}, 'erase', '--plate', OUYANG.plate, '--database-url', db.url);
    assert.is(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, /webhook outbox \(PostgreSQL\): [1-9]/);
    assert.match(erased.stdout, /notification outbox \(PostgreSQL\): [1-9]/);
    assert.equal(await holdingRows(OUYANG), {}, 'no row names the customer');
    assert.is((await db.sql('SELECT count(*)::int AS n FROM webhook_deliveries')).rows[0].n, count, 'every delivery keeps its row');
    assert.equal(
      {
        deliveries: (await rowsOf('webhook_deliveries')).filter((r) => r.includes(SU.plate)),
        messages: (await rowsOf('notify_messages')).filter((r) => r.includes(SU.phone)),
      },
      suBefore,
    );
  });
  Pg.run();
}

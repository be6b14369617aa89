import { readFile, rm, writeFile } from 'node:fs/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RepairOrder } from '../../shared/domain/repair-order';
import { StoreState } from '../../shared/workflow/state';
import { createDatabase, findPostgres, reportNoPostgres, type TestDatabase } from '../../tests/helpers/postgres';
import { runCommand } from '../../tests/helpers/run-command';
import { silentLogger } from '../log';
import { PostgresEventStore } from '../store/postgres-store';
import { TOMBSTONE } from './customers';
import { DAY, LI, VisitWriter, WANG, ZHANG, valuesOf } from './test-visits';

const postgres = await findPostgres();
const privacy = (...args: string[]) => runCommand(process.execPath, ['--import', 'tsx', 'scripts/privacy.ts', ...args]);
const T0 = Date.parse('2023-01-02T02:00:00Z');

/** Which tables hold each value: every row of every table of the database, as JSON text. */
async function occurrences(db: TestDatabase, values: string[]): Promise<Record<string, string[]>> {
  const { rows: tables } = await db.sql(`SELECT table_schema, table_name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`);
  assert.ok(tables.length >= 3, 'events, snapshots, schema_version at least');
  const found: Record<string, string[]> = {};
  for (const { table_schema, table_name } of tables) {
    const { rows } = await db.sql(`SELECT row_to_json(t)::text AS j FROM "${table_schema}"."${table_name}" t`);
    for (const v of values) if (rows.some((r) => (r.j as string).includes(v))) (found[v] ??= []).push(table_name);
  }
  return found;
}

async function lastVersions(url: string): Promise<Map<string, RepairOrder>> {
  const store = await PostgresEventStore.open({ url, log: silentLogger });
  const state = new StoreState('store-a');
  const last = new Map<string, RepairOrder>();
  for (const e of await store.read('store-a', 0)) for (const c of state.applyEvent(e)) if (c.kind === 'ro') last.set(c.key, c.after);
  await store.close();
  return last;
}

if ('reason' in postgres) {
  reportNoPostgres('npm run privacy on PostgreSQL', postgres.reason);
} else {
  interface Ctx {
    db: TestDatabase;
  }
  const test = suite<Ctx>('npm run privacy on PostgreSQL', {} as Ctx);

  test.before.each(async (ctx) => {
    ctx.db = await createDatabase(postgres.url, 'privacy');
    const store = await PostgresEventStore.open({ url: ctx.db.url, log: silentLogger });
    const w = new VisitWriter(store);
    await w.deliveredVisit(ZHANG, 'z1', T0);
    await w.deliveredVisit(WANG, 'w1', T0 + 2 * DAY);
    await w.deliveredVisit(ZHANG, 'z2', T0 + 30 * DAY);
    await w.openVisit(LI, 'l1', T0 + 31 * DAY);
    await store.saveSnapshot('store-a', w.state.toSnapshot());
    await store.close();
  });
  test.after.each(async ({ db }) => db.drop());

  test('erase --plate leaves no row of any table holding the name, phones, plate or VIN; the visits keep their stages', async ({ db }) => {
    const before = await lastVersions(db.url);
    assert.equal(Object.keys(await occurrences(db, valuesOf(ZHANG))).length, valuesOf(ZHANG).length, 'stored before');
    const { code, stdout, stderr } = await privacy('erase', '--plate', ZHANG.plateTyped, '--database-url', db.url);
    assert.is(code, 0, stderr);
    assert.match(stdout, /store-a: 2 repair orders, 2 appointments; \d+ events rewritten, 1 snapshot/);
    for (const v of valuesOf(ZHANG)) assert.not.match(stdout, v);
    assert.equal(await occurrences(db, valuesOf(ZHANG)), {});
    assert.equal(Object.keys(await occurrences(db, valuesOf(LI))).length, valuesOf(LI).length, 'another customer untouched');
    assert.equal(Object.keys(await occurrences(db, valuesOf(WANG))).length, valuesOf(WANG).length);
    const { rows } = await db.sql('SELECT reason, stores::text AS stores FROM erasures');
    assert.equal(
      rows.map((r) => r.reason),
      ['request'],
    );

    const after = await lastVersions(db.url);
    const [z2, was] = [after.get('ro:ro-z2')!, before.get('ro:ro-z2')!];
    assert.equal([z2.customer.name, z2.customer.phone, z2.vehicle.plate, z2.vehicle.vin], [TOMBSTONE, TOMBSTONE, TOMBSTONE, undefined]);
    assert.equal([z2.stage, z2.deliveredAt, z2.operations, z2.timeline], [was.stage, was.deliveredAt, was.operations, was.timeline]);
    assert.equal(after.get('ro:ro-l1'), before.get('ro:ro-l1'));
    const store = await PostgresEventStore.open({ url: db.url, log: silentLogger });
    const snapshot = await store.loadSnapshot('store-a');
    await store.close();
    assert.is(snapshot!.ros.find((r) => r.id === 'ro-z2')!.customer.name, TOMBSTONE);

    const again = await privacy('erase', '--plate', ZHANG.plate, '--database-url', db.url);
    assert.is(again.code, 3, 'a second erase finds nothing');
  });

  test('dry run and unknown plate change nothing; a connected server makes it refuse', async ({ db }) => {
    const dump = async () => (await db.sql('SELECT seq, record::text AS r FROM events ORDER BY seq')).rows;
    const before = await dump();
    const dry = await privacy('erase', '--plate', ZHANG.plate, '--database-url', db.url, '--dry-run');
    assert.is(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run: nothing was changed/);
    assert.is((await privacy('erase', '--plate', '京B99999', '--database-url', db.url)).code, 3);
    const server = await PostgresEventStore.open({ url: db.url, log: silentLogger });
    try {
      const refused = await privacy('erase', '--plate', ZHANG.plate, '--database-url', db.url);
      assert.is(refused.code, 1);
      assert.match(refused.stderr, /server connections? (is|are) open .*stop every server/);
    } finally {
      await server.close();
    }
    assert.equal(await dump(), before);
  });

  test('names a table it does not know that still holds the customer (a read model without a target), exit 4', async ({ db }) => {
    await db.sql('CREATE TABLE crm_contacts (ro_id text, plate text)');
    await db.sql('INSERT INTO crm_contacts VALUES ($1, $2), ($3, $4)', ['ro-z1', ZHANG.plate, 'ro-l1', LI.plate]);
    const { code, stderr } = await privacy('erase', '--plate', ZHANG.plate, '--database-url', db.url);
    assert.is(code, 4, stderr);
    assert.match(stderr, /NOT COMPLETE: .*table public\.crm_contacts \(1 row\).*ErasureTarget/);
    assert.equal(Object.keys(await occurrences(db, [ZHANG.plate, ZHANG.phones[0]!])), [ZHANG.plate], 'the log is erased, the unknown table left alone');
  });

  test("expire erases only customers past their store's retention, and records the run", async ({ db }) => {
    const config = `/tmp/tw-privacy-shop-${db.name}.json`;
    const shop = JSON.parse(await readFile('config/shop.json', 'utf8'));
    shop.stores[0].id = 'store-a';
    shop.stores[0].personalDataRetentionDays = 365;
    await writeFile(config, JSON.stringify(shop));
    try {
      const asOf = new Date(T0 + 370 * DAY).toISOString();
      const { code, stdout, stderr } = await privacy('expire', '--config', config, '--as-of', asOf, '--database-url', db.url);
      assert.is(code, 0, stderr);
      assert.match(stdout, /store-a: 1 repair order, 1 appointment/);
      assert.equal(await occurrences(db, valuesOf(WANG)), {});
      assert.equal(Object.keys(await occurrences(db, valuesOf(ZHANG))).length, valuesOf(ZHANG).length, 'came back on day 30: kept');
      const again = await privacy('expire', '--config', config, '--as-of', asOf, '--database-url', db.url);
      assert.match(again.stdout, /No customer is past the retention time/);
      assert.equal(
        (await db.sql('SELECT reason FROM erasures ORDER BY id')).rows.map((r) => r.reason),
        ['expired', 'expired'],
      );
    } finally {
      await rm(config, { force: true });
    }
  });

  test.run();
}

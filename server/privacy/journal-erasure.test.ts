import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RepairOrder } from '../../shared/domain/repair-order';
import type { WorkshopEvent } from '../../shared/workflow/events';
import { StoreState } from '../../shared/workflow/state';
import { runCommand } from '../../tests/helpers/run-command';
import { listFiles } from '../store/journal/rewrite';
import { readIndex } from '../store/journal/scan';
import { verifyJournal } from '../store/journal/repair';
import { openStore, removeDir, tempDir } from '../store/journal/test-journal';
import { TOMBSTONE } from './customers';
import { eraseInDataDir } from './journal-erasure';
import { ERASURE_TARGETS, type ErasedCustomer, type ErasureTargetFactory } from './targets';
import { DAY, LI, VisitWriter, WANG, ZHANG, valuesOf } from './test-visits';

const privacy = (...args: string[]) => runCommand(process.execPath, ['--import', 'tsx', 'scripts/privacy.ts', ...args], { DATABASE_URL: '' });

/** How often each value occurs in every file under `dir` (as UTF-8 and as JSON \u escapes). */
async function occurrences(dir: string, values: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const file of await listFiles(dir)) {
    const text = await readFile(file, 'utf8');
    for (const v of values) {
      const escaped = JSON.stringify(v)
        .slice(1, -1)
        .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      if (text.includes(v) || text.includes(escaped)) (found[v] ??= []).push(relative(dir, file));
    }
  }
  return found;
}

async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(dir))
    if (!file.endsWith('journal.lock'))
      out[relative(dir, file)] = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
  return out;
}

/** Every repair order as it last was, folded from the first event (retirement drops old ones from the live state). */
async function lastVersions(dir: string): Promise<Map<string, RepairOrder>> {
  const state = new StoreState('store-a');
  const last = new Map<string, RepairOrder>();
  for (const e of await allEvents(dir)) for (const c of state.applyEvent(e)) if (c.kind === 'ro') last.set(c.key, c.after);
  return last;
}

/** The store's state folded from its snapshot and the journal, as the server opens it. */
async function reopen(dir: string, storeId = 'store-a'): Promise<StoreState> {
  const store = await openStore(dir);
  try {
    const snapshot = await store.loadSnapshot(storeId);
    const state = snapshot ? StoreState.fromSnapshot(storeId, snapshot) : new StoreState(storeId);
    for (const e of await store.read(storeId, state.seq)) state.applyEvent(e);
    return state;
  } finally {
    await store.close();
  }
}

async function allEvents(dir: string): Promise<WorkshopEvent[]> {
  const store = await openStore(dir);
  const events: WorkshopEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  await store.close();
  return events;
}

const T0 = Date.parse('2023-01-02T02:00:00Z');

interface Ctx {
  dir: string;
}
const test = suite<Ctx>('npm run privacy on the embedded journal', {} as Ctx);

test.before.each(async (ctx) => {
  ctx.dir = await tempDir('privacy');
  // Small segments, so the rewrite has several sealed ones to re-seal.
  const store = await openStore(ctx.dir, { segmentBytes: 4096, now: () => T0 });
  const w = new VisitWriter(store);
  await w.deliveredVisit(ZHANG, 'z1', T0);
  await w.deliveredVisit(WANG, 'w1', T0 + 2 * DAY);
  await store.saveSnapshot('store-a', w.state.toSnapshot());
  await w.deliveredVisit(ZHANG, 'z2', T0 + 30 * DAY);
  await w.openVisit(LI, 'l1', T0 + 31 * DAY);
  await store.saveSnapshot('store-a', w.state.toSnapshot());
  await store.close();
  // The first-format journal a migration kept beside the new one holds plain commands.
  await writeFile(
    join(ctx.dir, 'journal.ndjson.migrated-v0'),
    `${JSON.stringify({ seq: 1, storeId: 'store-a', command: { vehicle: { plate: ZHANG.plate }, customer: { phone: ZHANG.phones[0] } } })}\n`,
  );
});
test.after.each(async ({ dir }) => removeDir(dir));

test('erase --plate removes name, phones, plate (as typed and normalised) and VIN from every file of the data dir', async ({ dir }) => {
  const before = await occurrences(dir, valuesOf(ZHANG));
  assert.ok(Object.keys(before).length === valuesOf(ZHANG).length, 'every value is stored before');
  const { code, stdout, stderr } = await privacy('erase', '--plate', '京a 12345', '--data-dir', dir);
  assert.is(code, 0, stderr);
  assert.match(stdout, /plate 京A·1\*\*45/);
  assert.match(stdout, /store-a: 2 repair orders, 2 appointments; \d+ events rewritten, 1 snapshot/);
  assert.match(stdout, /journal\.ndjson\.migrated-v0/);
  for (const v of valuesOf(ZHANG)) assert.not.match(stdout + stderr, v, `the report names ${v}`);
  assert.equal(await occurrences(dir, valuesOf(ZHANG)), {}, 'found after erasure');
  assert.equal(Object.keys(await occurrences(dir, valuesOf(LI))).length, valuesOf(LI).length, 'the other customers are kept');
  assert.equal(Object.keys(await occurrences(dir, valuesOf(WANG))).length, valuesOf(WANG).length);
});

test('the journal verifies, records the erasure, reopens, and the visits keep stages, times and operations', async ({ dir }) => {
  const eventsBefore = await allEvents(dir);
  const rosBefore = await lastVersions(dir);
  const stateBefore = await reopen(dir);
  assert.is((await privacy('erase', '--plate', ZHANG.plate, '--data-dir', dir)).code, 0);
  const verified = await runCommand(process.execPath, ['--import', 'tsx', 'scripts/journal.ts', 'verify', '--data-dir', dir]);
  assert.is(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, /is sound: .*; 1 erasure run of personal data recorded/);
  const summary = await verifyJournal(dir);
  assert.is(summary.events, eventsBefore.length, 'no event is lost');
  assert.ok(summary.segments > 2, `${summary.segments} segments`);
  const index = await readIndex(dir);
  assert.is(index.erasures?.length, 1);
  assert.is(index.erasures![0]!.reason, 'request');
  assert.is(index.erasures![0]!.stores['store-a']!.repairOrders, 2);

  const after = await allEvents(dir);
  assert.equal(
    after.map((e) => [e.seq, e.key, e.at, e.type]),
    eventsBefore.map((e) => [e.seq, e.key, e.at, e.type]),
    'envelopes and types unchanged',
  );
  const ros = await lastVersions(dir);
  for (const id of ['ro:ro-z1', 'ro:ro-z2']) {
    const ro = ros.get(id)!;
    const was = rosBefore.get(id)!;
    assert.is(ro.customer.name, TOMBSTONE);
    assert.is(ro.customer.phone, TOMBSTONE);
    assert.is(ro.vehicle.plate, TOMBSTONE);
    assert.is(ro.vehicle.vin, undefined);
    assert.is(ro.trackingToken, undefined, 'the tracking link no longer opens it');
    assert.is(ro.survey?.comment, undefined);
    assert.is(ro.survey?.score, 5);
    assert.equal(
      [ro.stage, ro.deliveredAt, ro.timeline, ro.operations, ro.vehicle.make],
      [was.stage, was.deliveredAt, was.timeline, was.operations, was.vehicle.make],
    );
  }
  assert.equal(ros.get('ro:ro-l1'), rosBefore.get('ro:ro-l1'), 'another customer untouched');
  assert.equal(ros.get('ro:ro-w1'), rosBefore.get('ro:ro-w1'));
  // The store opens from its rewritten snapshot to what a fold from the first event holds.
  const state = await reopen(dir);
  assert.equal([...state.ros.keys()], [...stateBefore.ros.keys()]);
  assert.equal(state.ros.get('ro-z2'), ros.get('ro:ro-z2'));
  assert.equal(state.ros.get('ro-l1'), stateBefore.ros.get('ro-l1'));
});

test('scrubs repair copies as text, but leaves a file it does not know (a read model without a target) and says so, exit 4', async ({ dir }) => {
  await mkdir(join(dir, 'repair-2026-01-01T00-00-00-000Z', 'journal'), { recursive: true });
  await writeFile(join(dir, 'repair-2026-01-01T00-00-00-000Z', 'journal', '000001.ndjson'), `0000000000000000 {"plate":"${ZHANG.plate}"}\n`);
  const stray = Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(`x${ZHANG.phones[0]}x`, 'utf8'), Buffer.from([254, 0])]);
  await writeFile(join(dir, 'crm-cache.sqlite'), stray);
  const { code, stdout, stderr } = await privacy('erase', '--plate', ZHANG.plate, '--data-dir', dir);
  assert.is(code, 4, stdout);
  assert.match(stderr, /NOT COMPLETE: .*crm-cache\.sqlite.*ErasureTarget/);
  assert.match(stderr, /Also scrubbed in the data dir: .*repair-2026-01-01T00-00-00-000Z\/journal\/000001\.ndjson/);
  assert.equal(await readFile(join(dir, 'crm-cache.sqlite')), stray, 'an unknown file is not edited');
  assert.equal(Object.keys(await occurrences(dir, valuesOf(ZHANG))), [ZHANG.phones[0]]);
});

test('calls every registered read model (ErasureTarget) before the log is rewritten, with the records and values, and reports its rows', async ({ dir }) => {
  const calls: { customers: readonly ErasedCustomer[]; dryRun: boolean; logStillNamesThem: boolean }[] = [];
  const factory: ErasureTargetFactory = async (where) => ({
    name: 'history read model (test)',
    async erase(customers, { dryRun }) {
      calls.push({ customers, dryRun, logStillNamesThem: Object.keys(await occurrences(where.dataDir, [ZHANG.plate])).length > 0 });
      return 3;
    },
  });
  ERASURE_TARGETS.push(factory);
  try {
    const dry = await eraseInDataDir(dir, { kind: 'plate', plate: ZHANG.plate }, { dryRun: true });
    const done = await eraseInDataDir(dir, { kind: 'plate', plate: ZHANG.plate });
    assert.equal([dry.targets, done.targets], [[{ name: 'history read model (test)', rows: 3 }], [{ name: 'history read model (test)', rows: 3 }]]);
  } finally {
    ERASURE_TARGETS.splice(ERASURE_TARGETS.indexOf(factory), 1);
  }
  assert.equal(
    calls.map((c) => [c.dryRun, c.logStillNamesThem]),
    [
      [true, true],
      [false, true],
    ],
  );
  const [customer] = calls[1]!.customers;
  assert.equal(
    [customer!.storeId, [...customer!.repairOrderIds].sort(), [...customer!.appointmentIds].sort(), customer!.reason],
    ['store-a', ['ro-z1', 'ro-z2'], ['ap-z1', 'ap-z2'], 'request'],
  );
  for (const v of valuesOf(ZHANG)) assert.ok(customer!.values.includes(v), v);
  assert.equal(await occurrences(dir, valuesOf(ZHANG)), {});
});

test('a dry run lists what it would erase and changes nothing', async ({ dir }) => {
  const before = await fingerprint(dir);
  const { code, stdout } = await privacy('erase', '--plate', ZHANG.plate, '--data-dir', dir, '--dry-run');
  assert.is(code, 0);
  assert.match(stdout, /Would erase .*:\n *store-a: 2 repair orders, 2 appointments; [1-9]\d* events to rewrite/s);
  assert.match(stdout, /Dry run: nothing was changed/);
  assert.equal(await fingerprint(dir), before);
});

test('an unknown plate, and a second erase, say no visit is stored, exit 3, and change nothing', async ({ dir }) => {
  const unknown = await privacy('erase', '--plate', '京B99999', '--data-dir', dir);
  assert.is(unknown.code, 3);
  assert.match(unknown.stderr, /No stored visit has plate 京B·9\*\*99/);
  assert.is((await privacy('erase', '--plate', ZHANG.plate, '--data-dir', dir)).code, 0);
  const before = await fingerprint(dir);
  const again = await privacy('erase', '--plate', ZHANG.plate, '--data-dir', dir);
  assert.is(again.code, 3, again.stderr);
  assert.match(again.stderr, /never recorded here, or was erased before/);
  assert.equal(await fingerprint(dir), before);
});

test('refuses a customer whose car is still in the workshop, exit 1', async ({ dir }) => {
  const before = await fingerprint(dir);
  const { code, stderr } = await privacy('erase', '--plate', LI.plate, '--data-dir', dir);
  assert.is(code, 1);
  assert.match(stderr, /1 open visit/);
  assert.equal(await fingerprint(dir), before);
});

test('refuses while a server holds the data dir, naming the process, exit 1', async ({ dir }) => {
  const store = await openStore(dir);
  try {
    const { code, stderr } = await privacy('erase', '--plate', ZHANG.plate, '--data-dir', dir);
    assert.is(code, 1);
    assert.match(stderr, new RegExp(`in use by another server \\(process ${process.pid}\\)`));
  } finally {
    await store.close();
  }
  assert.is(Object.keys(await occurrences(dir, [ZHANG.plate])).length > 0, true, 'nothing erased');
});

test('expire erases customers whose last visit ended more than the retention ago, keeping returning and open ones', async ({ dir }) => {
  const config = `${dir}-shop.json`;
  const shop = JSON.parse(await readFile('config/shop.json', 'utf8'));
  shop.stores[0].id = 'store-a';
  shop.stores[0].personalDataRetentionDays = 365;
  await writeFile(config, JSON.stringify(shop));
  try {
    // Zhang's last visit ended on day 31, Wang's on day 3: as of day 370 only Wang is due, Li is still in the workshop.
    const { code, stdout, stderr } = await privacy('expire', '--config', config, '--as-of', new Date(T0 + 370 * DAY).toISOString(), '--data-dir', dir);
    assert.is(code, 0, stderr);
    assert.match(stdout, /store-a: 1 repair order, 1 appointment/);
    assert.equal(await occurrences(dir, valuesOf(WANG)), {});
    assert.equal(Object.keys(await occurrences(dir, valuesOf(ZHANG))).length, valuesOf(ZHANG).length);
    assert.equal(Object.keys(await occurrences(dir, valuesOf(LI))).length, valuesOf(LI).length);
    assert.is((await readIndex(dir)).erasures?.[0]?.reason, 'expired');
    await verifyJournal(dir);
  } finally {
    await removeDir(config);
  }
});

test.run();

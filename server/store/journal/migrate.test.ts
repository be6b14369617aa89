import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JournalCorruptError } from './format';
import { scanJournal } from './scan';
import { openError, openStore, removeDir, tempDir } from './test-journal';

const FIXTURE = fileURLToPath(new URL('../../../tests/fixtures/legacy-v0/journal.ndjson', import.meta.url));

const test = suite<{ dir: string }>('journal: migrating the old single-file journal', { dir: '' });

test.before.each(async (ctx) => {
  ctx.dir = await tempDir('migrate');
});
test.after.each(async (ctx) => {
  await removeDir(ctx.dir);
});

const fixtureRecords = async () =>
  (await readFile(FIXTURE, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { storeId: string; seq: number; key: string });

test('migrates the committed fixture (2,639 lines): every record back as it was, seqs continuing', async ({ dir }) => {
  await copyFile(FIXTURE, join(dir, 'journal.ndjson'));
  await mkdir(join(dir, 'snapshots'));
  await writeFile(join(dir, 'snapshots', 'bj-wangjing.json'), '{"seq":3,"ros":[],"appointments":[]}');
  const records = await fixtureRecords();
  assert.is(records.length, 2639);
  const seen: unknown[] = [];
  const store = await openStore(dir, { upcastLegacy: (r) => (seen.push(r), r), segmentBytes: 256 * 1024, idempotencyWindowMs: 1e15 });
  assert.is(seen.length, 2639, 'every record went through the upcaster');
  const stores = [...new Set(records.map((r) => r.storeId))].sort();
  assert.equal(await store.storeIds(), stores);
  const back = [];
  for (const id of stores) {
    const events = await store.read(id, 0);
    assert.equal(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
      `${id}: gap-free`,
    );
    back.push(...events);
  }
  const byPosition = (a: { storeId: string; seq: number }, b: { storeId: string; seq: number }) => a.storeId.localeCompare(b.storeId) || a.seq - b.seq;
  assert.equal(back.sort(byPosition), records.sort(byPosition));
  const last = records.filter((r) => r.storeId === stores[0]).at(-1)!;
  assert.equal(await store.findByKey(stores[0], last.key), last);
  const next = await store.append({ ...(last as never as object), key: 'after-migration' } as never, last.seq);
  assert.is(next.status === 'appended' && next.event.seq, last.seq + 1);
  await store.close();

  const names = await readdir(dir);
  assert.ok(names.includes('journal.ndjson.migrated-v0') && !names.includes('journal.ndjson'), names.join(' '));
  assert.ok(names.includes('snapshots.migrated-v0'), 'old snapshots are moved aside (folds of old records)');
  assert.is((await stat(join(dir, 'journal.ndjson.migrated-v0'))).size, (await stat(FIXTURE)).size, 'the old file is kept as it was');
  const scan = await scanJournal(dir);
  assert.is(scan.events, 2640);
  assert.ok(scan.segments.length > 1, 'rotated by size while migrating');
});

test('passes each record through the upcaster and stores what it returns', async ({ dir }) => {
  await copyFile(FIXTURE, join(dir, 'journal.ndjson'));
  const store = await openStore(dir, { upcastLegacy: (r) => ({ ...(r as object), v: 2, data: { upcast: true } }) });
  const [first] = await store.read('bj-wangjing', 0, 1);
  assert.equal([(first as never as { v: number }).v, (first as never as { data: unknown }).data], [2, { upcast: true }]);
  await store.close();
});

test('an interrupted migration restarts: a half-built journal.new is thrown away and the old file is still the source', async ({ dir }) => {
  await copyFile(FIXTURE, join(dir, 'journal.ndjson'));
  await mkdir(join(dir, 'journal.new'));
  await writeFile(join(dir, 'journal.new', '000001.ndjson'), 'half');
  const store = await openStore(dir);
  assert.is((await scanJournal(dir)).events, 2639);
  await store.close();
});

test('finishes a migration that stopped between making the new journal and renaming the old file', async ({ dir }) => {
  await copyFile(FIXTURE, join(dir, 'journal.ndjson'));
  await (await openStore(dir)).close();
  await copyFile(join(dir, 'journal.ndjson.migrated-v0'), join(dir, 'journal.ndjson'));
  await rm(join(dir, 'journal.ndjson.migrated-v0'));
  const store = await openStore(dir);
  assert.is((await store.read('bj-wangjing', 0)).length > 0, true);
  await store.close();
  assert.ok(!(await readdir(dir)).includes('journal.ndjson'));
});

test('a corrupt line in the middle of the old file refuses the migration and leaves everything as it was', async ({ dir }) => {
  const lines = (await readFile(FIXTURE, 'utf8')).split('\n');
  lines[99] = lines[99].slice(0, 30);
  await writeFile(join(dir, 'journal.ndjson'), lines.join('\n'));
  const err = await openError(dir);
  assert.instance(err, JournalCorruptError);
  assert.match(err.message, /journal\.ndjson is corrupt at line 100: not JSON/);
  assert.equal((await readdir(dir)).sort(), ['journal.ndjson', 'snapshots']);
});

test('a torn last line of the old file is left out with a warning', async ({ dir }) => {
  const text = await readFile(FIXTURE, 'utf8');
  await writeFile(join(dir, 'journal.ndjson'), `${text}{"seq":99999,"storeId":"bj-wa`);
  const warnings: object[] = [];
  const store = await openStore(dir, { log: { debug() {}, info() {}, error() {}, warn: (c: object) => warnings.push(c) } });
  assert.is(warnings.length, 1);
  assert.is((await scanJournal(dir)).events, 2639);
  await store.close();
});

test.run();

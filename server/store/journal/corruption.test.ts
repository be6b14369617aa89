import { appendFile, cp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { WorkshopEvent } from '../../../shared/workflow/events';
import { JournalCorruptError, encodeChecked } from './format';
import { readIndex } from './scan';
import {
  appendMany, copyDir, filesOf, openError, openStore, readLinesOf, removeDir, segmentFile, snapshotFile, tempDir, writeLinesOf,
} from './test-journal';

const STORES = ['s-1', 's-2', 's-3', 's-4'];
const PER_STORE = 520;

interface Ctx {
  /** A closed data dir with 2,080 acknowledged events, snapshots of s-1 (at 520) and s-2 (at 260). */
  base: string;
  /** The same journal when it held 1,040 events (a backup taken half-way). */
  halfway: string;
  acked: WorkshopEvent[];
  dir: string;
}

const test = suite<Ctx>('journal: refuses every corruption but a torn last line, naming file and line', {} as Ctx);

test.before(async (ctx) => {
  ctx.base = await tempDir('corrupt-base');
  const store = await openStore(ctx.base);
  ctx.acked = await appendMany(store, STORES, PER_STORE / 2, 'first');
  await store.close();
  ctx.halfway = await copyDir(ctx.base, 'corrupt-half');
  const again = await openStore(ctx.base);
  ctx.acked.push(...(await appendMany(again, STORES, PER_STORE / 2, 'second')));
  await again.saveSnapshot('s-1', { seq: PER_STORE, ros: [{ id: 'ro-1' }], appointments: [] } as never);
  await again.saveSnapshot('s-2', { seq: PER_STORE / 2, ros: [{ id: 'ro-2' }], appointments: [] } as never);
  await again.close();
});
test.after(async (ctx) => {
  await removeDir(ctx.base);
  await removeDir(ctx.halfway);
});
test.before.each(async (ctx) => {
  ctx.dir = await copyDir(ctx.base, 'corrupt');
});
test.after.each(async (ctx) => {
  await removeDir(ctx.dir);
});

/** Open must refuse with a JournalCorruptError naming `file` and `line`, and change nothing. */
async function assertRefused(dir: string, file: string, line: number, reason: RegExp): Promise<JournalCorruptError> {
  const before = await filesOf(dir);
  const err = await openError(dir);
  assert.instance(err, JournalCorruptError, err.message);
  const corrupt = err as JournalCorruptError;
  assert.is(corrupt.file, file);
  assert.is(corrupt.line, line, corrupt.message);
  assert.ok(corrupt.message.includes(`${file} is corrupt at line ${line}:`), corrupt.message);
  assert.match(corrupt.message, reason);
  assert.match(corrupt.message, /npm run journal -- verify/);
  assert.match(corrupt.message, /npm run journal -- repair/);
  assert.equal(await filesOf(dir), before, 'a refused open changes no file');
  return corrupt;
}

test('the untouched journal opens with every acknowledged event', async ({ dir, acked }) => {
  const store = await openStore(dir);
  for (const id of STORES) assert.is(await store.lastSeq(id), PER_STORE);
  for (const event of acked) assert.equal(await store.findByKey(event.storeId, event.key), event);
  assert.is(acked.length, STORES.length * PER_STORE);
  assert.ok(acked.length >= 2000);
  await store.close();
});

test('a torn last line (crash mid-write, never acknowledged) is cut off with a warning and nothing else is lost', async ({ dir, acked }) => {
  const file = segmentFile(dir);
  const whole = await readFile(file, 'utf8');
  await appendFile(file, '3f2a9c0d1e2b3a4c {"seq":521,"storeId":"s-1","at":"2025-');
  const warnings: object[] = [];
  const log = { debug() {}, info() {}, error() {}, warn: (ctx: object) => warnings.push(ctx) };
  const store = await openStore(dir, { log });
  assert.is(store.recovery?.file, file);
  assert.is(store.recovery?.line, acked.length + 2);
  assert.is(warnings.length, 1);
  for (const id of STORES) assert.is(await store.lastSeq(id), PER_STORE);
  await store.close();
  assert.is(await readFile(file, 'utf8'), whole);
});

test('a journal cut at a line boundary half-way is refused: index.json proves it was longer', async ({ dir }) => {
  const file = segmentFile(dir);
  const lines = await readLinesOf(file);
  await writeLinesOf(file, [...lines.slice(0, 1001), '']);
  await assertRefused(dir, file, 1002, /ends after 1001 lines, but .*index\.json recorded 2081.*acknowledged events are missing/);
});

test('a journal cut mid-line half-way is refused, not repaired as a torn tail', async ({ dir }) => {
  const file = segmentFile(dir);
  const lines = await readLinesOf(file);
  await writeFile(file, `${lines.slice(0, 1001).join('\n')}\n${lines[1001].slice(0, 40)}`);
  await assertRefused(dir, file, 1002, /index\.json recorded 2081/);
});

test('a line deleted from the middle is refused at its place', async ({ dir }) => {
  const file = segmentFile(dir);
  const lines = await readLinesOf(file);
  lines.splice(700, 1); // line 701
  await writeLinesOf(file, lines);
  await assertRefused(dir, file, 701, /does not follow|checksum mismatch/);
});

test('bytes changed inside a middle line that stays valid JSON (an idempotency key) are refused at that line', async ({ dir }) => {
  const file = segmentFile(dir);
  const lines = await readLinesOf(file);
  lines[899] = lines[899].replace(/"key":"(first|second)-/, '"key":"forged-');
  JSON.parse(lines[899].slice(17));
  await writeLinesOf(file, lines);
  await assertRefused(dir, file, 900, /checksum mismatch: this line was changed/);
});

test('a name changed in a middle line (same length, valid JSON) is refused at that line', async ({ dir }) => {
  const file = segmentFile(dir);
  const lines = await readLinesOf(file);
  assert.ok(lines[1200].includes('张三'));
  lines[1200] = lines[1200].replace('张三', '李四');
  await writeLinesOf(file, lines);
  await assertRefused(dir, file, 1201, /checksum mismatch/);
});

test('the last complete line changed is refused, not dropped as a torn tail', async ({ dir, acked }) => {
  const file = segmentFile(dir);
  const lines = await readLinesOf(file);
  const last = lines.length - 2; // the file ends in a newline
  lines[last] = lines[last].replace('Corolla', 'Camry!!');
  await writeLinesOf(file, lines);
  await assertRefused(dir, file, acked.length + 1, /checksum mismatch/);
});

test('an emptied journal with snapshots present is refused', async ({ dir }) => {
  const file = segmentFile(dir);
  await truncate(file, 0);
  await assertRefused(dir, file, 1, /index\.json recorded 2081 .*acknowledged events are missing/);
});

test('an emptied journal with a matching emptied index is still refused: a snapshot proves seq 520', async ({ dir }) => {
  await rm(join(dir, 'journal'), { recursive: true });
  const fresh = await tempDir('fresh');
  await (await openStore(fresh)).close();
  await cp(join(fresh, 'journal'), join(dir, 'journal'), { recursive: true });
  await removeDir(fresh);
  await assertRefused(dir, segmentFile(dir), 2, /ends at seq 0 of store s-1, but snapshot .*s-1\.json proves seq 520 was written/);
});

test('a snapshot rewritten as valid JSON with no orders is refused', async ({ dir }) => {
  const file = snapshotFile(dir, 's-1');
  await writeFile(file, JSON.stringify({ seq: PER_STORE, ros: [], appointments: [] }));
  await assertRefused(dir, file, 1, /snapshot: no (header line|checksum)/);
});

test('a snapshot whose body was edited under its header is refused', async ({ dir }) => {
  const file = snapshotFile(dir, 's-1');
  const [header] = (await readFile(file, 'utf8')).split('\n');
  await writeFile(file, `${header}\n${JSON.stringify({ seq: PER_STORE, ros: [], appointments: [] })}`);
  await assertRefused(dir, file, 1, /checksum does not match/);
});

test('a snapshot ahead of the log (an older journal backup restored under newer snapshots) is refused', async ({ dir, halfway }) => {
  await rm(join(dir, 'journal'), { recursive: true });
  await cp(join(halfway, 'journal'), join(dir, 'journal'), { recursive: true });
  await assertRefused(dir, segmentFile(dir), 1042, /ends at seq 260 of store s-1, but snapshot .* proves seq 520/);
});

test('a snapshot re-checksummed at a seq past the journal is refused', async ({ dir }) => {
  const file = snapshotFile(dir, 's-2');
  const text = await readFile(file, 'utf8');
  const header = JSON.parse(text.slice(17, text.indexOf('\n')));
  await writeFile(file, encodeChecked({ ...header, seq: 9000 }, text.slice(text.indexOf('\n') + 1)));
  await assertRefused(dir, segmentFile(dir), 2082, /ends at seq 520 of store s-2, but snapshot .* proves seq 9000/);
});

test('a snapshot whose chain at its seq is not the journal’s (taken from another journal) is refused', async ({ dir }) => {
  const file = snapshotFile(dir, 's-2');
  const text = await readFile(file, 'utf8');
  const header = JSON.parse(text.slice(17, text.indexOf('\n')));
  await writeFile(file, encodeChecked({ ...header, chain: '0123456789abcdef' }, text.slice(text.indexOf('\n') + 1)));
  await assertRefused(dir, file, 1, /chain at that seq .* is [0-9a-f]{16}, not 0123456789abcdef/);
});

test('a missing index.json is refused', async ({ dir }) => {
  await rm(join(dir, 'journal', 'index.json'));
  await assertRefused(dir, join(dir, 'journal', 'index.json'), 1, /index is missing/);
});

test.run();

const segments = suite<{ dir: string }>('journal: segments', { dir: '' });

segments.before.each(async (ctx) => {
  ctx.dir = await tempDir('segments');
});
segments.after.each(async (ctx) => {
  await removeDir(ctx.dir);
});

segments('rotates into small segments, reads old events from disk, and refuses a missing or cut segment', async ({ dir }) => {
  const store = await openStore(dir, { segmentBytes: 16 * 1024, tailEvents: 10 });
  const acked = await appendMany(store, ['a', 'b'], 150);
  const status = await store.status();
  assert.match(status.detail!, /300 events in 2 stores, \d+ segments/);
  const count = Number(/(\d+) segments/.exec(status.detail!)![1]);
  assert.ok(count >= 5, `${count} segments`);
  assert.equal(await store.read('a', 0), acked.filter((e) => e.storeId === 'a'));
  assert.equal(await store.read('b', 20, 5), acked.filter((e) => e.storeId === 'b').slice(20, 25));
  assert.equal(await store.findByKey('a', acked[0].key), acked[0], 'an old key is found on disk');
  const all: WorkshopEvent[] = [];
  for await (const event of store.readAll!()) all.push(event);
  assert.is(all.length, 300);
  await store.close();

  const reopened = await openStore(dir, { segmentBytes: 16 * 1024, tailEvents: 10 });
  assert.equal(await reopened.read('b', 0), acked.filter((e) => e.storeId === 'b'));
  await reopened.close();

  const missing = await copyDir(dir, 'seg-missing');
  await rm(segmentFile(missing, 2));
  const err = await openError(missing);
  assert.instance(err, JournalCorruptError);
  assert.is((err as JournalCorruptError).file, segmentFile(missing, 2));
  assert.match(err.message, /this segment is missing/);
  await removeDir(missing);

  const lastCut = await copyDir(dir, 'seg-last');
  await truncate(segmentFile(lastCut, count), 0);
  const err2 = await openError(lastCut);
  assert.instance(err2, JournalCorruptError);
  assert.match(err2.message, new RegExp(`${String(count).padStart(6, '0')}\\.ndjson is corrupt at line 1: .*acknowledged events are missing`));
  await removeDir(lastCut);

  const sealedCut = await copyDir(dir, 'seg-sealed');
  const lines = await readLinesOf(segmentFile(sealedCut, 2));
  await writeLinesOf(segmentFile(sealedCut, 2), [...lines.slice(0, 5), '']);
  const err3 = await openError(sealedCut);
  assert.instance(err3, JournalCorruptError);
  assert.match(err3.message, /000002\.ndjson is corrupt at line 6/);
  await removeDir(sealedCut);
});

segments.run();

const crashed = suite<{ dir: string; copy: string }>('journal: a crash leaves index.json proving the last writes', { dir: '', copy: '' });

crashed.before.each(async (ctx) => {
  ctx.dir = await tempDir('crashed');
});
crashed.after.each(async (ctx) => {
  await removeDir(ctx.dir);
  if (ctx.copy) await removeDir(ctx.copy);
});

/** The data dir as a crash would leave it: the store still open (never closed), its lock gone with its process. */
async function crashCopy(dir: string): Promise<string> {
  const copy = await copyDir(dir, 'crashed-copy');
  await rm(join(copy, 'journal.lock'));
  return copy;
}

crashed('a cut at a line boundary inside the last writes before a crash is refused, far below checkpointEvery', async (ctx) => {
  const store = await openStore(ctx.dir);
  await appendMany(store, ['s-1'], 12, 'crash');
  // A failure deadline, not a speed bound: index.json follows the writes on a timer (checkpointMs).
  for (let i = 0; i < 600 && (await readIndex(ctx.dir)).segments[0].lines < 13; i++) await new Promise((r) => setTimeout(r, 50));
  assert.is((await readIndex(ctx.dir)).segments[0].lines, 13, 'index.json records the header and the 12 events without a close');
  ctx.copy = await crashCopy(ctx.dir);
  await store.close();

  const file = segmentFile(ctx.copy);
  const lines = await readLinesOf(file);
  await writeLinesOf(file, [...lines.slice(0, 10), '']); // the header and seq 1–9: seq 10–12 cut
  await assertRefused(ctx.copy, file, 11, /ends after 10 lines, but .*index\.json recorded 13 .*s-1: 3.*acknowledged events are missing/);
});

crashed('a cut mid-line inside the last writes before a crash is refused, not taken for a torn tail', async (ctx) => {
  const store = await openStore(ctx.dir);
  await appendMany(store, ['s-1'], 12, 'crash');
  for (let i = 0; i < 600 && (await readIndex(ctx.dir)).segments[0].lines < 13; i++) await new Promise((r) => setTimeout(r, 50));
  ctx.copy = await crashCopy(ctx.dir);
  await store.close();

  const file = segmentFile(ctx.copy);
  const lines = await readLinesOf(file);
  await writeFile(file, `${lines.slice(0, 12).join('\n')}\n${lines[12].slice(0, 30)}`);
  await assertRefused(ctx.copy, file, 13, /index\.json recorded 13/);
});

crashed.run();

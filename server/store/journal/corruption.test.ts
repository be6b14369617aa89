import { createHash } from 'node:crypto';
import { appendFile, cp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { WorkshopEvent } from '../../../shared/workflow/events';
import { aDraft } from '../../../tests/helpers/events';
import { JournalCorruptError, encodeChecked, type JournalIndex } from './format';
import { readIndex, scanJournal } from './scan';
import { appendMany, copyDir, filesOf, openError, openStore, readLinesOf, removeDir, segmentFile, snapshotFile, tempDir, writeLinesOf } from './test-journal';

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
  assert.equal(
    await store.read('a', 0),
    acked.filter((e) => e.storeId === 'a'),
  );
  assert.equal(await store.read('b', 20, 5), acked.filter((e) => e.storeId === 'b').slice(20, 25));
  assert.equal(await store.findByKey('a', acked[0].key), acked[0], 'an old key is found on disk');
  const all: WorkshopEvent[] = [];
  for await (const event of store.readAll!()) all.push(event);
  assert.is(all.length, 300);
  await store.close();

  const reopened = await openStore(dir, { segmentBytes: 16 * 1024, tailEvents: 10 });
  assert.equal(
    await reopened.read('b', 0),
    acked.filter((e) => e.storeId === 'b'),
  );
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

interface SealedCtx {
  /** A closed data dir: stores a and b, 20 events each on each of 6 days (segments 1–6), snapshots at the end of day 4. */
  base: string;
  acked: WorkshopEvent[];
  dir: string;
}

const DAY_MS = 86_400_000;
const DAYS = 6;
const PER_DAY = 20;
/** Open happens on day 6 with a 2-day window: segments 1–3 are before the window and every fold (4 holds the snapshots' seq). */
const OPEN_AT = Date.parse('2025-03-06T12:00:00Z');
const sealedOptions = { now: () => OPEN_AT, idempotencyWindowMs: 2 * DAY_MS };
const cutoff = OPEN_AT - 2 * DAY_MS;

const sealed = suite<SealedCtx>('journal: open takes a sealed segment by its digest, and still refuses it damaged', {} as SealedCtx);

sealed.before(async (ctx) => {
  ctx.base = await tempDir('sealed-base');
  const clock = { ms: 0 };
  const store = await openStore(ctx.base, { now: () => clock.ms });
  ctx.acked = [];
  for (let day = 1; day <= DAYS; day++) {
    for (let n = 0; n < PER_DAY; n++) {
      clock.ms = Date.parse(`2025-03-0${day}T10:00:00Z`) + n * 1000;
      for (const storeId of ['a', 'b']) {
        const seq = await store.lastSeq(storeId);
        const result = await store.append(aDraft({ storeId, key: `day${day}-${storeId}-seq${seq + 1}`, at: new Date(clock.ms).toISOString() }), seq);
        if (result.status !== 'appended') throw new Error(`unexpected ${result.status}`);
        ctx.acked.push(result.event);
      }
    }
    if (day === 4) for (const storeId of ['a', 'b']) await store.saveSnapshot(storeId, { seq: 4 * PER_DAY, ros: [], appointments: [] } as never);
  }
  await store.close();
});
sealed.after(async (ctx) => {
  await removeDir(ctx.base);
});
sealed.before.each(async (ctx) => {
  ctx.dir = await copyDir(ctx.base, 'sealed');
});
sealed.after.each(async (ctx) => {
  await removeDir(ctx.dir);
});

const fastScan = (dir: string) => scanJournal(dir, undefined, { trustDigests: { cutoff } });

/** index.json rewritten with its checksum (as an edit that knows the format would). */
async function rewriteIndex(dir: string, edit: (index: JournalIndex) => void): Promise<void> {
  const index = await readIndex(dir);
  edit(index);
  await writeFile(join(dir, 'journal', 'index.json'), encodeChecked(index));
}

sealed('the index records a length, a sha256 and the latest event time for every sealed segment', async ({ dir }) => {
  const index = await readIndex(dir);
  assert.is(index.segments.length, DAYS);
  for (const segment of index.segments.slice(0, -1)) {
    assert.match(segment.digest ?? '', /^[0-9a-f]{64}$/);
    assert.is(
      segment.digest,
      createHash('sha256')
        .update(await readFile(join(dir, 'journal', segment.name)))
        .digest('hex'),
    );
    assert.is(typeof segment.maxAt, 'number');
  }
  assert.is(index.segments.at(-1)!.digest, undefined, 'the active segment has none');
});

sealed('open reads only the segments a fold or the window reaches, and serves every event as a full check does', async ({ dir, acked }) => {
  const fast = await fastScan(dir);
  assert.is(fast.skipped, 3, 'segments 1–3 are taken by their digest');
  const deep = await scanJournal(dir);
  assert.is(deep.skipped, 0, 'verify reads every line');
  assert.equal(fast.lastSeqs, deep.lastSeqs);
  assert.is(fast.events, deep.events);
  assert.is(fast.tip, deep.tip);
  assert.equal(fast.segments, deep.segments);

  const store = await openStore(dir, sealedOptions);
  for (const id of ['a', 'b'])
    assert.equal(
      await store.read(id, 0),
      acked.filter((e) => e.storeId === id),
    );
  const inWindow = acked.filter((e) => Date.parse(e.at) >= cutoff);
  assert.ok(inWindow.length > 0);
  for (const event of inWindow) assert.equal(await store.findByKey(event.storeId, event.key), event);
  assert.is(await store.findByKey('a', 'day1-a-seq1'), undefined, 'a key older than the window is not held');
  const next = await store.append(aDraft({ storeId: 'a', key: 'after-reopen', at: new Date(OPEN_AT).toISOString() }), DAYS * PER_DAY);
  assert.is(next.status, 'appended');
  assert.equal(await store.loadSnapshot('a'), { seq: 4 * PER_DAY, ros: [], appointments: [] });
  await store.close();
});

sealed('a sealed segment changed in the middle (same length, valid JSON) is refused at its line: its digest no longer matches', async ({ dir }) => {
  const file = segmentFile(dir, 2);
  const lines = await readLinesOf(file);
  assert.ok(lines[20].includes('张三'));
  lines[20] = lines[20].replace('张三', '李四');
  await writeLinesOf(file, lines);
  await assertRefused(dir, file, 21, /checksum mismatch: this line was changed/);
});

sealed('a sealed segment with bytes appended after its last line is refused', async ({ dir }) => {
  const file = segmentFile(dir, 2);
  const lines = await readLinesOf(file);
  await appendFile(file, `${lines[1]}\n`);
  await assertRefused(dir, file, PER_DAY * 2 + 2, /store a: seq 21 does not follow 40 \(a repeat\)/);
});

sealed('a sealed segment deleted is refused, naming it', async ({ dir }) => {
  await rm(segmentFile(dir, 2));
  await assertRefused(dir, segmentFile(dir, 2), 1, /this segment is missing \(index\.json lists it as segment 2\)/);
});

sealed('a sealed segment replaced by another day’s is refused: its header does not continue the chain', async ({ dir }) => {
  await rewriteIndex(dir, (index) => (index.segments[1].digest = index.segments[2].digest));
  await cp(segmentFile(dir, 3), segmentFile(dir, 2));
  await assertRefused(dir, segmentFile(dir, 2), 1, /first line is not the header of segment 2|does not continue the chain/);
});

sealed('index.json edited without its checksum is refused', async ({ dir }) => {
  const file = join(dir, 'journal', 'index.json');
  const text = await readFile(file, 'utf8');
  const digest = (await readIndex(dir)).segments[1].digest!;
  await writeFile(file, text.replace(digest, `${digest[0] === '0' ? '1' : '0'}${digest.slice(1)}`));
  await assertRefused(dir, file, 1, /checksum does not match its content/);
});

sealed('index.json re-checksummed with a wrong digest: that segment is checked line by line, opens, and gets its digest back', async ({ dir }) => {
  const real = (await readIndex(dir)).segments[1].digest;
  await rewriteIndex(dir, (index) => (index.segments[1].digest = '0'.repeat(64)));
  const warnings: object[] = [];
  const log = { debug() {}, info() {}, error() {}, warn: (ctx: object) => warnings.push(ctx) };
  const store = await openStore(dir, { ...sealedOptions, log });
  assert.is(await store.lastSeq('a'), DAYS * PER_DAY);
  await store.close();
  assert.equal(
    warnings.map((w) => (w as { file: string }).file),
    [segmentFile(dir, 2)],
  );
  assert.is((await readIndex(dir)).segments[1].digest, real);
});

sealed('index.json re-checksummed with a wrong digest does not hide damage in that segment', async ({ dir }) => {
  await rewriteIndex(dir, (index) => (index.segments[1].digest = '0'.repeat(64)));
  const file = segmentFile(dir, 2);
  const lines = await readLinesOf(file);
  lines.splice(10, 1);
  await writeLinesOf(file, lines);
  await assertRefused(dir, file, 11, /does not follow|checksum mismatch/);
});

sealed('index.json re-checksummed with a seq range that does not follow on is refused, naming index.json', async ({ dir }) => {
  await rewriteIndex(dir, (index) => (index.segments[1].stores.a = [PER_DAY + 2, 2 * PER_DAY]));
  await assertRefused(dir, join(dir, 'journal', 'index.json'), 1, /000002\.ndjson: recorded to hold seq 22–40 of store a, which does not follow 20/);
});

sealed('a data dir from before digests opens, every line checked, and gets a digest for each sealed segment', async ({ dir, acked }) => {
  await rewriteIndex(dir, (index) =>
    index.segments.forEach((s) => {
      delete s.digest;
      delete s.maxAt;
    }),
  );
  assert.is((await fastScan(dir)).skipped, 0, 'without digests nothing is skipped');
  const store = await openStore(dir, sealedOptions);
  assert.equal(
    await store.read('b', 0),
    acked.filter((e) => e.storeId === 'b'),
  );
  await store.close();
  const index = await readIndex(dir);
  for (const segment of index.segments.slice(0, -1)) assert.match(segment.digest ?? '', /^[0-9a-f]{64}$/);
  assert.is((await fastScan(dir)).skipped, 3, 'the next open takes them by their digest');
});

sealed('a data dir from before digests with a damaged sealed segment is refused at its line', async ({ dir }) => {
  await rewriteIndex(dir, (index) => index.segments.forEach((s) => delete s.digest));
  const file = segmentFile(dir, 1);
  const lines = await readLinesOf(file);
  lines[5] = lines[5].replace('Corolla', 'Camry!!');
  await writeLinesOf(file, lines);
  await assertRefused(dir, file, 6, /checksum mismatch/);
});

sealed('`verify`’s scan still reads every line of a sealed segment whose digest matches', async ({ dir }) => {
  // Damage that keeps the digest: the index is rewritten to the damaged file's digest and length.
  const file = segmentFile(dir, 2);
  const lines = await readLinesOf(file);
  lines[20] = lines[20].replace('张三', '李四');
  await writeLinesOf(file, lines);
  await rewriteIndex(dir, (index) => (index.segments[1].digest = createHash('sha256').update(lines.join('\n')).digest('hex')));
  assert.is((await fastScan(dir)).skipped, 3, 'open would take it by the digest it was given');
  const err = await scanJournal(dir).catch((e: Error) => e);
  assert.instance(err, JournalCorruptError);
  assert.is((err as JournalCorruptError).file, file);
  assert.is((err as JournalCorruptError).line, 21);
});

sealed.run();

const digests = suite<{ dir: string }>('journal: a sealed segment’s digest', { dir: '' });

digests.before.each(async (ctx) => {
  ctx.dir = await tempDir('digests');
});
digests.after.each(async (ctx) => {
  await removeDir(ctx.dir);
});

digests('is the file’s sha256 when the segment was continued after a restart and after a torn tail was cut', async ({ dir }) => {
  const clock = { ms: Date.parse('2025-03-01T10:00:00Z') };
  const at = () => new Date(clock.ms).toISOString();
  const first = await openStore(dir, { now: () => clock.ms });
  for (let seq = 0; seq < 5; seq++) await first.append(aDraft({ storeId: 'a', at: at() }), seq);
  await first.close();
  await appendFile(segmentFile(dir), '3f2a9c0d1e2b3a4c {"seq":6,"storeId":"a","at":"2025-');
  const second = await openStore(dir, { now: () => clock.ms });
  assert.ok(second.recovery, 'the torn tail was cut');
  for (let seq = 5; seq < 10; seq++) await second.append(aDraft({ storeId: 'a', at: at() }), seq);
  clock.ms += DAY_MS;
  await second.append(aDraft({ storeId: 'a', at: at() }), 10);
  await second.close();
  const [sealedOne] = (await readIndex(dir)).segments;
  assert.is(
    sealedOne.digest,
    createHash('sha256')
      .update(await readFile(segmentFile(dir)))
      .digest('hex'),
  );
  assert.is(sealedOne.maxAt, Date.parse('2025-03-01T10:00:00Z'));
});

digests.run();

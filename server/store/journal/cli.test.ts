import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCommand } from '../../../tests/helpers/run-command';
import { appendMany, copyDir, filesOf, openStore, readLinesOf, removeDir, segmentFile, snapshotFile, tempDir, writeLinesOf } from './test-journal';

const run = (args: string[], env: Record<string, string> = {}) => runCommand(process.execPath, ['--import', 'tsx', ...args], env);
const journal = (...args: string[]) => run(['scripts/journal.ts', ...args]);
const NO_STACK = /^\s+at /m;

interface Ctx {
  base: string;
  dir: string;
}
const test = suite<Ctx>('npm run journal -- verify | repair, and npm start on a corrupt journal', {} as Ctx);

test.before(async (ctx) => {
  ctx.base = await tempDir('cli-base');
  const store = await openStore(ctx.base);
  await appendMany(store, ['s-1', 's-2'], 150);
  await store.saveSnapshot('s-1', { seq: 100, ros: [], appointments: [] });
  await store.close();
});
test.after(async (ctx) => removeDir(ctx.base));
test.before.each(async (ctx) => {
  ctx.dir = await copyDir(ctx.base, 'cli');
});
test.after.each(async (ctx) => removeDir(ctx.dir));

/** Line `n` (1-based) of the first segment changed, staying valid JSON. */
async function editLine(dir: string, n: number) {
  const lines = await readLinesOf(segmentFile(dir));
  lines[n - 1] = lines[n - 1].replace('张三', '李四');
  await writeLinesOf(segmentFile(dir), lines);
}

test('verify prints stores, events, segments and bytes of a sound journal, exit 0', async ({ dir }) => {
  const { code, stdout } = await journal('verify', '--data-dir', dir);
  assert.is(code, 0, stdout);
  assert.match(stdout, /is sound: 2 stores, 300 events, 1 segment, \d+ bytes, 1 snapshots/);
});

test('verify names the file and line of a changed line, exit 1, no stack trace', async ({ dir }) => {
  await editLine(dir, 120);
  const { code, stderr } = await journal('verify', '--data-dir', dir);
  assert.is(code, 1);
  assert.ok(stderr.includes(`${segmentFile(dir)} is corrupt at line 120: checksum mismatch`), stderr);
  assert.not.match(stderr, NO_STACK);
});

test('repair without the flag drops nothing: it says what cutting would drop, per store, and changes no file', async ({ dir }) => {
  await editLine(dir, 120);
  const before = await filesOf(dir);
  const { code, stderr } = await journal('repair', '--data-dir', dir);
  assert.is(code, 1);
  assert.match(stderr, /Not repaired: .* corrupt at line 120/);
  assert.match(stderr, /s-1: \d+\n\s+s-2: \d+/);
  assert.match(stderr, /--cut-at-first-bad-line/);
  assert.equal(await filesOf(dir), before);
});

test('repair --cut-at-first-bad-line cuts there, counts the dropped events per store, keeps a copy, and the journal verifies', async ({ dir }) => {
  await editLine(dir, 120);
  const original = await readFile(segmentFile(dir), 'utf8');
  const { code, stdout } = await journal('repair', '--data-dir', dir, '--cut-at-first-bad-line');
  assert.is(code, 0, stdout);
  const counts = Object.fromEntries([...stdout.matchAll(/^\s+(s-\d): (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
  assert.is(counts['s-1'] + counts['s-2'], 300 - 118, 'lines 120… held 182 events');
  assert.match(stdout, /moved aside snapshot .*s-1\.json: it is ahead of the journal after the cut/);
  const backup = /Copies of the changed files: (.*)$/m.exec(stdout)![1];
  assert.is(await readFile(join(backup, 'journal', '000001.ndjson'), 'utf8'), original);
  assert.is((await journal('verify', '--data-dir', dir)).code, 0);
  const store = await openStore(dir);
  assert.is((await store.lastSeq('s-1')) + (await store.lastSeq('s-2')), 118);
  await store.close();
});

test('repair cuts a torn tail without the flag, keeping a copy', async ({ dir }) => {
  await appendFile(segmentFile(dir), '0123456789abcdef {"seq":151,"st');
  const verify = await journal('verify', '--data-dir', dir);
  assert.is(verify.code, 0);
  assert.match(verify.stdout, /torn last line of 31 bytes/);
  const { code, stdout } = await journal('repair', '--data-dir', dir);
  assert.is(code, 0, stdout);
  assert.match(stdout, /cut a torn last line off .*000001\.ndjson \(line 302, 31 bytes, never acknowledged\)/);
  assert.match(stdout, /Copies of the changed files: /);
  assert.match((await journal('verify', '--data-dir', dir)).stdout, /300 events/);
});

test('repair moves a damaged snapshot aside without the flag (it costs replay time, not events)', async ({ dir }) => {
  await writeFile(snapshotFile(dir, 's-1'), '{"seq":100,"ros":[],"appointments":[]}');
  const { code, stdout } = await journal('repair', '--data-dir', dir);
  assert.is(code, 0, stdout);
  assert.match(stdout, /moved aside snapshot .*s-1\.json/);
  assert.equal(await readdir(join(dir, 'snapshots')), []);
  assert.is((await journal('verify', '--data-dir', dir)).code, 0);
});

test('repair refuses while a server holds the data dir', async ({ dir }) => {
  const store = await openStore(dir);
  try {
    const { code, stderr } = await journal('repair', '--data-dir', dir);
    assert.is(code, 1);
    assert.match(stderr, /is in use by another server \(process \d+\)/);
    assert.not.match(stderr, NO_STACK);
  } finally {
    await store.close();
  }
});

test('npm start on a corrupt journal exits non-zero with one readable message and no stack trace', async ({ dir }) => {
  await editLine(dir, 50);
  const { code, stderr } = await run(['server/main.ts'], { DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'error', DEMO: '0', SIMULATE: '0' });
  assert.is(code, 1, stderr);
  assert.ok(stderr.includes(`The server did not start: Journal ${segmentFile(dir)} is corrupt at line 50: checksum mismatch`), stderr);
  assert.match(stderr, /npm run journal -- verify/);
  assert.not.match(stderr, NO_STACK);
});

test.run();

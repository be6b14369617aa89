import { cp, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readIndex } from './scan';
import { verifyJournal } from './repair';
import { rewriteJournal, settleErasure } from './rewrite';
import { appendMany, copyDir, filesOf, openStore, removeDir, tempDir } from './test-journal';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const erasure = () => ({ at: '2026-12-07T00:00:00.000Z', reason: 'request' as const, stores: {} });
/** Renames every 张三 of store s-1 to 李四. */
const renaming = {
  event: (r: Record<string, unknown>) =>
    r.storeId === 's-1' && JSON.stringify(r).includes('张三') ? JSON.parse(JSON.stringify(r).replaceAll('张三', '李四')) : undefined,
  snapshot: () => undefined,
  erasure,
};

interface Ctx {
  dir: string;
}
const test = suite<Ctx>('rewriteJournal and settleErasure', {} as Ctx);

test.before.each(async (ctx) => {
  ctx.dir = await tempDir('rewrite');
  const store = await openStore(ctx.dir, { segmentBytes: 8192 });
  await appendMany(store, ['s-1', 's-2'], 60);
  await store.saveSnapshot('s-2', { seq: 40, ros: [], appointments: [] });
  await store.close();
});
test.after.each(async ({ dir }) => removeDir(dir));

test('rewrites records, re-seals every segment and re-chains snapshots: verify and open accept it, nothing is lost', async ({ dir }) => {
  const before = await verifyJournal(dir);
  const result = await rewriteJournal(dir, renaming);
  assert.is(result.events, 60);
  assert.ok(result.segments > 2);
  const after = await verifyJournal(dir);
  assert.equal({ ...after, erasures: 0, lastErasureAt: undefined }, { ...before, erasures: 0, lastErasureAt: undefined });
  assert.is((await readIndex(dir)).erasures?.length, 1);
  assert.ok((await readIndex(dir)).segments.slice(0, -1).every((s) => s.sealed && s.digest));
  const store = await openStore(dir);
  const events = await store.read('s-1', 0);
  assert.is(events.length, 60);
  assert.ok(events.every((e) => JSON.stringify(e).includes('李四') && !JSON.stringify(e).includes('张三')));
  assert.ok(
    (await store.read('s-2', 0)).every((e) => JSON.stringify(e).includes('张三')),
    'other store untouched',
  );
  assert.is((await store.loadSnapshot('s-2'))?.seq, 40);
  assert.is((await store.append({ ...events[0]!, key: 'after-erasure-1', seq: undefined } as never, 60)).status, 'appended', 'takes appends after');
  await store.close();
  assert.not.ok(await exists(join(dir, 'erasure.new')));
  assert.not.ok(await exists(join(dir, 'erasure.old')), 'the old journal, which held the erased data, is gone');
});

test('a build cut short before READY is dropped on open; the journal is as it was', async ({ dir }) => {
  const before = await filesOf(dir);
  await mkdir(join(dir, 'erasure.new', 'journal'), { recursive: true });
  await writeFile(join(dir, 'erasure.new', 'journal', '000001.ndjson'), 'half');
  await settleErasure(dir);
  assert.equal(await filesOf(dir), before);
});

test('a swap cut short after moving the old journal aside is finished by the next open', async ({ dir }) => {
  const done = await copyDir(dir, 'rewrite-done');
  try {
    await rewriteJournal(done, renaming);
    // The state a crash between the two renames of the journal folder leaves.
    await mkdir(join(dir, 'erasure.new'));
    for (const folder of ['journal', 'snapshots']) await cp(join(done, folder), join(dir, 'erasure.new', folder), { recursive: true });
    await writeFile(join(dir, 'erasure.new', 'READY'), '{}\n');
    await mkdir(join(dir, 'erasure.old'));
    await rename(join(dir, 'journal'), join(dir, 'erasure.old', 'journal'));
    const store = await openStore(dir);
    await store.close();
    assert.equal(await filesOf(dir), await filesOf(done));
  } finally {
    await removeDir(done);
  }
});

test('refuses to rewrite a journal that does not verify', async ({ dir }) => {
  const segment = join(dir, 'journal', '000001.ndjson');
  await writeFile(segment, (await readFile(segment, 'utf8')).replace('张三', '王五'));
  const err = await rewriteJournal(dir, renaming).catch((e: Error) => e);
  assert.instance(err, Error);
  assert.match((err as Error).message, /corrupt/);
  assert.not.ok(await exists(join(dir, 'erasure.new')));
});

test.run();

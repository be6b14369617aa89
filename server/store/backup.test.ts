import { appendFile, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BackupError, backup, readBackup, restore } from './backup';
import { appendMany, openStore, segmentFile, tempDir } from './journal/test-journal';

/** The copy's edge cases, on data dirs written in-process (the live-server test is tests/faults/backup.test.ts). */
const test = suite('backup of the embedded store');

test("the server's keys and ended sessions travel with the journal, owner-readable only", async () => {
  const dir = await tempDir('bk');
  try {
    const data = join(dir, 'data');
    const store = await openStore(data);
    await appendMany(store, ['store-a'], 3);
    await store.close();
    await writeFile(join(data, 'secrets.json'), '{"signingKey":"k","apiKey":"a"}', { mode: 0o600 });
    await writeFile(join(data, 'sessions-ended.json'), '{"sessions":{"abc":1},"people":{}}', { mode: 0o600 });
    const report = await backup(data, join(dir, 'b.twb'));
    assert.is((await stat(report.file)).mode & 0o777, 0o600, 'the backup file holds the signing key');
    await restore(report.file, join(dir, 'r'));
    assert.is(await readFile(join(dir, 'r', 'secrets.json'), 'utf8'), '{"signingKey":"k","apiKey":"a"}');
    assert.is((await stat(join(dir, 'r', 'secrets.json'))).mode & 0o777, 0o600);
    assert.is(await readFile(join(dir, 'r', 'sessions-ended.json'), 'utf8'), '{"sessions":{"abc":1},"people":{}}');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a line still being written at the end of the active segment is left out, not an error', async () => {
  const dir = await tempDir('bk');
  try {
    const store = await openStore(join(dir, 'data'), { segmentBytes: 4000 });
    await appendMany(store, ['store-a', 'store-b'], 20);
    await store.saveSnapshot('store-a', { seq: 5, ros: [], appointments: [] });
    // Hold the store open (as a server does) and leave half a line at the end, as a write in flight.
    const index = JSON.parse((await readFile(join(dir, 'data', 'journal', 'index.json'), 'utf8')).split('\n')[0]!.slice(17));
    const active = index.segments.length;
    await appendFile(segmentFile(join(dir, 'data'), active), '0123456789abcdef {"storeId":"store-a","se');
    const report = await backup(join(dir, 'data'), join(dir, 'b.twb'));
    assert.ok(report.cutBytes > 0, 'the half line was cut off the copy');
    assert.equal(report.manifest.stores, {
      'store-a': { lastSeq: 20, chain: report.manifest.stores['store-a']!.chain },
      'store-b': { lastSeq: 20, chain: report.manifest.stores['store-b']!.chain },
    });
    assert.ok(
      report.manifest.files.some((f) => f.path === 'snapshots/store-a.json'),
      'the snapshot is in it',
    );
    assert.ok(active > 1, 'several segments');
    await store.close();
    const restored = await restore(join(dir, 'b.twb'), join(dir, 'r'));
    assert.is(restored.events, 40);
    const copy = await openStore(join(dir, 'r'));
    assert.is((await copy.loadSnapshot('store-a'))?.seq, 5);
    assert.is(await copy.lastSeq('store-b'), 20);
    await copy.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a changed line in the live journal is refused, and no file is written', async () => {
  const dir = await tempDir('bk');
  try {
    const store = await openStore(join(dir, 'data'));
    await appendMany(store, ['store-a'], 5);
    await store.close();
    const file = segmentFile(join(dir, 'data'));
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"seq":3', '"seq":3 '));
    const err = await backup(join(dir, 'data'), join(dir, 'b.twb')).catch((e: Error) => e);
    assert.instance(err, BackupError);
    assert.match((err as Error).message, /corrupt/);
    assert.not.ok(
      await readFile(join(dir, 'b.twb')).then(
        () => true,
        () => false,
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an existing backup file is not overwritten; a fresh store with no events backs up and restores', async () => {
  const dir = await tempDir('bk');
  try {
    const store = await openStore(join(dir, 'data'));
    await store.close();
    const report = await backup(join(dir, 'data'), join(dir, 'b.twb'));
    assert.equal(report.manifest.stores, {});
    const err = await backup(join(dir, 'data'), join(dir, 'b.twb')).catch((e: Error) => e);
    assert.match((err as Error).message, /already exists/);
    assert.is((await readBackup(join(dir, 'b.twb'))).manifest.events, 0);
    assert.is((await restore(join(dir, 'b.twb'), join(dir, 'r'))).events, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();

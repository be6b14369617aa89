import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCreateRepairOrder, aDraft, anUpdateRepairOrder } from '../../tests/helpers/events';
import { silentLogger } from '../log';
import { contractSuite } from './event-store.contract';
import { EmbeddedEventStore, JournalCorruptError } from './embedded-store';

const tempDir = () => mkdtemp(join(tmpdir(), 'tw-embedded-'));

contractSuite('embedded', async () => {
  const dir = await tempDir();
  let current = await EmbeddedEventStore.open(dir, { log: silentLogger });
  return {
    store: current,
    async reopen() {
      await current.close();
      current = await EmbeddedEventStore.open(dir, { log: silentLogger });
      return current;
    },
    async cleanup() {
      await current.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

/** A data dir holding a journal with `count` events of store-a, closed again. */
async function journalWith(count: number): Promise<{ dir: string; file: string }> {
  const dir = await tempDir();
  const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
  for (let i = 0; i < count; i++) await store.append(aDraft(), i);
  await store.close();
  return { dir, file: join(dir, 'journal.ndjson') };
}

const recovery = suite('embedded store: crash recovery');

recovery('cuts off a torn last line on open, and later appends carry on from the last whole event', async () => {
  const { dir, file } = await journalWith(3);
  try {
    const whole = await readFile(file, 'utf8');
    await appendFile(file, '{"seq":4,"storeId":"store-a","at":"2025-'); // crash mid-write: no newline
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    assert.equal(store.recovery && { line: store.recovery.line, file: store.recovery.file }, { line: 4, file });
    assert.is(await store.lastSeq('store-a'), 3);
    const next = await store.append(aDraft(), 3);
    assert.is(next.status === 'appended' && next.event.seq, 4);
    await store.close();
    assert.ok((await readFile(file, 'utf8')).startsWith(whole), 'the good lines are untouched');

    const reopened = await EmbeddedEventStore.open(dir, { log: silentLogger });
    assert.is(reopened.recovery, undefined, 'nothing left to repair');
    assert.equal((await reopened.read('store-a', 0)).map((e) => e.seq), [1, 2, 3, 4]);
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('cuts off a last line that ends in a newline but is not JSON (garbage from a torn write)', async () => {
  const { dir, file } = await journalWith(2);
  try {
    await appendFile(file, '\0\0\0{"seq":3,"sto\n');
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    assert.is(store.recovery?.line, 3);
    assert.is(await store.lastSeq('store-a'), 2);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('refuses to open a journal with a corrupt line in the middle, naming the file and line', async () => {
  const { dir, file } = await journalWith(4);
  try {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = lines[1].slice(0, 20); // line 2 of 4 cut short
    await writeFile(file, lines.join('\n'));
    const err = await EmbeddedEventStore.open(dir, { log: silentLogger }).then(() => undefined, (e: unknown) => e);
    assert.instance(err, JournalCorruptError);
    assert.match((err as Error).message, file);
    assert.match((err as Error).message, /line 2\b/);
    assert.is((err as JournalCorruptError).line, 2);
    assert.is(await readFile(file, 'utf8'), lines.join('\n'), 'the file is left as it was');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('refuses to open a journal whose seqs skip, naming the line', async () => {
  const { dir, file } = await journalWith(3);
  try {
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, [lines[0], lines[2], ''].join('\n'));
    const err = await EmbeddedEventStore.open(dir, { log: silentLogger }).then(() => undefined, (e: unknown) => e);
    assert.instance(err, JournalCorruptError);
    assert.match((err as Error).message, /line 2: store store-a: seq 3 does not follow 1/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('ignores a snapshot that is ahead of the journal, so nothing is skipped', async () => {
  const { dir } = await journalWith(2);
  try {
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    await store.saveSnapshot('store-a', { seq: 2, ros: [], appointments: [] });
    await store.saveSnapshot('store-b', { seq: 7, ros: [], appointments: [] });
    assert.is((await store.loadSnapshot('store-a'))?.seq, 2);
    assert.is(await store.loadSnapshot('store-b'), undefined);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('replays a journal of several megabytes, whose lines straddle read chunks, exactly', async () => {
  const dir = await tempDir();
  try {
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    const stores = Array.from({ length: 30 }, (_, i) => `big-${i}`);
    await Promise.all(stores.map(async (storeId) => {
      await store.append(aDraft({ storeId, command: aCreateRepairOrder('ro-1') }), 0);
      for (let seq = 1; seq < 100; seq++)
        await store.append(aDraft({ storeId, command: anUpdateRepairOrder('ro-1', `${seq} ${'详细描述'.repeat(100)}`) }), seq);
    }));
    const before = await Promise.all(stores.map((id) => store.read(id, 0)));
    await store.close();
    assert.ok((await stat(join(dir, 'journal.ndjson'))).size > 3 * (1 << 20), 'spans several 1 MiB read chunks');

    const reopened = await EmbeddedEventStore.open(dir, { log: silentLogger });
    assert.is(reopened.recovery, undefined);
    assert.equal(await Promise.all(stores.map((id) => reopened.read(id, 0))), before);
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('after a failed journal write, refuses appends until reopened and never shows the lost events', async () => {
  const dir = await tempDir();
  try {
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    const kept = await store.append(aDraft(), 0);
    // A real write failure, no mocks: the journal's file handle is closed under the store.
    await (store as unknown as { fh: { close(): Promise<void> } }).fh.close();
    const lost = aDraft();
    const failures = await Promise.all([store.append(lost, 1), store.append(aDraft({ storeId: 'store-b' }), 0)].map((p) => p.then(() => undefined, (e: Error) => e)));
    for (const err of failures) assert.is(err?.name, 'StoreUnavailableError');
    assert.match(failures[0]!.message, /reopened/);
    assert.is(await store.lastSeq('store-a'), 1);
    assert.is(await store.findByKey('store-a', lost.key), undefined);
    assert.equal(await store.storeIds(), ['store-a']);
    assert.is((await store.status()).ok, false);
    const later = await store.append(aDraft(), 1).then(() => undefined, (e: Error) => e);
    assert.is(later?.name, 'StoreUnavailableError');
    await store.close();

    const reopened = await EmbeddedEventStore.open(dir, { log: silentLogger });
    assert.equal(await reopened.read('store-a', 0), [kept.status === 'appended' && kept.event]);
    assert.is((await reopened.append(lost, 1)).status, 'appended');
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('refuses appends after close with StoreUnavailableError, and finishes the ones in flight first', async () => {
  const dir = await tempDir();
  try {
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    const inFlight = Promise.all([store.append(aDraft({ storeId: 's-1' }), 0), store.append(aDraft({ storeId: 's-2' }), 0)]);
    const closed = store.close();
    const late = await store.append(aDraft({ storeId: 's-3' }), 0).then(() => undefined, (e: Error) => e);
    assert.is(late?.name, 'StoreUnavailableError');
    assert.equal((await inFlight).map((r) => r.status), ['appended', 'appended']);
    await closed;
    const reopened = await EmbeddedEventStore.open(dir, { log: silentLogger });
    assert.equal(await reopened.storeIds(), ['s-1', 's-2']);
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery.run();

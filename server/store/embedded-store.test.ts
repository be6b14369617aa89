import { appendFile, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCreateRepairOrder, aDraft, anUpdateRepairOrder } from '../../tests/helpers/events';
import { silentLogger } from '../log';
import { contractSuite } from './event-store.contract';
import { EmbeddedEventStore, type OpenFile } from './embedded-store';
import { openFileDefault } from './journal/segment-writer';
import { scanJournal } from './journal/scan';
import { openStore, segmentFile, tempDir } from './journal/test-journal';

contractSuite('embedded', async () => {
  const dir = await tempDir('embedded');
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
  const dir = await tempDir('embedded');
  const store = await openStore(dir);
  for (let i = 0; i < count; i++) await store.append(aDraft(), i);
  await store.close();
  return { dir, file: segmentFile(dir) };
}

/** A disk that can be made full: writes and fsyncs through handles it opened fail with ENOSPC while `full`. */
function fillableDisk() {
  const disk = { full: false, failures: 0 };
  const enospc = () => {
    disk.failures++;
    return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
  };
  const openFile: OpenFile = async (path, flags) => {
    if (disk.full && flags !== 'a') return enospc();
    const fh = await openFileDefault(path, flags);
    return new Proxy(fh, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if ((prop === 'write' || prop === 'datasync') && typeof value === 'function')
          return (...args: unknown[]) => (disk.full ? enospc() : (value as (...a: unknown[]) => unknown).apply(target, args));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as FileHandle;
  };
  return { disk, openFile };
}

const until = async (check: () => Promise<boolean>) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 5));
};

const recovery = suite('embedded store: crash recovery');

recovery('cuts off a torn last line on open, and later appends carry on from the last whole event', async () => {
  const { dir, file } = await journalWith(3);
  try {
    const whole = await readFile(file, 'utf8');
    await appendFile(file, '0123456789abcdef {"seq":4,"storeId":"store-a","at":"2025-'); // crash mid-write: no newline
    const store = await openStore(dir);
    assert.equal(store.recovery && { line: store.recovery.line, file: store.recovery.file }, { line: 5, file });
    assert.is(await store.lastSeq('store-a'), 3);
    const next = await store.append(aDraft(), 3);
    assert.is(next.status === 'appended' && next.event.seq, 4);
    await store.close();
    assert.ok((await readFile(file, 'utf8')).startsWith(whole), 'the good lines are untouched');

    const reopened = await openStore(dir);
    assert.is(reopened.recovery, undefined, 'nothing left to repair');
    assert.equal(
      (await reopened.read('store-a', 0)).map((e) => e.seq),
      [1, 2, 3, 4],
    );
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('cuts off a last line that ends in a newline but is not a journal line (garbage from a torn write)', async () => {
  const { dir } = await journalWith(2);
  try {
    await appendFile(segmentFile(dir), '\0\0\0{"seq":3,"sto\n');
    const store = await openStore(dir);
    assert.is(store.recovery?.line, 4);
    assert.is(await store.lastSeq('store-a'), 2);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('refuses to save a snapshot ahead of the journal, so none can ever skip events', async () => {
  const { dir } = await journalWith(2);
  try {
    const store = await openStore(dir);
    await store.saveSnapshot('store-a', { seq: 2, ros: [], appointments: [] });
    assert.is((await store.loadSnapshot('store-a'))?.seq, 2);
    const err = await store.saveSnapshot('store-b', { seq: 7, ros: [], appointments: [] }).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.match(err?.message ?? '', /ahead of the journal/);
    assert.is(await store.loadSnapshot('store-b'), undefined);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('replays a journal of several megabytes, whose lines straddle read chunks, exactly', async () => {
  const dir = await tempDir('embedded');
  try {
    const store = await openStore(dir);
    const stores = Array.from({ length: 30 }, (_, i) => `big-${i}`);
    await Promise.all(
      stores.map(async (storeId) => {
        await store.append(aDraft({ storeId, command: aCreateRepairOrder('ro-1') }), 0);
        for (let seq = 1; seq < 100; seq++)
          await store.append(aDraft({ storeId, command: anUpdateRepairOrder('ro-1', `${seq} ${'详细描述'.repeat(100)}`) }), seq);
      }),
    );
    const before = await Promise.all(stores.map((id) => store.read(id, 0)));
    await store.close();
    assert.ok((await stat(segmentFile(dir))).size > 3 * (1 << 20), 'spans several 1 MiB read chunks');

    const reopened = await openStore(dir, { tailEvents: 10 });
    assert.is(reopened.recovery, undefined);
    assert.equal(await Promise.all(stores.map((id) => reopened.read(id, 0))), before);
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('on a full disk: the batch is rolled back and refused, then the store comes back by itself when space returns', async () => {
  const dir = await tempDir('embedded');
  const { disk, openFile } = fillableDisk();
  try {
    const store = await openStore(dir, { openFile, retryMs: 1 });
    const kept = await store.append(aDraft(), 0);
    const sizeBefore = (await stat(segmentFile(dir))).size;
    disk.full = true;
    const lost = aDraft();
    const failures = await Promise.all(
      [store.append(lost, 1), store.append(aDraft({ storeId: 'store-b' }), 0)].map((p) =>
        p.then(
          () => undefined,
          (e: Error) => e,
        ),
      ),
    );
    for (const err of failures) assert.is(err?.name, 'StoreUnavailableError');
    assert.match(failures[0]!.message, /retrying by itself/);
    assert.is(await store.lastSeq('store-a'), 1);
    assert.is(await store.findByKey('store-a', lost.key), undefined);
    assert.equal(await store.storeIds(), ['store-a']);
    assert.is((await store.status()).ok, false);
    assert.is((await stat(segmentFile(dir))).size, sizeBefore, 'nothing half-written stays in the file');
    const meanwhile = await store.append(aDraft(), 1).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.is(meanwhile?.name, 'StoreUnavailableError');
    const probesSoFar = disk.failures;
    await until(async () => disk.failures > probesSoFar + 2); // it keeps probing while the disk is full
    assert.is((await store.status()).ok, false);

    disk.full = false;
    await until(async () => (await store.status()).ok);
    const again = await store.append(lost, 1);
    assert.is(again.status, 'appended', 'the refused key was never stored');
    await store.close();

    await scanJournal(dir); // verifies: chain, seqs, index
    const reopened = await openStore(dir);
    assert.equal(
      (await reopened.read('store-a', 0)).map((e) => e.key),
      [kept.status === 'appended' && kept.event.key, lost.key],
    );
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('refuses appends after close with StoreUnavailableError, and finishes the ones in flight first', async () => {
  const dir = await tempDir('embedded');
  try {
    const store = await openStore(dir);
    const inFlight = Promise.all([store.append(aDraft({ storeId: 's-1' }), 0), store.append(aDraft({ storeId: 's-2' }), 0)]);
    const closed = store.close();
    const late = await store.append(aDraft({ storeId: 's-3' }), 0).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.is(late?.name, 'StoreUnavailableError');
    assert.equal(
      (await inFlight).map((r) => r.status),
      ['appended', 'appended'],
    );
    await closed;
    const reopened = await openStore(dir);
    assert.equal(await reopened.storeIds(), ['s-1', 's-2']);
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery('writes every appended line through a handle opened with O_DSYNC, also after a rotation, and resolves only after that write', async () => {
  const dir = await tempDir('embedded');
  const writes: { flags: string; path: string; done: boolean }[] = [];
  const openFile: OpenFile = async (path, flags) => {
    const fh = await openFileDefault(path, flags);
    return new Proxy(fh, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === 'write' && typeof value === 'function')
          return async (...args: unknown[]) => {
            const w = { flags, path, done: false };
            writes.push(w);
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            w.done = true;
            return result;
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as FileHandle;
  };
  try {
    const store = await openStore(dir, { openFile, segmentBytes: 2000 });
    for (let i = 0; i < 12; i++) {
      const before = writes.length;
      await store.append(aDraft(), i);
      const mine = writes.slice(before).filter((w) => w.path.endsWith('.ndjson') && w.flags !== 'wx');
      assert.ok(mine.length > 0 && mine.every((w) => w.flags === 'a-dsync' && w.done), `append ${i} went through ${JSON.stringify(mine)}`);
    }
    assert.ok(new Set(writes.filter((w) => w.flags === 'a-dsync').map((w) => w.path)).size > 1, 'it rotated and kept writing with O_DSYNC');
    await store.close();
    await scanJournal(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const memory = suite('embedded store: bounded memory');

memory('remembers idempotency keys for the window by event time; a retry older than that is a new action', async () => {
  const dir = await tempDir('embedded');
  let now = Date.parse('2025-03-10T08:00:00Z');
  try {
    const options = { idempotencyWindowMs: 7 * 24 * 3600_000, now: () => now };
    const store = await openStore(dir, options);
    const old = aDraft({ at: '2025-03-01T08:00:00Z' });
    const recent = aDraft({ at: '2025-03-09T08:00:00Z' });
    await store.append(old, 0);
    await store.append(recent, 1);
    assert.is(await store.findByKey('store-a', old.key), undefined, '9 days old: outside the window');
    assert.is((await store.findByKey('store-a', recent.key))?.seq, 2);
    assert.is((await store.append(recent, 2)).status, 'duplicate');
    await store.close();

    now = Date.parse('2025-03-17T09:00:00Z');
    const reopened = await openStore(dir, options);
    assert.is(await reopened.findByKey('store-a', recent.key), undefined, 'past the window after a reopen too');
    const retried = await reopened.append({ ...recent, at: new Date(now).toISOString() }, 2);
    assert.is(retried.status === 'appended' && retried.event.seq, 3);
    assert.is((await reopened.findByKey('store-a', recent.key))?.seq, 3);
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

memory('holds only a tail in memory and reads older events from the segments, page by page', async () => {
  const dir = await tempDir('embedded');
  try {
    const store = await openStore(dir, { tailEvents: 5 });
    const written = [];
    for (let seq = 0; seq < 40; seq++) {
      const r = await store.append(aDraft(), seq);
      if (r.status === 'appended') written.push(r.event);
    }
    const paged = [];
    for (let after = 0; after < 40; after += 7) paged.push(...(await store.read('store-a', after, 7)));
    assert.equal(paged, written);
    assert.equal(await store.findByKey('store-a', written[2].key), written[2]);
    assert.is((await store.append(aDraft({ key: written[0].key }), 40)).status, 'duplicate');
    await store.saveSnapshot('store-a', { seq: 3, ros: [], appointments: [] });
    await store.close();
    const reopened = await openStore(dir, { tailEvents: 5 });
    assert.is((await reopened.loadSnapshot('store-a'))?.seq, 3, 'a snapshot older than the tail is checked against the disk');
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

recovery.run();
memory.run();

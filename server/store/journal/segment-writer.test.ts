import { readFile } from 'node:fs/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aDraft } from '../../../tests/helpers/events';
import { listSegments, scanJournal } from './scan';
import { openStore, removeDir, segmentFile, tempDir } from './test-journal';

const rotation = suite('segment writer: rotation');

/** A clock the test moves by hand. */
const clockAt = (iso: string) => {
  const clock = { ms: Date.parse(iso), now: () => clock.ms, set: (to: string) => (clock.ms = Date.parse(to)) };
  return clock;
};

const headerOf = async (dir: string, n: number) => JSON.parse((await readFile(segmentFile(dir, n), 'utf8')).split('\n')[0].slice(17)) as { createdAt: string };

rotation('starts a new segment at the first append of a new UTC day, and only then', async () => {
  const dir = await tempDir('rotation');
  const clock = clockAt('2025-03-10T23:59:58Z');
  try {
    const store = await openStore(dir, { now: clock.now });
    await store.append(aDraft(), 0);
    await store.append(aDraft(), 1);
    assert.equal(await listSegments(dir), ['000001.ndjson'], 'the same day stays in one segment');

    clock.set('2025-03-11T00:00:01Z');
    await store.append(aDraft(), 2);
    await store.append(aDraft(), 3);
    assert.equal(await listSegments(dir), ['000001.ndjson', '000002.ndjson'], 'the first append after midnight UTC opens segment 2');
    assert.is((await headerOf(dir, 2)).createdAt, '2025-03-11T00:00:01.000Z', 'its header carries the store clock');
    await store.close();

    const sameDay = await openStore(dir, { now: clock.now });
    await sameDay.append(aDraft(), 4);
    await sameDay.close();
    assert.is((await listSegments(dir)).length, 2, "a restart on the same day keeps appending to that day's segment");

    clock.set('2025-03-12T08:00:00Z');
    const nextDay = await openStore(dir, { now: clock.now });
    await nextDay.append(aDraft(), 5);
    assert.equal(
      (await nextDay.read('store-a', 0)).map((e) => e.seq),
      [1, 2, 3, 4, 5, 6],
    );
    await nextDay.close();

    const scan = await scanJournal(dir);
    assert.equal(
      scan.segments.map((s) => s.stores['store-a']),
      [
        [1, 2],
        [3, 5],
        [6, 6],
      ],
      "each segment holds one day's events",
    );
  } finally {
    await removeDir(dir);
  }
});

rotation('a segment with no events yet takes the first ones whatever their day', async () => {
  const dir = await tempDir('rotation');
  const clock = clockAt('2025-03-10T12:00:00Z');
  try {
    const store = await openStore(dir, { now: clock.now });
    clock.set('2025-03-13T09:00:00Z');
    await store.append(aDraft(), 0);
    await store.append(aDraft(), 1);
    await store.close();
    assert.equal(await listSegments(dir), ['000001.ndjson'], 'no empty segment is sealed for the days without appends');
  } finally {
    await removeDir(dir);
  }
});

rotation('still rotates by size within one day', async () => {
  const dir = await tempDir('rotation');
  const clock = clockAt('2025-03-10T12:00:00Z');
  try {
    const store = await openStore(dir, { now: clock.now, segmentBytes: 2000 });
    for (let seq = 0; seq < 20; seq++) await store.append(aDraft(), seq);
    await store.close();
    assert.ok((await listSegments(dir)).length > 2, 'several segments on one day');
    const scan = await scanJournal(dir);
    assert.is(scan.events, 20);
  } finally {
    await removeDir(dir);
  }
});

rotation.run();

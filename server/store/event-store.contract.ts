import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WorkshopEventSchema, type WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import { aCreateRepairOrder, aDraft, aKey, anUpdateRepairOrder } from '../../tests/helpers/events';
import type { AppendResult, EventStore } from './event-store';

/** What a backend's test file hands the contract: a fresh, empty store per test. */
export interface OpenedStore {
  store: EventStore;
  /** Close this store and open a new one on the same data (omit if the backend cannot). */
  reopen?: () => Promise<EventStore>;
  /** Close whatever is open and remove the data. */
  cleanup(): Promise<void>;
}

interface Ctx {
  opened?: OpenedStore;
  store: EventStore;
}

/**
 * The behaviour every EventStore must have, as one uvu suite. Each backend's test file calls
 * this with a function that opens a fresh, empty store.
 */
export function contractSuite(name: string, open: () => Promise<OpenedStore>): void {
  const test = suite<Ctx>(`${name}: event store contract`, {} as Ctx);

  test.before.each(async (ctx) => {
    ctx.opened = await open();
    ctx.store = ctx.opened.store;
  });
  test.after.each(async (ctx) => {
    await ctx.opened?.cleanup();
    ctx.opened = undefined;
  });

  test('numbers a store’s events 1, 2, 3… with no gaps', async ({ store }) => {
    for (let expected = 0; expected < 5; expected++) {
      const result = await store.append(aDraft(), expected);
      assert.is(result.status, 'appended');
      assert.is(appended(result).seq, expected + 1);
    }
    assert.equal(seqs(await store.read('store-a', 0)), [1, 2, 3, 4, 5]);
  });

  test('answers with the stored event: the draft plus its seq', async ({ store }) => {
    const draft = aDraft();
    const event = appended(await store.append(draft, 0));
    assert.equal(event, { seq: 1, ...draft });
    assert.equal((await store.read('store-a', 0))[0], event);
  });

  test('keeps stores independent: own seqs, own keys, own reads', async ({ store }) => {
    const key = aKey('shared');
    appended(await store.append(aDraft({ storeId: 'store-a' }), 0));
    appended(await store.append(aDraft({ storeId: 'store-a', key }), 1));
    const inB = appended(await store.append(aDraft({ storeId: 'store-b', key }), 0));
    assert.is(inB.seq, 1, 'store-b starts at 1 and the same key is new there');
    assert.equal(seqs(await store.read('store-a', 0)), [1, 2]);
    assert.equal(await store.read('store-b', 0), [inB]);
    assert.is((await store.findByKey('store-a', key))?.seq, 2);
    assert.is((await store.findByKey('store-b', key))?.seq, 1);
  });

  test('refuses a stale expectedSeq and writes nothing', async ({ store }) => {
    await store.append(aDraft(), 0);
    await store.append(aDraft(), 1);
    const draft = aDraft();
    for (const stale of [0, 1, 3]) {
      const result = await store.append(draft, stale);
      assert.equal(result, { status: 'conflict', currentSeq: 2 });
    }
    assert.is(await store.lastSeq('store-a'), 2);
    assert.equal(seqs(await store.read('store-a', 0)), [1, 2]);
    assert.is(await store.findByKey('store-a', draft.key), undefined, 'the refused key stays free');
    assert.is(appended(await store.append(draft, 2)).seq, 3);
  });

  test('answers a repeated key with the first event and writes nothing', async ({ store }) => {
    const key = aKey();
    const first = appended(await store.append(aDraft({ key, command: aCreateRepairOrder('ro-first') }), 0));
    for (const expectedSeq of [1, 0]) {
      const again = await store.append(aDraft({ key, command: aCreateRepairOrder('ro-other') }), expectedSeq);
      assert.equal(again, { status: 'duplicate', event: first });
    }
    assert.is(await store.lastSeq('store-a'), 1);
    assert.equal(await store.read('store-a', 0), [first]);
  });

  test('lets exactly one of two concurrent appends at the same expectedSeq through', async ({ store }) => {
    await store.append(aDraft(), 0);
    const results = await Promise.all([store.append(aDraft(), 1), store.append(aDraft(), 1)]);
    assert.equal(results.map((r) => r.status).sort(), ['appended', 'conflict']);
    assert.equal(
      results.find((r) => r.status === 'conflict'),
      { status: 'conflict', currentSeq: 2 },
    );
    assert.equal(seqs(await store.read('store-a', 0)), [1, 2]);
  });

  test('stores one of two concurrent appends with the same key; the other gets it as a duplicate', async ({ store }) => {
    const key = aKey();
    const results = await Promise.all([store.append(aDraft({ key }), 0), store.append(aDraft({ key }), 0)]);
    assert.equal(results.map((r) => r.status).sort(), ['appended', 'duplicate']);
    const [a, b] = results as Extract<AppendResult, { event: WorkshopEvent }>[];
    assert.equal(a.event, b.event);
    assert.is(await store.lastSeq('store-a'), 1);
  });

  test('keeps every store gap-free under many concurrent appends', async ({ store }) => {
    const stores = ['s-1', 's-2', 's-3', 's-4', 's-5'];
    const perStore = 20;
    // Each writer retries on conflict, as the workshop service does; two writers per store compete.
    const writer = async (storeId: string) => {
      let done = 0;
      while (done < perStore / 2) {
        const result = await store.append(aDraft({ storeId }), await store.lastSeq(storeId));
        if (result.status === 'appended') done++;
      }
    };
    await Promise.all(stores.flatMap((id) => [writer(id), writer(id)]));
    for (const id of stores) {
      const events = await store.read(id, 0);
      assert.equal(
        seqs(events),
        Array.from({ length: perStore }, (_, i) => i + 1),
        id,
      );
      assert.is(new Set(events.map((e) => e.key)).size, perStore, `${id}: every key once`);
    }
  });

  test('reads the events after a seq, at most `limit` of them', async ({ store }) => {
    for (let i = 0; i < 6; i++) await store.append(aDraft(), i);
    assert.equal(seqs(await store.read('store-a', 0)), [1, 2, 3, 4, 5, 6]);
    assert.equal(seqs(await store.read('store-a', 2)), [3, 4, 5, 6]);
    assert.equal(seqs(await store.read('store-a', 1, 2)), [2, 3]);
    assert.equal(seqs(await store.read('store-a', 4, 10)), [5, 6]);
    assert.equal(await store.read('store-a', 6), []);
    assert.equal(await store.read('store-a', 9), []);
    assert.equal(await store.read('store-a', 0, 0), []);
    assert.equal(await store.read('no-such-store', 0), []);
  });

  test('finds an event by its idempotency key, in its own store only', async ({ store }) => {
    await store.append(aDraft(), 0);
    const draft = aDraft();
    const event = appended(await store.append(draft, 1));
    assert.equal(await store.findByKey('store-a', draft.key), event);
    assert.is(await store.findByKey('store-b', draft.key), undefined);
    assert.is(await store.findByKey('store-a', aKey()), undefined);
  });

  test('reports the last seq, and 0 for a store without events', async ({ store }) => {
    assert.is(await store.lastSeq('store-a'), 0);
    await store.append(aDraft(), 0);
    await store.append(aDraft(), 1);
    assert.is(await store.lastSeq('store-a'), 2);
    assert.is(await store.lastSeq('store-b'), 0);
  });

  test('lists the stores that have events, and only those', async ({ store }) => {
    assert.equal(await store.storeIds(), []);
    await store.append(aDraft({ storeId: 'store-b' }), 0);
    await store.append(aDraft({ storeId: 'store-a' }), 0);
    await store.append(aDraft({ storeId: 'store-c' }), 5); // refused: stays unlisted
    assert.equal((await store.storeIds()).sort(), ['store-a', 'store-b']);
  });

  test('saves and loads a snapshot; a store without one has none', async ({ store }) => {
    const create = aCreateRepairOrder('ro-snap');
    await store.append(aDraft({ command: create }), 0);
    await store.append(aDraft({ command: anUpdateRepairOrder('ro-snap', 'brakes squeak') }), 1);
    const snapshot: StoreSnapshot = { seq: 2, ros: [], appointments: [] };
    assert.is(await store.loadSnapshot('store-a'), undefined);
    await store.saveSnapshot('store-a', snapshot);
    assert.equal(await store.loadSnapshot('store-a'), snapshot);
    await store.saveSnapshot('store-a', { ...snapshot, seq: 1 });
    assert.is((await store.loadSnapshot('store-a'))?.seq, 2, 'an older fold does not replace a newer one');
    assert.is(await store.loadSnapshot('store-b'), undefined);
  });

  test('reports itself healthy and closes twice without complaint', async ({ store }) => {
    const status = await store.status();
    assert.ok(status.ok, status.detail);
    assert.is(status.kind, store.kind);
    await store.close();
    await store.close();
  });

  test('streams every event with readAll, per store in seq order, when the backend has it', async ({ store }) => {
    if (!store.readAll) return;
    const written: WorkshopEvent[] = [];
    for (let seq = 0; seq < 3; seq++) for (const storeId of ['store-a', 'store-b']) written.push(appended(await store.append(aDraft({ storeId }), seq)));
    const all: WorkshopEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    assert.equal(
      all.filter((e) => e.storeId === 'store-a'),
      await store.read('store-a', 0),
    );
    assert.equal(
      all.filter((e) => e.storeId === 'store-b'),
      await store.read('store-b', 0),
    );
    assert.is(all.length, written.length);
    const onlyB: WorkshopEvent[] = [];
    for await (const event of store.readAll('store-b')) onlyB.push(event);
    assert.equal(
      onlyB,
      written.filter((e) => e.storeId === 'store-b'),
    );
  });

  test('gives back identical events, keys, seqs and snapshots after reopening', async (ctx) => {
    if (!ctx.opened?.reopen) return;
    const { store } = ctx;
    const written: WorkshopEvent[] = [];
    for (const storeId of ['store-a', 'store-b']) {
      written.push(appended(await store.append(aDraft({ storeId, command: aCreateRepairOrder('ro-1') }), 0)));
      written.push(appended(await store.append(aDraft({ storeId, command: anUpdateRepairOrder('ro-1', `at ${storeId}`) }), 1)));
    }
    const snapshot: StoreSnapshot = { seq: 2, ros: [], appointments: [] };
    await store.saveSnapshot('store-a', snapshot);

    const again = await ctx.opened.reopen();
    ctx.store = again;
    assert.equal([...(await again.read('store-a', 0)), ...(await again.read('store-b', 0))], written);
    for (const event of written) {
      assert.equal(await again.findByKey(event.storeId, event.key), event);
      assert.ok(WorkshopEventSchema.safeParse(event).success, 'stored events are valid WorkshopEvents');
    }
    assert.equal((await again.storeIds()).sort(), ['store-a', 'store-b']);
    assert.is(await again.lastSeq('store-b'), 2);
    assert.equal(await again.loadSnapshot('store-a'), snapshot);
    const next = await again.append(aDraft({ storeId: 'store-a', key: written[0].key }), 2);
    assert.equal(next, { status: 'duplicate', event: written[0] }, 'keys are remembered across a reopen');
    assert.is(appended(await again.append(aDraft({ storeId: 'store-a' }), 2)).seq, 3);
  });

  test.run();
}

function appended(result: AppendResult): WorkshopEvent {
  if (result.status !== 'appended') throw new Error(`expected "appended", got ${JSON.stringify(result)}`);
  return result.event;
}

const seqs = (events: WorkshopEvent[]) => events.map((e) => e.seq);

/**
 * WorkshopService's memory of recent changes (what resync answers from): bounded by age as well
 * as count, so a long-running server for hundreds of stores does not keep days of history.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryEventStore } from '../tests/helpers/memory-store';
import { aNewRepairOrder, commitOk } from '../tests/helpers/workshop';
import { loadShopConfig } from './config';
import { seedDemoDay } from './demo/seed';
import { silentLogger } from './log';
import { RECENT_MAX_AGE_MS, WorkshopService } from './workshop-service';

test('resync is answered from memory for recent changes, and with a snapshot once they are older than the bound', async () => {
  const shop = loadShopConfig();
  const storeId = shop.stores[0].id;
  let now = Date.parse('2026-11-23T02:00:00Z');
  const service = new WorkshopService(new MemoryEventStore(), shop.stores, silentLogger, () => new Date(now));
  await service.init();

  const early = await commitOk(service, storeId, aNewRepairOrder());
  await commitOk(service, storeId, aNewRepairOrder());
  assert.equal(
    (await service.changesSince(storeId, early.seq - 1))?.map((c) => c.seq),
    [early.seq, early.seq + 1],
  );

  now += RECENT_MAX_AGE_MS + 1000;
  const late = await commitOk(service, storeId, aNewRepairOrder());
  assert.is(await service.changesSince(storeId, early.seq - 1), undefined, 'changes older than the bound are forgotten: a snapshot answers');
  assert.equal(
    (await service.changesSince(storeId, late.seq - 1))?.map((c) => c.seq),
    [late.seq],
    'the latest is still remembered',
  );
  await service.close();
});

test('the state a commit leaves (folded from its own decision) equals the state a replay of the log builds', async () => {
  const shop = loadShopConfig();
  const store = shop.stores[0];
  const events = new MemoryEventStore();
  const live = new WorkshopService(events, shop.stores, silentLogger);
  await seedDemoDay(live, store.id, new Date('2026-11-23T02:00:00Z'));
  const replayed = new WorkshopService(events, shop.stores, silentLogger);
  const [a, b] = [await live.state(store.id), await replayed.state(store.id)];
  assert.ok(a.seq > 50, 'a day with every stage');
  assert.is(b.seq, a.seq);
  assert.equal(b.toSnapshot(), a.toSnapshot());
  await live.close();
  await replayed.close();
});

test('a cancelled order leaves memory after the tracking-link lifetime: its link answers "not found", open orders stay', async () => {
  const shop = loadShopConfig();
  const store = { ...shop.stores[0], trackingExpiryDays: 2 };
  let now = Date.parse('2026-11-23T02:00:00Z');
  const events = new MemoryEventStore();
  const service = new WorkshopService(events, [store], silentLogger, () => new Date(now));
  await service.init();
  const open = aNewRepairOrder();
  const closed = aNewRepairOrder();
  await commitOk(service, store.id, open);
  await commitOk(service, store.id, closed);
  await commitOk(service, store.id, { type: 'cancel', roId: closed.roId, reason: '客户取消' });
  assert.equal(await service.findByTrackingToken(closed.trackingToken!), { storeId: store.id, roId: closed.roId, expired: true, stage: 'cancelled' });

  now += 3 * 86_400_000;
  await commitOk(service, store.id, aNewRepairOrder());
  const state = await service.state(store.id);
  assert.not.ok(state.ros.has(closed.roId));
  assert.ok(state.ros.has(open.roId));
  assert.is(await service.findByTrackingToken(closed.trackingToken!), undefined);
  assert.equal(await service.findByTrackingToken(open.trackingToken!), { storeId: store.id, roId: open.roId, expired: false, stage: 'checked_in' });

  // A fresh process replaying the same log holds the same records.
  const replayed = new WorkshopService(events, [store], silentLogger, () => new Date(now));
  assert.equal((await replayed.state(store.id)).toSnapshot(), state.toSnapshot());
  await service.close();
  await replayed.close();
});

test('with liveEtas off a commit carries no ETA changes, and the ETAs asked for afterwards are the same as a live service works out', async () => {
  const shop = loadShopConfig();
  const store = shop.stores[0];
  const now = () => new Date('2026-11-23T05:00:00Z');
  const live = new WorkshopService(new MemoryEventStore(), shop.stores, silentLogger, now);
  const quiet = new WorkshopService(new MemoryEventStore(), shop.stores, silentLogger, now, { liveEtas: false });
  await seedDemoDay(live, store.id, new Date('2026-11-23T02:00:00Z'));
  await seedDemoDay(quiet, store.id, new Date('2026-11-23T02:00:00Z'));
  const liveCommit = await commitOk(live, store.id, aNewRepairOrder());
  const quietCommit = await commitOk(quiet, store.id, aNewRepairOrder());
  // An order whose ETA moved is sent again unchanged (before === after).
  const etaOnly = async (service: WorkshopService, seq: number) =>
    ((await service.changesSince(store.id, seq - 1)) ?? []).flatMap((r) => r.changes).filter((c) => c.before && c.after === c.before).length;
  assert.ok((await etaOnly(live, liveCommit.seq)) > 0, 'a live commit carries the orders whose ETA moved');
  assert.is(await etaOnly(quiet, quietCommit.seq), 0, 'a quiet one does not');
  const [a, b] = [await live.state(store.id), await quiet.state(store.id)];
  const ids = [...a.ros.keys()].filter((id) => a.ros.get(id)!.stage !== 'delivered');
  assert.ok(ids.filter((id) => live.etas(store.id)(id)).length > 5, 'open orders with an ETA');
  const etaOf = (service: WorkshopService, id: string) => JSON.stringify(service.etas(store.id)(id) ?? null);
  // The ids are the services' own: compare by plate, which the seeded day repeats.
  const byPlate = new Map([...b.ros.values()].map((ro) => [ro.vehicle.plate, ro.id]));
  for (const id of ids) assert.is(etaOf(quiet, byPlate.get(a.ros.get(id)!.vehicle.plate)!), etaOf(live, id), `ETA of ${a.ros.get(id)!.vehicle.plate}`);
  await live.close();
  await quiet.close();
});

test.run();

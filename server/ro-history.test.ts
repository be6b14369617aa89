import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WorkshopEvent } from '../shared/workflow/events';
import { MemoryEventStore } from '../tests/helpers/memory-store';
import { aTestShop } from '../tests/helpers/shop';
import { aNewRepairOrder, commitOk } from '../tests/helpers/workshop';
import { silentLogger } from './log';
import { readRoHistory } from './ro-history';
import { WorkshopService } from './workshop-service';

/** A memory store that counts the events it hands out, to see how much of the log a read touched. */
class CountingStore extends MemoryEventStore {
  handedOut = 0;
  async read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]> {
    const events = await super.read(storeId, afterSeq, limit);
    this.handedOut += events.length;
    return events;
  }
}

test('an order opened late in a long log is read from just before its creation, not from the start', async () => {
  const shop = aTestShop();
  const store = shop.stores[0];
  let now = Date.parse('2026-11-23T01:00:00Z');
  const events = new CountingStore();
  const service = new WorkshopService(events, shop.stores, silentLogger, () => new Date((now += 1000)));
  await service.init();
  const early = aNewRepairOrder();
  await commitOk(service, store.id, early);
  for (let i = 0; i < 3000; i++) await commitOk(service, store.id, { type: 'updateRepairOrder', roId: early.roId, patch: { description: `note ${i}` } });
  const late = aNewRepairOrder();
  await commitOk(service, store.id, late);
  await commitOk(service, store.id, { type: 'updateRepairOrder', roId: late.roId, patch: { priority: 'high' } });
  for (let i = 0; i < 10; i++) await commitOk(service, store.id, { type: 'updateRepairOrder', roId: early.roId, patch: { description: `later ${i}` } });

  events.handedOut = 0;
  const page = await readRoHistory(service, store, late.roId, { afterSeq: 0, limit: 200 });
  assert.equal(
    page?.entries.map((e) => e.type),
    ['repairOrderCreated', 'repairOrderUpdated'],
  );
  assert.ok(events.handedOut < 100, `read ${events.handedOut} events of 3,013`);

  const whole = await readRoHistory(service, store, early.roId, { afterSeq: 0, limit: 500 });
  assert.is(whole?.entries.length, 500);
  assert.is(whole?.next, whole?.entries[499].seq, 'capped, with the cursor of the next page');
  await service.close();
});

test('finds nothing for an id the log never had', async () => {
  const shop = aTestShop();
  const service = new WorkshopService(new MemoryEventStore(), shop.stores, silentLogger);
  await service.init();
  await commitOk(service, 'store-a', aNewRepairOrder());
  assert.is(await readRoHistory(service, shop.stores[0], 'ro-nope', { afterSeq: 0, limit: 10 }), undefined);
  await service.close();
});

test.run();

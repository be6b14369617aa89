/**
 * WorkshopService's memory of recent changes (what resync answers from): bounded by age as well
 * as count, so a long-running server for hundreds of stores does not keep days of history.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryEventStore } from '../tests/helpers/memory-store';
import { aNewRepairOrder, commitOk } from '../tests/helpers/workshop';
import { loadShopConfig } from './config';
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
  assert.equal((await service.changesSince(storeId, early.seq - 1))?.map((c) => c.seq), [early.seq, early.seq + 1]);

  now += RECENT_MAX_AGE_MS + 1000;
  const late = await commitOk(service, storeId, aNewRepairOrder());
  assert.is(await service.changesSince(storeId, early.seq - 1), undefined, 'changes older than the bound are forgotten: a snapshot answers');
  assert.equal((await service.changesSince(storeId, late.seq - 1))?.map((c) => c.seq), [late.seq], 'the latest is still remembered');
  await service.close();
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../server/log';
import { StoreUnavailableError, type AppendResult } from '../../server/store/event-store';
import { WorkshopService } from '../../server/workshop-service';
import type { EventDraft } from '../../shared/workflow/events';
import { MemoryEventStore } from '../helpers/memory-store';
import { aTestShop } from '../helpers/shop';
import { aNewRepairOrder } from '../helpers/workshop';

/**
 * The store can take an append and then go away before it answers (the database stops, the socket
 * drops): the caller gets 503, yet the event is in the log. This process wrote it, so nobody
 * else will broadcast it; the service must notice by itself and publish it as its own.
 */
class AnswerLostOnce extends MemoryEventStore {
  lose = true;
  async append(draft: EventDraft, expectedSeq: number): Promise<AppendResult> {
    const result = await super.append(draft, expectedSeq);
    if (this.lose && result.status === 'appended') {
      this.lose = false;
      throw new StoreUnavailableError('PostgreSQL at postgres://127.0.0.1:1/tw is unavailable (append): Connection terminated unexpectedly');
    }
    return result;
  }
}

test("an append whose answer was lost is still published once, as this process's own, without further traffic", async () => {
  const store = new AnswerLostOnce();
  const service = new WorkshopService(store, aTestShop().stores, silentLogger);
  await service.init();
  const published: { seq: number; origin: string }[] = [];
  service.onChange((_storeId, seq, _changes, origin) => published.push({ seq, origin }));

  const command = aNewRepairOrder();
  const request = { storeId: 'store-a', command, actor: { kind: 'system', id: 'test' }, source: 'api', key: 'lost-answer-1' } as const;
  try {
    await service.commit(request);
    assert.unreachable('the lost answer surfaces as an error');
  } catch (err) {
    assert.instance(err, StoreUnavailableError);
  }
  assert.is((await store.read('store-a', 0)).length, 1, 'the event is in the log all the same');

  // A failure deadline, not a speed bound: recovery retries on a timer.
  for (let i = 0; i < 100 && !published.length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(published, [{ seq: 1, origin: 'local' }], 'published once, as local (the gateway broadcasts local events)');

  // The client retries with the same key: a duplicate, and nothing is published again.
  const retry = await service.commit(request);
  assert.ok(retry.ok && retry.duplicate);
  assert.is(published.length, 1);
  await service.close();
});

test.run();

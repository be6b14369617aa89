import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aNewRepairOrder, commitOk } from '../../tests/helpers/workshop';
import { ERASURE_TARGETS } from '../privacy/targets';
import { notifyErasureTarget } from './erasure-target';
import { aNotifyRig } from './rig';
import { aBrowserSubscription } from './stand-ins';

test('is registered with privacy erasure', () => {
  assert.ok(ERASURE_TARGETS.includes(notifyErasureTarget));
});

test("erases a customer's messages, log lines and push subscriptions (a dry run only counts), and a second run finds nothing", async () => {
  const rig = await aNotifyRig();
  try {
    const mine = aNewRepairOrder({ contactConsent: { sms: true, locale: 'zh-CN', via: 'kiosk' }, promisedAt: '2026-12-07T08:00:00.000Z' });
    const other = aNewRepairOrder({ contactConsent: { sms: true, locale: 'zh-CN', via: 'kiosk' } });
    await commitOk(rig.service, rig.store.id, mine);
    await commitOk(rig.service, rig.store.id, other);
    await rig.notifier.catchUp(rig.store.id);
    await rig.notifier.tick();
    await rig.notifier.subscribe(rig.store.id, mine.roId, aBrowserSubscription('https://push.example/x').json, 'zh-CN');
    const target = (await notifyErasureTarget({ dataDir: rig.dataDir }))!;
    const customer = { storeId: rig.store.id, repairOrderIds: [mine.roId], appointmentIds: [], values: ['13812345678'], reason: 'request' as const };
    // 1 message + 2 log lines (queued, sent) + 1 subscription + the remembered promised time.
    assert.is(await target.erase([customer], { dryRun: true }), 5);
    assert.is((await rig.notifier.deliveryLog(rig.store.id, mine.roId)).length, 1, 'a dry run deletes nothing');
    assert.is(await target.erase([customer], { dryRun: false }), 5);
    assert.is(await target.erase([customer], { dryRun: false }), 0);
    assert.equal(await rig.notifier.deliveryLog(rig.store.id, mine.roId), []);
    assert.is(await rig.notifier.subscriptionCount(rig.store.id, mine.roId), 0);
    assert.is((await rig.notifier.deliveryLog(rig.store.id, other.roId)).length, 1, 'other customers keep theirs');
    await target.close?.();
  } finally {
    await rig.close();
  }
});

test('a data directory without an outbox has nothing to erase', async () => {
  assert.is(await notifyErasureTarget({ dataDir: '/nonexistent-notify-dir' }), undefined);
});

test.run();

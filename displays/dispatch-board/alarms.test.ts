import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrder, aStore, at, T0 } from '../common/fixtures';
import { buildAlarms } from './alarms';

const store = aStore({ stageLimitsMinutes: { checked_in: 30, quality_check: 30 } });
const alarms = suite('buildAlarms');

alarms('raises an alarm for a car past its promise and not ready', () => {
  const ro = aRepairOrder({ stage: 'in_service', promisedAt: at(-25) });
  const [alarm] = buildAlarms([ro], store, T0);
  assert.is(alarm.kind, 'promise');
  assert.is(alarm.overMs, 25 * 60_000);
});

alarms('raises none once the car is ready or gone, or before the promise', () => {
  for (const stage of ['ready', 'delivered', 'cancelled'] as const)
    assert.equal(buildAlarms([aRepairOrder({ stage, promisedAt: at(-25) })], store, T0), [], stage);
  assert.equal(buildAlarms([aRepairOrder({ stage: 'in_service', promisedAt: at(5) })], store, T0), []);
});

alarms('raises an alarm for a car stuck in a stage past the store limit', () => {
  const ro = aRepairOrder({ stage: 'quality_check', stageSince: at(-45) });
  const [alarm] = buildAlarms([ro], store, T0);
  assert.is(alarm.kind, 'stage');
  if (alarm.kind !== 'stage') return;
  assert.is(alarm.limitMinutes, 30);
  assert.is(alarm.inStageMs, 45 * 60_000);
  assert.is(alarm.overMs, 15 * 60_000);
});

alarms('raises none for a stage within its limit or without one', () => {
  assert.equal(buildAlarms([aRepairOrder({ stage: 'quality_check', stageSince: at(-29) })], store, T0), []);
  assert.equal(buildAlarms([aRepairOrder({ stage: 'in_service', stageSince: at(-600) })], store, T0), []);
});

alarms('ignores cars that have not arrived', () => {
  assert.equal(buildAlarms([aRepairOrder({ stage: 'scheduled', promisedAt: at(-60), stageSince: at(-600) })], aStore({ stageLimitsMinutes: { scheduled: 1 } }), T0), []);
});

alarms('can raise both alarms for one car, most overdue first', () => {
  const a = aRepairOrder({ stage: 'checked_in', stageSince: at(-40), promisedAt: at(-60) });
  const b = aRepairOrder({ stage: 'in_service', promisedAt: at(-5) });
  assert.equal(buildAlarms([b, a], store, T0).map((x) => x.key), [`promise:${a.id}`, `stage:${a.id}`, `promise:${b.id}`]);
});

alarms.run();

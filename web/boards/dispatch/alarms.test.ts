import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Alarm } from '../../../shared/domain/alarm';
import { aRepairOrder, aStaffView, at, T0 } from '../../common/fixtures';
import { buildAlarms, countByKind, serverAlarmsOf } from './alarms';

const alarms = suite('buildAlarms');

const aServerAlarm = (overrides: Partial<Alarm> = {}): Alarm => ({
  id: `stage_overdue:x:${Math.random()}`,
  storeId: 'store-1',
  kind: 'stage_overdue',
  since: at(-10),
  raisedAt: at(-9),
  ...overrides,
});

alarms('raises an alarm for a car past its promise and not ready', () => {
  const ro = aRepairOrder({ stage: 'in_service', promisedAt: at(-25) });
  const [alarm] = buildAlarms([ro], [], T0);
  assert.is(alarm.kind, 'promise');
  assert.is(alarm.overMs, 25 * 60_000);
});

alarms('raises none once the car is ready or gone, or before the promise', () => {
  for (const stage of ['ready', 'delivered', 'cancelled'] as const)
    assert.equal(buildAlarms([aRepairOrder({ stage, promisedAt: at(-25) })], [], T0), [], stage);
  assert.equal(buildAlarms([aRepairOrder({ stage: 'in_service', promisedAt: at(5) })], [], T0), []);
});

alarms('ignores cars that have not arrived', () => {
  assert.equal(buildAlarms([aRepairOrder({ stage: 'scheduled', promisedAt: at(-60), stageSince: at(-600) })], [], T0), []);
});

alarms("shows the server's alarms with their car, open longest first, beside promise alarms", () => {
  const ro = aRepairOrder({ stage: 'quality_check', promisedAt: at(-5) });
  const stage = aServerAlarm({ roId: ro.id, stage: 'quality_check', limitMinutes: 30, since: at(-15) });
  const overrun = aServerAlarm({ id: 'op_overrun:a', kind: 'op_overrun', roId: 'gone', since: at(-40) });
  const list = buildAlarms([ro], [stage, overrun], T0);
  assert.equal(
    list.map((a) => a.key),
    ['alarm:op_overrun:a', `alarm:${stage.id}`, `promise:${ro.id}`],
  );
  assert.is(list[1].ro, ro, 'the car it is about');
  assert.is(list[0].ro, undefined, 'a car the view no longer holds is not made up');
  assert.is(list[1].overMs, 15 * 60_000);
});

alarms('counts each kind, in the order a dispatcher deals with them', () => {
  const list = buildAlarms(
    [aRepairOrder({ stage: 'in_service', promisedAt: at(-5) })],
    [aServerAlarm(), aServerAlarm(), aServerAlarm({ id: 'c', kind: 'call_unanswered', callId: 'call-1' })],
    T0,
  );
  assert.equal(countByKind(list), [
    { kind: 'call_unanswered', count: 1 },
    { kind: 'stage_overdue', count: 2 },
    { kind: 'promise', count: 1 },
  ]);
});

alarms('reads alarm entries out of a staff view and skips malformed ones', () => {
  const view = aStaffView([]);
  const ok = aServerAlarm();
  view.entries[`alarm:${ok.id}`] = ok;
  view.entries['alarm:broken'] = { kind: 'op_overrun' } as never;
  assert.equal(serverAlarmsOf(view), [ok]);
});

alarms.run();

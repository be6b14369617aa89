import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrder, anOperation, aStore, at } from './fixtures';
import { shallowChanged } from './shallow';
import { buildLanes } from './lanes';

const store = aStore();
const lanes = suite('buildLanes');

lanes('gives every bay a lane, idle ones included, in config order', () => {
  const result = buildLanes(store, []);
  assert.equal(
    result.map((l) => l.bay.id),
    ['bay-01', 'bay-02', 'bay-03'],
  );
  assert.is(result[0].op, undefined);
  assert.is(result[0].queued, 0);
});

lanes('shows the operation in progress at a bay with its technician', () => {
  const op = anOperation({ status: 'in_progress', bayId: 'bay-02', technicianId: 'tech-01', runningSince: at(-10) });
  const ro = aRepairOrder({ operations: [op] });
  const lane = buildLanes(store, [ro])[1];
  assert.is(lane.ro, ro);
  assert.is(lane.op, op);
  assert.is(lane.tech?.name, '王建国');
});

lanes('prefers running work over paused work at the same bay', () => {
  const paused = aRepairOrder({ operations: [anOperation({ status: 'paused', bayId: 'bay-01', pause: { reason: 'parts', part: '滤芯' } })] });
  const running = aRepairOrder({ operations: [anOperation({ status: 'in_progress', bayId: 'bay-01', runningSince: at(-1) })] });
  assert.is(buildLanes(store, [paused, running])[0].ro, running);
  assert.is(buildLanes(store, [paused])[0].ro, paused);
});

lanes('queues assigned, unstarted work as next — urgent first, then earliest promise', () => {
  const later = aRepairOrder({ stage: 'waiting_dispatch', promisedAt: at(120), operations: [anOperation({ status: 'assigned', bayId: 'bay-03' })] });
  const sooner = aRepairOrder({ stage: 'waiting_dispatch', promisedAt: at(60), operations: [anOperation({ status: 'assigned', bayId: 'bay-03' })] });
  const urgent = aRepairOrder({
    stage: 'checked_in',
    priority: 'urgent',
    promisedAt: at(300),
    operations: [anOperation({ status: 'assigned', bayId: 'bay-03' })],
  });
  assert.is(buildLanes(store, [later, sooner])[2].nextRo, sooner);
  const lane = buildLanes(store, [later, sooner, urgent])[2];
  assert.is(lane.nextRo, urgent);
  assert.is(lane.queued, 3);
});

lanes('ignores finished repair orders and cars not yet arrived', () => {
  const delivered = aRepairOrder({ stage: 'delivered', operations: [anOperation({ status: 'assigned', bayId: 'bay-01' })] });
  const scheduled = aRepairOrder({ stage: 'scheduled', operations: [anOperation({ status: 'assigned', bayId: 'bay-01' })] });
  const lane = buildLanes(store, [delivered, scheduled])[0];
  assert.is(lane.nextOp, undefined);
  assert.is(lane.queued, 0);
});

lanes('counts parallel jobs at one bay', () => {
  const ro = aRepairOrder({
    operations: [
      anOperation({ status: 'in_progress', bayId: 'bay-01', runningSince: at(-5) }),
      anOperation({ status: 'in_progress', bayId: 'bay-01', runningSince: at(-3) }),
    ],
  });
  assert.is(buildLanes(store, [ro])[0].alsoRunning, 1);
});

lanes('rebuilds unchanged lanes equal field by field, so they skip re-rendering', () => {
  const a = aRepairOrder({ operations: [anOperation({ status: 'in_progress', bayId: 'bay-01', runningSince: at(-5) })] });
  const b = aRepairOrder({ operations: [anOperation({ status: 'in_progress', bayId: 'bay-02', runningSince: at(-5) })] });
  const before = buildLanes(store, [a, b]);
  const b2 = { ...b, priority: 'urgent' as const };
  const after = buildLanes(store, [a, b2]);
  assert.not.ok(shallowChanged(after[0], before[0]));
  assert.ok(shallowChanged(after[1], before[1]));
});

lanes.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrder, anOperation, at } from '../../common/fixtures';
import { buildQueue, waitingSince } from './queue';

const queue = suite('buildQueue');

queue('holds open repair orders with unassigned operations', () => {
  const ro = aRepairOrder({ stage: 'in_service', operations: [anOperation({ status: 'done' }), anOperation({ status: 'unassigned' })] });
  assert.equal(buildQueue([ro]), [ro]);
});

queue('holds cars checked in or waiting for dispatch even when every job has a bay', () => {
  const ro = aRepairOrder({ stage: 'waiting_dispatch', operations: [anOperation({ status: 'assigned', bayId: 'bay-01' })] });
  assert.equal(buildQueue([ro]), [ro]);
});

queue('leaves out cars not yet arrived, finished, or fully under way', () => {
  const scheduled = aRepairOrder({ stage: 'scheduled', operations: [anOperation({ status: 'unassigned' })] });
  const cancelled = aRepairOrder({ stage: 'cancelled', operations: [anOperation({ status: 'unassigned' })] });
  const working = aRepairOrder({ stage: 'in_service', operations: [anOperation({ status: 'in_progress', bayId: 'bay-01' })] });
  assert.equal(buildQueue([scheduled, cancelled, working]), []);
});

queue('puts urgent first, then the earliest promise, then the earliest arrival', () => {
  const normalLate = aRepairOrder({ stage: 'checked_in', promisedAt: at(200), checkedInAt: at(-50) });
  const normalSoon = aRepairOrder({ stage: 'checked_in', promisedAt: at(100), checkedInAt: at(-10) });
  const noPromise = aRepairOrder({ stage: 'checked_in', checkedInAt: at(-90) });
  const urgent = aRepairOrder({ stage: 'checked_in', priority: 'urgent', checkedInAt: at(-1) });
  assert.equal(
    buildQueue([noPromise, normalLate, urgent, normalSoon]).map((r) => r.id),
    [urgent, normalSoon, normalLate, noPromise].map((r) => r.id),
  );
});

queue('waits from check-in for new cars, and from the stage change for reworks', () => {
  assert.is(waitingSince(aRepairOrder({ stage: 'checked_in', checkedInAt: at(-40), stageSince: at(-40) })), at(-40));
  assert.is(waitingSince(aRepairOrder({ stage: 'in_service', checkedInAt: at(-90), stageSince: at(-5) })), at(-5));
});

queue.run();

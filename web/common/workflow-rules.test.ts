import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OPERATION_STATUSES, RO_STAGES } from '../../shared/domain/repair-order';
import { aRepairOrder, anOperation, at } from './fixtures';
import { canAssign, canEditRepairOrder, workedMsAt } from './workflow-rules';

const assign = suite('canAssign');

assign('offers assigning unassigned work and reassigning work not yet started or paused', () => {
  for (const status of ['unassigned', 'assigned', 'paused'] as const) {
    const op = anOperation({ status, bayId: status === 'unassigned' ? undefined : 'bay-01' });
    assert.ok(canAssign(aRepairOrder({ stage: 'in_service', operations: [op] }), op), status);
  }
});

assign('does not offer reassigning work in progress or finished work', () => {
  for (const status of ['in_progress', 'done'] as const) {
    const op = anOperation({ status, bayId: 'bay-01' });
    assert.not.ok(canAssign(aRepairOrder({ stage: 'in_service', operations: [op] }), op), status);
  }
});

assign('offers nothing on a repair order past planning (QC, ready, delivered…)', () => {
  for (const stage of RO_STAGES)
    for (const status of OPERATION_STATUSES) {
      if (['scheduled', 'checked_in', 'waiting_dispatch', 'in_service'].includes(stage)) continue;
      const op = anOperation({ status, bayId: 'bay-01' });
      assert.not.ok(canAssign(aRepairOrder({ stage, operations: [op] }), op), `${stage} / ${status}`);
    }
});

assign.run();

const edit = suite('canEditRepairOrder');

edit('allows priority and promise changes until the repair order is closed', () => {
  for (const stage of RO_STAGES) assert.is(canEditRepairOrder(aRepairOrder({ stage })), !['delivered', 'no_show', 'cancelled'].includes(stage), stage);
});

edit.run();

const worked = suite('workedMsAt');

worked('adds a run in progress to the banked work, and never counts negative time', () => {
  const now = Date.parse(at(0));
  assert.is(workedMsAt(anOperation({ workedMs: 90_000 }), now), 90_000);
  assert.is(workedMsAt(anOperation({ workedMs: 5_000, runningSince: at(-10) }), now), 5_000 + (now - Date.parse(at(-10))));
  assert.is(workedMsAt(anOperation({ workedMs: 0, runningSince: at(5) }), now), 0, 'clock skew');
});

worked.run();

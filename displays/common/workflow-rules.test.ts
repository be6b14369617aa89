import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OPERATION_STATUSES, RO_STAGES, TERMINAL_STAGES as SHARED_TERMINAL, workedMsAt as sharedWorkedMsAt } from '../../shared/domain/repair-order';
import { apply, OPERATION_MOVES as SHARED_MOVES, type WorkshopState } from '../../shared/workflow/lifecycle';
import { aRepairOrder, anOperation, aStore, at } from './fixtures';
import { OPERATION_MOVES, TERMINAL_STAGES, canAssign, canEditRepairOrder, workedMsAt } from './workflow-rules';

const stateWith = (ro: ReturnType<typeof aRepairOrder>): WorkshopState => ({ ros: new Map([[ro.id, ro]]), appointments: new Map(), displays: new Map() });
const ctx = { storeId: 'store-1', at: at(0), store: aStore() };

const mirror = suite('workflow-rules mirror');

mirror('has the same operation moves and terminal stages as shared/workflow', () => {
  assert.equal(OPERATION_MOVES, SHARED_MOVES);
  assert.equal([...TERMINAL_STAGES], [...SHARED_TERMINAL]);
});

mirror('counts work like the shared workedMsAt, running or not', () => {
  for (const op of [
    anOperation({ workedMs: 90_000 }),
    anOperation({ workedMs: 5_000, runningSince: at(-10) }),
    anOperation({ workedMs: 0, runningSince: at(5) }), // clock skew: never negative
  ]) assert.is(workedMsAt(op, Date.parse(at(0))), sharedWorkedMsAt(op, Date.parse(at(0))));
});

mirror.run();

const assign = suite('canAssign');

assign('agrees with apply(assignOperation) for every stage and operation status', () => {
  for (const stage of RO_STAGES) for (const status of OPERATION_STATUSES) {
    const op = anOperation({ status, bayId: status === 'unassigned' ? undefined : 'bay-01', ...(status === 'in_progress' ? { runningSince: at(-5) } : {}) });
    const ro = aRepairOrder({ stage, operations: [op] });
    const decision = apply(stateWith(ro), { type: 'assignOperation', roId: ro.id, operationId: op.id, bayId: 'bay-02', technicianId: 'tech-01' }, ctx);
    assert.is(canAssign(ro, op), decision.ok, `${stage} / ${status}`);
  }
});

assign('is not offered for work in progress or finished work', () => {
  const ro = aRepairOrder({ stage: 'in_service' });
  assert.not.ok(canAssign(ro, anOperation({ status: 'in_progress' })));
  assert.not.ok(canAssign(ro, anOperation({ status: 'done' })));
  assert.ok(canAssign(ro, anOperation({ status: 'unassigned' })));
});

assign.run();

const edit = suite('canEditRepairOrder');

edit('agrees with apply(updateRepairOrder) for every stage', () => {
  for (const stage of RO_STAGES) {
    const ro = aRepairOrder({ stage });
    const decision = apply(stateWith(ro), { type: 'updateRepairOrder', roId: ro.id, patch: { priority: 'urgent' } }, ctx);
    assert.is(canEditRepairOrder(ro), decision.ok, stage);
  }
});

edit.run();

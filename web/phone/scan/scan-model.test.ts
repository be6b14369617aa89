import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { StaffRo } from '../../../shared/projections/views';
import type { QueuedAction } from './action-queue';
import { operationActions, predict, repairOrderActions } from './scan-model';

const AT = Date.parse('2026-11-23T02:00:00.000Z');
const ro = (over: Partial<StaffRo> = {}): StaffRo => ({
  id: 'ro1',
  storeId: 's1',
  number: 'RO-1',
  stage: 'waiting_dispatch',
  stageSince: new Date(AT).toISOString(),
  vehicle: { plate: '京A12345', make: 'Audi', model: 'A6L', color: 'Black' },
  customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
  priority: 'normal',
  wash: true,
  reworkCount: 0,
  createdAt: new Date(AT).toISOString(),
  timeline: [],
  operations: [
    { id: 'op1', code: 'OIL', title: 'Oil', standardHours: 0.5, bayId: 'bay-1', technicianId: 'tech-1', status: 'assigned', workedMs: 0, reworks: 0 },
    { id: 'op2', code: 'BRK', title: 'Brakes', standardHours: 1.2, bayId: 'bay-1', status: 'assigned', workedMs: 0, reworks: 0 },
  ],
  ...over,
});
let n = 0;
const queued = (action: QueuedAction['action'], operationId?: string): QueuedAction => ({
  id: `a${++n}`,
  n,
  storeId: 's1',
  personId: 'tech-1',
  roId: 'ro1',
  operationId,
  action,
  roNumber: 'RO1',
  queuedAt: AT + n * 1000,
});
const me = { personId: 'tech-1', name: 'Li', roles: ['technician' as const], storeId: 's1', deviceId: 'dev-1', method: 'badge' as const, until: '' };

const Buttons = suite('buttons');

Buttons('a technician sees only what the lifecycle allows next, per operation', () => {
  assert.equal(operationActions(ro(), 'op1', ['technician']), ['startOperation']);
  const running = predict(new Map([['ro1', ro()]]), [queued({ type: 'startOperation' }, 'op1')], me).get('ro1')!;
  assert.equal(operationActions(running, 'op1', ['technician']), ['pauseOperation', 'finishOperation']);
});

Buttons('roles decide who gets which: washers no work buttons; inspectors QC only in quality check', () => {
  assert.equal(operationActions(ro(), 'op1', ['washer']), []);
  const qc = ro({ stage: 'quality_check', operations: ro().operations.map((o) => ({ ...o, status: 'done' as const })) });
  assert.equal(repairOrderActions(qc, ['inspector']), ['qcPass', 'qcFail']);
  assert.equal(repairOrderActions(qc, ['technician']), []);
  assert.equal(repairOrderActions(ro({ stage: 'washing' }), ['advisor']), ['markReady']);
  assert.equal(repairOrderActions(ro({ stage: 'ready' }), ['advisor', 'washer']), ['deliver']);
  assert.equal(repairOrderActions(ro({ stage: 'delivered' }), ['admin']), [], 'nothing after delivery');
});

const Predict = suite('predict');

Predict('applies queued actions in order with the shared lifecycle; one that would be refused leaves the job as it was', () => {
  const known = new Map([['ro1', ro()]]);
  const shown = predict(
    known,
    [
      queued({ type: 'startOperation' }, 'op1'),
      queued({ type: 'pauseOperation', pause: { reason: 'parts', part: '滤芯' } }, 'op1'),
      queued({ type: 'finishOperation' }, 'op1'),
    ],
    me,
  ).get('ro1')!;
  const op = shown.operations[0];
  assert.equal([op.status, op.pause], ['paused', { reason: 'parts', part: '滤芯' }]);
  assert.is(known.get('ro1')!.operations[0].status, 'assigned', 'the server copy is untouched');
  assert.is(shown.stage, 'in_service');
});

Buttons.run();
Predict.run();

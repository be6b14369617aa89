import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RepairOrder } from '../domain/repair-order';
import type { Command } from './commands';
import { StoreState } from './state';
import { STAGE_MOVES, allowedActions } from './lifecycle';
import { decideAndEvolve as apply, foldCommand } from '../../tests/helpers/workflow';
import type { Store } from '../domain/shop';

const AT = '2026-11-23T02:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();
const store = {
  bays: [
    { id: 'bay-1', name: 'Bay 1', kind: 'general' },
    { id: 'bay-2', name: 'Bay 2', kind: 'general' },
  ],
  technicians: [
    { id: 'tech-1', name: 'Li', teamId: 't', skills: [], roles: ['technician'] },
    { id: 'tech-2', name: 'Wang', teamId: 't', skills: [], roles: ['technician'] },
  ],
  allowParallelJobs: false,
} as unknown as Store;

let seq = 0;
/** A state built by folding events, exactly as the server does. */
function stateWith(...commands: Command[]): StoreState {
  const state = new StoreState('s1', store);
  for (const [i, command] of commands.entries()) {
    seq++;
    foldCommand(state, command, { at: later(i), actor: { kind: 'system', id: 't' }, source: 'system', key: `key-${seq}-xx` });
  }
  return state;
}

const create = (overrides: Partial<Extract<Command, { type: 'createRepairOrder' }>> = {}): Command => ({
  type: 'createRepairOrder',
  roId: 'ro1',
  number: 'RO-1',
  stage: 'checked_in',
  vehicle: { plate: '京A12345', make: 'Audi', model: 'A6L', color: 'Black' },
  customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
  priority: 'normal',
  wash: true,
  trackingToken: 'tok-0123456789abcdef',
  operations: [
    { id: 'op1', code: 'OIL', title: 'Oil change', standardHours: 0.5, bayId: 'bay-1', technicianId: 'tech-1' },
    { id: 'op2', code: 'BRK', title: 'Brake pads', standardHours: 1.2 },
  ],
  ...overrides,
});
const op = (type: 'startOperation' | 'resumeOperation' | 'finishOperation', operationId: string, extra = {}): Command =>
  ({ type, roId: 'ro1', operationId, ...extra }) as Command;
const ro = (state: StoreState): RepairOrder => state.ros.get('ro1')!;
const decide = (state: StoreState, command: Command, minutes = 30) => apply(state, command, { storeId: 's1', at: later(minutes), store });

/** Both operations finished: the car is in quality check. */
const inQc = (wash = true) =>
  stateWith(
    create({ wash }),
    { type: 'assignOperation', roId: 'ro1', operationId: 'op2', bayId: 'bay-2', technicianId: 'tech-2' },
    op('startOperation', 'op1'),
    op('startOperation', 'op2'),
    op('finishOperation', 'op1'),
    op('finishOperation', 'op2'),
  );

const Stages = suite('repair-order stages');

Stages('a scheduled order checks in, or becomes a no-show, or is cancelled', () => {
  const s = stateWith(create({ stage: 'scheduled' }));
  for (const [command, stage] of [
    [{ type: 'checkIn', roId: 'ro1' }, 'checked_in'],
    [{ type: 'markNoShow', roId: 'ro1' }, 'no_show'],
    [{ type: 'cancel', roId: 'ro1', reason: 'customer called' }, 'cancelled'],
  ] as const) {
    const d = decide(s, command);
    assert.ok(d.ok, command.type);
    if (d.ok) assert.is((d.changes[0]!.value as RepairOrder).stage, stage);
  }
});

Stages('a checked-in order goes to dispatch and starting work puts it in service', () => {
  const s = stateWith(create(), { type: 'sendToWorkshop', roId: 'ro1' });
  assert.is(ro(s).stage, 'waiting_dispatch');
  const d = decide(s, op('startOperation', 'op1'));
  assert.ok(d.ok);
  if (d.ok) assert.is((d.changes[0]!.value as RepairOrder).stage, 'in_service');
});

Stages('the last operation finished moves the car to quality check by itself', () => {
  const s = inQc();
  assert.is(ro(s).stage, 'quality_check');
  assert.equal(
    ro(s).timeline.map((t) => t.stage),
    ['checked_in', 'in_service', 'quality_check'],
  );
});

Stages('QC pass sends a car to washing when it is to be washed, else straight to ready', () => {
  const washed = decide(inQc(true), { type: 'qcPass', roId: 'ro1' });
  const unwashed = decide(inQc(false), { type: 'qcPass', roId: 'ro1' });
  assert.ok(washed.ok && unwashed.ok);
  if (washed.ok) assert.is((washed.changes[0]!.value as RepairOrder).stage, 'washing');
  if (unwashed.ok) {
    const value = unwashed.changes[0]!.value as RepairOrder;
    assert.is(value.stage, 'ready');
    assert.ok(value.readyAt);
  }
});

Stages('QC fail reopens only the named operations, counts a rework and goes back to service', () => {
  const s = inQc();
  const d = decide(s, { type: 'qcFail', roId: 'ro1', reason: 'squeak remains', operationIds: ['op2'] });
  assert.ok(d.ok);
  if (!d.ok) return;
  const value = d.changes[0]!.value as RepairOrder;
  assert.is(value.stage, 'in_service');
  assert.is(value.reworkCount, 1);
  assert.is(value.operations.find((o) => o.id === 'op1')!.status, 'done');
  const redo = value.operations.find((o) => o.id === 'op2')!;
  assert.is(redo.status, 'assigned');
  assert.is(redo.reworks, 1);
  assert.is(redo.finishedAt, undefined);
});

Stages('washing ends in ready (wash done or advisor), and ready is delivered', () => {
  const washing = stateWith(
    ...[
      create(),
      { type: 'assignOperation', roId: 'ro1', operationId: 'op2', bayId: 'bay-2' } as Command,
      op('startOperation', 'op1'),
      op('startOperation', 'op2', { technicianId: 'tech-2' }),
      op('finishOperation', 'op1'),
      op('finishOperation', 'op2'),
      { type: 'qcPass', roId: 'ro1' } as Command,
    ],
  );
  assert.is(ro(washing).stage, 'washing');
  for (const type of ['washDone', 'markReady'] as const) {
    const d = decide(washing, { type, roId: 'ro1' });
    assert.ok(d.ok, type);
  }
  const ready = stateWith(
    ...[
      create({ wash: false }),
      { type: 'assignOperation', roId: 'ro1', operationId: 'op2', bayId: 'bay-2', technicianId: 'tech-2' } as Command,
      op('startOperation', 'op1'),
      op('startOperation', 'op2'),
      op('finishOperation', 'op1'),
      op('finishOperation', 'op2'),
      { type: 'qcPass', roId: 'ro1' } as Command,
      { type: 'deliver', roId: 'ro1' } as Command,
    ],
  );
  assert.is(ro(ready).stage, 'delivered');
  assert.ok(ro(ready).deliveredAt);
});

Stages('terminal stages allow no further move', () => {
  for (const stage of ['delivered', 'no_show', 'cancelled'] as const) assert.equal(STAGE_MOVES[stage], []);
});

const Illegal = suite('illegal transitions');

Illegal('are refused with a message naming the current and the requested state, and change nothing', () => {
  const s = stateWith(create());
  const before = JSON.stringify(ro(s));
  const d = decide(s, { type: 'deliver', roId: 'ro1' });
  assert.not.ok(d.ok);
  if (d.ok) return;
  assert.is(d.error.code, 'illegal_transition');
  assert.match(d.error.message, /checked_in/);
  assert.match(d.error.message, /delivered/);
  assert.equal(d.error.details, { current: 'checked_in', requested: 'delivered' });
  assert.is(JSON.stringify(ro(s)), before);
});

Illegal('refuses to finish an operation that was never started', () => {
  const d = decide(stateWith(create()), op('finishOperation', 'op1'));
  assert.not.ok(d.ok);
  if (!d.ok) {
    assert.match(d.error.message, /assigned → done/);
    assert.equal(d.error.details, { current: 'assigned', requested: 'done', operationId: 'op1' });
  }
});

Illegal('refuses QC pass before quality check, wash done before washing, check-in twice', () => {
  const s = stateWith(create());
  for (const command of [
    { type: 'qcPass', roId: 'ro1' },
    { type: 'washDone', roId: 'ro1' },
    { type: 'checkIn', roId: 'ro1' },
    { type: 'markNoShow', roId: 'ro1' },
    { type: 'submitSurvey', roId: 'ro1', score: 5 },
  ] as Command[]) {
    const d = decide(s, command);
    assert.not.ok(d.ok, command.type);
  }
});

Illegal('refuses to cancel a car that is being worked on', () => {
  const working = stateWith(create(), op('startOperation', 'op1'));
  assert.not.ok(decide(working, { type: 'cancel', roId: 'ro1', reason: 'x' }).ok);
});

Illegal('refuses unknown repair orders, operations, bays and technicians', () => {
  const s = stateWith(create());
  const cases: [Command, string][] = [
    [{ type: 'checkIn', roId: 'nope' }, 'not_found'],
    [op('startOperation', 'nope'), 'not_found'],
    [{ type: 'assignOperation', roId: 'ro1', operationId: 'op2', bayId: 'bay-9' }, 'invalid_reference'],
    [{ type: 'assignOperation', roId: 'ro1', operationId: 'op2', bayId: 'bay-1', technicianId: 'tech-9' }, 'invalid_reference'],
  ];
  for (const [command, code] of cases) {
    const d = decide(s, command);
    assert.not.ok(d.ok);
    if (!d.ok) assert.is(d.error.code, code, JSON.stringify(command));
  }
});

const Ops = suite('operations');

Ops('pause for parts keeps the part and ETA, resume clears it, and work time excludes the pause', () => {
  const s = stateWith(create(), op('startOperation', 'op1'));
  const eta = later(240);
  const pause: Command = { type: 'pauseOperation', roId: 'ro1', operationId: 'op1', pause: { reason: 'parts', part: '刹车片', eta } };
  const paused = apply(s, pause, { storeId: 's1', at: later(21), store });
  assert.ok(paused.ok);
  if (!paused.ok) return;
  const pausedOp = (paused.changes[0]!.value as RepairOrder).operations[0]!;
  assert.equal(pausedOp.pause, { reason: 'parts', part: '刹车片', eta });
  assert.is(pausedOp.workedMs, 20 * 60_000, 'started at minute 1, paused at minute 21');
  assert.is(pausedOp.runningSince, undefined);

  foldCommand(s, pause, { at: later(21), actor: { kind: 'system', id: 't' }, source: 'system', key: 'pause-key-1' });
  const resumed = apply(s, op('resumeOperation', 'op1'), { storeId: 's1', at: later(100), store });
  assert.ok(resumed.ok);
  if (resumed.ok) {
    const o = (resumed.changes[0]!.value as RepairOrder).operations[0]!;
    assert.is(o.status, 'in_progress');
    assert.is(o.pause, undefined);
    assert.is(o.runningSince, later(100));
  }
});

Ops('a technician cannot be in progress on two operations at once', () => {
  const s = stateWith(create(), op('startOperation', 'op1'));
  const d = decide(s, op('startOperation', 'op2', { bayId: 'bay-2', technicianId: 'tech-1' }));
  assert.not.ok(d.ok);
  if (!d.ok) {
    assert.is(d.error.code, 'conflict');
    assert.match(d.error.message, /pause it first/);
  }
  assert.ok(decide(s, op('startOperation', 'op2', { bayId: 'bay-2', technicianId: 'tech-2' })).ok);
});

Ops('an unassigned operation can be started by naming a bay; reassigning work in progress is refused', () => {
  const s = stateWith(create());
  assert.not.ok(decide(s, op('startOperation', 'op2')).ok, 'no bay yet');
  assert.ok(decide(s, op('startOperation', 'op2', { bayId: 'bay-2', technicianId: 'tech-2' })).ok);
  const working = stateWith(create(), op('startOperation', 'op1'));
  const d = decide(working, { type: 'assignOperation', roId: 'ro1', operationId: 'op1', bayId: 'bay-2' });
  assert.not.ok(d.ok);
  if (!d.ok) assert.match(d.error.message, /in_progress → assigned/);
});

Ops('allowedActions offers exactly the moves the machine accepts', () => {
  const s = stateWith(create());
  assert.equal(allowedActions(s, 'ro1').sort(), ['cancel', 'sendToWorkshop']);
  assert.equal(allowedActions(s, 'ro1', 'op1'), ['startOperation']);
  const working = stateWith(create(), op('startOperation', 'op1'));
  assert.equal(allowedActions(working, 'ro1', 'op1').sort(), ['finishOperation', 'pauseOperation']);
});

const Appointments = suite('appointments');

Appointments('checking in an appointment creates the order and marks the appointment checked in', () => {
  const s = stateWith({
    type: 'createAppointment',
    appointmentId: 'ap1',
    at: later(60),
    vehicle: { plate: '京A12345', make: 'Audi', model: 'A6L', color: '' },
    customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
    services: ['OIL'],
  });
  const d = decide(s, create({ appointmentId: 'ap1' }));
  assert.ok(d.ok);
  if (!d.ok) return;
  const appt = d.changes.find((c) => c.kind === 'appointment')!.value;
  assert.is((appt as { status: string }).status, 'checked_in');
  foldCommand(s, create({ appointmentId: 'ap1' }), { at: later(61), actor: { kind: 'system', id: 't' }, source: 'kiosk', key: 'checkin-key-1' });
  const again = decide(s, create({ roId: 'ro2', appointmentId: 'ap1' }));
  assert.not.ok(again.ok, 'an appointment checks in once');
  assert.not.ok(decide(s, { type: 'cancelAppointment', appointmentId: 'ap1' }).ok);
});

const Fold = suite('folding events');

Fold('refuses an event that does not follow the last seq', () => {
  const s = stateWith(create());
  assert.throws(
    () =>
      s.applyEvent({
        seq: s.seq + 2,
        storeId: 's1',
        at: AT,
        actor: { kind: 'system', id: 't' },
        source: 'system',
        key: 'gap-key-01',
        type: 'repairOrderCheckedIn',
        v: 1,
        data: { roId: 'ro1' },
      }),
    /does not follow/,
  );
});

Fold('a snapshot round trip gives the same state', () => {
  const s = inQc();
  const copy = StoreState.fromSnapshot('s1', JSON.parse(JSON.stringify(s.toSnapshot())));
  assert.equal(copy.toSnapshot(), s.toSnapshot());
});

Stages.run();
Illegal.run();
Ops.run();
Appointments.run();
Fold.run();

const Linked = suite('appointments and their prepared orders');

const withScheduled = () =>
  stateWith(
    {
      type: 'createAppointment',
      appointmentId: 'ap1',
      at: later(60),
      vehicle: { plate: '京A12345', make: 'Audi', model: '', color: '' },
      customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
      services: [],
    },
    create({ stage: 'scheduled', appointmentId: 'ap1' }),
  );

Linked('checking in the prepared order checks in its appointment', () => {
  const d = decide(withScheduled(), { type: 'checkIn', roId: 'ro1' });
  assert.ok(d.ok);
  if (d.ok) assert.is((d.changes.find((c) => c.kind === 'appointment')!.value as { status: string }).status, 'checked_in');
});

Linked('an appointment gets one repair order, not two', () => {
  const d = decide(withScheduled(), create({ roId: 'ro2', number: 'RO-2', appointmentId: 'ap1' }));
  assert.not.ok(d.ok);
  if (!d.ok) assert.match(d.error.message, /already has repair order ro1/);
});

Linked('cancelling the appointment cancels its prepared order', () => {
  const d = decide(withScheduled(), { type: 'cancelAppointment', appointmentId: 'ap1' });
  assert.ok(d.ok);
  if (d.ok) assert.is((d.changes.find((c) => c.kind === 'ro')!.value as RepairOrder).stage, 'cancelled');
});

Linked('a bay holds one car: starting work on another car there is refused', () => {
  const s = stateWith(create(), op('startOperation', 'op1'));
  const other = decide(
    s,
    create({ roId: 'ro2', number: 'RO-2', trackingToken: 'tok-other-0123456789', operations: [{ id: 'op9', code: 'X', title: 'X', standardHours: 1 }] }),
  );
  assert.ok(other.ok);
  foldCommand(
    s,
    create({ roId: 'ro2', number: 'RO-2', trackingToken: 'tok-other-0123456789', operations: [{ id: 'op9', code: 'X', title: 'X', standardHours: 1 }] }),
    { at: later(5), actor: { kind: 'system', id: 't' }, source: 'system', key: 'second-car-1' },
  );
  const d = apply(
    s,
    { type: 'startOperation', roId: 'ro2', operationId: 'op9', bayId: 'bay-1', technicianId: 'tech-2' },
    { storeId: 's1', at: later(6), store },
  );
  assert.not.ok(d.ok);
  if (!d.ok) assert.match(d.error.message, /Bay bay-1 is busy with RO-1/);
});

Linked('a repair order number is used once per store', () => {
  const d = decide(stateWith(create()), create({ roId: 'ro2' }));
  assert.not.ok(d.ok);
  if (!d.ok) assert.is(d.error.code, 'number_taken');
});

Linked('a queue number given out today is refused for another car, and free again tomorrow', () => {
  // The kiosk's check-in: a first walk-in got W001 at 10:00 in Beijing.
  const zoned = { ...store, timezone: 'Asia/Shanghai' };
  const s = stateWith(create({ queueNumber: 'W001' }), create({ roId: 'ro2', number: 'RO-2', stage: 'scheduled', trackingToken: 'tok-second-0123456789' }));
  const third = create({ roId: 'ro3', number: 'RO-3', queueNumber: 'W001', trackingToken: 'tok-third-01234567890', operations: [] });
  const at = (minutes: number, command: Command) => apply(s, command, { storeId: 's1', at: later(minutes), store: zoned });
  for (const command of [third, { type: 'checkIn', roId: 'ro2', queueNumber: 'W001' } as Command]) {
    const d = at(30, command);
    assert.not.ok(d.ok, command.type);
    if (!d.ok) assert.equal([d.error.code, d.error.details], ['queue_number_taken', { queueNumber: 'W001' }]);
  }
  assert.ok(at(30, { type: 'checkIn', roId: 'ro2', queueNumber: 'W002' }).ok, 'the next number is free');
  assert.ok(at(24 * 60, third).ok, 'numbers start again the next day');
  assert.ok(at(24 * 60, { type: 'checkIn', roId: 'ro2', queueNumber: 'W001' }).ok);
  // Replaying the log never refuses what was once accepted.
  const replayed = stateWith(create({ queueNumber: 'W001' }), third);
  assert.is(replayed.ros.get('ro3')?.queueNumber, 'W001');
});

Linked.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Operation, RepairOrder } from '../domain/repair-order';
import { estimateEtas, type EtaRates, type EtaTuning } from './model';

const NOW = Date.parse('2030-05-10T02:00:00.000Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const rates: EtaRates = { storePace: 1, techPace: {}, checkInMinutes: 0, qcMinutes: 15, washMinutes: 20 };
/** No spread and no overrun floor, so each figure is plain arithmetic. */
const tuning: EtaTuning = { overrunShare: 0, lateParts: 30, otherPause: 10, spreadShare: 0.5, spreadMinutes: 10 };
const floor = {
  bays: [
    { id: 'b1', kind: 'general' as const },
    { id: 'q1', kind: 'quick' as const },
    { id: 'w', kind: 'wash' as const },
  ],
  catalogue: [
    { code: 'GEN', bayKind: 'general' as const },
    { code: 'OIL', bayKind: 'quick' as const },
  ],
};
let n = 0;
const anOp = (o: Partial<Operation> = {}): Operation => ({
  id: `op-${++n}`,
  code: 'GEN',
  title: 'x',
  standardHours: 1,
  status: 'unassigned',
  workedMs: 0,
  reworks: 0,
  ...o,
});
const aCar = (o: Partial<RepairOrder> = {}): RepairOrder => ({
  id: `ro-${++n}`,
  storeId: 's',
  number: `RO${n}`,
  stage: 'waiting_dispatch',
  stageSince: at(-5),
  createdAt: at(-5),
  checkedInAt: at(-5),
  vehicle: { plate: '京A12345', make: 'Audi', model: '', color: '' },
  customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
  priority: 'normal',
  wash: false,
  reworkCount: 0,
  timeline: [],
  operations: [anOp()],
  ...o,
});
const etaOf = (ros: RepairOrder[], ro: RepairOrder, r = rates) => estimateEtas(ros, floor, r, NOW, tuning).get(ro.id)!;

const Remaining = suite('remaining hours');
Remaining('a running job: what is left of its standard hours, then QC', () => {
  const car = aCar({ stage: 'in_service', operations: [anOp({ status: 'in_progress', bayId: 'b1', runningSince: at(-20), startedAt: at(-20) })] });
  assert.is(etaOf([car], car).p50, at(40 + 15));
});
Remaining('scales by the technician’s pace, else the store’s', () => {
  const op = (techId: string) => anOp({ status: 'assigned', bayId: 'b1', technicianId: techId });
  const slow = aCar({ operations: [op('t-slow')] });
  const r = { ...rates, storePace: 1.2, techPace: { 't-slow': 1.5 } };
  assert.is(etaOf([slow], slow, r).p50, at(90 + 15));
  const other = aCar({ operations: [op('t-new')] });
  assert.is(etaOf([other], other, r).p50, at(90)); // 72 min + 15 QC, rounded up to 5
});
Remaining('adds the wash when the car is washed', () => {
  const car = aCar({ wash: true });
  assert.is(etaOf([car], car).p50, at(60 + 15 + 20));
});
Remaining('p80 lies after p50 by a share of the time still to go', () => {
  const car = aCar();
  const eta = etaOf([car], car);
  assert.is(eta.p50, at(75));
  assert.is(eta.p80, at(75 + 37.5 + 10 + 2.5));
});
Remaining('a car in QC: what is left of its typical QC time', () => {
  const car = aCar({ stage: 'quality_check', stageSince: at(-5), operations: [anOp({ status: 'done', workedMs: 3_600_000 })] });
  assert.is(etaOf([car], car).p50, at(10));
});
Remaining('the advisor’s promise stays; lateMinutes says how far the ETA lies past it', () => {
  const car = aCar({ promisedAt: at(50) });
  const eta = etaOf([car], car);
  assert.is(eta.lateMinutes, 25);
  const early = aCar({ promisedAt: at(120) });
  assert.not.ok(etaOf([early], early).lateMinutes);
});
Remaining.run();

const Queue = suite('queue ahead');
Queue('waits for its bay behind the car in it and the cars that came first', () => {
  const inBay = aCar({ stage: 'in_service', checkedInAt: at(-60), operations: [anOp({ status: 'in_progress', bayId: 'b1', runningSince: at(-30) })] });
  const first = aCar({ checkedInAt: at(-20) });
  const me = aCar({ checkedInAt: at(-10), operations: [anOp({ standardHours: 0.5 })] });
  const later = aCar({ checkedInAt: at(-1) });
  const eta = etaOf([later, me, first, inBay], me);
  // b1 frees in 30 min, takes the first car for 60: this one starts at 90, done at 120, + QC.
  // One car waits ahead of it (the one in the bay is not waiting); the later one queues behind.
  assert.equal([eta.startsAt, eta.carsAhead, eta.p50], [at(90), 1, at(135)]);
});
Queue('a job for another kind of bay does not wait for this one', () => {
  const inBay = aCar({ stage: 'in_service', operations: [anOp({ status: 'in_progress', bayId: 'b1', runningSince: at(0) })] });
  const oil = aCar({ operations: [anOp({ code: 'OIL', standardHours: 0.5 })] });
  const eta = etaOf([inBay, oil], oil);
  assert.equal([eta.startsAt, eta.carsAhead, eta.p50], [at(0), 0, at(45)]);
});
Queue('waits for a technician with the skill, even with a bay free', () => {
  const crew = { ...floor, technicians: [{ id: 't1', skills: ['general', 'quick'], roles: ['technician' as const] }] };
  const busy = aCar({ stage: 'in_service', operations: [anOp({ status: 'in_progress', bayId: 'b1', technicianId: 't1', runningSince: at(-30) })] });
  const oil = aCar({ operations: [anOp({ code: 'OIL', standardHours: 0.5 })] });
  assert.is(estimateEtas([busy, oil], crew, rates, NOW, tuning).get(oil.id)!.startsAt, at(30));
});
Queue('a car checked in waits the typical time before it is sent to the workshop', () => {
  const car = aCar({ stage: 'checked_in', stageSince: at(-4) });
  assert.is(etaOf([car], car, { ...rates, checkInMinutes: 10 }).p50, at(6 + 60 + 15 + 4)); // 81 → 85
});
Queue.run();

const Parts = suite('a parts wait');
Parts('resumes when the part is due, then does what is left', () => {
  const car = aCar({
    stage: 'in_service',
    operations: [anOp({ status: 'paused', bayId: 'b1', workedMs: 20 * 60_000, pause: { reason: 'parts', part: '刹车片', eta: at(90) } })],
  });
  assert.is(etaOf([car], car).p50, at(90 + 40 + 15));
});
Parts('a part already overdue is assumed a while off still, not on time', () => {
  const car = aCar({ stage: 'in_service', operations: [anOp({ status: 'paused', bayId: 'b1', pause: { reason: 'parts', part: '刹车片', eta: at(-15) } })] });
  assert.is(etaOf([car], car).p50, at(30 + 60 + 15));
});
Parts('holds its bay: the car behind it waits for the part too', () => {
  const waiting = aCar({
    stage: 'in_service',
    checkedInAt: at(-60),
    operations: [anOp({ status: 'paused', bayId: 'b1', workedMs: 30 * 60_000, pause: { reason: 'parts', part: '大灯', eta: at(60) } })],
  });
  const me = aCar();
  assert.is(etaOf([waiting, me], me).startsAt, at(90));
});
Parts.run();

const Paused = suite('a paused operation');
Paused('a break: resumes after the assumed pause, with its worked time kept', () => {
  const car = aCar({ stage: 'in_service', operations: [anOp({ status: 'paused', bayId: 'b1', workedMs: 45 * 60_000, pause: { reason: 'break' } })] });
  assert.is(etaOf([car], car).p50, at(10 + 15 + 15));
});
Paused('a job run past its time still has a share of it left', () => {
  const car = aCar({ stage: 'in_service', operations: [anOp({ status: 'in_progress', bayId: 'b1', runningSince: at(-90) })] });
  assert.is(estimateEtas([car], floor, rates, NOW, { ...tuning, overrunShare: 0.25 }).get(car.id)!.p50, at(15 + 15));
});
Paused('cars that are ready, delivered or cancelled have no ETA', () => {
  const cars = (['ready', 'delivered', 'cancelled'] as const).map((stage) => aCar({ stage }));
  assert.is(estimateEtas(cars, floor, rates, NOW, tuning).size, 0);
});
Paused.run();

const Side = suite('a car’s jobs side by side, technicians booked by the hour');
Side('jobs at bays of different kinds run at once: the car is done with the longer one', () => {
  const car = aCar({ operations: [anOp({ standardHours: 1 }), anOp({ code: 'OIL', standardHours: 0.5 })] });
  assert.is(etaOf([car], car).p50, at(60 + 15)); // not 90 + 15, one after the other
});
Side('two jobs of one car in its own bay, both running, both count from now', () => {
  const car = aCar({
    stage: 'in_service',
    operations: [
      anOp({ status: 'in_progress', bayId: 'b1', technicianId: 't1', runningSince: at(-10) }),
      anOp({ status: 'in_progress', bayId: 'b1', technicianId: 't2', runningSince: at(-10), standardHours: 0.5 }),
    ],
  });
  assert.is(etaOf([car], car).p50, at(50 + 15));
});
Side('another car still waits for the bay until the car in it is done', () => {
  const car = aCar({ checkedInAt: at(-30), operations: [anOp({ standardHours: 1 }), anOp({ standardHours: 0.5 })] });
  const me = aCar({ operations: [anOp({ standardHours: 0.5 })] });
  // The first car's two general jobs go on side by side in b1 (done at 60); this car starts then.
  assert.is(etaOf([car, me], me).startsAt, at(60));
});
Side('a technician booked for a job that waits for its bay is free for other work before it', () => {
  const crew = { ...floor, technicians: [{ id: 't1', skills: ['general', 'quick'], roles: ['technician' as const] }] };
  const inBay = aCar({
    stage: 'in_service',
    checkedInAt: at(-90),
    operations: [anOp({ status: 'in_progress', bayId: 'b1', runningSince: at(0), technicianId: 'tx' })],
  });
  const queued = aCar({ checkedInAt: at(-60) }); // waits for b1 (free at 60), then t1 from 60 to 120
  const oil = aCar({ checkedInAt: at(-30), operations: [anOp({ code: 'OIL', standardHours: 0.5 })] });
  // The quick bay is free and t1 is idle until 60: the oil change fits before it, at once.
  assert.is(estimateEtas([inBay, queued, oil], crew, rates, NOW, tuning).get(oil.id)!.startsAt, at(0));
});
Side.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Appointment, RepairOrder } from '../domain/repair-order';
import { StoreSchema } from '../domain/shop';
import { bayClash, capacityByDay, carriedOverHours, durationOf, shiftHours, shortfall, skillCapacityHours } from './capacity';

const aStore = (over: Record<string, unknown> = {}) =>
  StoreSchema.parse({
    id: 's',
    name: { 'zh-CN': '店', en: 'Store' },
    timezone: 'Asia/Shanghai',
    openingHours: { open: '08:00', close: '18:00' },
    bays: [
      { id: 'g1', name: 'G1', kind: 'general' },
      { id: 'g2', name: 'G2', kind: 'general' },
      { id: 'q1', name: 'Q1', kind: 'quick' },
    ],
    teams: [
      { id: 'day', name: 'Day', shift: { start: '08:30', end: '17:30' } },
      { id: 'none', name: 'No shift' },
    ],
    technicians: [
      { id: 't1', name: 'A', teamId: 'day', skills: ['general', 'quick'] },
      { id: 't2', name: 'B', teamId: 'day', skills: ['general'], shift: { start: '12:00', end: '16:00' } },
      { id: 't3', name: 'C', teamId: 'none', skills: [] },
      { id: 'w1', name: 'Washer', teamId: 'none', skills: ['general'], roles: ['inspector'] },
    ],
    catalogue: [
      { code: 'OIL', title: { 'zh-CN': '机油', en: 'Oil' }, standardHours: 0.5, bayKind: 'quick' },
      { code: 'BRK', title: { 'zh-CN': '刹车', en: 'Brakes' }, standardHours: 1.2, bayKind: 'general' },
      { code: 'PNT', title: { 'zh-CN': '喷漆', en: 'Paint' }, standardHours: 4, bayKind: 'paint' },
    ],
    ...over,
  });

const anAppointment = (over: Partial<Appointment>): Appointment => ({
  id: 'a1',
  storeId: 's',
  at: '2030-03-04T09:00:00+08:00',
  vehicle: { plate: '京A12345', make: 'VW', model: '', color: '' },
  customer: { name: '王', phone: '13800000000', salutation: 'none' },
  services: ['BRK'],
  status: 'booked',
  createdAt: '2030-03-01T00:00:00Z',
  ...over,
});

const anOpenRo = (ops: Partial<RepairOrder['operations'][number]>[]): RepairOrder => ({
  id: 'ro1',
  storeId: 's',
  number: 'RO-1',
  stage: 'in_service',
  stageSince: '2030-03-04T01:00:00Z',
  vehicle: { plate: '京A1', make: 'VW', model: '', color: '' },
  customer: { name: '李', phone: '13800000001', salutation: 'none' },
  priority: 'normal',
  wash: false,
  reworkCount: 0,
  createdAt: '2030-03-04T01:00:00Z',
  timeline: [],
  operations: ops.map((o, i) => ({ id: `op${i}`, code: 'BRK', title: 'x', standardHours: 1.2, status: 'assigned', workedMs: 0, reworks: 0, ...o })),
});

const state = (appointments: Appointment[] = [], ros: RepairOrder[] = []) => ({
  appointments: new Map(appointments.map((a) => [a.id, a])),
  ros: new Map(ros.map((r) => [r.id, r])),
});
// 09:00 in Beijing on 2030-03-04.
const MORNING = Date.parse('2030-03-04T01:00:00Z');

const Shifts = suite('shiftHours');
Shifts('counts a shift that ends after midnight into the next day', () => {
  assert.is(shiftHours({ start: '08:30', end: '17:30' }), 9);
  assert.is(shiftHours({ start: '22:00', end: '06:00' }), 8);
});
Shifts.run();

const Skill = suite('skillCapacityHours');
Skill('sums the shift hours of technicians with the skill: own shift, else team, else opening hours; technicians with no skills count for every skill', () => {
  // general: t1 9 h (team) + t2 4 h (own) + t3 10 h (opening hours, no skills = all); w1 is no technician.
  // Bays: 2 general × 10 h = 20 h, so the bays bound it.
  assert.is(skillCapacityHours(aStore(), 'general'), 20);
  // quick: t1 9 h + t3 10 h = 19 h, one quick bay 10 h.
  assert.is(skillCapacityHours(aStore(), 'quick'), 10);
  // paint: t3 could, but there is no paint bay.
  assert.is(skillCapacityHours(aStore(), 'paint'), 0);
});
Skill('is bound by technicians when bays are plenty', () => {
  const store = aStore({ technicians: [{ id: 't1', name: 'A', teamId: 'day', skills: ['general'] }] });
  assert.is(skillCapacityHours(store, 'general'), 9);
});
Skill.run();

const Carried = suite('carriedOverHours');
Carried('counts unfinished operations of open repair orders, less the time already worked (a running clock too)', () => {
  const ro = anOpenRo([
    { status: 'done', workedMs: 0 },
    { status: 'paused', workedMs: 30 * 60_000 },
    { status: 'in_progress', workedMs: 0, runningSince: '2030-03-04T00:48:00Z' },
    { code: 'OIL', standardHours: 0.5 },
  ]);
  const carried = carriedOverHours(state([], [ro]), aStore(), MORNING);
  assert.is(Math.round(carried.general * 100) / 100, 0.7 + 1.0);
  assert.is(carried.quick, 0.5);
  assert.equal(carriedOverHours(state([], [{ ...ro, stage: 'ready' }]), aStore(), MORNING), {});
});
Carried('takes today first and spills what today cannot hold into the next day, never into the past', () => {
  const ro = anOpenRo(Array.from({ length: 20 }, () => ({ standardHours: 1.25 }))); // 25 h of general work
  const [yesterday, today, tomorrow, after] = capacityByDay(state([], [ro]), aStore(), '2030-03-03', 4, MORNING);
  const general = (d: typeof today) => d.skills.find((s) => s.skill === 'general')!;
  assert.is(general(yesterday).carriedHours, 0);
  assert.equal(general(today), { skill: 'general', capacityHours: 20, carriedHours: 20, bookedHours: 0, freeHours: 0 });
  assert.is(general(tomorrow).carriedHours, 5);
  assert.is(general(after).carriedHours, 0);
});
Carried.run();

const Short = suite('shortfall');
Short('names each skill a booking would take past its free hours that day, leaving out the booking itself', () => {
  const booked = Array.from({ length: 16 }, (_, i) => anAppointment({ id: `b${i}` })); // 19.2 h general
  const s = state(booked);
  assert.equal(shortfall(s, aStore(), { at: '2030-03-04T15:00:00+08:00', services: ['BRK', 'OIL'] }, MORNING), [
    { skill: 'general', neededHours: 1.2, freeHours: 0.8 },
  ]);
  assert.equal(shortfall(s, aStore(), { at: '2030-03-04T15:00:00+08:00', services: ['BRK'] }, MORNING, 'b0'), [], 'moving b0 within its day');
  assert.equal(shortfall(s, aStore(), { at: '2030-03-05T09:00:00+08:00', services: ['BRK'] }, MORNING), [], 'another day');
  assert.equal(shortfall(s, aStore(), { at: '2030-03-04T09:00:00+08:00', services: [] }, MORNING), []);
});
Short('leaves out cancelled and no-show bookings', () => {
  const booked = Array.from({ length: 17 }, (_, i) => anAppointment({ id: `b${i}`, status: i < 2 ? 'cancelled' : i < 4 ? 'no_show' : 'booked' }));
  assert.equal(shortfall(state(booked), aStore(), { at: '2030-03-04T15:00:00+08:00', services: ['BRK'] }, MORNING), []);
});
Short.run();

const Clash = suite('bayClash');
Clash("finds a booking of the bay whose span overlaps, by duration or by its services' hours", () => {
  const a = anAppointment({ bayId: 'g1', durationMinutes: 60 });
  const b = anAppointment({ id: 'a2', bayId: 'g2', at: '2030-03-04T13:00:00+08:00' }); // BRK: 72 min
  const s = state([a, b]);
  const span = (from: string, minutes: number) => ({ start: Date.parse(from), end: Date.parse(from) + minutes * 60_000 });
  assert.is(bayClash(s, aStore(), 'g1', span('2030-03-04T09:59:00+08:00', 30))?.id, 'a1');
  assert.is(bayClash(s, aStore(), 'g1', span('2030-03-04T10:00:00+08:00', 30)), undefined, 'touching ends do not clash');
  assert.is(bayClash(s, aStore(), 'g1', span('2030-03-04T08:00:00+08:00', 61))?.id, 'a1');
  assert.is(bayClash(s, aStore(), 'g1', span('2030-03-04T09:00:00+08:00', 30), 'a1'), undefined, 'itself');
  assert.is(bayClash(s, aStore(), 'g2', span('2030-03-04T14:11:00+08:00', 30))?.id, 'a2');
  assert.is(bayClash(state([{ ...a, status: 'cancelled' }]), aStore(), 'g1', span('2030-03-04T09:00:00+08:00', 30)), undefined);
});
Clash("durationOf: the services' standard hours, at least half an hour", () => {
  assert.is(durationOf(aStore(), ['BRK', 'OIL']), 102);
  assert.is(durationOf(aStore(), []), 30);
  assert.is(durationOf(aStore(), ['NOPE']), 30);
});
Clash.run();

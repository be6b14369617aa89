import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RepairOrder } from '../../shared/domain/repair-order';
import { estimateWait } from './estimate';

const NOW = Date.parse('2030-05-10T02:00:00.000Z');
const min = (n: number) => new Date(NOW - n * 60_000).toISOString();
let n = 0;
const aCar = (stage: RepairOrder['stage'], hours: number[], arrivedMinutesAgo: number, overrides: Partial<RepairOrder> = {}): RepairOrder => ({
  id: `ro-${++n}`, storeId: 's', number: `RO${n}`, stage, stageSince: min(arrivedMinutesAgo), createdAt: min(arrivedMinutesAgo), checkedInAt: min(arrivedMinutesAgo),
  vehicle: { plate: '京A12345', make: 'Audi', model: '', color: '' }, customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
  priority: 'normal', wash: true, reworkCount: 0, timeline: [],
  operations: hours.map((h, i) => ({ id: `op-${n}-${i}`, code: 'X', title: 'x', standardHours: h, status: 'unassigned', workedMs: 0, reworks: 0 })),
  ...overrides,
});
const twoBays = { bays: [{ id: 'b1', name: '1', kind: 'general' as const }, { id: 'b2', name: '2', kind: 'quick' as const }, { id: 'w', name: 'W', kind: 'wash' as const }] };

test('no wait when a repair bay is free, however many wash bays there are', () => {
  const me = aCar('checked_in', [1], 0);
  assert.equal(estimateWait([me], twoBays, me, NOW), { waitMinutes: 0, carsAhead: 0, readyAt: new Date(NOW + 3_600_000).toISOString() });
});

test('waits for the first repair bay to come free after the cars that arrived earlier', () => {
  const busy = [aCar('in_service', [1], 60, { operations: [{ id: 'o', code: 'X', title: 'x', standardHours: 1, status: 'in_progress', workedMs: 0, reworks: 0, runningSince: min(30) }] }), aCar('in_service', [2], 60)];
  const earlier = aCar('waiting_dispatch', [0.5], 10);
  const later = aCar('checked_in', [5], -1);
  const me = aCar('checked_in', [1], 0);
  const estimate = estimateWait([...busy, earlier, later, me], twoBays, me, NOW);
  // Bay 1 frees in 30 min (1 h job, 30 min done), then takes the earlier car for 30 min: 60 min.
  // Bay 2 frees in 120 min. The later car queues behind this one.
  assert.equal([estimate.waitMinutes, estimate.carsAhead], [60, 1]);
});

test.run();

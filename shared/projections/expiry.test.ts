import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Appointment, RepairOrder } from '../domain/repair-order';
import type { Store } from '../domain/shop';
import { ViewSync } from '../live/view-sync';
import { stillShown } from './expiry';
import { entryKey, projectEntry } from './project';

const NOW = Date.parse('2026-12-10T09:00:00Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3600_000).toISOString();
const anRo = (id: string, stage: RepairOrder['stage'], since: string) =>
  ({ id, stage, stageSince: since, operations: [], timeline: [], vehicle: {}, customer: {} }) as unknown as RepairOrder;
const anAppointment = (id: string, status: Appointment['status'], at: string) => ({ id, status, at }) as unknown as Appointment;
const store = { country: 'CN', advisors: [] } as unknown as Store;

const records = [
  anRo('open-old', 'in_service', hoursAgo(100)),
  anRo('delivered-today', 'delivered', hoursAgo(3)),
  anRo('delivered-35h', 'delivered', hoursAgo(35.9)),
  anRo('delivered-37h', 'delivered', hoursAgo(37)),
  anRo('cancelled-3d', 'cancelled', hoursAgo(72)),
  anAppointment('soon', 'booked', hoursAgo(-2)),
  anAppointment('past-13h', 'booked', hoursAgo(13)),
  anAppointment('past-11h', 'booked', hoursAgo(11)),
];

test("a staff screen drops exactly what the server's projection would leave out of a fresh snapshot", () => {
  for (const r of records) {
    const entry = projectEntry({ kind: 'dispatch', storeId: 's' }, store, r, NOW);
    const server = entry !== undefined;
    const client = stillShown('dispatch', entryKey(r), entry ?? projectEntry({ kind: 'dispatch', storeId: 's' }, store, r, NOW - 100 * 3600_000) ?? r, NOW);
    assert.is(client, server, r.id);
  }
});

test('a screen connected for days prunes aged-out entries as deltas arrive; other boards keep theirs', () => {
  const sync = new ViewSync(true, (key, entry, now) => stillShown('dispatch', key, entry, now));
  const entries = Object.fromEntries(records.map((r) => [entryKey(r), r]));
  sync.onSnapshot({ seq: 1, view: { header: {}, entries: { ...entries } } });
  assert.is(sync.prune(NOW), 3, 'the delivered car of 37 h ago, the cancellation of 3 days, the appointment 13 h past');
  assert.equal(Object.keys(sync.view!.entries).sort(), ['appointment:past-11h', 'appointment:soon', 'ro:delivered-35h', 'ro:delivered-today', 'ro:open-old']);
  assert.is(stillShown('customer', 'ro:x', { stage: 'delivered', stageSince: hoursAgo(100) }, NOW), true, "the lobby board's rows leave with an event");
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Store } from '../../shared/domain/shop';
import { type Audience, roomOf } from '../../shared/projections/audience';
import { deltaFor, isEmptyDelta } from '../../shared/projections/project';
import type { Delta } from '../../shared/projections/views';
import type { EntityChange } from '../../shared/workflow/state';
import { MemoryEventStore } from '../../tests/helpers/memory-store';
import { loadShopConfig } from '../config';
import { seedDemoDay } from '../demo/seed';
import { seededRng, simulateStep } from '../demo/simulate';
import { silentLogger } from '../log';
import { WorkshopService } from '../workshop-service';
import { planFanOut } from './fanout';

const shop = loadShopConfig();
const store = shop.stores[0];
const NOW = new Date('2026-11-23T02:30:00Z');

/** What the gateway sent before planFanOut: every audience of the store projected on its own. */
function roomByRoom(s: Store, seq: number, changes: readonly EntityChange[], now: number): Map<string, Delta> {
  const audiences: Audience[] = [
    { kind: 'customer', storeId: s.id },
    { kind: 'dispatch', storeId: s.id },
    ...s.bays.map((b): Audience => ({ kind: 'bay', storeId: s.id, bayId: b.id })),
  ];
  for (const c of changes) if (c.kind === 'ro') audiences.push({ kind: 'tracking', storeId: s.id, roId: c.after.id });
  const out = new Map<string, Delta>();
  for (const audience of audiences) {
    const delta = deltaFor(audience, s, seq, changes, now);
    if (audience.kind === 'tracking' && isEmptyDelta(delta)) continue;
    out.set(roomOf(audience), delta);
  }
  return out;
}

const planned = (s: Store, seq: number, changes: readonly EntityChange[], now: number): Map<string, Delta> => {
  const out = new Map<string, Delta>();
  for (const { rooms, delta } of planFanOut(s, seq, changes, now)) {
    for (const room of rooms) {
      assert.not.ok(out.has(room), `room ${room} is sent seq ${seq} twice`);
      out.set(room, delta);
    }
  }
  return out;
};

test('sends every room exactly the delta projecting it on its own would, over a seeded and simulated day', async () => {
  const service = new WorkshopService(new MemoryEventStore(), shop.stores, silentLogger, () => NOW);
  let events = 0;
  let emptyBayRooms = 0;
  service.onChange((storeId, seq, changes) => {
    const s = service.storeConfig(storeId)!;
    const now = NOW.getTime();
    const expected = roomByRoom(s, seq, changes, now);
    const actual = planned(s, seq, changes, now);
    assert.equal([...actual.keys()].sort(), [...expected.keys()].sort(), `rooms of seq ${seq}`);
    for (const [room, delta] of expected) assert.equal(actual.get(room), delta, `delta for ${room} at seq ${seq}`);
    emptyBayRooms += planFanOut(s, seq, changes, now).filter((e) => e.rooms.length > 1).length;
    events++;
  });
  await seedDemoDay(service, store.id, NOW);
  const rng = seededRng(6);
  for (let i = 0; i < 400; i++) await simulateStep(service, store.id, rng, { now: () => NOW });
  assert.ok(events > 300, `only ${events} events were checked`);
  assert.ok(emptyBayRooms > 0, 'untouched bays share one emit');
});

test('a change touching no bay sends all bays one empty delta in a single emit', () => {
  const appointment = { id: 'ap-1', status: 'booked', at: NOW.toISOString() } as never;
  const emissions = planFanOut(store, 7, [{ key: 'appointment:ap-1', kind: 'appointment', after: appointment } as EntityChange], NOW.getTime());
  const bays = emissions.filter((e) => e.rooms.some((r) => r.includes(':bay:')));
  assert.is(bays.length, 1);
  assert.is(bays[0].rooms.length, store.bays.length);
  assert.equal(bays[0].delta, { seq: 7, set: {}, del: [] });
});

test.run();

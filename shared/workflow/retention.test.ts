import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Command } from './commands';
import type { WorkshopEvent } from './events';
import { decide } from './lifecycle';
import { StoreState } from './state';
import type { Store } from '../domain/shop';
import { aCreateRepairOrder } from '../../tests/helpers/events';
import { foldCommand } from '../../tests/helpers/workflow';

const DAY = 86_400_000;
const START = Date.parse('2026-03-02T01:00:00.000Z');
const dayAt = (day: number, hour = 0) => new Date(START + day * DAY + hour * 3_600_000).toISOString();
const withExpiry = (days: number) => ({ trackingExpiryDays: days }) as Store;

test('a closed repair order stays for the tracking-link lifetime, then leaves the live state; open ones stay whatever their age', () => {
  const state = new StoreState('s1', withExpiry(7));
  foldCommand(state, aCreateRepairOrder('old-open'), { at: dayAt(0) });
  foldCommand(state, aCreateRepairOrder('closed'), { at: dayAt(0) });
  foldCommand(state, { type: 'cancel', roId: 'closed', reason: 'customer left' }, { at: dayAt(0, 2) });

  foldCommand(state, aCreateRepairOrder('day-7'), { at: dayAt(7, 12) });
  assert.ok(state.ros.has('closed'), 'seven days after closing it is still reachable');
  assert.equal(state.retiredWithLastEvent, []);

  foldCommand(state, aCreateRepairOrder('day-8'), { at: dayAt(8) });
  assert.not.ok(state.ros.has('closed'), 'eight days after closing it has left');
  assert.equal(
    state.retiredWithLastEvent.map((ro) => ro.id),
    ['closed'],
  );
  assert.ok(state.ros.has('old-open'), 'an open order never leaves');

  foldCommand(state, aCreateRepairOrder('day-8b'), { at: dayAt(8, 1) });
  assert.equal(state.retiredWithLastEvent, [], 'the next event of the same day retires nothing');
});

test("uses the store's trackingExpiryDays", () => {
  const state = new StoreState('s1', withExpiry(2));
  foldCommand(state, aCreateRepairOrder('closed'), { at: dayAt(0) });
  foldCommand(state, { type: 'cancel', roId: 'closed', reason: 'x' }, { at: dayAt(0) });
  foldCommand(state, aCreateRepairOrder('b'), { at: dayAt(2) });
  assert.ok(state.ros.has('closed'));
  foldCommand(state, aCreateRepairOrder('c'), { at: dayAt(3) });
  assert.not.ok(state.ros.has('closed'));
});

test('appointments no longer booked leave; booked ones stay', () => {
  const state = new StoreState('s1', withExpiry(1));
  const book = (id: string): Command =>
    ({
      type: 'createAppointment',
      appointmentId: id,
      at: dayAt(0, 3),
      services: ['保养'],
      vehicle: { plate: '京A12345' },
      customer: { name: '李四', phone: '13900139000' },
    }) as Command;
  foldCommand(state, book('kept'), { at: dayAt(0) });
  foldCommand(state, book('cancelled'), { at: dayAt(0) });
  foldCommand(state, { type: 'cancelAppointment', appointmentId: 'cancelled' }, { at: dayAt(0, 1) });
  foldCommand(state, aCreateRepairOrder('later'), { at: dayAt(3) });
  assert.equal([...state.appointments.keys()], ['kept']);
});

test('a fold from the first event and a fold from a snapshot at any seq hold the same records', () => {
  // Twelve days: every day a new order, and yesterday's cancelled.
  const events: WorkshopEvent[] = [];
  const writer = new StoreState('s1', withExpiry(3));
  for (let day = 0; day < 12; day++) {
    const commands: Command[] = [aCreateRepairOrder(`ro-${day}`)];
    if (day > 0) commands.push({ type: 'cancel', roId: `ro-${day - 1}`, reason: 'done' });
    for (const [i, command] of commands.entries()) {
      const at = dayAt(day, i * 5);
      const decision = decide(writer, command, { storeId: 's1', at });
      if (!decision.ok) throw new Error(decision.error.message);
      const event = {
        seq: writer.seq + 1,
        storeId: 's1',
        at,
        actor: { kind: 'system', id: 't' },
        source: 'system',
        key: `k-${writer.seq + 1}`,
        ...decision.fact,
      } as WorkshopEvent;
      writer.applyEvent(event);
      events.push(event);
    }
  }
  const final = writer.toSnapshot();
  assert.ok(final.ros.length < 12, 'something was retired');
  for (let cut = 1; cut < events.length; cut++) {
    const head = new StoreState('s1', withExpiry(3));
    for (const event of events.slice(0, cut)) head.applyEvent(event);
    const resumed = StoreState.fromSnapshot('s1', JSON.parse(JSON.stringify(head.toSnapshot())), withExpiry(3));
    for (const event of events.slice(cut)) resumed.applyEvent(event);
    assert.equal(resumed.toSnapshot(), final, `snapshot at seq ${cut}`);
  }
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrder, anAppointment, aStaffView, aStore } from './fixtures';
import { compareRos, recordsOf, storeIndex } from './records';

const records = suite('recordsOf');

records('splits a staff view into repair orders and appointments', () => {
  const ro = aRepairOrder();
  const ap = anAppointment();
  const { ros, appointments } = recordsOf(aStaffView([ro, ap]));
  assert.equal(ros, [ro]);
  assert.equal(appointments, [ap]);
});

records('skips malformed and unknown entries instead of failing the board', () => {
  const view = aStaffView([aRepairOrder()]);
  view.entries['ro:broken'] = { id: 'broken' } as never; // no operations, no stage
  view.entries['display:screen-1'] = { id: 'screen-1' } as never;
  view.entries['ro:null'] = null as never;
  assert.is(recordsOf(view).ros.length, 1);
  assert.equal(recordsOf(undefined), { ros: [], appointments: [] });
});

records.run();

const index = suite('storeIndex');

index('finds bays, technicians and the bay kind a job needs, built once per config', () => {
  const store = aStore();
  const i = storeIndex(store);
  assert.is(i.bay('bay-03')?.name, '快保1号位');
  assert.is(i.technician('tech-02')?.name, '李强');
  assert.is(i.kindOf({ code: 'MNT-OIL' }), 'quick');
  assert.is(i.kindOf({ code: 'NOPE' }), undefined);
  assert.is(i.bay(undefined), undefined);
  assert.is(storeIndex(store), i);
});

index.run();

const order = suite('compareRos');

order('orders urgent before high before normal, whatever the promise', () => {
  const normal = aRepairOrder({ priority: 'normal', promisedAt: '2026-03-10T01:00:00Z' });
  const high = aRepairOrder({ priority: 'high', promisedAt: '2026-03-10T09:00:00Z' });
  const urgent = aRepairOrder({ priority: 'urgent' });
  assert.equal(
    [normal, high, urgent].sort(compareRos).map((r) => r.priority),
    ['urgent', 'high', 'normal'],
  );
});

order.run();

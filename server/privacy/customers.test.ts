import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PersonalRecords, TOMBSTONE, expiredRecords, isOpen, planOf, recordsOfPlate } from './customers';
import { scrubEvent, scrubSnapshot } from './scrub';

const DAY = 86_400_000;
const at = (day: number) => new Date(Date.UTC(2023, 0, 1) + day * DAY).toISOString();
let seq = 0;
const ev = (type: string, day: number, data: Record<string, unknown>, storeId = 's1') => ({
  seq: ++seq,
  storeId,
  at: at(day),
  key: `k-${seq}`,
  actor: { kind: 'staff', id: 'a' },
  source: 'api',
  type,
  v: 1,
  data,
});
const ro = (id: string, plate: string, phone = '13800000001', extra: Record<string, unknown> = {}) => ({
  ro: { id, vehicle: { plate, vin: 'LFV3A23C1J3000001', make: 'VW' }, customer: { name: '张伟', phone }, operations: [], ...extra },
});

const Records = suite('PersonalRecords and the choice of records');

Records('finds a plate in every spelling, and a corrected plate under both', () => {
  const r = new PersonalRecords();
  r.observe(ev('repairOrderCreated', 1, ro('ro-1', '京A·12345')));
  r.observe(ev('repairOrderCreated', 2, ro('ro-2', '京A99999')));
  r.observe(ev('repairOrderUpdated', 2, { roId: 'ro-2', patch: { vehicle: { plate: '京A12346' } } }));
  assert.equal(
    recordsOfPlate(r, '京a12345').map((x) => x.id),
    ['ro-1'],
  );
  assert.equal(
    recordsOfPlate(r, '京A 99999').map((x) => x.id),
    ['ro-2'],
  );
  assert.equal(
    recordsOfPlate(r, '京A12346').map((x) => x.id),
    ['ro-2'],
  );
  assert.equal(recordsOfPlate(r, '京A12345', 's2'), []);
  assert.ok(recordsOfPlate(r, '京A12345')[0]!.values.has('京A·12345'), 'the spelling as typed is searched for too');
});

Records('a visit is open until delivered, cancelled or a no-show; an appointment until checked in', () => {
  const r = new PersonalRecords();
  r.observe(ev('appointmentBooked', 1, { appointment: { id: 'ap-1', vehicle: { plate: '京A12345' }, customer: { name: '张伟', phone: '1' } } }));
  r.observe(ev('repairOrderCreated', 2, { ...ro('ro-1', '京A12345'), appointment: { id: 'ap-1', status: 'checked_in' } }));
  const [ap, order] = recordsOfPlate(r, '京A12345');
  assert.equal([isOpen(ap!), isOpen(order!)], [false, true]);
  r.observe(ev('repairOrderDelivered', 3, { roId: 'ro-1' }));
  assert.is(order!.closedAt, at(3));
});

Records('retention keeps a returning customer and an open visit whole, and erases one whose last visit is past it', () => {
  const r = new PersonalRecords();
  for (const [id, plate, created, delivered] of [
    ['a1', '京A11111', 0, 1],
    ['a2', '京A11111', 300, 301],
    ['b1', '京B22222', 0, 2],
    ['c1', '京C33333', 0, undefined],
  ] as const) {
    r.observe(ev('repairOrderCreated', created, ro(id, plate)));
    if (delivered !== undefined) r.observe(ev('repairOrderDelivered', delivered, { roId: id }));
  }
  const now = Date.parse(at(370));
  assert.equal(
    expiredRecords(r, () => 365, now).map((x) => x.id),
    ['b1'],
  );
  assert.equal(
    expiredRecords(r, () => 60, now)
      .map((x) => x.id)
      .sort(),
    ['a1', 'a2', 'b1'],
  );
  assert.equal(
    expiredRecords(r, (s) => (s === 's1' ? 1000 : 1), now),
    [],
    'per store',
  );
});

Records('a booking nobody closed counts as ended at its booked time for retention, but stops a request', () => {
  const r = new PersonalRecords();
  r.observe(
    ev('appointmentBooked', 0, { appointment: { id: 'ap-1', at: at(3), vehicle: { plate: '京D44444' }, customer: { name: '周', phone: '13600000000' } } }),
  );
  r.observe(ev('appointmentUpdated', 1, { appointmentId: 'ap-1', patch: { at: at(5) } }));
  assert.equal(
    expiredRecords(r, () => 365, Date.parse(at(369))),
    [],
  );
  assert.equal(
    expiredRecords(r, () => 365, Date.parse(at(371))).map((x) => x.id),
    ['ap-1'],
  );
  assert.ok(isOpen(recordsOfPlate(r, '京D44444')[0]!));
});

Records('records already erased are not chosen again', () => {
  const r = new PersonalRecords();
  r.observe(ev('repairOrderCreated', 1, ro('ro-1', TOMBSTONE, TOMBSTONE)));
  r.observe(ev('repairOrderDelivered', 2, { roId: 'ro-1' }));
  assert.equal(
    expiredRecords(r, () => 1, Date.parse(at(400))),
    [],
  );
});

const Scrub = suite('scrubEvent and scrubSnapshot');

Scrub("tombstones the chosen record's personal fields (and quotes of them), keeping ids, stages, times and other stores", () => {
  const r = new PersonalRecords();
  const created = ev(
    'repairOrderCreated',
    1,
    ro('ro-1', '京A12345', '13812345678', { number: 'RO-1', stage: 'checked_in', description: 'call 13812345678 first', createdAt: at(1) }),
  );
  r.observe(created);
  const plan = planOf(recordsOfPlate(r, '京A12345'));
  const out = scrubEvent(created, plan)! as any;
  assert.equal(out.data.ro.vehicle, { plate: TOMBSTONE, make: 'VW' });
  assert.equal(out.data.ro.customer, { name: TOMBSTONE, phone: TOMBSTONE });
  assert.is(out.data.ro.description, TOMBSTONE);
  assert.equal([out.data.ro.id, out.data.ro.number, out.data.ro.stage, out.data.ro.createdAt], ['ro-1', 'RO-1', 'checked_in', at(1)]);
  assert.equal([out.seq, out.key, out.at, out.storeId], [created.seq, created.key, created.at, created.storeId]);
  assert.is((created.data.ro as any).customer.name, '张伟', 'the input is not changed');
  assert.is(scrubEvent(ev('repairOrderCreated', 1, ro('ro-1', '京A12345'), 's2'), plan), undefined, 'the same id in another store');
  assert.is(scrubEvent(ev('operationStarted', 2, { roId: 'ro-9', operationId: 'op-1' }), plan), undefined);
  assert.equal((scrubEvent(ev('surveySubmitted', 3, { roId: 'ro-1', score: 4, comment: 'fine' }), plan) as any).data, { roId: 'ro-1', score: 4 });
  assert.equal(
    (scrubEvent(ev('repairOrderCancelled', 3, { roId: 'ro-1', reason: 'customer (13812345678) called it off' }), plan) as any).data.reason,
    TOMBSTONE,
  );
  assert.is(scrubEvent(ev('operationStarted', 2, { roId: 'ro-1', operationId: 'op-1' }), plan), undefined, 'nothing personal: kept byte for byte');
  const snap = {
    seq: 3,
    ros: [{ ...(created.data.ro as object), survey: { score: 4, comment: '张伟 ok', at: at(3) } }, ro('ro-2', '京B1').ro],
    appointments: [],
  };
  const scrubbed = scrubSnapshot('s1', snap, plan) as any;
  assert.equal(scrubbed.ros[0].survey, { score: 4, at: at(3) });
  assert.equal(scrubbed.ros[1], snap.ros[1]);
  assert.is(scrubSnapshot('s2', snap, plan), undefined);
});

Records.run();
Scrub.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aPlate, aRepairOrderInput, asStaff, createRo, seqOf } from '../../tests/helpers/build';
import { asNobody, startTestServer, type TestServer } from '../../tests/helpers/server';
import { aPairedDisplayToken } from '../../tests/helpers/workshop';
import { aTestShop } from '../../tests/helpers/shop';
import { localDate } from '../ids';

let server: TestServer;
const S = 'store-a';
const ROS = `/api/stores/${S}/repair-orders`;
const start = async () => {
  server = await startTestServer({ shop: aTestShop() });
};
const stop = async () => server.close();

/** A request the server must refuse with `status`, naming `field`, and leave the store as it was. */
async function refused(method: string, path: string, body: unknown, status: number, field?: string, headers = {}) {
  const before = await seqOf(server, S);
  const res = await server.api(method, path, body, headers);
  assert.is(res.status, status, JSON.stringify(res.body));
  if (field)
    assert.ok(
      res.body.error.details.some((d: { path: string }) => d.path === field),
      `details name ${field}: ${JSON.stringify(res.body.error.details)}`,
    );
  assert.is(await seqOf(server, S), before, 'nothing changed');
  return res.body.error;
}

const Create = suite('POST /repair-orders');
Create.before(start);
Create.after(stop);

Create('opens a checked-in repair order: server-chosen ids, number and tracking token, catalogue titles in the store locale', async () => {
  const res = await server.api(
    'POST',
    ROS,
    aRepairOrderInput({
      vehicle: { plate: ' 京a·d1234 5', make: 'BYD', model: 'Han' },
      operations: [
        { code: 'OIL', bayId: 'bay-2' },
        { code: 'X-CUSTOM', title: 'Fit a tow bar', standardHours: 2 },
      ],
      advisorId: 'adv-1',
    }),
  );
  assert.is(res.status, 201);
  const { repairOrder: ro, seq, duplicate } = res.body.data;
  assert.is(duplicate, false);
  assert.is(seq, await seqOf(server, S));
  assert.is(ro.stage, 'checked_in');
  assert.is(ro.vehicle.plate, '京AD12345', 'plates are stored normalised');
  assert.match(ro.id, /^ro-/);
  assert.match(ro.number, new RegExp(`^RO${localDate(new Date(), 'Asia/Shanghai').replaceAll('-', '')}-\\d{4}$`));
  assert.ok(ro.trackingToken.length >= 16);
  assert.equal(
    ro.operations.map((o: any) => [o.code, o.title, o.standardHours, o.status]),
    [
      ['OIL', '更换机油', 0.5, 'assigned'],
      ['X-CUSTOM', 'Fit a tow bar', 2, 'unassigned'],
    ],
  );
  assert.equal((await server.api('GET', `${ROS}/${ro.id}`)).body.data, ro);
});

Create("numbers the day's repair orders one after another", async () => {
  const a = await createRo(server, S);
  const b = await createRo(server, S);
  const n = (ro: { number: string }) => Number(ro.number.slice(-4));
  assert.is(n(b), n(a) + 1);
});

Create('can open a scheduled repair order', async () => {
  const ro = await createRo(server, S, { stage: 'scheduled' });
  assert.is(ro.stage, 'scheduled');
});

Create("refuses a plate that is not valid in the store's country, saying why", async () => {
  const error = await refused('POST', ROS, aRepairOrderInput({ vehicle: { plate: 'XA12345', make: 'Audi' } }), 400, 'body.vehicle.plate');
  assert.is(error.code, 'invalid_input');
  assert.match(error.message, /province/);
});

Create('refuses an unknown service code without title and hours, naming the operation', async () => {
  await refused('POST', ROS, aRepairOrderInput({ operations: [{ code: 'OIL' }, { code: 'NOPE' }] }), 400, 'body.operations.1.code');
});

Create('refuses unknown fields, missing fields and wrong types, naming each', async () => {
  const error = await refused('POST', ROS, { ...aRepairOrderInput(), colour: 'red', customer: { name: '', phone: 'abc' } }, 400);
  const paths = error.details.map((d: { path: string }) => d.path).sort();
  assert.equal(paths, ['body.colour', 'body.customer.name', 'body.customer.phone']);
});

Create('refuses a bay that does not exist with 422, and an advisor that does not exist', async () => {
  const bay = await refused('POST', ROS, aRepairOrderInput({ operations: [{ code: 'OIL', bayId: 'bay-99' }] }), 422);
  assert.is(bay.code, 'invalid_reference');
  assert.match(bay.message, /bay-99/);
  const advisor = await refused('POST', ROS, aRepairOrderInput({ advisorId: 'adv-99' }), 422);
  assert.match(advisor.message, /adv-99/);
});

Create('refuses malformed JSON, a non-JSON body, and a body over 100 kB', async () => {
  assert.is((await refused('POST', ROS, '{"vehicle":', 400)).code, 'invalid_json');
  assert.is((await refused('POST', ROS, 'plate=1', 415, undefined, { 'content-type': 'text/plain' })).code, 'unsupported_media_type');
  const big = aRepairOrderInput({ description: 'x'.repeat(110_000) });
  assert.is((await refused('POST', ROS, big, 413)).code, 'payload_too_large');
});

Create('answers 404 for a store that is not configured', async () => {
  const res = await server.api('POST', '/api/stores/store-zz/repair-orders', aRepairOrderInput());
  assert.is(res.status, 404);
  assert.is(res.body.error.code, 'unknown_store');
});

const Idem = suite('idempotency');
Idem.before(start);
Idem.after(stop);

Idem('the same Idempotency-Key twice creates one repair order and answers the first result again', async () => {
  const headers = { 'idempotency-key': 'create-once-0001' };
  const before = await seqOf(server, S);
  const first = await server.api('POST', ROS, aRepairOrderInput(), headers);
  const again = await server.api('POST', ROS, aRepairOrderInput(), headers);
  assert.is(first.status, 201);
  assert.is(again.status, 201);
  assert.is(await seqOf(server, S), before + 1, 'applied once');
  assert.equal(again.body, { data: { ...first.body.data, duplicate: true } });
});

Idem('a retried action answers the record as it was then, even after later changes', async () => {
  const ro = await createRo(server, S);
  const headers = { 'idempotency-key': 'patch-it-0001' };
  const first = await server.api('PATCH', `${ROS}/${ro.id}`, { priority: 'high' }, headers);
  await server.api('PATCH', `${ROS}/${ro.id}`, { wash: false });
  const again = await server.api('PATCH', `${ROS}/${ro.id}`, { priority: 'high' }, headers);
  assert.equal(again.body.data, { ...first.body.data, duplicate: true });
  assert.is(again.body.data.repairOrder.wash, true);
});

Idem('refuses a key reused for a different request, and a malformed key or source', async () => {
  const a = await createRo(server, S);
  const b = await createRo(server, S);
  await server.api('POST', `${ROS}/${a.id}/cancel`, { reason: 'x' }, { 'idempotency-key': 'reused-key-0001' });
  assert.is(
    (await refused('POST', `${ROS}/${b.id}/cancel`, { reason: 'x' }, 422, undefined, { 'idempotency-key': 'reused-key-0001' })).code,
    'idempotency_key_reused',
  );
  await refused('POST', `${ROS}/${b.id}/cancel`, { reason: 'x' }, 400, 'headers.idempotency-key', { 'idempotency-key': 'bad key!' });
  await refused('POST', `${ROS}/${b.id}/cancel`, { reason: 'x' }, 400, 'headers.x-source', { 'x-source': 'system' });
});

Idem('records the caller as actor and X-Source as source', async () => {
  const ro = await createRo(server, S);
  await server.api('PATCH', `${ROS}/${ro.id}`, { wash: false }, { ...asStaff(server.auth, { id: 'adv-1', roles: ['advisor'] }), 'x-source': 'dispatch' });
  const [event] = await server.service.events.read(S, (await seqOf(server, S)) - 1);
  assert.equal([event!.actor, event!.source], [{ kind: 'staff', id: 'adv-1', name: 'Test staff' }, 'dispatch']);
  const created = (await server.service.events.read(S, 0)).find((e) => e.type === 'repairOrderCreated' && e.data.ro.id === ro.id)!;
  assert.equal([created.actor, created.source], [{ kind: 'integration', id: 'api-key', name: 'DMS' }, 'api']);
});

const List = suite('GET /repair-orders');
List.before(start);
List.after(stop);

List('filters by stage, bay, technician, advisor, plate, text and open, newest first, with paging', async () => {
  const plate = aPlate();
  const a = await createRo(server, S, {
    vehicle: { plate, make: 'Audi' },
    advisorId: 'adv-1',
    operations: [{ code: 'OIL', bayId: 'bay-1', technicianId: 'tech-1' }],
  });
  const b = await createRo(server, S, { stage: 'scheduled' });
  const c = await createRo(server, S);
  await server.api('POST', `${ROS}/${c.id}/cancel`, { reason: 'x' });
  const ids = async (q: string) => {
    const res = await server.api('GET', `${ROS}${q}`);
    assert.is(res.status, 200, JSON.stringify(res.body));
    return res.body.data.map((ro: { id: string }) => ro.id);
  };
  assert.equal(await ids(''), [c.id, b.id, a.id]);
  assert.equal(await ids('?stage=scheduled,cancelled'), [c.id, b.id]);
  assert.equal(await ids('?bayId=bay-1'), [a.id]);
  assert.equal(await ids('?technicianId=tech-1'), [a.id]);
  assert.equal(await ids('?advisorId=adv-1'), [a.id]);
  assert.equal(await ids(`?plate=${encodeURIComponent(plate.slice(0, 2) + '·' + plate.slice(2).toLowerCase())}`), [a.id]);
  assert.equal(await ids(`?q=${encodeURIComponent(plate.slice(3))}`), [a.id]);
  assert.equal(await ids(`?q=${b.number.slice(-6)}`), [b.id]);
  assert.equal(await ids('?open=true'), [b.id, a.id]);
  const page = await server.api('GET', `${ROS}?limit=1&offset=1`);
  assert.equal([page.body.data.map((r: { id: string }) => r.id), page.body.total], [[b.id], 3]);
});

List('refuses bad filters, naming them', async () => {
  await refused('GET', `${ROS}?stage=in_service,parked`, undefined, 400, 'query.stage.1');
  await refused('GET', `${ROS}?limit=501`, undefined, 400, 'query.limit');
  await refused('GET', `${ROS}?sort=number`, undefined, 400, 'query.sort');
});

const One = suite('GET /repair-orders/:roId');
One.before(start);
One.after(stop);

One('answers 404 for an unknown repair order and 400 for a malformed id', async () => {
  const res = await server.api('GET', `${ROS}/ro-nope`);
  assert.is(res.status, 404);
  assert.is(res.body.error.code, 'not_found');
  await refused('GET', `${ROS}/${encodeURIComponent('bad id')}`, undefined, 400, 'params.roId');
});

const Patch = suite('PATCH /repair-orders/:roId');
Patch.before(start);
Patch.after(stop);

Patch('changes only the fields given (a new plate keeps model and colour)', async () => {
  const ro = await createRo(server, S, { customer: { name: '张伟', phone: '13812345678', salutation: 'mr' } });
  const plate = aPlate();
  const res = await server.api('PATCH', `${ROS}/${ro.id}`, {
    vehicle: { plate },
    customer: { phone: '13900000000' },
    promisedAt: '2026-03-01T17:00:00+08:00',
    priority: 'high',
  });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const after = res.body.data.repairOrder;
  assert.equal(after.vehicle, { ...ro.vehicle, plate });
  assert.equal(after.customer, { ...ro.customer, phone: '13900000000' });
  assert.equal([after.priority, after.promisedAt], ['high', '2026-03-01T17:00:00+08:00']);
  const cleared = await server.api('PATCH', `${ROS}/${ro.id}`, { promisedAt: null });
  assert.is(cleared.body.data.repairOrder.promisedAt, undefined);
});

Patch('refuses an empty patch, an unknown field and a bad plate', async () => {
  const ro = await createRo(server, S);
  await refused('PATCH', `${ROS}/${ro.id}`, {}, 400, 'body');
  await refused('PATCH', `${ROS}/${ro.id}`, { stage: 'ready' }, 400, 'body.stage');
  await refused('PATCH', `${ROS}/${ro.id}`, { vehicle: { plate: '京A1O345' } }, 400, 'body.vehicle.plate');
});

Patch('refuses to edit a cancelled repair order with 409 naming its state', async () => {
  const ro = await createRo(server, S);
  await server.api('POST', `${ROS}/${ro.id}/cancel`, { reason: 'x' });
  const error = await refused('PATCH', `${ROS}/${ro.id}`, { wash: false }, 409);
  assert.is(error.code, 'illegal_transition');
  assert.match(error.message, /cancelled/);
});

const Cancel = suite('POST /repair-orders/:roId/cancel');
Cancel.before(start);
Cancel.after(stop);

Cancel('cancels with a reason; cancelling again is refused naming both states', async () => {
  const ro = await createRo(server, S);
  const res = await server.api('POST', `${ROS}/${ro.id}/cancel`, { reason: 'customer called' });
  assert.equal([res.status, res.body.data.repairOrder.stage, res.body.data.repairOrder.cancelReason], [200, 'cancelled', 'customer called']);
  const error = await refused('POST', `${ROS}/${ro.id}/cancel`, { reason: 'again' }, 409);
  assert.match(error.message, /cancelled → cancelled/);
  assert.equal(error.details, { current: 'cancelled', requested: 'cancelled' });
});

Cancel('needs a reason', async () => {
  const ro = await createRo(server, S);
  await refused('POST', `${ROS}/${ro.id}/cancel`, {}, 400, 'body.reason');
});

const AddOp = suite('POST /repair-orders/:roId/operations');
AddOp.before(start);
AddOp.after(stop);

AddOp('adds a catalogue operation with its title and hours', async () => {
  const ro = await createRo(server, S);
  const res = await server.api('POST', `${ROS}/${ro.id}/operations`, { code: 'BRK', bayId: 'bay-1' });
  assert.is(res.status, 201);
  const added = res.body.data.repairOrder.operations.at(-1);
  assert.equal([added.code, added.title, added.standardHours, added.bayId, added.status], ['BRK', '更换前刹车片', 1.2, 'bay-1', 'assigned']);
  assert.match(added.id, /^op-/);
});

AddOp('refuses an unknown code without title and hours, and a technician that does not exist', async () => {
  const ro = await createRo(server, S);
  await refused('POST', `${ROS}/${ro.id}/operations`, { code: 'ZZZ', title: 'Something' }, 400, 'body.code');
  assert.is((await refused('POST', `${ROS}/${ro.id}/operations`, { code: 'OIL', technicianId: 'tech-99' }, 422)).code, 'invalid_reference');
});

const Access = suite('who may use repair orders');
Access.before(start);
Access.after(stop);

Access('without credentials: 401, and the body says nothing about the data', async () => {
  const ro = await createRo(server, S);
  for (const [method, path, body] of [
    ['GET', ROS],
    ['GET', `${ROS}/${ro.id}`],
    ['POST', ROS, aRepairOrderInput()],
    ['GET', '/api/stores/store-zz/repair-orders'],
  ] as const) {
    const res = await server.api(method, path, body, asNobody);
    assert.is(res.status, 401, `${method} ${path}`);
    assert.equal(Object.keys(res.body), ['error']);
    assert.is(res.body.error.code, 'unauthenticated');
    assert.not.ok(JSON.stringify(res.body).includes(ro.vehicle.plate));
  }
});

Access('staff of another store get 403 and change nothing', async () => {
  const ro = await createRo(server, S);
  const other = asStaff(server.auth, { roles: ['advisor'], storeIds: ['store-b'] });
  assert.is((await server.api('GET', ROS, undefined, other)).status, 403);
  assert.is((await refused('POST', `${ROS}/${ro.id}/cancel`, { reason: 'x' }, 403, undefined, other)).code, 'forbidden');
  assert.is((await server.api('GET', '/api/stores/store-b/repair-orders', undefined, other)).status, 200);
});

Access('a role without the right gets 403; a display may not use the API', async () => {
  const tech = asStaff(server.auth, { roles: ['technician'], storeIds: [S] });
  await refused('POST', ROS, aRepairOrderInput(), 403, undefined, tech);
  assert.is((await server.api('GET', ROS, undefined, tech)).status, 200, 'but may read');
  const display = await aPairedDisplayToken(server, { id: 'wall', storeId: S, board: 'dispatch' });
  assert.is((await server.api('GET', ROS, undefined, { ...asNobody, 'x-display-token': display })).status, 403);
});

Create.run();
Idem.run();
List.run();
One.run();
Patch.run();
Cancel.run();
AddOp.run();
Access.run();

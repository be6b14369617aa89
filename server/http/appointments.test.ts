import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { anAppointmentInput, aPlate, asStaff, seqOf } from '../../tests/helpers/build';
import { asNobody, startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';

let server: TestServer;
const S = 'store-a';
const APPTS = `/api/stores/${S}/appointments`;
const start = async () => {
  server = await startTestServer({ shop: aTestShop() });
};
const stop = async () => server.close();

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

async function book(overrides: Record<string, unknown> = {}) {
  const res = await server.api('POST', APPTS, anAppointmentInput(overrides));
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.data.appointment;
}

const Book = suite('POST /appointments');
Book.before(start);
Book.after(stop);

Book('books an appointment with a normalised plate and catalogue services', async () => {
  const res = await server.api('POST', APPTS, anAppointmentInput({ vehicle: { plate: '沪c 8k2m9', make: 'VW' }, services: ['OIL', 'BRK'], bayId: 'bay-1' }));
  assert.is(res.status, 201);
  const appt = res.body.data.appointment;
  assert.equal([appt.status, appt.vehicle.plate, appt.services, appt.bayId], ['booked', '沪C8K2M9', ['OIL', 'BRK'], 'bay-1']);
  assert.equal((await server.api('GET', `${APPTS}/${appt.id}`)).body.data, appt);
});

Book('refuses a service that is not in the catalogue, a bad time and a bad plate, naming each', async () => {
  await refused('POST', APPTS, anAppointmentInput({ services: ['OIL', 'TEA'] }), 400, 'body.services.1');
  await refused('POST', APPTS, anAppointmentInput({ at: 'tomorrow' }), 400, 'body.at');
  await refused('POST', APPTS, anAppointmentInput({ vehicle: { plate: '京', make: 'VW' } }), 400, 'body.vehicle.plate');
  assert.is((await refused('POST', APPTS, anAppointmentInput({ bayId: 'bay-99' }), 422)).code, 'invalid_reference');
});

const List = suite('GET /appointments');
List.before(start);
List.after(stop);

List('filters by status, store-local date and plate, in time order', async () => {
  // 23:30 in Beijing on the 10th is still the 10th there, though already the 10th 15:30 UTC.
  const late = await book({ at: '2030-05-10T23:30:00+08:00' });
  const early = await book({ at: '2030-05-10T08:00:00+08:00' });
  const nextDay = await book({ at: '2030-05-11T00:30:00+08:00' });
  await server.api('DELETE', `${APPTS}/${nextDay.id}`);
  const ids = async (q: string) => (await server.api('GET', `${APPTS}${q}`)).body.data.map((a: { id: string }) => a.id);
  assert.equal(await ids('?date=2030-05-10'), [early.id, late.id]);
  assert.equal(await ids('?status=cancelled'), [nextDay.id]);
  assert.equal(await ids(`?plate=${encodeURIComponent(late.vehicle.plate)}`), [late.id]);
  assert.is((await server.api('GET', `${APPTS}?limit=1`)).body.total, 3);
});

List('refuses a malformed date or status', async () => {
  await refused('GET', `${APPTS}?date=10/05/2030`, undefined, 400, 'query.date');
  await refused('GET', `${APPTS}?status=lost`, undefined, 400, 'query.status.0');
});

const Change = suite('changing appointments');
Change.before(start);
Change.after(stop);

Change('PATCH moves the time and releases the reserved bay, keeping everything else', async () => {
  const appt = await book({ bayId: 'bay-1' });
  const res = await server.api('PATCH', `${APPTS}/${appt.id}`, { at: '2030-06-01T10:00:00+08:00', bayId: null, customer: { phone: '13700000000' } });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const after = res.body.data.appointment;
  assert.equal([after.at, after.bayId, after.customer], ['2030-06-01T10:00:00+08:00', undefined, { ...appt.customer, phone: '13700000000' }]);
  assert.equal(after.vehicle, appt.vehicle);
});

Change('PATCH refuses unknown fields and an empty change', async () => {
  const appt = await book();
  await refused('PATCH', `${APPTS}/${appt.id}`, { status: 'checked_in' }, 400, 'body.status');
  await refused('PATCH', `${APPTS}/${appt.id}`, {}, 400, 'body');
});

Change('DELETE cancels; a cancelled appointment cannot be marked no-show (409 naming both states)', async () => {
  const appt = await book();
  const res = await server.api('DELETE', `${APPTS}/${appt.id}`);
  assert.equal([res.status, res.body.data.appointment.status], [200, 'cancelled']);
  const error = await refused('POST', `${APPTS}/${appt.id}/no-show`, {}, 409);
  assert.match(error.message, /cancelled → no_show/);
});

Change('no-show marks a booked appointment; unknown ids answer 404', async () => {
  const appt = await book();
  assert.is((await server.api('POST', `${APPTS}/${appt.id}/no-show`)).body.data.appointment.status, 'no_show');
  assert.is((await refused('POST', `${APPTS}/appt-nope/no-show`, {}, 404)).code, 'not_found');
  assert.is((await server.api('GET', `${APPTS}/appt-nope`)).status, 404);
  await refused('DELETE', `${APPTS}/${encodeURIComponent('a b')}`, undefined, 400, 'params.appointmentId');
  await refused('POST', `${APPTS}/${appt.id}/no-show`, { why: 'x' }, 400, 'body.why');
});

const CheckIn = suite('POST /appointments/:id/check-in');
CheckIn.before(start);
CheckIn.after(stop);

CheckIn('opens a checked-in repair order from the appointment, its services becoming operations at the reserved bay', async () => {
  const plate = aPlate();
  const appt = await book({ vehicle: { plate, make: 'BMW' }, services: ['OIL', 'BRK'], bayId: 'bay-1', advisorId: 'adv-1', note: 'Noise when braking' });
  const res = await server.api('POST', `${APPTS}/${appt.id}/check-in`, { promisedAt: '2030-05-10T17:00:00+08:00' });
  assert.is(res.status, 201, JSON.stringify(res.body));
  const ro = res.body.data.repairOrder;
  assert.equal(
    [ro.stage, ro.appointmentId, ro.vehicle.plate, ro.advisorId, ro.description, ro.promisedAt],
    ['checked_in', appt.id, plate, 'adv-1', 'Noise when braking', '2030-05-10T17:00:00+08:00'],
  );
  assert.equal(
    ro.operations.map((o: any) => [o.code, o.title, o.standardHours, o.bayId]),
    [
      ['OIL', '更换机油', 0.5, 'bay-1'],
      ['BRK', '更换前刹车片', 1.2, 'bay-1'],
    ],
  );
  const after = (await server.api('GET', `${APPTS}/${appt.id}`)).body.data;
  assert.equal([after.status, after.roId], ['checked_in', ro.id]);
});

CheckIn('checking in twice is refused (409); the same key twice answers the same repair order', async () => {
  const appt = await book();
  const headers = { 'idempotency-key': `check-in-${appt.id}` };
  const first = await server.api('POST', `${APPTS}/${appt.id}/check-in`, {}, headers);
  const retry = await server.api('POST', `${APPTS}/${appt.id}/check-in`, {}, headers);
  assert.equal(retry.body.data, { ...first.body.data, duplicate: true });
  const error = await refused('POST', `${APPTS}/${appt.id}/check-in`, {}, 409);
  assert.match(error.message, /checked_in → checked_in/);
});

CheckIn('refuses an unknown field', async () => {
  const appt = await book();
  await refused('POST', `${APPTS}/${appt.id}/check-in`, { stage: 'scheduled' }, 400, 'body.stage');
});

const Access = suite('who may use appointments');
Access.before(start);
Access.after(stop);

Access("401 without credentials, 403 for another store's staff, and neither reveals the booking", async () => {
  const appt = await book();
  const other = asStaff(server.auth, { roles: ['advisor'], storeIds: ['store-b'] });
  for (const [headers, status] of [
    [asNobody, 401],
    [other, 403],
  ] as const) {
    const res = await server.api('GET', `${APPTS}/${appt.id}`, undefined, headers);
    assert.is(res.status, status);
    assert.not.ok(JSON.stringify(res.body).includes(appt.vehicle.plate));
    await refused('DELETE', `${APPTS}/${appt.id}`, undefined, status, undefined, headers);
  }
});

Book.run();
List.run();
Change.run();
CheckIn.run();
Access.run();

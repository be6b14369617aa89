import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aKioskShop, aPlate, bookToday, deliver, kiosk } from '../../tests/helpers/kiosk';
import { LiveClient } from '../../tests/helpers/live-client';
import { asStaff, createRo, seqOf } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';

const S = 'store-a';
let server: TestServer;
let call: ReturnType<typeof kiosk>;
const start =
  (kioskConfig: Record<string, unknown> = {}) =>
  async () => {
    server = await startTestServer({ shop: aKioskShop(kioskConfig) });
    call = kiosk(server, S);
  };
const stop = async () => server.close();
const last4 = (phone: string) => phone.slice(-4);

async function find(plate: string, phoneLast4: string, kioskId = 'entrance') {
  return call('POST', '/appointments/find', { kioskId, plate, phoneLast4 });
}

const Find = suite('kiosk: find an appointment');
Find.before(start());
Find.after(stop);

Find("finds today's appointment by plate and the last four phone digits, with contact details masked", async () => {
  const appt = await bookToday(server, S, { services: ['OIL', 'BRK'] });
  const res = await find(appt.vehicle.plate, last4(appt.customer.phone));
  assert.is(res.status, 200, JSON.stringify(res.body));
  const { booking, ticket } = res.body.data;
  assert.type(ticket, 'string');
  assert.equal(booking.customer, { 'zh-CN': '李女士', en: 'Ms. 李' });
  assert.is(booking.phone, '139****1111');
  assert.equal(
    booking.services.map((s: { code: string }) => s.code),
    ['OIL', 'BRK'],
  );
  assert.is(booking.services[0].title.en, 'Oil change');
  assert.not.match(JSON.stringify(res.body), /13900001111|李娜/);
});

Find('answers wrong digits exactly as it answers an unknown plate, so nothing tells whether the plate exists', async () => {
  const appt = await bookToday(server, S);
  const wrongDigits = await find(appt.vehicle.plate, '0000');
  const unknownPlate = await find(aPlate(), last4(appt.customer.phone));
  assert.is(wrongDigits.status, 404);
  assert.equal(wrongDigits.body, unknownPlate.body);
  assert.is(wrongDigits.body.error.code, 'no_match');
});

Find('refuses a malformed plate with a message a customer can act on', async () => {
  const res = await find('XA12345', '1111');
  assert.is(res.status, 400);
  assert.equal(res.body.error.details, [{ path: 'body.plate', message: 'plate must start with a province abbreviation such as 京 or 粤' }]);
  const short = await find('京A1234', '1111');
  assert.match(short.body.error.details[0].message, /5 characters after the office letter/);
});

Find('finds an appointment by its booking QR code, and refuses a forged one', async () => {
  const appt = await bookToday(server, S);
  const code = (await server.api('GET', `/api/stores/${S}/appointments/${appt.id}/kiosk-code`)).body.data;
  assert.match(code.code, /^TWA1\./);
  assert.match(code.qr, /^data:image\/svg\+xml;base64,/);
  const found = await call('POST', '/appointments/scan', { kioskId: 'entrance', code: code.code });
  assert.is(found.status, 200, JSON.stringify(found.body));
  assert.is(found.body.data.booking.plate.replace('·', ''), appt.vehicle.plate);
  const forged = await call('POST', '/appointments/scan', { kioskId: 'entrance', code: code.code.slice(0, -3) + 'AAA' });
  assert.is(forged.status, 404);
  assert.is(forged.body.error.code, 'unknown_code');
});

Find('says when the appointment is on another day, but only once both facts match', async () => {
  const tomorrow = await bookToday(server, S, { at: new Date(Date.now() + 3 * 86_400_000).toISOString() });
  const res = await find(tomorrow.vehicle.plate, last4(tomorrow.customer.phone));
  assert.is(res.status, 409);
  assert.is(res.body.error.code, 'not_today');
  assert.is((await find(tomorrow.vehicle.plate, '9999')).body.error.code, 'no_match');
});

const CheckIn = suite('kiosk: check in');
CheckIn.before(start());
CheckIn.after(stop);

CheckIn('checks the appointment in as the kiosk: a checked-in order with a queue number, wait and tracking link', async () => {
  const appt = await bookToday(server, S, { services: ['OIL'] });
  const dispatch = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { token: server.apiKey });
  assert.ok((await dispatch.connect()).ok);
  const { ticket } = (await find(appt.vehicle.plate, last4(appt.customer.phone))).body.data;
  const res = await call('POST', '/check-in', { kioskId: 'entrance', ticket, consent: true });
  assert.is(res.status, 201, JSON.stringify(res.body));
  const done = res.body.data;
  assert.match(done.queueNumber, /^A\d{3}$/);
  assert.match(done.trackingUrl, new RegExp(`^${server.url}/t/[A-Za-z0-9_-]{24}$`));
  assert.type(done.estimate.waitMinutes, 'number');
  const state = await server.service.state(S);
  const ro = [...state.ros.values()].find((r) => r.appointmentId === appt.id)!;
  assert.is(ro.stage, 'checked_in');
  assert.is(ro.queueNumber, done.queueNumber);
  assert.is(state.appointments.get(appt.id)!.status, 'checked_in');
  const event = (await server.service.events.read(S, 0)).at(-1)!;
  // An unpaired kiosk's id is only a claim: the kiosk acts as "the kiosk", the claim is the device.
  assert.equal([event.source, event.actor, event.device], ['kiosk', { kind: 'kiosk', id: 'kiosk' }, 'entrance']);
  await dispatch.waitForSeq(state.seq);
  assert.is((dispatch.entries()[`ro:${ro.id}`] as { stage: string }).stage, 'checked_in');
  dispatch.disconnect();
});

CheckIn('a retry with the same idempotency key answers the same order; a second check-in is refused', async () => {
  const appt = await bookToday(server, S);
  const { ticket } = (await find(appt.vehicle.plate, last4(appt.customer.phone))).body.data;
  const key = { 'idempotency-key': 'retry-key-0001' };
  const first = await call('POST', '/check-in', { kioskId: 'entrance', ticket, consent: true }, key);
  const seq = await seqOf(server, S);
  const retry = await call('POST', '/check-in', { kioskId: 'entrance', ticket, consent: true }, key);
  assert.is(retry.status, 201);
  assert.equal([retry.body.data.queueNumber, retry.body.data.duplicate], [first.body.data.queueNumber, true]);
  assert.is(await seqOf(server, S), seq, 'nothing new was written');
  const again = await call('POST', '/check-in', { kioskId: 'entrance', ticket, consent: true });
  assert.is(again.status, 409);
  assert.equal([again.body.error.code, again.body.error.details.queueNumber], ['already_checked_in', first.body.data.queueNumber]);
});

CheckIn('checks in the order an advisor prepared for the appointment instead of opening another', async () => {
  const appt = await bookToday(server, S);
  const prepared = await createRo(server, S, {
    stage: 'scheduled',
    appointmentId: appt.id,
    vehicle: { plate: appt.vehicle.plate, make: 'BMW' },
    customer: { name: '李娜', phone: '13900001111', salutation: 'ms' },
  });
  const { ticket } = (await find(appt.vehicle.plate, '1111')).body.data;
  const res = await call('POST', '/check-in', { kioskId: 'entrance', ticket, consent: true });
  assert.is(res.status, 201, JSON.stringify(res.body));
  assert.is(res.body.data.roNumber, prepared.number);
  assert.is((await server.service.state(S)).ros.get(prepared.id)!.stage, 'checked_in');
});

CheckIn('refuses without consent, and a forged ticket, changing nothing', async () => {
  const appt = await bookToday(server, S);
  const { ticket } = (await find(appt.vehicle.plate, last4(appt.customer.phone))).body.data;
  const seq = await seqOf(server, S);
  const noConsent = await call('POST', '/check-in', { kioskId: 'entrance', ticket, consent: false });
  assert.is(noConsent.status, 400);
  assert.is(noConsent.body.error.details[0].path, 'body.consent');
  const forged = await call('POST', '/check-in', { kioskId: 'entrance', ticket: ticket.slice(0, -4) + 'AAAA', consent: true });
  assert.is(forged.status, 410);
  assert.is(await seqOf(server, S), seq);
});

const WalkIn = suite('kiosk: walk-in');
WalkIn.before(start());
WalkIn.after(stop);

const walkIn = (overrides: Record<string, unknown> = {}) => ({
  kioskId: 'entrance',
  plate: aPlate(),
  phone: '13655557777',
  surname: '王',
  salutation: 'mr',
  services: ['OIL'],
  mileageKm: 45210,
  description: '刹车有异响',
  consent: true,
  ...overrides,
});

WalkIn('opens a checked-in order with the chosen services, mileage and description', async () => {
  const input = walkIn({ plate: '粤bd 12345', services: ['OIL', 'BRK'] });
  const res = await call('POST', '/walk-in', input);
  assert.is(res.status, 201, JSON.stringify(res.body));
  assert.match(res.body.data.queueNumber, /^W\d{3}$/);
  assert.equal(res.body.data.customer, { 'zh-CN': '王先生', en: 'Mr. 王' });
  assert.is(res.body.data.phone, '136****7777');
  const ro = [...(await server.service.state(S)).ros.values()].find((r) => r.vehicle.plate === '粤BD12345')!;
  assert.equal([ro.stage, ro.vehicle.mileageKm, ro.description, ro.operations.map((o) => o.code)], ['checked_in', 45210, '刹车有异响', ['OIL', 'BRK']]);
  const page = await fetch(res.body.data.trackingUrl);
  assert.is(page.status, 200);
});

WalkIn('refuses bad input field by field, in words a customer understands', async () => {
  const seq = await seqOf(server, S);
  const res = await call('POST', '/walk-in', walkIn({ plate: '京A1O345', phone: '12', services: ['TEA'], mileageKm: -1 }));
  assert.is(res.status, 400);
  const paths = res.body.error.details.map((d: { path: string }) => d.path);
  assert.equal(paths.sort(), ['body.mileageKm', 'body.phone', 'body.plate', 'body.services.0'].sort());
  assert.match(res.body.error.message, /never contain the letters I or O/);
  const nothing = await call('POST', '/walk-in', walkIn({ services: [], description: undefined }));
  assert.equal(nothing.body.error.details, [{ path: 'body.services', message: 'choose at least one service or describe the problem' }]);
  assert.is(await seqOf(server, S), seq);
});

WalkIn('sends a customer with an appointment today to it rather than opening a second order', async () => {
  const appt = await bookToday(server, S);
  const res = await call('POST', '/walk-in', walkIn({ plate: appt.vehicle.plate, phone: appt.customer.phone }));
  assert.is(res.status, 409);
  assert.is(res.body.error.code, 'has_appointment');
  const checkIn = await call('POST', '/check-in', { kioskId: 'entrance', ticket: res.body.error.details.ticket, consent: true });
  assert.is(checkIn.status, 201);
});

const Limits = suite('kiosk: rate limits');
Limits.before(start({ lookupsPerKiosk: { max: 6, windowSeconds: 600 }, lookupsPerPlate: { max: 3, windowSeconds: 900 } }));
Limits.after(stop);

Limits('without a kiosk key: locks a plate after three wrong lookups from anywhere, even for the right digits, and says when to try again', async () => {
  const appt = await bookToday(server, S);
  for (const digits of ['0001', '0002', '0003']) assert.is((await find(appt.vehicle.plate, digits)).status, 404);
  const locked = await find(appt.vehicle.plate, last4(appt.customer.phone));
  assert.is(locked.status, 429);
  assert.is(locked.body.error.code, 'rate_limited');
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
  // A plate nobody booked is locked the same way: the limit says nothing about the plate.
  const stranger = aPlate();
  for (let i = 0; i < 3; i++) await find(stranger, '0000');
  assert.equal((await find(stranger, '0000')).body.error.code, 'rate_limited');
});

Limits('without a kiosk key: stops one address trying plate after plate', async () => {
  // 8 lookups so far in this suite's window; the kiosk's budget is 6.
  const res = await find(aPlate(), '1234');
  assert.is(res.status, 429);
  assert.is(res.body.error.code, 'rate_limited');
});

const Calls = suite('kiosk: call an advisor');
Calls.before(start());
Calls.after(stop);

Calls('raises a call on the dispatch board only, once per kiosk, until the front desk acknowledges it', async () => {
  const dispatch = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { token: server.apiKey });
  const lobby = new LiveClient(server.url, { kind: 'customer', storeId: S });
  await dispatch.connect();
  await lobby.connect();
  const res = await call('POST', '/call-advisor', { kioskId: 'entrance', locale: 'en' });
  assert.is(res.status, 201, JSON.stringify(res.body));
  const id = res.body.data.call.id;
  await dispatch.waitForSeq(await seqOf(server, S));
  assert.equal(dispatch.entries()[`call:${id}`], res.body.data.call);
  const again = await call('POST', '/call-advisor', { kioskId: 'entrance' });
  assert.equal([again.status, again.body.data.call.id, again.body.data.repeated], [200, id, true]);
  const advisor = asStaff(server.auth, { roles: ['advisor'] });
  const ack = await server.api('POST', `/api/stores/${S}/advisor-calls/${id}/acknowledge`, {}, advisor);
  assert.is(ack.status, 200, JSON.stringify(ack.body));
  await dispatch.waitForSeq(await seqOf(server, S));
  assert.not.ok(`call:${id}` in dispatch.entries());
  await lobby.waitForSeq(await seqOf(server, S));
  assert.not.match(JSON.stringify(lobby.frames), /call:|entrance/);
  const twice = await server.api('POST', `/api/stores/${S}/advisor-calls/${id}/acknowledge`, {}, advisor);
  assert.is(twice.status, 404);
  const tech = await server.api('POST', `/api/stores/${S}/advisor-calls/${id}/acknowledge`, {}, asStaff(server.auth, { roles: ['technician'] }));
  assert.is(tech.status, 403);
  dispatch.disconnect();
  lobby.disconnect();
});

const Survey = suite('survey');
Survey.before(start());
Survey.after(stop);

const tokenOf = async (roId: string) => (await server.service.state(S)).ros.get(roId)!.trackingToken!;

Survey('opens after delivery and takes one answer per repair order, refusing a second politely', async () => {
  const ro = await createRo(server, S);
  const token = await tokenOf(ro.id);
  const early = await server.api('POST', `/api/track/${token}/survey`, { score: 5 }, { authorization: undefined });
  assert.equal([early.status, early.body.error.code], [409, 'survey_not_open']);
  await deliver(server, S, ro.id);
  const first = await server.api('POST', `/api/track/${token}/survey`, { score: 4, comment: '很快' }, { authorization: undefined });
  assert.is(first.status, 201, JSON.stringify(first.body));
  const same = await server.api('POST', `/api/track/${token}/survey`, { score: 4, comment: '很快' }, { authorization: undefined });
  assert.is(same.status, 200, 'the same answer again is a harmless retry');
  const second = await server.api('POST', `/api/track/${token}/survey`, { score: 1 }, { authorization: undefined });
  assert.equal([second.status, second.body.error.code], [409, 'already_answered']);
  assert.match(second.body.error.message, /Thank you/);
  const stored = (await server.service.state(S)).ros.get(ro.id)!.survey!;
  assert.equal([stored.score, stored.comment], [4, '很快']);
  const events = (await server.service.events.read(S, 0)).filter((e) => e.type === 'surveySubmitted');
  assert.is(events.length, 1);
});

Survey('is found at the kiosk by plate and phone digits after delivery', async () => {
  const ro = await createRo(server, S, { customer: { name: '赵敏', phone: '13711112222', salutation: 'ms' } });
  await deliver(server, S, ro.id);
  const found = await call('POST', '/survey/find', { kioskId: 'entrance', plate: ro.vehicle.plate, phoneLast4: '2222' });
  assert.is(found.status, 200, JSON.stringify(found.body));
  const answer = await call('POST', '/survey', { kioskId: 'entrance', ticket: found.body.data.ticket, score: 5 });
  assert.is(answer.status, 201);
  const again = await call('POST', '/survey/find', { kioskId: 'entrance', plate: ro.vehicle.plate, phoneLast4: '2222' });
  assert.equal([again.status, again.body.error.code], [409, 'already_answered']);
  const wrong = await call('POST', '/survey/find', { kioskId: 'entrance', plate: ro.vehicle.plate, phoneLast4: '3333' });
  assert.equal([wrong.status, wrong.body.error.code], [404, 'no_match']);
});

Survey('refuses unknown tokens without saying more', async () => {
  for (const token of ['x', 'A'.repeat(24), '../../etc']) {
    const res = await server.api('POST', `/api/track/${encodeURIComponent(token)}/survey`, { score: 5 }, { authorization: undefined });
    assert.equal([res.status, res.body.error.code], [404, 'unknown_token']);
  }
});

Find.run();
CheckIn.run();
WalkIn.run();
Limits.run();
Calls.run();
Survey.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { anAppointmentInput, asStaff, seqOf } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';

// The test shop's store-a: general work has one bay (bay-1) open 08:00–20:00 and two technicians
// with no skills listed (every skill), so general capacity is min(2 × 12 h, 1 × 12 h) = 12 h a day.
// BRK (front brake pads) is 1.2 h of general work, so ten of them fill a day.
let server: TestServer;
const S = 'store-a';
const APPTS = `/api/stores/${S}/appointments`;
const PLAN = `/api/stores/${S}/plan`;
const start = async () => {
  server = await startTestServer({ shop: aTestShop() });
};
const stop = async () => server.close();

let dayCounter = 0;
/** A store-local day some way ahead, one per test so that tests do not share capacity. */
const aDay = () => new Date(Date.now() + (3 + ++dayCounter) * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const advisor = () => asStaff(server.auth, { id: 'adv-1', roles: ['advisor'] });

async function book(overrides: Record<string, unknown>, headers = {}) {
  const res = await server.api('POST', APPTS, anAppointmentInput(overrides), headers);
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.data.appointment;
}

async function refused(method: string, path: string, body: unknown, status: number, headers = {}) {
  const before = await seqOf(server, S);
  const res = await server.api(method, path, body, headers);
  assert.is(res.status, status, JSON.stringify(res.body));
  assert.is(await seqOf(server, S), before, 'nothing changed');
  return res.body.error;
}

const Bay = suite('booking a bay');
Bay.before(start);
Bay.after(stop);

Bay('refuses a second booking of a bay for an overlapping time, naming the booking already there', async () => {
  const day = aDay();
  const first = await book({ at: at(day, '09:00'), services: ['BRK'], bayId: 'bay-1' });
  assert.is(first.durationMinutes, 72, 'BRK is 1.2 standard hours');
  const error = await refused('POST', APPTS, anAppointmentInput({ at: at(day, '10:00'), services: ['OIL'], bayId: 'bay-1' }), 409);
  assert.is(error.code, 'conflict');
  assert.is(error.details.appointmentId, first.id);
  assert.match(error.message, first.id);
  assert.match(error.message, '09:00–10:12');
  // Starting before and running into it is refused too; right after it, or in another bay, is fine.
  assert.is(
    (await refused('POST', APPTS, anAppointmentInput({ at: at(day, '08:45'), services: ['OIL'], bayId: 'bay-1' }), 409)).details.appointmentId,
    first.id,
  );
  await book({ at: at(day, '10:12'), services: ['OIL'], bayId: 'bay-1' });
  await book({ at: at(day, '09:00'), services: ['OIL'], bayId: 'bay-2' });
});

Bay('a cancelled booking frees its bay; a no-show keeps its history', async () => {
  const day = aDay();
  const first = await book({ at: at(day, '14:00'), services: ['BRK'], bayId: 'bay-1' });
  assert.is((await server.api('DELETE', `${APPTS}/${first.id}?reason=customer_rescheduled`)).status, 200);
  const second = await book({ at: at(day, '14:00'), services: ['BRK'], bayId: 'bay-1' });
  const shown = await server.api('POST', `${APPTS}/${second.id}/no-show`, {});
  assert.is(shown.body.data.appointment.status, 'no_show');
  await book({ at: at(day, '14:30'), services: ['OIL'], bayId: 'bay-1' });
});

Bay('moving a booking is checked again: onto another booking is refused, to a free time it moves', async () => {
  const day = aDay();
  const fixed = await book({ at: at(day, '09:00'), services: ['BRK'], bayId: 'bay-1' });
  const mover = await book({ at: at(day, '13:00'), services: ['BRK'], bayId: 'bay-1' });
  const error = await refused('PATCH', `${APPTS}/${mover.id}`, { at: at(day, '09:30') }, 409);
  assert.is(error.details.appointmentId, fixed.id);
  // The same time in a bay of its own is no clash; nor is a later time in the same bay.
  await refused('PATCH', `${APPTS}/${mover.id}`, { bayId: 'bay-99' }, 422);
  const moved = await server.api('PATCH', `${APPTS}/${mover.id}`, { at: at(day, '10:30') });
  assert.is(moved.status, 200, JSON.stringify(moved.body));
  assert.is(moved.body.data.appointment.at, at(day, '10:30'));
  // Moving within its own span (it does not clash with itself).
  assert.is((await server.api('PATCH', `${APPTS}/${mover.id}`, { at: at(day, '10:45') })).status, 200);
});

const Capacity = suite('booking capacity');
Capacity.before(start);
Capacity.after(stop);

Capacity("refuses a booking that takes a skill past its free hours, and takes it with an advisor's override, recorded", async () => {
  const day = aDay();
  for (let i = 0; i < 10; i++) await book({ at: at(day, '08:00'), services: ['BRK'] });
  const before = (await server.api('GET', `${PLAN}?from=${day}`)).body.data.capacity[0].skills.find((s: { skill: string }) => s.skill === 'general');
  assert.equal(before, { skill: 'general', capacityHours: 12, carriedHours: 0, bookedHours: 12, freeHours: 0 });

  const error = await refused('POST', APPTS, anAppointmentInput({ at: at(day, '15:00'), services: ['BRK'] }), 409, advisor());
  assert.is(error.code, 'over_capacity');
  assert.equal(error.details.short, [{ skill: 'general', neededHours: 1.2, freeHours: 0 }]);
  // Quick work has its own hours: an oil change that day is still taken.
  await book({ at: at(day, '15:00'), services: ['OIL'] }, advisor());

  const over = await server.api(
    'POST',
    APPTS,
    anAppointmentInput({ at: at(day, '15:00'), services: ['BRK'], override: { reason: '老客户，同意加班' } }),
    advisor(),
  );
  assert.is(over.status, 201, JSON.stringify(over.body));
  const appt = over.body.data.appointment;
  assert.equal(appt.capacityOverride.by, { id: 'adv-1', name: 'Test staff' });
  assert.is(appt.capacityOverride.reason, '老客户，同意加班');
  assert.equal(appt.capacityOverride.short, [{ skill: 'general', neededHours: 1.2, freeHours: 0 }]);
  // The override is in the stored fact, not only in the answer.
  const events = await server.events.read(S, over.body.data.seq - 1, 1);
  assert.is(events[0].type, 'appointmentBooked');
  assert.equal((events[0].data as { appointment: { capacityOverride: unknown } }).appointment.capacityOverride, appt.capacityOverride);
  const after = (await server.api('GET', `${PLAN}?from=${day}`)).body.data.capacity[0].skills.find((s: { skill: string }) => s.skill === 'general');
  assert.is(after.freeHours, -1.2);
});

Capacity('an override that was not needed is not recorded', async () => {
  const appt = await book({ at: at(aDay(), '09:00'), services: ['BRK'], override: { reason: '以防万一' } }, advisor());
  assert.is(appt.capacityOverride, undefined);
});

Capacity('moving a booking onto a full day is refused unless overridden', async () => {
  const full = aDay();
  const other = aDay();
  for (let i = 0; i < 10; i++) await book({ at: at(full, '08:00'), services: ['BRK'] });
  const mover = await book({ at: at(other, '09:00'), services: ['BRK'] });
  assert.is((await refused('PATCH', `${APPTS}/${mover.id}`, { at: at(full, '09:00') }, 409, advisor())).code, 'over_capacity');
  const res = await server.api('PATCH', `${APPTS}/${mover.id}`, { at: at(full, '09:00'), override: { reason: '客户只有这天有空' } }, advisor());
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.is(res.body.data.appointment.capacityOverride.reason, '客户只有这天有空');
  assert.is(res.body.data.appointment.capacityOverride.by.id, 'adv-1');
});

Capacity("work carried over from open repair orders takes today's hours first", async () => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const plan = async () => (await server.api('GET', `${PLAN}?from=${today}&days=2`)).body.data.capacity;
  const general = (day: { skills: { skill: string }[] }) => day.skills.find((s) => s.skill === 'general') as unknown as { carriedHours: number };
  const was = general((await plan())[0]).carriedHours;
  const ro = await server.api('POST', `/api/stores/${S}/repair-orders`, {
    vehicle: { plate: '京A77777', make: 'VW' },
    customer: { name: '钱先生', phone: '13900002222' },
    operations: [{ code: 'BRK', title: '更换前刹车片', standardHours: 1.2 }],
  });
  assert.is(ro.status, 201, JSON.stringify(ro.body));
  const [todayCap, tomorrow] = await plan();
  assert.is(Math.round((general(todayCap).carriedHours - was) * 100) / 100, 1.2);
  assert.is(general(tomorrow).carriedHours, 0);
});

const Cancel = suite('cancel reasons');
Cancel.before(start);
Cancel.after(stop);

Cancel('takes a configured reason code, records its label, and counts cancellations by reason in the plan', async () => {
  const day = aDay();
  const a = await book({ at: at(day, '09:00') });
  const b = await book({ at: at(day, '10:00') });
  const c = await book({ at: at(day, '11:00') });
  const res = await server.api('DELETE', `${APPTS}/${a.id}?reason=price`);
  assert.is(res.status, 200);
  assert.equal([res.body.data.appointment.cancelReasonCode, res.body.data.appointment.cancelReason], ['price', '价格原因']);
  await server.api('DELETE', `${APPTS}/${b.id}?reason=price`);
  await server.api('DELETE', `${APPTS}/${c.id}?reason=customer_busy`);
  const plan = (await server.api('GET', `${PLAN}?from=${day}&days=7`)).body.data;
  const counts = Object.fromEntries(plan.cancellations.map((x: { code: string; count: number }) => [x.code, x.count]));
  assert.is(counts.price, 2);
  assert.is(counts.customer_busy, 1);
  assert.is(counts.other, 0);
  assert.ok(!plan.appointments.some((x: { id: string }) => [a.id, b.id, c.id].includes(x.id)), 'cancelled ones are counted, not shown');
});

Cancel('refuses a reason that is not configured, naming query.reason', async () => {
  const a = await book({ at: at(aDay(), '09:00') });
  const error = await refused('DELETE', `${APPTS}/${a.id}?reason=${encodeURIComponent('不想修')}`, undefined, 400);
  assert.ok(error.details.some((d: { path: string }) => d.path === 'query.reason'));
  assert.match(error.message, 'customer_rescheduled');
});

const Read = suite('GET /plan');
Read.before(start);
Read.after(stop);

Read('answers bays, spans and a week of capacity to the front desk, and nothing to a technician', async () => {
  const day = aDay();
  const a = await book({ at: at(day, '09:00'), services: ['OIL', 'BRK'], bayId: 'bay-1' });
  const plan = (await server.api('GET', `${PLAN}?from=${day}&days=7`, undefined, advisor())).body.data;
  assert.is(plan.capacity.length, 7);
  assert.equal(
    plan.bays.map((b: { id: string }) => b.id),
    ['bay-1', 'bay-2', 'bay-w'],
  );
  const shown = plan.appointments.find((x: { id: string }) => x.id === a.id);
  assert.is(Date.parse(shown.endsAt) - Date.parse(shown.startsAt), 102 * 60_000, '0.5 h + 1.2 h');
  assert.is((await server.api('GET', PLAN, undefined, asStaff(server.auth, { roles: ['technician'] }))).status, 403);
  const bad = await server.api('GET', `${PLAN}?days=40`);
  assert.is(bad.status, 400);
  assert.ok(bad.body.error.details.some((d: { path: string }) => d.path === 'query.days'));
});

Bay.run();
Capacity.run();
Cancel.run();
Read.run();

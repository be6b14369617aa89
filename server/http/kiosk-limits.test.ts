import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aKioskShop, aPlate, bookToday, kiosk } from '../../tests/helpers/kiosk';
import { asStaff } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';

/**
 * Kiosk limits that stop guessing without turning customers away (server/kiosk/kiosk-limits.ts):
 * only wrong lookups count, a paired kiosk counts on its own, a valid QR and a walk-in are never
 * refused, and X-Forwarded-For from loopback (which express believes under `trust proxy
 * loopback`) buys no more guesses.
 */
const S = 'store-a';
let server: TestServer;
let call: ReturnType<typeof kiosk>;
const start = async () => {
  // The shipped defaults: 20 wrong lookups per kiosk, 5 per plate.
  server = await startTestServer({ shop: aKioskShop({ lookupsPerKiosk: { max: 20, windowSeconds: 600 }, lookupsPerPlate: { max: 5, windowSeconds: 900 } }) });
  call = kiosk(server, S);
};
const stop = async () => server.close();
const last4 = (phone: string) => phone.slice(-4);

/** Pair a kiosk as an admin would: the headers its requests then carry. */
async function paired(kioskId: string) {
  const res = await server.api('POST', `/api/stores/${S}/kiosks/${kioskId}/key`, {}, asStaff(server.auth, { roles: ['admin'] }));
  assert.is(res.status, 201, JSON.stringify(res.body));
  return { 'x-kiosk-key': res.body.data.key as string };
}
const find = (plate: string, digits: string, headers: Record<string, string> = {}, kioskId = 'entrance') =>
  call('POST', '/appointments/find', { kioskId, plate, phoneLast4: digits }, headers);
const walkIn = (headers: Record<string, string> = {}) =>
  call('POST', '/walk-in', { kioskId: 'entrance', plate: aPlate(), phone: '13612347777', services: ['OIL'], consent: true }, headers);
const wrongDigits = (phone: string) => (last4(phone) === '0000' ? '1111' : '0000');

const Limits = suite('kiosk limits');
Limits.before.each(start);
Limits.after.each(stop);

Limits('30 wrong lookups, then a correct customer, a QR check-in and a walk-in all succeed', async () => {
  const entrance = await paired('entrance');
  const appt = await bookToday(server, S);
  const byQr = await bookToday(server, S);
  for (let i = 0; i < 30; i++) {
    assert.is((await find(aPlate(), '0000', entrance)).status, 404, `wrong lookup ${i + 1} at the paired kiosk`);
    assert.ok([404, 429].includes((await find(aPlate(), '0000')).status), 'and one from a caller without a key');
  }
  const right = await find(appt.vehicle.plate, last4(appt.customer.phone), entrance);
  assert.is(right.status, 200, JSON.stringify(right.body));
  assert.is((await call('POST', '/check-in', { kioskId: 'entrance', ticket: right.body.data.ticket, consent: true }, entrance)).status, 201);

  const { code } = (await server.api('GET', `/api/stores/${S}/appointments/${byQr.id}/kiosk-code`)).body.data;
  const scanned = await call('POST', '/appointments/scan', { kioskId: 'entrance', code });
  assert.is(scanned.status, 200, `a valid QR from the address that failed 30 times: ${JSON.stringify(scanned.body)}`);
  assert.is((await call('POST', '/check-in', { kioskId: 'entrance', ticket: scanned.body.data.ticket, consent: true })).status, 201);

  const walked = await walkIn();
  assert.is(walked.status, 201, `a walk-in from the same address: ${JSON.stringify(walked.body)}`);
  assert.is((await walkIn(entrance)).status, 201);
});

Limits('five wrong digits from one kiosk, then the right digits from another kiosk succeed', async () => {
  const [one, other] = [await paired('left'), await paired('right')];
  const appt = await bookToday(server, S);
  for (let i = 0; i < 5; i++) assert.is((await find(appt.vehicle.plate, wrongDigits(appt.customer.phone), one)).status, 404);
  for (let i = 0; i < 5; i++) await find(appt.vehicle.plate, wrongDigits(appt.customer.phone), { 'x-forwarded-for': `10.1.1.${i}` });
  const refused = await find(appt.vehicle.plate, last4(appt.customer.phone), one);
  assert.is(refused.status, 429, 'the kiosk that guessed waits, even for the right digits');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  const ok = await find(appt.vehicle.plate, last4(appt.customer.phone), other);
  assert.is(ok.status, 200, JSON.stringify(ok.body));
});

Limits('X-Forwarded-For rotation from loopback does not multiply guesses', async () => {
  const appt = await bookToday(server, S);
  let heard = 0;
  for (let i = 0; i < 40; i++) {
    const res = await find(appt.vehicle.plate, String(1000 + i), { 'x-forwarded-for': `10.2.${i}.9` });
    if (res.status === 404) heard++;
    else assert.is(res.status, 429);
  }
  assert.is(heard, 5, "one plate's digits: five guesses from all addresses together");
  let plates = 0;
  for (let i = 0; i < 200; i++) {
    const res = await find(aPlate(), '0000', { 'x-forwarded-for': `10.3.${i % 250}.${i >> 8}` });
    if (res.status === 404) plates++;
    else assert.is(res.status, 429);
  }
  assert.ok(plates <= 60 - 5, `plate after plate: ${plates} heard from 200 addresses, at most three kiosks' worth in all`);
  const kioskAfter = await find(appt.vehicle.plate, last4(appt.customer.phone), await paired('entrance'));
  assert.is(kioskAfter.status, 200, 'a paired kiosk is not held back by any of it');
});

Limits('one open advisor call per kiosk: 14 anonymous calls under 14 names raise one banner; a paired kiosk has its own', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 14; i++) statuses.push((await call('POST', '/call-advisor', { kioskId: `kiosk-${i}` }, { 'x-forwarded-for': `10.4.0.${i}` })).status);
  assert.is(statuses[0], 201);
  assert.ok(
    statuses.slice(1).every((s) => s === 429),
    statuses.join(','),
  );
  assert.is((await server.service.state(S)).calls.size, 1);
  const entrance = await paired('entrance');
  const mine = await call('POST', '/call-advisor', { kioskId: 'whatever' }, entrance);
  assert.is(mine.status, 201, JSON.stringify(mine.body));
  assert.is(mine.body.data.call.kioskId, 'entrance', 'named by its key, not by what it says');
  const again = await call('POST', '/call-advisor', { kioskId: 'other' }, entrance);
  assert.equal([again.status, again.body.data.repeated], [200, true]);
  assert.is((await server.service.state(S)).calls.size, 2);
});

Limits('a kiosk key is minted only by an admin and only counts at its own store', async () => {
  const denied = await server.api('POST', `/api/stores/${S}/kiosks/entrance/key`, {}, asStaff(server.auth, { roles: ['advisor'] }));
  assert.is(denied.status, 403);
  const forged = { 'x-kiosk-key': 'eyJ2IjoxfQ.AAAA' };
  const appt = await bookToday(server, S);
  for (let i = 0; i < 5; i++) await find(appt.vehicle.plate, wrongDigits(appt.customer.phone), forged);
  assert.is((await find(appt.vehicle.plate, last4(appt.customer.phone), forged)).status, 429, 'a forged key is no key');
});

Limits.run();

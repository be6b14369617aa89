import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { signInUntil } from './shift';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const config = { shiftEnds: ['12:30', '20:00'], maxSignInHours: 12 };

test("a sign-in lasts until the next shift end in the store's time zone", () => {
  // 08:00 in Beijing is 00:00 UTC; the 12:30 shift end is 04:30 UTC.
  assert.is(iso(signInUntil(at('2026-03-01T00:00:00Z'), 'Asia/Shanghai', config)), '2026-03-01T04:30:00.000Z');
  assert.is(iso(signInUntil(at('2026-03-01T05:00:00Z'), 'Asia/Shanghai', config)), '2026-03-01T12:00:00.000Z');
});

test('less than an hour before a shift end, it lasts into the next shift (overtime), never over the cap', () => {
  // 19:30 Beijing: 20:00 is too close; tomorrow 12:30 is beyond 12 hours, so the cap decides.
  assert.is(iso(signInUntil(at('2026-03-01T11:30:00Z'), 'Asia/Shanghai', config)), '2026-03-01T23:30:00.000Z');
});

test('works across midnight and in zones with daylight saving time', () => {
  assert.is(iso(signInUntil(at('2026-03-01T16:30:00Z'), 'Asia/Shanghai', { shiftEnds: ['06:00'], maxSignInHours: 12 })), '2026-03-01T22:00:00.000Z');
  // Berlin, summer (UTC+2): 14:00 local is 12:00 UTC.
  assert.is(iso(signInUntil(at('2026-07-01T06:00:00Z'), 'Europe/Berlin', { shiftEnds: ['14:00'], maxSignInHours: 12 })), '2026-07-01T12:00:00.000Z');
});

test.run();

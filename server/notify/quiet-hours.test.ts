import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { releaseTime } from './quiet-hours';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const night = { start: '21:00', end: '08:00' };

test('holds a message due late in the evening until 08:00 the next morning, store time', () => {
  // 23:10 in Shanghai is 15:10 UTC; 08:00 the next day is 00:00 UTC.
  assert.is(iso(releaseTime(at('2026-12-07T15:10:00Z'), 'Asia/Shanghai', night)), '2026-12-08T00:00:00.000Z');
});

test('holds a message due before dawn until 08:00 the same morning', () => {
  assert.is(iso(releaseTime(at('2026-12-07T22:00:00Z'), 'Asia/Shanghai', night)), '2026-12-08T00:00:00.000Z');
});

test('sends at once outside the quiet hours, and at the end minute itself', () => {
  assert.is(iso(releaseTime(at('2026-12-07T06:00:00Z'), 'Asia/Shanghai', night)), '2026-12-07T06:00:00.000Z');
  assert.is(iso(releaseTime(at('2026-12-08T00:00:00Z'), 'Asia/Shanghai', night)), '2026-12-08T00:00:00.000Z');
});

test('quiet hours within one day (12:00–13:30) hold until 13:30', () => {
  assert.is(iso(releaseTime(at('2026-12-07T04:15:00Z'), 'Asia/Shanghai', { start: '12:00', end: '13:30' })), '2026-12-07T05:30:00.000Z');
});

test("uses the store's own zone, not the server's", () => {
  // 22:00 in Berlin (winter, UTC+1) is 21:00 UTC; released 08:00 Berlin = 07:00 UTC next day.
  assert.is(iso(releaseTime(at('2026-12-07T21:00:00Z'), 'Europe/Berlin', night)), '2026-12-08T07:00:00.000Z');
});

test('without quiet hours a message goes when due', () => {
  assert.is(releaseTime(123, 'Asia/Shanghai', undefined), 123);
});

test.run();

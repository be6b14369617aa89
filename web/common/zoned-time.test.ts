import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fromZonedInput, localDateOf, localDayBounds, toZonedInput } from './zoned-time';

const zoned = suite('zoned-time');

zoned('dates an instant by the store clock, not UTC', () => {
  // 17:30 UTC on the 9th is 01:30 on the 10th in Beijing.
  assert.is(localDateOf(Date.parse('2026-03-09T17:30:00Z'), 'Asia/Shanghai'), '2026-03-10');
  assert.is(localDateOf(Date.parse('2026-03-09T17:30:00Z'), 'UTC'), '2026-03-09');
});

zoned('round-trips a datetime-local value in the store zone', () => {
  assert.is(toZonedInput('2026-03-10T09:00:00.000Z', 'Asia/Shanghai'), '2026-03-10T17:00');
  assert.is(fromZonedInput('2026-03-10T17:00', 'Asia/Shanghai'), '2026-03-10T09:00:00.000Z');
});

zoned('handles a zone with daylight saving on both sides of the change', () => {
  assert.is(fromZonedInput('2026-03-07T12:00', 'America/New_York'), '2026-03-07T17:00:00.000Z');
  assert.is(fromZonedInput('2026-03-09T12:00', 'America/New_York'), '2026-03-09T16:00:00.000Z');
});

zoned('refuses what is not a datetime-local value', () => {
  assert.is(fromZonedInput('', 'Asia/Shanghai'), undefined);
  assert.is(fromZonedInput('tomorrow', 'Asia/Shanghai'), undefined);
});

zoned('bounds the store-local day, 23 or 25 hours long on daylight-saving days', () => {
  assert.equal(localDayBounds(Date.parse('2026-03-09T17:30:00Z'), 'Asia/Shanghai'), {
    start: Date.parse('2026-03-09T16:00:00Z'),
    end: Date.parse('2026-03-10T16:00:00Z'),
  });
  const spring = localDayBounds(Date.parse('2026-03-08T15:00:00Z'), 'America/New_York');
  assert.is(spring.end - spring.start, 23 * 3_600_000);
});

zoned.run();

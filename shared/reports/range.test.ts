import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRange, datesOf, zoned } from './range';

test("a range of store-local dates covers whole days in the store's zone", () => {
  const r = zoned({ from: '2026-03-01', to: '2026-03-02' }, 'Asia/Shanghai');
  assert.equal([new Date(r.start).toISOString(), new Date(r.end).toISOString(), r.days], ['2026-02-28T16:00:00.000Z', '2026-03-02T16:00:00.000Z', 2]);
  assert.equal(datesOf(r), ['2026-03-01', '2026-03-02']);
});

test('a day with a daylight-saving switch is 23 hours long where the clocks jump', () => {
  const r = zoned({ from: '2026-03-08', to: '2026-03-08' }, 'America/New_York');
  assert.is((r.end - r.start) / 3_600_000, 23);
});

test('one date alone is a one-day range', () => {
  assert.equal(checkRange('2026-03-01', undefined), { ok: true, range: { from: '2026-03-01', to: '2026-03-01' } });
});

test('refuses, naming the parameter: malformed and impossible dates, to before from, more than three years, nothing at all', () => {
  const problem = (from?: string, to?: string) => {
    const checked = checkRange(from, to);
    return checked.ok ? undefined : checked.problem.parameter;
  };
  assert.is(problem('2026-3-1', '2026-03-02'), 'from');
  assert.is(problem('2026-03-01', 'yesterday'), 'to');
  assert.is(problem('2026-02-30', '2026-03-02'), 'from');
  assert.is(problem('2026-03-02', '2026-03-01'), 'to');
  assert.is(problem('2020-01-01', '2026-01-01'), 'to');
  assert.is(problem(undefined, undefined), 'from');
  assert.is(problem('2023-01-01', '2025-12-31'), undefined);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { presetDates, presetOf } from './report-range';

// 2026-12-06T17:30Z is Monday 2026-12-07 01:30 in Beijing, still Sunday the 6th in UTC.
const NOW = Date.parse('2026-12-06T17:30:00Z');

test("presets are the store's own calendar days, not the computer's", () => {
  assert.equal(presetDates('today', NOW, 'Asia/Shanghai'), { from: '2026-12-07', to: '2026-12-07' });
  assert.equal(presetDates('today', NOW, 'UTC'), { from: '2026-12-06', to: '2026-12-06' });
});

test('this week starts on Monday; last 30 days includes today; this month from the 1st', () => {
  assert.equal(presetDates('week', NOW, 'Asia/Shanghai'), { from: '2026-12-07', to: '2026-12-07' });
  assert.equal(presetDates('week', NOW, 'UTC'), { from: '2026-11-30', to: '2026-12-06' });
  assert.equal(presetDates('last30', NOW, 'Asia/Shanghai'), { from: '2026-11-08', to: '2026-12-07' });
  assert.equal(presetDates('month', NOW, 'Asia/Shanghai'), { from: '2026-12-01', to: '2026-12-07' });
  assert.equal(presetDates('month', NOW, 'UTC'), { from: '2026-12-01', to: '2026-12-06' });
});

test('a range is recognised as the preset it equals, else none', () => {
  assert.is(presetOf({ from: '2026-11-08', to: '2026-12-07' }, NOW, 'Asia/Shanghai'), 'last30');
  assert.is(presetOf({ from: '2026-03-01', to: '2026-03-07' }, NOW, 'Asia/Shanghai'), undefined);
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrder } from '../../common/fixtures';
import { buildCounters } from './counters';

// 2026-03-10 00:30 in Beijing is 2026-03-09 16:30 UTC: the store's day has just begun.
const NOW = Date.parse('2026-03-09T16:30:00Z');
const TZ = 'Asia/Shanghai';
const counters = suite('buildCounters');

counters("counts cars checked in on the store's calendar day, not the UTC day", () => {
  const today = aRepairOrder({ checkedInAt: '2026-03-09T16:10:00Z' }); // 00:10 local, today
  const yesterday = aRepairOrder({ checkedInAt: '2026-03-09T15:50:00Z' }); // 23:50 local the day before
  assert.is(buildCounters([today, yesterday], TZ, NOW).carsIn, 1);
  assert.is(buildCounters([today, yesterday], 'UTC', NOW).carsIn, 2);
});

counters('does not count a car checked in today and cancelled since as come in (今日进厂)', () => {
  const came = aRepairOrder({ stage: 'in_service', checkedInAt: '2026-03-09T16:10:00Z' });
  const cancelled = aRepairOrder({ stage: 'cancelled', checkedInAt: '2026-03-09T16:12:00Z' });
  assert.is(buildCounters([came, cancelled], TZ, NOW).carsIn, 1);
});

counters('counts deliveries today and the share delivered by the promised time', () => {
  const onTime = aRepairOrder({ stage: 'delivered', promisedAt: '2026-03-09T16:20:00Z', deliveredAt: '2026-03-09T16:15:00Z' });
  const late = aRepairOrder({ stage: 'delivered', promisedAt: '2026-03-09T16:00:00Z', deliveredAt: '2026-03-09T16:25:00Z' });
  const noPromise = aRepairOrder({ stage: 'delivered', deliveredAt: '2026-03-09T16:05:00Z' });
  const c = buildCounters([onTime, late, noPromise], TZ, NOW);
  assert.is(c.delivered, 3);
  assert.is(c.promised, 2);
  assert.is(c.onTime, 1);
});

counters('averages check-in to ready over cars that became ready today', () => {
  const a = aRepairOrder({ stage: 'ready', checkedInAt: '2026-03-09T16:00:00Z', readyAt: '2026-03-09T16:20:00Z' });
  const b = aRepairOrder({ stage: 'delivered', checkedInAt: '2026-03-09T15:00:00Z', readyAt: '2026-03-09T16:00:00Z', deliveredAt: '2026-03-09T16:10:00Z' });
  const earlier = aRepairOrder({ stage: 'delivered', checkedInAt: '2026-03-08T01:00:00Z', readyAt: '2026-03-08T09:00:00Z' });
  assert.is(buildCounters([a, b, earlier], TZ, NOW).avgCycleMs, 40 * 60_000);
});

counters('has no average and no rate before the first car is ready or delivered', () => {
  const c = buildCounters([aRepairOrder({ stage: 'in_service', checkedInAt: '2026-03-09T16:10:00Z' })], TZ, NOW);
  assert.is(c.avgCycleMs, undefined);
  assert.is(c.promised, 0);
  assert.is(c.onSite, 1);
});

counters.run();

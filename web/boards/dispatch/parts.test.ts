import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrder, anOperation, at, T0 } from '../../common/fixtures';
import { buildPartsWaits, dueToday } from './parts';

const parts = suite('buildPartsWaits');

const waiting = (part: string, eta?: string) =>
  aRepairOrder({ operations: [anOperation({ status: 'paused', bayId: 'bay-01', pause: { reason: 'parts', part, ...(eta ? { eta } : {}) } })] });

parts('lists operations paused for parts with the part and its ETA, soonest first', () => {
  const later = waiting('滤芯', at(120));
  const sooner = waiting('刹车片', at(30));
  const unknown = waiting('门把手');
  const result = buildPartsWaits([unknown, later, sooner], T0);
  assert.equal(
    result.map((w) => w.part),
    ['刹车片', '滤芯', '门把手'],
  );
  assert.is(result[0].eta, at(30));
});

parts('marks a wait whose ETA has passed', () => {
  assert.ok(buildPartsWaits([waiting('滤芯', at(-5))], T0)[0].late);
  assert.not.ok(buildPartsWaits([waiting('滤芯', at(5))], T0)[0].late);
});

parts('ignores other pauses and closed repair orders', () => {
  const approval = aRepairOrder({ operations: [anOperation({ status: 'paused', pause: { reason: 'approval' } })] });
  const cancelled = { ...waiting('滤芯'), stage: 'cancelled' as const };
  assert.equal(buildPartsWaits([approval, cancelled], T0), []);
});

parts("counts the parts due later today in the store's zone, not the late ones nor tomorrow's", () => {
  // T0 is 10:00 in Shanghai: 13:00 is today, 16:30 UTC is 00:30 tomorrow there, 09:55 has passed.
  const waits = buildPartsWaits([waiting('滤芯', at(180)), waiting('刹车片', at(870)), waiting('门把手', at(-5)), waiting('雨刮')], T0);
  assert.is(dueToday(waits, T0, 'Asia/Shanghai'), 1);
  // In UTC the 16:30 one is still today (02:00 UTC now).
  assert.is(dueToday(waits, T0, 'UTC'), 2);
});

parts.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays, isoAt, minuteOfDay, mondayOf, placeOf, slotsOf } from './plan-grid';

const Grid = suite('plan grid');
Grid('slots run from opening to the last start before closing', () => {
  assert.equal(slotsOf('08:00', '10:00', 30), [480, 510, 540, 570]);
});
Grid("writes a store-local time with the zone's offset, and reads it back", () => {
  assert.is(isoAt('2030-05-10', 9 * 60 + 30, 'Asia/Shanghai'), '2030-05-10T09:30:00+08:00');
  assert.is(minuteOfDay('2030-05-10T01:30:00Z', '2030-05-10', 'Asia/Shanghai'), 570);
});
Grid('places a booking as fractions of the open day, clipped to it', () => {
  assert.equal(placeOf('2030-05-10T09:00:00+08:00', '2030-05-10T10:00:00+08:00', '2030-05-10', 'Asia/Shanghai', '08:00', '18:00'), { left: 0.1, width: 0.1 });
  assert.equal(placeOf('2030-05-10T17:30:00+08:00', '2030-05-10T19:00:00+08:00', '2030-05-10', 'Asia/Shanghai', '08:00', '18:00'), { left: 0.95, width: 0.05 });
});
Grid("counts calendar days and finds the week's Monday", () => {
  assert.is(addDays('2030-12-31', 1), '2031-01-01');
  assert.is(mondayOf('2030-05-12'), '2030-05-06'); // a Sunday
  assert.is(mondayOf('2030-05-06'), '2030-05-06');
});
Grid.run();

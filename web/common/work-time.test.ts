import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { anOperation, at, T0 } from './fixtures';
import { formatHours, formatStopwatch, levelOf, workProgress } from './work-time';

const progress = suite('workProgress');

progress('counts banked work plus the run in progress against standard hours', () => {
  const op = anOperation({ standardHours: 1, workedMs: 20 * 60_000, runningSince: at(-10) });
  const p = workProgress(op, T0);
  assert.is(p.workedMs, 30 * 60_000);
  assert.is(p.ratio, 0.5);
  assert.is(p.level, 'ok');
  assert.ok(p.running);
});

progress('turns amber from 80 % and red only past 100 %', () => {
  assert.is(levelOf(0.79), 'ok');
  assert.is(levelOf(0.8), 'warn');
  assert.is(levelOf(1), 'warn');
  assert.is(levelOf(1.01), 'over');
});

progress('keeps counting while the clock ticks, and stops when paused', () => {
  const running = anOperation({ standardHours: 0.5, workedMs: 0, runningSince: at(0) });
  assert.is(workProgress(running, T0 + 31 * 60_000).level, 'over');
  const paused = anOperation({ standardHours: 0.5, workedMs: 10 * 60_000 });
  assert.is(workProgress(paused, T0 + 10 * 3_600_000).workedMs, 10 * 60_000);
  assert.not.ok(workProgress(paused, T0).running);
});

progress.run();

const format = suite('formatStopwatch / formatHours');

format('shows hours, minutes and seconds', () => {
  assert.is(formatStopwatch(0), '0:00:00');
  assert.is(formatStopwatch(42 * 60_000 + 7_900), '0:42:07');
  assert.is(formatStopwatch(12 * 3_600_000 + 3 * 60_000 + 59_000), '12:03:59');
  assert.is(formatStopwatch(-5), '0:00:00');
});

format('shows standard hours as hours and minutes', () => {
  assert.is(formatHours(1.2 * 3_600_000), '1:12');
  assert.is(formatHours(0.5 * 3_600_000), '0:30');
});

format.run();

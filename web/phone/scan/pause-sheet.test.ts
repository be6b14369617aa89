import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { etaAt } from './pause-sheet';

const Eta = suite('etaAt');

Eta('"tomorrow" is 09:00 the next morning on the store\'s clock, not the phone\'s', () => {
  // 23:30 in Beijing on 5 December (15:30 UTC): tomorrow is 6 December, 09:00 Beijing = 01:00 UTC.
  assert.is(etaAt('tomorrow', 'Asia/Shanghai', Date.parse('2026-12-05T15:30:00Z')), '2026-12-06T01:00:00.000Z');
});

Eta('a wait in minutes counts from now; unknown has no time', () => {
  assert.is(etaAt('30m', 'Asia/Shanghai', Date.parse('2026-12-05T15:30:00Z')), '2026-12-05T16:00:00.000Z');
  assert.is(etaAt('unknown', 'Asia/Shanghai'), undefined);
});

Eta.run();

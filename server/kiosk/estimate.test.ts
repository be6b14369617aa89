import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitFromEta } from './estimate';

const NOW = Date.parse('2030-05-10T02:00:00.000Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

test('reads the wait, the cars ahead and the ready time from the live ETA', () => {
  assert.equal(waitFromEta({ p50: at(150), p80: at(180), startsAt: at(60), carsAhead: 3 }, NOW), {
    waitMinutes: 60,
    carsAhead: 3,
    readyAt: at(150),
    readyLatestAt: at(180),
  });
});

test('no wait when work can start now', () => {
  assert.equal(waitFromEta({ p50: at(70), p80: at(90), startsAt: at(0), carsAhead: 0 }, NOW).waitMinutes, 0);
});

test('a start already passed is no negative wait', () => {
  assert.equal(waitFromEta({ p50: at(70), p80: at(90), startsAt: at(-10), carsAhead: 0 }, NOW).waitMinutes, 0);
});

test('rounds the wait up to five minutes', () => {
  assert.equal(waitFromEta({ p50: at(70), p80: at(90), startsAt: at(11), carsAhead: 1 }, NOW).waitMinutes, 15);
});

test.run();

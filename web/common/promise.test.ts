import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { promiseState } from './promise';

const Promise_ = suite('promiseState');
const AT = Date.parse('2026-12-05T02:00:00Z');

Promise_('a car past its promised time and not ready is over, by how much', () => {
  assert.equal(promiseState({ promisedAt: new Date(AT).toISOString(), stage: 'in_service' }, AT + 33 * 60_000), { kind: 'over', overMs: 33 * 60_000 });
});

Promise_('within half an hour is soon, earlier is ahead', () => {
  assert.equal(promiseState({ promisedAt: new Date(AT).toISOString(), stage: 'in_service' }, AT - 20 * 60_000), { kind: 'soon', leftMs: 20 * 60_000 });
  assert.is(promiseState({ promisedAt: new Date(AT).toISOString(), stage: 'in_service' }, AT - 2 * 3600_000).kind, 'ahead');
});

Promise_('a ready or delivered car kept its promise, however late the clock', () => {
  for (const stage of ['ready', 'delivered'] as const) assert.is(promiseState({ promisedAt: new Date(AT).toISOString(), stage }, AT + 3600_000).kind, 'kept');
});

Promise_('no promise, or a car not arrived yet, raises nothing', () => {
  assert.is(promiseState({ stage: 'in_service' }, AT).kind, 'none');
  assert.is(promiseState({ promisedAt: new Date(AT).toISOString(), stage: 'scheduled' }, AT + 3600_000).kind, 'none');
});

Promise_.run();

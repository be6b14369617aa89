import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PinAccess } from '../../shared/workflow/access';
import { hashPin, pinProblem, pinStatus, verifyPin } from './pins';

const Hash = suite('PIN hashes');

Hash('a PIN is stored as a salted scrypt hash and verifies only with the same PIN', async () => {
  const a = await hashPin('2580');
  const b = await hashPin('2580');
  assert.match(a, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
  assert.is.not(a, b, 'salted');
  assert.not.ok(a.includes('2580'));
  assert.ok(await verifyPin('2580', a));
  assert.not.ok(await verifyPin('2581', a));
  assert.not.ok(await verifyPin('2580', 'md5$whatever'));
});

Hash('refuses PINs that are too short, too long, one digit repeated, or a run', () => {
  for (const pin of ['123', '1234567', '12a4', '0000', '1234', '98765']) assert.ok(pinProblem(pin), pin);
  for (const pin of ['2580', '7351', '902114']) assert.is(pinProblem(pin), undefined, pin);
});

const Status = suite('pinStatus');
const NOW = Date.parse('2026-03-01T08:00:00Z');
const pin = (over: Partial<PinAccess>): PinAccess => ({ type: 'pin', id: 'pin:t', storeId: 's', personId: 't', hash: 'x', failures: 0, ...over });
const config = { pinLockMinutes: 15 };

Status('a lock recorded before the limits holds for pinLockMinutes, then lapses with the count', () => {
  const locked = pin({ failures: 5, lastFailureAt: new Date(NOW).toISOString(), lockedAt: new Date(NOW).toISOString() });
  assert.equal(pinStatus(locked, NOW + 60_000, config), { hasPin: true, failures: 5, locked: true, lockedUntil: new Date(NOW + 15 * 60_000).toISOString() });
  assert.equal(pinStatus(locked, NOW + 15 * 60_000, config), { hasPin: true, failures: 0, locked: false });
});

Status('old failures are forgotten after the same time', () => {
  assert.is(pinStatus(pin({ failures: 2, lastFailureAt: new Date(NOW - 16 * 60_000).toISOString() }), NOW, config).failures, 0);
});

Hash.run();
Status.run();

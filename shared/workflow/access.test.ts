import { suite } from 'uvu';
import { foldCommand } from '../../tests/helpers/workflow';
import * as assert from 'uvu/assert';
import { deviceKey, pinKey, codesKey, type DeviceAccess, type PinAccess } from './access';
import type { Command } from './commands';
import { StoreState } from './state';

const AT = '2026-11-23T02:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

/** Fold commands as the server does; a refused command throws, so tests see refusals via decide. */
function fold(...commands: Command[]): StoreState {
  const state = new StoreState('s1');
  for (const [i, command] of commands.entries())
    foldCommand(state, command, { at: later(i), actor: { kind: 'system', id: 't' }, source: 'scan', key: `key-${i}-access` });
  return state;
}

const signIn = (deviceId = 'dev-1', personId = 'tech-1', method: 'badge' | 'pin' = 'badge'): Command => ({
  type: 'signInDevice',
  deviceId,
  personId,
  method,
  until: later(600),
});

const Devices = suite('device sign-ins');

Devices('a sign-in is one record per device; a newer one replaces it', () => {
  const state = fold(signIn('dev-1', 'tech-1'), signIn('dev-1', 'tech-2'));
  const device = state.access.get(deviceKey('dev-1')) as DeviceAccess;
  assert.equal([device.personId, device.since, device.until], ['tech-2', later(1), later(600)]);
  assert.is(state.access.size, 1);
});

Devices('sign-out and revoke end it; ending one that is not signed in is refused', () => {
  const out = fold(signIn(), { type: 'signOutDevice', deviceId: 'dev-1' });
  assert.equal(
    [(out.access.get(deviceKey('dev-1')) as DeviceAccess).ended, (out.access.get(deviceKey('dev-1')) as DeviceAccess).endedAt],
    ['signed_out', later(1)],
  );
  const revoked = fold(signIn(), { type: 'revokeDevice', deviceId: 'dev-1' });
  assert.is((revoked.access.get(deviceKey('dev-1')) as DeviceAccess).ended, 'revoked');
  assert.is(revoked.decide({ type: 'revokeDevice', deviceId: 'dev-1' }, later(5)).ok, false);
  assert.is(revoked.decide({ type: 'signOutDevice', deviceId: 'dev-9' }, later(5)).ok, false);
});

const Pins = suite('PIN records');

Pins('failures count as the server said; a lock is recorded; a PIN sign-in clears them, the hash stays', () => {
  const state = fold(
    { type: 'setPin', personId: 'tech-1', pinHash: 'scrypt$16384$8$1$salt$hash-of-the-pin' },
    { type: 'recordPinFailure', personId: 'tech-1', failures: 1, lock: false },
    { type: 'recordPinFailure', personId: 'tech-1', failures: 2, lock: true },
  );
  const locked = state.access.get(pinKey('tech-1')) as PinAccess;
  assert.equal([locked.failures, locked.lockedAt, locked.hash], [2, later(2), 'scrypt$16384$8$1$salt$hash-of-the-pin']);
  const after = fold(
    { type: 'setPin', personId: 'tech-1', pinHash: 'scrypt$16384$8$1$salt$hash-of-the-pin' },
    { type: 'recordPinFailure', personId: 'tech-1', failures: 1, lock: false },
    signIn('dev-1', 'tech-1', 'pin'),
  ).access.get(pinKey('tech-1')) as PinAccess;
  assert.equal([after.failures, after.lockedAt, after.hash], [0, undefined, 'scrypt$16384$8$1$salt$hash-of-the-pin']);
});

Pins('unlock clears a lock; unlocking an unlocked PIN is refused', () => {
  const state = fold({ type: 'recordPinFailure', personId: 'tech-1', failures: 5, lock: true }, { type: 'unlockPin', personId: 'tech-1' });
  assert.equal((state.access.get(pinKey('tech-1')) as PinAccess).failures, 0);
  assert.is(state.decide({ type: 'unlockPin', personId: 'tech-1' }, later(9)).ok, false);
});

const Replay = suite('access records and the log');

Replay('a snapshot and its replay hold the same records; none reach a board', () => {
  const commands: Command[] = [
    signIn(),
    { type: 'revokeCodes', kind: 'badge', subjectId: 'tech-1', before: later(0) },
    { type: 'recordPinFailure', personId: 'tech-2', failures: 1, lock: false },
  ];
  const live = fold(...commands);
  const restored = StoreState.fromSnapshot('s1', JSON.parse(JSON.stringify(live.toSnapshot())));
  assert.equal([...restored.access.entries()], [...live.access.entries()]);
  assert.ok(live.access.has(codesKey('badge', 'tech-1')));
});

Devices.run();
Pins.run();
Replay.run();

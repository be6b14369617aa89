import type { IncomingHttpHeaders } from 'node:http';
import { personOf, type Person } from '../../shared/domain/people-directory';
import type { Store } from '../../shared/domain/shop';
import type { ScanMe } from '../../shared/projections/scan-view';
import { pinKey, type PinAccess } from '../../shared/workflow/access';
import { HttpError } from '../http/errors';
import { deviceLabel, newDeviceId } from './device-session';
import { pinStatus, verifyPin } from './pins';
import { actorOf, type ScanService } from './scan-service';
import { signInUntil } from './shift';

export interface SignedIn {
  me: ScanMe;
  /** `Set-Cookie` values to send. */
  cookies: string[];
}

interface DeviceRequest {
  headers: IncomingHttpHeaders;
  secure: boolean;
}

/** Record the sign-in and hand the device its cookies. */
async function signIn(scan: ScanService, store: Store, person: Person, method: 'badge' | 'pin', req: DeviceRequest): Promise<SignedIn> {
  const deviceId = scan.sessions.deviceIdOf(req.headers) ?? newDeviceId();
  const until = signInUntil(scan.now(), store.timezone, store.scan);
  const label = deviceLabel(firstHeader(req.headers['user-agent']));
  const { event } = await scan.commit(store.id, {
    type: 'signInDevice', deviceId, personId: person.id, method, until: new Date(until).toISOString(), ...(label ? { label } : {}),
  }, actorOf(person), deviceId);
  const cookies = scan.sessions.cookies({ dev: deviceId, store: store.id, sub: person.id, since: Date.parse(event.at), exp: until }, req.secure);
  const session = await scan.session({ cookie: cookies.map((c) => c.split(';')[0]).join('; ') });
  if (!session) throw new Error('a sign-in just recorded does not hold');
  return { me: scan.me(session), cookies };
}

/** Scanning one's badge signs this device in (switching from whoever was signed in). */
export async function signInWithBadge(scan: ScanService, token: string, req: DeviceRequest): Promise<SignedIn> {
  const { code, store } = await scan.check(token);
  if (code.kind !== 'badge') throw new HttpError(400, 'not_a_badge', 'This is not a staff badge; scan your badge or sign in with your PIN');
  const person = personOf(store, code.personId);
  if (!person) throw new HttpError(410, 'revoked_code', 'This badge belongs to someone who is no longer in the configuration');
  scan.log.info({ storeId: store.id, personId: person.id }, 'scan page: signed in with a badge');
  return signIn(scan, store, person, 'badge', req);
}

// PIN checks of one person run one at a time in this process, so parallel guesses cannot
// all slip in before the first failure is recorded.
const pinQueues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (pinQueues.get(key) ?? Promise.resolve()).then(task, task);
  const settled = run.catch(() => undefined);
  pinQueues.set(key, settled);
  void settled.then(() => { if (pinQueues.get(key) === settled) pinQueues.delete(key); });
  return run;
}

/**
 * Sign in by choosing one's name and typing a PIN. Wrong PINs are recorded; from the second
 * one in a row the next try must wait (2, 4, 8 … s), and `pinMaxFailures` in a row lock the
 * PIN for `pinLockMinutes` or until an admin unlocks it.
 */
export async function signInWithPin(scan: ScanService, input: { storeId: string; personId: string; pin: string }, req: DeviceRequest): Promise<SignedIn> {
  const store = scan.store(input.storeId);
  if (!store) throw new HttpError(404, 'unknown_store', `There is no store "${input.storeId}"`);
  const person = personOf(store, input.personId);
  if (!person) throw new HttpError(404, 'not_found', `There is no one with id "${input.personId}" in this store`);
  return oneAtATime(`${store.id}/${person.id}`, async () => {
    const state = await scan.service.state(store.id);
    const pin = state.access.get(pinKey(person.id)) as PinAccess | undefined;
    const status = pinStatus(pin, scan.now(), store.scan);
    if (status.locked)
      throw new HttpError(423, 'pin_locked', `Too many wrong PINs: ${person.name}'s PIN is locked until ${status.lockedUntil}. Scan your badge or ask an admin to unlock it.`, { lockedUntil: status.lockedUntil });
    if (status.retryAt)
      throw new HttpError(429, 'pin_slow_down', `Wait until ${status.retryAt} before trying again`, { retryAt: status.retryAt });
    if (!pin?.hash) throw new HttpError(409, 'no_pin', `${person.name} has no PIN yet; scan your badge, or ask an admin to set a PIN`);
    const deviceId = scan.sessions.deviceIdOf(req.headers) ?? 'unknown';
    if (await verifyPin(input.pin, pin.hash)) return signIn(scan, store, person, 'pin', req);

    const failures = status.failures + 1;
    const lock = failures >= store.scan.pinMaxFailures;
    await scan.commit(store.id, { type: 'recordPinFailure', personId: person.id, failures, lock }, { kind: 'system', id: 'pin-check' }, deviceId);
    scan.log.warn({ storeId: store.id, personId: person.id, failures, lock, deviceId }, 'scan page: wrong PIN');
    const after = pinStatus((await scan.service.state(store.id)).access.get(pinKey(person.id)) as PinAccess, scan.now(), store.scan);
    if (lock)
      throw new HttpError(423, 'pin_locked', `Too many wrong PINs: the PIN is locked until ${after.lockedUntil}. Scan your badge or ask an admin to unlock it.`, { lockedUntil: after.lockedUntil });
    throw new HttpError(401, 'pin_wrong', 'Wrong PIN', { attemptsLeft: store.scan.pinMaxFailures - failures, ...(after.retryAt ? { retryAt: after.retryAt } : {}) });
  });
}

export async function signOut(scan: ScanService, headers: IncomingHttpHeaders): Promise<void> {
  const session = await scan.session(headers);
  if (!session) return;
  await scan.commit(session.store.id, { type: 'signOutDevice', deviceId: session.device.deviceId }, actorOf(session.person), session.device.deviceId);
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

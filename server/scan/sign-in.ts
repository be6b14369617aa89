import type { IncomingHttpHeaders } from 'node:http';
import type { Person } from '../../shared/domain/people-directory';
import type { Store } from '../../shared/domain/shop';
import type { ScanMe } from '../../shared/projections/scan-view';
import { deviceKey, pinKey, type DeviceAccess, type PinAccess } from '../../shared/workflow/access';
import { accountOf } from '../../shared/workflow/accounts';
import { HttpError } from '../http/errors';
import { everyoneAt, homeStoreOf } from '../people/directory';
import { deviceLabel, newDeviceId } from './device-session';
import type { RateLimiter } from '../kiosk/rate-limit';
import { admitPin } from './pin-limits';
import { verifyPin } from './pins';
import { type ScanService } from './scan-service';
import { actorOfPerson as actorOf, systemActor } from '../actors';
import { signInUntil } from './shift';

export interface SignedIn {
  me: ScanMe;
  /** `Set-Cookie` values to send. */
  cookies: string[];
}

interface DeviceRequest {
  headers: IncomingHttpHeaders;
  secure: boolean;
  /** The client's address as express computes it under the `trust proxy` setting. */
  ip?: string;
}

/** A person an admin disabled signs in nowhere (their account lives in their home store's log). */
async function refuseDisabled(scan: ScanService, store: Store, person: Person): Promise<void> {
  const home = homeStoreOf({ stores: scan.service.storeConfigs }, person.id, store);
  if (accountOf(await scan.service.state(home.id), person.id)?.disabledAt)
    throw new HttpError(403, 'disabled', `${person.name} is disabled; ask an admin`, { personId: person.id });
}

/** Record the sign-in and hand the device its cookies. */
async function signIn(scan: ScanService, store: Store, person: Person, method: 'badge' | 'pin', req: DeviceRequest): Promise<SignedIn> {
  await refuseDisabled(scan, store, person);
  const deviceId = scan.sessions.deviceIdOf(req.headers) ?? newDeviceId();
  const until = signInUntil(scan.now(), store.timezone, store.scan);
  const label = deviceLabel(firstHeader(req.headers['user-agent']));
  const { event } = await scan.commit(
    store.id,
    {
      type: 'signInDevice',
      deviceId,
      personId: person.id,
      method,
      until: new Date(until).toISOString(),
      ...(label ? { label } : {}),
    },
    actorOf(person),
    deviceId,
  );
  const cookies = scan.sessions.cookies({ dev: deviceId, store: store.id, sub: person.id, since: Date.parse(event.at), exp: until }, req.secure);
  const session = await scan.session({ cookie: cookies.map((c) => c.split(';')[0]).join('; ') });
  if (!session) throw new Error('a sign-in just recorded does not hold');
  return { me: scan.me(session), cookies };
}

/** Scanning one's badge signs this device in (switching from whoever was signed in). */
export async function signInWithBadge(scan: ScanService, token: string, req: DeviceRequest): Promise<SignedIn> {
  const { code, store, state } = await scan.check(token);
  if (code.kind !== 'badge') throw new HttpError(400, 'not_a_badge', 'This is not a staff badge; scan your badge or sign in with your PIN');
  const person = everyoneAt(store, state).find((p) => p.id === code.personId);
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
  void settled.then(() => {
    if (pinQueues.get(key) === settled) pinQueues.delete(key);
  });
  return run;
}

/**
 * Sign in by choosing one's name and typing a PIN. Every try is first admitted by the limits in
 * pin-limits.ts (per device, per address, per person and day); a wrong PIN is recorded in the log
 * (`recordPinFailure`, never a lock) and slows down only where it came from, so the owner's right
 * PIN from the owner's phone still works after anyone else's failures.
 */
export async function signInWithPin(
  scan: ScanService,
  limiter: RateLimiter,
  input: { storeId: string; personId: string; pin: string },
  req: DeviceRequest,
): Promise<SignedIn> {
  const store = scan.store(input.storeId);
  if (!store) throw new HttpError(404, 'unknown_store', `There is no store "${input.storeId}"`);
  const person = everyoneAt(store, await scan.service.state(store.id)).find((p) => p.id === input.personId);
  if (!person) throw new HttpError(404, 'not_found', `There is no one with id "${input.personId}" in this store`);
  return oneAtATime(`${store.id}/${person.id}`, async () => {
    const state = await scan.service.state(store.id);
    const pin = state.access.get(pinKey(person.id)) as PinAccess | undefined;
    if (!pin?.hash) throw new HttpError(409, 'no_pin', `${person.name} has no PIN yet; scan your badge, or ask an admin to set a PIN`);
    const deviceId = scan.sessions.deviceIdOf(req.headers);
    // The person's own phone: its last sign-in was theirs, and an admin did not revoke it (a lost phone is a stranger's).
    const known = deviceId ? (state.access.get(deviceKey(deviceId)) as DeviceAccess | undefined) : undefined;
    const ownDevice = known?.personId === person.id && known.ended !== 'revoked';
    const admitted = await admitPin(limiter, { store, personId: person.id, deviceId, address: req.ip ?? 'unknown', ownDevice }, scan.now);
    let right: boolean;
    try {
      right = await verifyPin(input.pin, pin.hash);
    } catch (err) {
      await admitted.settle(false);
      throw err;
    }
    if (right) {
      await admitted.settle(false);
      return signIn(scan, store, person, 'pin', req);
    }
    const { retryAt } = await admitted.settle(true);
    const failures = pin.failures + 1;
    await scan.commit(store.id, { type: 'recordPinFailure', personId: person.id, failures, lock: false }, systemActor('pin-check'), deviceId ?? 'unknown');
    scan.log.warn({ storeId: store.id, personId: person.id, failures, deviceId, ownDevice }, 'scan page: wrong PIN');
    throw new HttpError(401, 'pin_wrong', 'Wrong PIN', { attemptsLeft: admitted.guessesLeft, ...(retryAt ? { retryAt } : {}) });
  });
}

export async function signOut(scan: ScanService, headers: IncomingHttpHeaders): Promise<void> {
  const session = await scan.session(headers);
  if (!session) return;
  await scan.commit(session.store.id, { type: 'signOutDevice', deviceId: session.device.deviceId }, actorOf(session.person), session.device.deviceId);
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

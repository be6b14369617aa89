import { everyoneAt } from '../people/directory';
import type { Role } from '../../shared/domain/people';
import type { Store } from '../../shared/domain/shop';
import { deviceKey, pinKey, type AccessRecord, type DeviceAccess, type PinAccess, type RevocableKind } from '../../shared/workflow/access';
import type { Actor } from '../../shared/workflow/events';
import { HttpError } from '../http/errors';
import type { RateLimiter } from '../kiosk/rate-limit';
import { clearPinLimits, guessesToday } from './pin-limits';
import { hashPin, pinProblem, pinStatus, type PinStatus } from './pins';
import type { ScanService } from './scan-service';

/** An admin's view of the scan page's access: signed-in devices, PINs and their locks. */
export interface ScanAccessReport {
  devices: (Pick<DeviceAccess, 'deviceId' | 'personId' | 'method' | 'since' | 'until' | 'label'> & { personName: string })[];
  people: ({ id: string; name: string; roles: Role[] } & PinStatus & {
      /** Wrong PINs in a row recorded in the log (until a right PIN, an unlock or a new PIN) and when the last was. */
      wrongInARow: number;
      lastFailureAt?: string;
      /** Wrong PINs counted today against `pinGuessesPerDay`. */
      guessesToday: number;
    })[];
  guessesPerDay: number;
  /** People whose PIN is locked now (also flagged in `people`). */
  locked: { id: string; name: string; lockedUntil: string; failures: number }[];
}

export async function accessReport(scan: ScanService, store: Store, limiter: RateLimiter): Promise<ScanAccessReport> {
  const state = await scan.service.state(store.id);
  const now = scan.now();
  const everyone = everyoneAt(store, state);
  const names = new Map(everyone.map((p) => [p.id, p.name]));
  const records = [...state.access.values()];
  const devices = records
    .filter((r): r is DeviceAccess => r.type === 'device' && !r.ended && Date.parse(r.until) > now)
    .sort((a, b) => b.since.localeCompare(a.since))
    .map(({ deviceId, personId, method, since, until, label }) => ({
      deviceId,
      personId,
      personName: names.get(personId) ?? personId,
      method,
      since,
      until,
      ...(label ? { label } : {}),
    }));
  const people = await Promise.all(
    everyone.map(async (p) => {
      const pin = state.access.get(pinKey(p.id)) as PinAccess | undefined;
      return {
        id: p.id,
        name: p.name,
        roles: p.roles,
        ...pinStatus(pin, now, store.scan),
        wrongInARow: pin?.failures ?? 0,
        ...(pin?.lastFailureAt && pin.failures ? { lastFailureAt: pin.lastFailureAt } : {}),
        guessesToday: await guessesToday(limiter, store, p.id),
      };
    }),
  );
  const locked = people.filter((p) => p.locked).map((p) => ({ id: p.id, name: p.name, lockedUntil: p.lockedUntil!, failures: p.failures }));
  return { devices, people, locked, guessesPerDay: store.scan.pinGuessesPerDay };
}

const commitAdmin = async (scan: ScanService, store: Store, command: Parameters<ScanService['commit']>[1], actor: Actor, key: string) => {
  const result = await scan.service.commit({ storeId: store.id, command, actor, source: 'dispatch', key });
  if (!result.ok) {
    const status = result.error.code === 'not_found' ? 404 : 409;
    throw new HttpError(status, result.error.code, result.error.message, 'details' in result.error ? result.error.details : undefined);
  }
  return result.event;
};

/** End a device's sign-in (a lost phone, or someone left it signed in). */
export async function revokeDevice(scan: ScanService, store: Store, deviceId: string, actor: Actor, key: string) {
  const state = await scan.service.state(store.id);
  const device = state.access.get(deviceKey(deviceId)) as AccessRecord | undefined;
  if (!device || device.type !== 'device' || device.ended) throw new HttpError(404, 'not_found', `Device "${deviceId}" is not signed in`);
  await commitAdmin(scan, store, { type: 'revokeDevice', deviceId }, actor, key);
  scan.log.info({ storeId: store.id, deviceId, by: actor.id }, 'scan page: device revoked');
}

/** Clear a person's wrong PINs: the run in the log (and a lock from before limits), and today's counts and delays. */
export async function unlockPin(scan: ScanService, store: Store, personId: string, actor: Actor, key: string, limiter: RateLimiter) {
  if (!everyoneAt(store, await scan.service.state(store.id)).some((p) => p.id === personId))
    throw new HttpError(404, 'not_found', `There is no one with id "${personId}" in this store`);
  const counted = await guessesToday(limiter, store, personId);
  await clearPinLimits(limiter, store, personId);
  const pin = (await scan.service.state(store.id)).access.get(pinKey(personId)) as PinAccess | undefined;
  if (pin && (pin.lockedAt || pin.failures > 0)) await commitAdmin(scan, store, { type: 'unlockPin', personId }, actor, key);
  else if (!counted) throw new HttpError(404, 'not_found', `The PIN of "${personId}" has no wrong tries to clear`, { personId });
}

export async function setPin(scan: ScanService, store: Store, personId: string, pin: string, actor: Actor, key: string) {
  if (!everyoneAt(store, await scan.service.state(store.id)).some((p) => p.id === personId))
    throw new HttpError(404, 'not_found', `There is no one with id "${personId}" in this store`);
  const problem = pinProblem(pin);
  if (problem) throw new HttpError(400, 'invalid_input', problem, [{ path: 'body.pin', message: problem }]);
  await commitAdmin(scan, store, { type: 'setPin', personId, pinHash: await hashPin(pin) }, actor, key);
}

/** Withdraw every code of a job card, bay label or badge printed so far; new prints work. */
export async function revokeCodes(scan: ScanService, store: Store, kind: RevocableKind, subjectId: string, actor: Actor, key: string): Promise<string> {
  const exists =
    kind === 'ro'
      ? (await scan.service.state(store.id)).ros.has(subjectId)
      : kind === 'bay'
        ? store.bays.some((b) => b.id === subjectId)
        : everyoneAt(store, await scan.service.state(store.id)).some((p) => p.id === subjectId);
  if (!exists) throw new HttpError(404, 'not_found', `There is no ${kind === 'ro' ? 'repair order' : kind} "${subjectId}" in this store`);
  const before = new Date(scan.now()).toISOString();
  await commitAdmin(scan, store, { type: 'revokeCodes', kind, subjectId, before }, actor, key);
  return before;
}

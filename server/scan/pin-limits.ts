import type { Store } from '../../shared/domain/shop';
import { backoffDelayMs, type Backoff, type Limit, type RateLimiter } from '../kiosk/rate-limit';
import { HttpError } from '../http/errors';

/**
 * How often a PIN may be tried, so that guessing is slow and bounded while nobody can lock
 * someone else out (server/scan/sign-in.ts asks before every PIN check):
 *
 * - per device (its `tw_device` id) and per client address (`req.ip`): after n wrong PINs in a
 *   row the next try waits 1, 2, 4, 8 … s (at most `pinLockMinutes`); a right PIN on the device
 *   ends the device's run; the address's run ends a day after its last failure;
 * - per person from devices that are not theirs: the same growing delay;
 * - per person per day: `pinGuessesPerDay` (≤ 50) wrong PINs from all devices together, of which
 *   devices that are not the person's own may use only four fifths.
 *
 * A person's own device (the last sign-in it holds is theirs) skips the address and stranger
 * limits, so a stranger's failures never slow down or stop the owner's right PIN from the
 * owner's phone. Failures are only counted, never turned into a lock of the PIN itself; the log
 * still records each one (`pinFailureRecorded`, with its device) for the admin's page.
 */
export interface PinAttempt {
  store: Store;
  personId: string;
  deviceId?: string;
  address: string;
  /** The device's current (or last) sign-in is this person's. */
  ownDevice: boolean;
}

const DAY_MS = 86_400_000;
export const pinBackoff = (store: Store): Backoff => ({ baseMs: 1000, capMs: store.scan.pinLockMinutes * 60_000, forgetMs: DAY_MS });
const day = (max: number): Limit => ({ max, windowSeconds: DAY_MS / 1000 });
/** Of the day's guesses, those strangers may use: the owner keeps a fifth for their own devices. */
export const strangerGuesses = (store: Store) => store.scan.pinGuessesPerDay - Math.ceil(store.scan.pinGuessesPerDay / 5);

const subject = (store: Store, id: string) => `${store.id}|${id}`;
export const PIN_SCOPES = { device: 'pin-dev', address: 'pin-addr', person: 'pin-person', day: 'pin-day', strangerDay: 'pin-day-other' } as const;

const backoffKeys = (a: PinAttempt): [string, string][] => [
  ...(a.deviceId ? [[PIN_SCOPES.device, subject(a.store, a.deviceId)] as [string, string]] : []),
  ...(a.ownDevice
    ? []
    : ([
        [PIN_SCOPES.address, subject(a.store, a.address)],
        [PIN_SCOPES.person, subject(a.store, a.personId)],
      ] as [string, string][])),
];
const dayKeys = (a: PinAttempt): [string, string, Limit][] => [
  [PIN_SCOPES.day, subject(a.store, a.personId), day(a.store.scan.pinGuessesPerDay)],
  ...(a.ownDevice ? [] : [[PIN_SCOPES.strangerDay, subject(a.store, a.personId), day(strangerGuesses(a.store))] as [string, string, Limit]]),
];

export interface AdmittedPin {
  /** Guesses this device may still make today (its share of the person's day). */
  guessesLeft: number;
  /** Record the outcome: a failure keeps every count; a right PIN gives them back and ends the device's run. */
  settle(failed: boolean): Promise<{ retryAt?: string }>;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Let one PIN attempt through, or refuse it with when to try again (429 slow down, 423 for the day). */
export async function admitPin(limiter: RateLimiter, a: PinAttempt, now: () => number): Promise<AdmittedPin> {
  const taken: [string, string][] = [];
  const giveBack = () => Promise.all(taken.map(([scope, s]) => limiter.refund(scope, s)));
  let guessesLeft = Infinity;
  for (const [scope, s, limit] of dayKeys(a)) {
    const take = await limiter.take(scope, s, limit);
    if (!take.ok) {
      await giveBack();
      const lockedUntil = new Date(now() + take.retryAfterMs).toISOString();
      throw new HttpError(
        423,
        'pin_locked',
        `Too many wrong PINs for this person today${a.ownDevice ? '' : ' from other devices'}: try again from ${lockedUntil}, scan your badge, or ask an admin.`,
        {
          lockedUntil,
          retryAfterSeconds: seconds(take.retryAfterMs),
        },
      );
    }
    taken.push([scope, s]);
    guessesLeft = Math.min(guessesLeft, limit.max - take.count);
  }
  const claimed: [string, string, number][] = [];
  const backoff = pinBackoff(a.store);
  for (const [scope, s] of backoffKeys(a)) {
    const claim = await limiter.claim(scope, s, backoff);
    if (!claim.ok) {
      await Promise.all(claimed.map(([c, k]) => limiter.settle(c, k, false, backoff)));
      await giveBack();
      const retryAt = new Date(now() + claim.retryAfterMs).toISOString();
      throw new HttpError(429, 'pin_slow_down', `Wait until ${retryAt} before trying again`, { retryAt, retryAfterSeconds: seconds(claim.retryAfterMs) });
    }
    claimed.push([scope, s, claim.failures]);
  }
  return {
    guessesLeft,
    async settle(failed) {
      await Promise.all(claimed.map(([scope, s]) => limiter.settle(scope, s, failed, backoff)));
      if (failed) {
        // The next try from here waits for the longest run it belongs to.
        const wait = Math.max(0, ...claimed.map(([, , failures]) => backoffDelayMs(failures + 1, backoff)));
        return wait > 0 ? { retryAt: new Date(now() + wait).toISOString() } : {};
      }
      await giveBack();
      if (a.deviceId) await limiter.reset(PIN_SCOPES.device, subject(a.store, a.deviceId));
      await limiter.reset(PIN_SCOPES.person, subject(a.store, a.personId));
      return {};
    },
  };
}

/** Wrong PINs counted for a person today (for the admin's page). */
export const guessesToday = (limiter: RateLimiter, store: Store, personId: string) => limiter.count(PIN_SCOPES.day, subject(store, personId));

/** An admin's unlock: the person's stranger delay and today's counts start again. */
export async function clearPinLimits(limiter: RateLimiter, store: Store, personId: string): Promise<void> {
  await limiter.reset(PIN_SCOPES.person, subject(store, personId));
  for (const scope of [PIN_SCOPES.day, PIN_SCOPES.strangerDay]) await limiter.reset(scope, subject(store, personId));
}

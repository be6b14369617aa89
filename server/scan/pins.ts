import type { ScanConfig } from '../../shared/domain/scan-config';
import type { PinAccess } from '../../shared/workflow/access';
import { hashSecret, verifySecret } from '../auth/scrypt';

/**
 * PINs for the scan page: 4–6 digits, stored only as scrypt hashes (server/auth/scrypt.ts). How
 * often one may be tried is pin-limits.ts.
 */
const PIN_COST = { N: 16384, r: 8, p: 1 };

export const PIN_PATTERN = /^[0-9]{4,6}$/;

/** Why a PIN is not acceptable as a new PIN, or undefined. */
export function pinProblem(pin: string): string | undefined {
  if (!PIN_PATTERN.test(pin)) return 'a PIN has 4 to 6 digits';
  if (/^(\d)\1+$/.test(pin)) return 'a PIN cannot be one digit repeated';
  const steps = [...pin].slice(1).map((d, i) => Number(d) - Number(pin[i]));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'a PIN cannot be a run such as 1234 or 4321';
  return undefined;
}

export const hashPin = (pin: string): Promise<string> => hashSecret(pin, PIN_COST);

export const verifyPin = (pin: string, stored: string): Promise<boolean> => verifySecret(pin, stored);

export interface PinStatus {
  hasPin: boolean;
  failures: number;
  /** Locked by a `pinFailureRecorded {locked: true}` from before the limits (a log written then). */
  locked: boolean;
  lockedUntil?: string;
}

/**
 * Where a person's PIN stands at `now`, as the log has it. A lock and a run of failures both
 * lapse after pinLockMinutes. No new fact locks a PIN (pin-limits.ts decides who may try); an
 * old lock still shows until it lapses or an admin clears it.
 */
export function pinStatus(pin: PinAccess | undefined, now: number, config: Pick<ScanConfig, 'pinLockMinutes'>): PinStatus {
  const lapse = config.pinLockMinutes * 60_000;
  const hasPin = !!pin?.hash;
  if (!pin || pin.failures === 0 || !pin.lastFailureAt) return { hasPin, failures: 0, locked: false };
  if (pin.lockedAt) {
    const until = Date.parse(pin.lockedAt) + lapse;
    return until > now ? { hasPin, failures: pin.failures, locked: true, lockedUntil: new Date(until).toISOString() } : { hasPin, failures: 0, locked: false };
  }
  const last = Date.parse(pin.lastFailureAt);
  if (now - last > lapse) return { hasPin, failures: 0, locked: false };
  return { hasPin, failures: pin.failures, locked: false };
}

// FROZEN with ./v0-rules.ts (see there): the first log format, never changed again.
import type { CommandOf } from './v0-commands';
import type { ApplyContext, Decision, WorkshopState } from './v0-rules';

/**
 * Who may use the scan page, as store records folded from events like everything else:
 * which device is signed in as whom until when, PINs (scrypt hashes) and their failed
 * attempts, and printed codes withdrawn by an admin. Keeping them in the log makes them
 * durable, shared by every server process, and auditable (each event has actor and device).
 *
 * The server decides (checks the PIN, counts failures, picks the shift end) and stores the
 * outcome in the command; folding here only records it, so a replay gives the same state.
 * No projection sends these records to any screen.
 */

/** What a printed QR code points at. A job card has one `ro` code and one `operation` code per operation. */
export type CodeKind = 'ro' | 'operation' | 'bay' | 'badge';
/** What an admin can withdraw: a job card (its RO and operation codes), a bay label, a badge. */
export type RevocableKind = 'ro' | 'bay' | 'badge';

/** One phone or tablet's sign-in. Keyed by the device, so a device holds one sign-in at a time. */
export interface DeviceAccess {
  type: 'device';
  /** `device:<deviceId>` */
  id: string;
  storeId: string;
  deviceId: string;
  personId: string;
  method: 'badge' | 'pin';
  since: string;
  /** Shift end: the sign-in stops working then. */
  until: string;
  /** What the device said it was (browser and system), for the admin's list. */
  label?: string;
  ended?: 'signed_out' | 'revoked';
  endedAt?: string;
}

/** A person's PIN and its failed attempts. */
export interface PinAccess {
  type: 'pin';
  /** `pin:<personId>` */
  id: string;
  storeId: string;
  personId: string;
  /** `scrypt$N$r$p$salt$hash`; never leaves the server. */
  hash?: string;
  setAt?: string;
  /** Wrong PINs in a row (reset by a right one, an unlock or a new PIN). */
  failures: number;
  lastFailureAt?: string;
  /** Set by the failure that locked the PIN. */
  lockedAt?: string;
}

/** Codes of one subject issued at or before `before` are refused. */
export interface CodeRevocation {
  type: 'codes';
  /** `codes:<kind>:<subjectId>` */
  id: string;
  storeId: string;
  kind: RevocableKind;
  subjectId: string;
  before: string;
}

export type AccessRecord = DeviceAccess | PinAccess | CodeRevocation;

export const ACCESS_COMMAND_TYPES = ['signInDevice', 'signOutDevice', 'revokeDevice', 'setPin', 'recordPinFailure', 'unlockPin', 'revokeCodes'] as const;
export type AccessCommandType = (typeof ACCESS_COMMAND_TYPES)[number];
export type AccessCommand = CommandOf<AccessCommandType>;

export const isAccessCommand = (c: { type: string }): c is AccessCommand => (ACCESS_COMMAND_TYPES as readonly string[]).includes(c.type);

export const deviceKey = (deviceId: string) => `device:${deviceId}`;
export const pinKey = (personId: string) => `pin:${personId}`;
export const codesKey = (kind: RevocableKind, subjectId: string) => `codes:${kind}:${subjectId}`;

const accessOf = <T extends AccessRecord>(state: WorkshopState, key: string): T | undefined => state.access?.get(key) as T | undefined;

const ok = (...values: AccessRecord[]): Decision => ({ ok: true, changes: values.map((value) => ({ kind: 'access' as const, value })) });
const fail = (code: 'not_found' | 'conflict', message: string, details: Record<string, unknown>): Decision => ({
  ok: false,
  error: { code, message, details },
});

const freshPin = (storeId: string, personId: string): PinAccess => ({ type: 'pin', id: pinKey(personId), storeId, personId, failures: 0 });

/** Clear failures and lock, keeping the PIN itself. */
const cleared = (pin: PinAccess): PinAccess => {
  const { lastFailureAt: _l, lockedAt: _k, ...rest } = pin;
  return { ...rest, failures: 0 };
};

/** Apply one access command. Pure, like the rest of the workflow. */
export function applyAccess(state: WorkshopState, c: AccessCommand, ctx: ApplyContext): Decision {
  switch (c.type) {
    case 'signInDevice': {
      const device: DeviceAccess = {
        type: 'device',
        id: deviceKey(c.deviceId),
        storeId: ctx.storeId,
        deviceId: c.deviceId,
        personId: c.personId,
        method: c.method,
        since: ctx.at,
        until: c.until,
        ...(c.label ? { label: c.label } : {}),
      };
      const pin = accessOf<PinAccess>(state, pinKey(c.personId));
      // A right PIN ends the run of wrong ones.
      return c.method === 'pin' && pin && pin.failures > 0 ? ok(device, cleared(pin)) : ok(device);
    }
    case 'signOutDevice':
    case 'revokeDevice': {
      const device = accessOf<DeviceAccess>(state, deviceKey(c.deviceId));
      if (!device || device.ended) return fail('not_found', `Device "${c.deviceId}" is not signed in`, { deviceId: c.deviceId });
      return ok({ ...device, ended: c.type === 'revokeDevice' ? 'revoked' : 'signed_out', endedAt: ctx.at });
    }
    case 'setPin': {
      const pin = accessOf<PinAccess>(state, pinKey(c.personId)) ?? freshPin(ctx.storeId, c.personId);
      return ok({ ...cleared(pin), hash: c.pinHash, setAt: ctx.at });
    }
    case 'recordPinFailure': {
      const pin = accessOf<PinAccess>(state, pinKey(c.personId)) ?? freshPin(ctx.storeId, c.personId);
      const { lockedAt: _k, ...rest } = pin;
      return ok({ ...rest, failures: c.failures, lastFailureAt: ctx.at, ...(c.lock ? { lockedAt: ctx.at } : {}) });
    }
    case 'unlockPin': {
      const pin = accessOf<PinAccess>(state, pinKey(c.personId));
      if (!pin || (!pin.lockedAt && pin.failures === 0)) return fail('not_found', `The PIN of "${c.personId}" is not locked`, { personId: c.personId });
      return ok(cleared(pin));
    }
    case 'revokeCodes':
      return ok({ type: 'codes', id: codesKey(c.kind, c.subjectId), storeId: ctx.storeId, kind: c.kind, subjectId: c.subjectId, before: c.before });
  }
}

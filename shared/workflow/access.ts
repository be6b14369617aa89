import type { CommandOf } from './commands';
import { fact, type FactOf } from './facts';
import type { AccountRecord } from './accounts';
import type { Change, DecideContext, Decision, EventContext, WorkshopState } from './rules';

/**
 * Who may use the scan page, as store records folded from events like everything else:
 * which device is signed in as whom until when, PINs (scrypt hashes) and their failed
 * attempts, and printed codes withdrawn by an admin. Keeping them in the log makes them
 * durable, shared by every server process, and auditable (each event has actor and device).
 *
 * The server decides (checks the PIN, counts failures, picks the shift end) and puts the outcome
 * in the command; decide turns it into a fact and evolve only records that.
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

export type AccessRecord = DeviceAccess | PinAccess | CodeRevocation | AccountRecord;

export const ACCESS_COMMAND_TYPES = ['signInDevice', 'signOutDevice', 'revokeDevice', 'setPin', 'recordPinFailure', 'unlockPin', 'revokeCodes'] as const;
export type AccessCommandType = (typeof ACCESS_COMMAND_TYPES)[number];
export type AccessCommand = CommandOf<AccessCommandType>;

export const isAccessCommand = (c: { type: string }): c is AccessCommand => (ACCESS_COMMAND_TYPES as readonly string[]).includes(c.type);

export const deviceKey = (deviceId: string) => `device:${deviceId}`;
export const pinKey = (personId: string) => `pin:${personId}`;
export const codesKey = (kind: RevocableKind, subjectId: string) => `codes:${kind}:${subjectId}`;

const accessOf = <T extends AccessRecord>(state: WorkshopState, key: string): T | undefined => state.access?.get(key) as T | undefined;

const records = (...values: AccessRecord[]): Change[] => values.map((value) => ({ kind: 'access' as const, value }));
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

/** Decide one access command. Pure, like the rest of the workflow. */
export function decideAccess(state: WorkshopState, c: AccessCommand, ctx: DecideContext): Decision {
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
      const clears = c.method === 'pin' && !!pin && pin.failures > 0;
      return { ok: true, fact: fact('deviceSignedIn', clears ? { device, pinFailuresCleared: true } : { device }) };
    }
    case 'signOutDevice':
    case 'revokeDevice': {
      const device = accessOf<DeviceAccess>(state, deviceKey(c.deviceId));
      if (!device || device.ended) return fail('not_found', `Device "${c.deviceId}" is not signed in`, { deviceId: c.deviceId });
      return { ok: true, fact: fact(c.type === 'revokeDevice' ? 'deviceRevoked' : 'deviceSignedOut', { deviceId: c.deviceId }) };
    }
    case 'setPin':
      return { ok: true, fact: fact('pinSet', { personId: c.personId, pinHash: c.pinHash }) };
    case 'recordPinFailure':
      return { ok: true, fact: fact('pinFailureRecorded', { personId: c.personId, failures: c.failures, locked: c.lock }) };
    case 'unlockPin': {
      const pin = accessOf<PinAccess>(state, pinKey(c.personId));
      if (!pin || (!pin.lockedAt && pin.failures === 0)) return fail('not_found', `The PIN of "${c.personId}" is not locked`, { personId: c.personId });
      return { ok: true, fact: fact('pinUnlocked', { personId: c.personId }) };
    }
    case 'revokeCodes':
      return { ok: true, fact: fact('codesRevoked', { kind: c.kind, subjectId: c.subjectId, before: c.before }) };
  }
}

const endDevice = (state: WorkshopState, deviceId: string, ended: DeviceAccess['ended'], at: string): Change[] => {
  const device = accessOf<DeviceAccess>(state, deviceKey(deviceId));
  return device ? records({ ...device, ended, endedAt: at }) : [];
};

type AccessFactType = 'deviceSignedIn' | 'deviceSignedOut' | 'deviceRevoked' | 'pinSet' | 'pinFailureRecorded' | 'pinUnlocked' | 'codesRevoked';

/** Record what an access fact says. Never refuses. */
export const evolveAccess: { [T in AccessFactType]: (state: WorkshopState, data: FactOf<T>['data'], e: EventContext) => Change[] } = {
  deviceSignedIn: (state, { device, pinFailuresCleared }) => {
    const pin = accessOf<PinAccess>(state, pinKey(device.personId));
    return pinFailuresCleared && pin ? records(device, cleared(pin)) : records(device);
  },
  deviceSignedOut: (state, { deviceId }, { at }) => endDevice(state, deviceId, 'signed_out', at),
  deviceRevoked: (state, { deviceId }, { at }) => endDevice(state, deviceId, 'revoked', at),
  pinSet: (state, { personId, pinHash }, { storeId, at }) => {
    const pin = accessOf<PinAccess>(state, pinKey(personId)) ?? freshPin(storeId, personId);
    return records({ ...cleared(pin), hash: pinHash, setAt: at });
  },
  pinFailureRecorded: (state, { personId, failures, locked }, { storeId, at }) => {
    const { lockedAt: _k, ...rest } = accessOf<PinAccess>(state, pinKey(personId)) ?? freshPin(storeId, personId);
    return records({ ...rest, failures, lastFailureAt: at, ...(locked ? { lockedAt: at } : {}) });
  },
  pinUnlocked: (state, { personId }) => {
    const pin = accessOf<PinAccess>(state, pinKey(personId));
    return pin ? records(cleared(pin)) : [];
  },
  codesRevoked: (_state, { kind, subjectId, before }, { storeId }) =>
    records({ type: 'codes', id: codesKey(kind, subjectId), storeId, kind, subjectId, before }),
};

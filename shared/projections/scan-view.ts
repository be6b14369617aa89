import type { Locale } from '../domain/ids';
import type { Role } from '../domain/people';
import type { BayKind } from '../domain/shop';
import type { CodeKind } from '../workflow/access';
import type { StaffRo } from './views';

/**
 * What the scan page receives from /api/scan/…: types only, so the page bundle stays free
 * of zod. Repair orders are the staff projection (no tracking token).
 */

/** Who this device is signed in as, until when. */
export interface ScanMe {
  personId: string;
  name: string;
  roles: Role[];
  storeId: string;
  deviceId: string;
  method: 'badge' | 'pin';
  until: string;
}

export interface ScanStore {
  id: string;
  name: Record<Locale, string>;
  timezone: string;
  locale: Locale;
  allowParallelJobs: boolean;
  bays: { id: string; name: string; nameEn?: string; kind: BayKind }[];
  /** Catalogue titles in both languages, so an English page names operations in English. */
  catalogue: { code: string; title: Record<Locale, string> }[];
  /** Names for ids on operations (technicians) and in messages. */
  people: { id: string; name: string }[];
}

/** Someone who can sign in with a PIN at this store (only names, for the sign-in tiles). */
export interface SignInPerson {
  id: string;
  name: string;
  teamId?: string;
  hasPin: boolean;
}

export type ScanTarget =
  | { kind: 'badge'; person: { id: string; name: string } }
  | { kind: 'bay'; bay: { id: string; name: string }; ros: StaffRo[] }
  | { kind: 'ro'; ro: StaffRo }
  | { kind: 'operation'; ro: StaffRo; operationId: string };

/** The answer to "what did I just scan?". Details need a signed-in device of the same store. */
export interface ScanResolved {
  token: string;
  kind: CodeKind;
  storeId: string;
  /** Absent when the device is not signed in (except for badges, which sign in). */
  target?: ScanTarget;
  store?: ScanStore;
  me?: ScanMe;
  /** When not signed in: who may sign in here with a PIN. */
  signIn?: { people: SignInPerson[] };
  /** A bay that came with the scan (`?bay=` from a bay board), checked by the server. */
  bay?: { id: string; name: string };
}

/** One line of a person's own job list at `/s`; `token` is that operation's signed code. */
export interface ScanJob {
  ro: StaffRo;
  operationId: string;
  token: string;
  /** Assigned to this person (else: waiting at their bay). */
  mine: boolean;
}

/** `/api/scan/my-jobs`: the signed-in person's open operations, and those at their bay. */
export interface ScanJobList {
  me: ScanMe;
  store: ScanStore;
  bay?: { id: string; name: string };
  jobs: ScanJob[];
}

/** Actions the page sends; the server fills in ids from the scanned code and the signed-in person. */
export type ScanActionInput =
  | { type: 'startOperation'; bayId?: string }
  | { type: 'pauseOperation'; pause: { reason: 'parts'; part: string; eta?: string } | { reason: 'approval'; note?: string } | { reason: 'break' } }
  | { type: 'resumeOperation' }
  | { type: 'finishOperation' }
  | { type: 'qcPass'; note?: string }
  | { type: 'qcFail'; reason: string; operationIds: string[] }
  | { type: 'washDone' }
  | { type: 'markReady' }
  | { type: 'deliver' };

export interface ScanActionRequest {
  /** The scanned code the action is about; absent only to pause one's own running job elsewhere. */
  token?: string;
  roId?: string;
  operationId?: string;
  action: ScanActionInput;
}

export interface ScanActionResult {
  repairOrder: StaffRo;
  seq: number;
  duplicate: boolean;
}

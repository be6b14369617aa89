import type { AdvisorCall } from '../domain/advisor-call';
import type { Appointment, OperationStatus, Pause, RepairOrder, RoStage } from '../domain/repair-order';
import type { Locale } from '../domain/ids';
import type { Store } from '../domain/shop';
import type { Country } from '../domain/plate';

/**
 * The shapes each audience receives. A view is a header plus keyed entries (`ro:<id>`,
 * `appointment:<id>`); a delta sets or deletes entries, so any change is a few small rows.
 */
export interface View<H = unknown, E = unknown> {
  header: H;
  entries: Record<string, E>;
}

export interface PublicStoreHeader {
  id: string;
  name: Record<Locale, string>;
  brand?: string;
  locale: Locale;
  country: Country;
  timezone: string;
  announcePickup: boolean;
  pageDwellSeconds: number;
  pickupDesk?: Record<Locale, string>;
}

/** A car on the lobby board: nothing private — masked plate and name only. */
export interface CustomerRow {
  id: string;
  plate: string;
  customer: string;
  make: string;
  model: string;
  color: string;
  stage: RoStage;
  stageSince: string;
  promisedAt?: string;
  etaAt?: string;
  partsWait?: { eta?: string };
  readyAt?: string;
  queueNumber?: string;
  progress: { done: number; total: number };
}

export type CustomerView = View<{ store: PublicStoreHeader }, CustomerRow>;

/** Staff screens see the whole repair order, except its tracking token. */
export type StaffRo = Omit<RepairOrder, 'trackingToken'>;
/** Keys: `ro:<id>`, `appointment:<id>`, and `call:<id>` (open kiosk calls, dispatch audience only). */
export type StaffEntry = StaffRo | Appointment | AdvisorCall;
export interface StaffHeader {
  store: Store;
  bayId?: string;
}
export type StaffView = View<StaffHeader, StaffEntry>;

/** One customer's own car, for their phone. */
export interface TrackingRo {
  id: string;
  number: string;
  plate: string;
  /** How the page greets them: `张先生` / `Mr. Z.` (never the full name). */
  customer: string;
  queueNumber?: string;
  checkedInAt?: string;
  /** Their service advisor, so they know whom to ask. */
  advisor?: { name: string; desk?: string };
  make: string;
  model: string;
  color: string;
  stage: RoStage;
  stageSince: string;
  promisedAt?: string;
  etaAt?: string;
  timeline: { at: string; stage: RoStage; note?: string }[];
  operations: { title: string; status: OperationStatus; pause?: Pause; startedAt?: string; finishedAt?: string }[];
  readyAt?: string;
  deliveredAt?: string;
  survey: 'not_yet' | 'open' | 'answered';
}
export type TrackingView = View<{ store: PublicStoreHeader; roId: string }, TrackingRo>;

export interface Delta {
  seq: number;
  /** Set on a resync answer: the first seq it covers (it nets out `from`..`seq`). */
  from?: number;
  set: Record<string, unknown>;
  del: string[];
}

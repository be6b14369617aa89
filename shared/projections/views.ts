import type { AdvisorCall } from '../domain/advisor-call';
import type { Alarm } from '../domain/alarm';
import type { Appointment, OperationStatus, Pause, RepairOrder, RoStage } from '../domain/repair-order';
import type { Locale } from '../domain/ids';
import type { MaskedName } from '../domain/mask';
import type { Store } from '../domain/shop';
import type { Country } from '../domain/plate';
import type { Eta } from '../eta/model';

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
  /** Masked in both page languages (`{'zh-CN': '张先生', en: 'Mr. 张'}`); the page shows its own. */
  customer: MaskedName;
  make: string;
  model: string;
  color: string;
  stage: RoStage;
  stageSince: string;
  promisedAt?: string;
  /** The live ETA's p50 (shared/eta): the same figure as every other screen's. */
  etaAt?: string;
  partsWait?: { eta?: string };
  readyAt?: string;
  queueNumber?: string;
  progress: { done: number; total: number };
}

export type CustomerView = View<{ store: PublicStoreHeader }, CustomerRow>;

/** Staff screens see the whole repair order, except its tracking token, and its live ETA (shared/eta). */
export type StaffRo = Omit<RepairOrder, 'trackingToken'> & { eta?: Eta };
/**
 * Keys: `ro:<id>`, `appointment:<id>`, `call:<id>` (open kiosk calls, dispatch audience only) and
 * `alarm:<id>` (open anomaly alarms: all on dispatch, a bay's own on its board).
 */
export type StaffEntry = StaffRo | Appointment | AdvisorCall | Alarm;
export interface StaffHeader {
  store: Store;
  bayId?: string;
}
export type StaffView = View<StaffHeader, StaffEntry>;

/** One line of a tracked car's parts waits (GET /api/track/<token>/parts-waits). */
export interface PartsWaitLine {
  at: string;
  kind: 'paused' | 'resumed';
  /** The job's title as the catalogue names it. */
  title: string;
  part: string;
}

/** One customer's own car, for their phone. */
export interface TrackingRo {
  id: string;
  number: string;
  plate: string;
  /** How the page greets them: `张先生` / `Mr. Z.` (never the full name), in both languages. */
  customer: MaskedName;
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
  /** The live ETA (shared/eta): p50, and p80 as "at the latest". */
  etaAt?: string;
  etaLatestAt?: string;
  timeline: { at: string; stage: RoStage; note?: string }[];
  operations: { title: string; status: OperationStatus; pause?: Pause; startedAt?: string; finishedAt?: string }[];
  readyAt?: string;
  deliveredAt?: string;
  survey: 'not_yet' | 'open' | 'answered';
  /**
   * Add-on work proposed to this customer, with its price, hours and photos. `photos` are paths
   * under this link's own token (/api/track/<token>/photos/<id>): only this page can load them.
   */
  addOns?: TrackingAddOn[];
}
export interface TrackingAddOn {
  id: string;
  title: string;
  price: number;
  hours: number;
  photos: string[];
  proposedAt: string;
  status: 'pending' | 'approved' | 'declined';
  decision?: { by: 'customer' | 'advisor'; channel: 'phone-page' | 'phone-call' | 'desk'; at: string };
}
export type TrackingView = View<{ store: PublicStoreHeader; roId: string }, TrackingRo>;

export interface Delta {
  seq: number;
  /** Set on a resync answer: the first seq it covers (it nets out `from`..`seq`). */
  from?: number;
  set: Record<string, unknown>;
  del: string[];
  /**
   * Set on an ETA revision as the clock moves (shared/eta): no event happened, so it carries the
   * seq the screen already shows, and re-sends whole the entries whose ETA changed.
   */
  revision?: true;
}

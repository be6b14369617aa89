import { isAdvisorCall, type AdvisorCall } from '../domain/advisor-call';
import { maskName } from '../domain/mask';
import { maskPlate } from '../domain/plate';
import type { Appointment, RepairOrder, RoStage } from '../domain/repair-order';
import { TERMINAL_STAGES } from '../domain/repair-order';
import type { Store } from '../domain/shop';
import type { EntityChange } from '../workflow/state';
import type { WorkshopState } from '../workflow/lifecycle';
import type { Audience } from './audience';
import type {
  CustomerRow, Delta, PublicStoreHeader, StaffEntry, StaffRo, TrackingRo, View,
} from './views';

/**
 * Projections decide what each audience may see. They run on the server, before anything
 * leaves for a client, so a public screen never receives a full plate, name or phone number.
 * Each projection maps one record to one entry (or to nothing), which keeps deltas small and
 * lets resync replay recent changes for any audience.
 */

/** Stages a car is shown on the lobby board. */
const LOBBY_STAGES: readonly RoStage[] = ['checked_in', 'waiting_dispatch', 'in_service', 'quality_check', 'washing', 'ready'];
/** Finished repair orders stay on staff screens this long, for today's counters. */
const RECENT_FINISHED_MS = 36 * 3600_000;
/** Booked appointments stay visible from this long before their time. */
const APPOINTMENT_PAST_MS = 12 * 3600_000;

export const publicHeader = (store: Store): PublicStoreHeader => ({
  id: store.id,
  name: store.name,
  brand: store.brand,
  locale: store.locale,
  country: store.country,
  timezone: store.timezone,
  announcePickup: store.announcePickup,
  pageDwellSeconds: store.pageDwellSeconds,
  pickupDesk: store.pickupDesk,
});

/** When the car should be ready: the promise, or later if a parts wait pushes it out. */
export const etaOf = (ro: RepairOrder): string | undefined => {
  const partsEtas = ro.operations
    .filter((o) => o.status === 'paused' && o.pause?.reason === 'parts' && o.pause.eta)
    .map((o) => Date.parse((o.pause as { eta: string }).eta));
  if (!partsEtas.length) return ro.promisedAt;
  const remainingMs = ro.operations
    .filter((o) => o.status !== 'done')
    .reduce((sum, o) => sum + Math.max(0, o.standardHours * 3600_000 - o.workedMs), 0);
  const eta = Math.max(...partsEtas) + remainingMs;
  const promised = ro.promisedAt ? Date.parse(ro.promisedAt) : 0;
  return new Date(Math.max(eta, promised)).toISOString();
};

const partsWaitOf = (ro: RepairOrder) => {
  const op = ro.operations.find((o) => o.status === 'paused' && o.pause?.reason === 'parts');
  return op?.pause?.reason === 'parts' ? { eta: op.pause.eta } : undefined;
};

export const customerRow = (ro: RepairOrder, country: Store['country']): CustomerRow | undefined => {
  if (!LOBBY_STAGES.includes(ro.stage)) return undefined;
  const row: CustomerRow = {
    id: ro.id,
    plate: maskPlate(ro.vehicle.plate, country),
    customer: maskName(ro.customer.name, ro.customer.salutation),
    make: ro.vehicle.make,
    model: ro.vehicle.model,
    color: ro.vehicle.color,
    stage: ro.stage,
    stageSince: ro.stageSince,
    progress: { done: ro.operations.filter((o) => o.status === 'done').length, total: ro.operations.length },
  };
  const eta = etaOf(ro);
  if (ro.promisedAt) row.promisedAt = ro.promisedAt;
  if (eta) row.etaAt = eta;
  const parts = partsWaitOf(ro);
  if (parts) row.partsWait = parts;
  if (ro.readyAt && ro.stage === 'ready') row.readyAt = ro.readyAt;
  if (ro.queueNumber) row.queueNumber = ro.queueNumber;
  return row;
};

export const staffRo = (ro: RepairOrder): StaffRo => {
  const { trackingToken: _hidden, ...rest } = ro;
  return rest;
};

const recentlyActive = (ro: RepairOrder, now: number) =>
  !TERMINAL_STAGES.includes(ro.stage) || now - Date.parse(ro.stageSince) < RECENT_FINISHED_MS;

export const trackingRo = (ro: RepairOrder, country: Store['country'], advisors: Store['advisors'] = []): TrackingRo => compactTracking({
  id: ro.id,
  number: ro.number,
  plate: maskPlate(ro.vehicle.plate, country),
  customer: maskName(ro.customer.name, ro.customer.salutation),
  queueNumber: ro.queueNumber,
  checkedInAt: ro.checkedInAt,
  advisor: advisorOf(ro, advisors),
  make: ro.vehicle.make,
  model: ro.vehicle.model,
  color: ro.vehicle.color,
  stage: ro.stage,
  stageSince: ro.stageSince,
  promisedAt: ro.promisedAt,
  etaAt: etaOf(ro),
  // Stage changes only: timeline notes hold internal remarks (a QC rework reason) for staff.
  timeline: ro.timeline.map(({ at, stage }) => ({ at, stage })),
  operations: ro.operations.map((o) => compactTracking({ title: o.title, status: o.status, pause: o.pause, startedAt: o.startedAt, finishedAt: o.finishedAt })),
  readyAt: ro.readyAt,
  deliveredAt: ro.deliveredAt,
  survey: ro.survey ? 'answered' : ro.stage === 'delivered' ? 'open' : 'not_yet',
});

const advisorOf = (ro: RepairOrder, advisors: Store['advisors']) => {
  const advisor = ro.advisorId ? advisors.find((a) => a.id === ro.advisorId) : undefined;
  return advisor && (advisor.desk ? { name: advisor.name, desk: advisor.desk } : { name: advisor.name });
};

/** Tracking entries travel whole in every delta: leave out what is not set. */
const compactTracking = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const isRo = (value: RepairOrder | Appointment): value is RepairOrder => 'operations' in value;

/** The entry one record contributes to an audience's view, or undefined when it is not shown. */
export function projectEntry(audience: Audience, store: Store, value: RepairOrder | Appointment | AdvisorCall, now: number): unknown {
  // Kiosk calls for an advisor are for the front desk only, never a public or bay screen.
  if (isAdvisorCall(value)) return audience.kind === 'dispatch' ? value : undefined;
  if (!isRo(value)) {
    if (audience.kind !== 'dispatch') return undefined;
    return value.status === 'booked' && Date.parse(value.at) > now - APPOINTMENT_PAST_MS ? value : undefined;
  }
  switch (audience.kind) {
    case 'customer': return customerRow(value, store.country);
    case 'dispatch': return recentlyActive(value, now) ? staffRo(value) : undefined;
    case 'bay':
      return !TERMINAL_STAGES.includes(value.stage) && value.operations.some((o) => o.bayId === audience.bayId)
        ? staffRo(value)
        : undefined;
    case 'tracking': return value.id === audience.roId ? trackingRo(value, store.country, store.advisors) : undefined;
  }
}

export const entryKey = (value: RepairOrder | Appointment | AdvisorCall) =>
  `${isAdvisorCall(value) ? 'call' : isRo(value) ? 'ro' : 'appointment'}:${value.id}`;

const headerOf = (audience: Audience, store: Store) => {
  switch (audience.kind) {
    case 'customer': return { store: publicHeader(store) };
    case 'tracking': return { store: publicHeader(store), roId: audience.roId };
    case 'dispatch': return { store };
    case 'bay': return { store, bayId: audience.bayId };
  }
};

/** The whole view of one audience, for a snapshot. */
export function snapshotView(state: WorkshopState, store: Store, audience: Audience, now: number): View {
  const entries: Record<string, unknown> = {};
  const add = (value: RepairOrder | Appointment | AdvisorCall) => {
    const entry = projectEntry(audience, store, value, now);
    if (entry !== undefined) entries[entryKey(value)] = entry;
  };
  if (audience.kind === 'tracking') {
    const ro = state.ros.get(audience.roId);
    if (ro) add(ro);
  } else {
    for (const ro of state.ros.values()) add(ro);
    if (audience.kind === 'dispatch') for (const a of state.appointments.values()) add(a);
    if (audience.kind === 'dispatch') for (const c of state.calls?.values() ?? []) add(c);
  }
  return { header: headerOf(audience, store), entries };
}

/**
 * The delta an audience gets for a run of changes (one event, or everything a client missed).
 * Later changes to the same record win, so the result is the net effect.
 */
export function deltaFor(audience: Audience, store: Store, seq: number, changes: readonly EntityChange[], now: number): Delta {
  const set: Record<string, unknown> = {};
  const del = new Set<string>();
  for (const change of changes) {
    // Displays are fleet records, never shown on a board.
    if (change.kind === 'display' || change.kind === 'access') continue;
    const after = change.after === undefined ? undefined : projectEntry(audience, store, change.after, now);
    if (after !== undefined) {
      set[change.key] = after;
      del.delete(change.key);
    } else if (change.key in set || (change.before !== undefined && projectEntry(audience, store, change.before, now) !== undefined)) {
      delete set[change.key];
      del.add(change.key);
    }
  }
  return { seq, set, del: [...del] };
}

export const isEmptyDelta = (d: Delta) => d.del.length === 0 && Object.keys(d.set).length === 0;

export type { StaffEntry };

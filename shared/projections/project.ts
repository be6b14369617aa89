import { isAdvisorCall, type AdvisorCall } from '../domain/advisor-call';
import { isAlarm, type Alarm } from '../domain/alarm';
import { maskName } from '../domain/mask';
import { maskPlate } from '../domain/plate';
import type { AddOn } from '../domain/add-on';
import type { Appointment, RepairOrder, RoStage } from '../domain/repair-order';
import { TERMINAL_STAGES } from '../domain/repair-order';
import type { Store } from '../domain/shop';
import type { EntityChange } from '../workflow/state';
import type { WorkshopState } from '../workflow/lifecycle';
import type { Eta } from '../eta/model';
import type { Audience } from './audience';
import { APPOINTMENT_PAST_MS, recentlyFinished } from './expiry';
import type { CustomerRow, Delta, PublicStoreHeader, StaffEntry, StaffRo, TrackingAddOn, TrackingRo, View } from './views';

/**
 * Projections decide what each audience may see. They run on the server, before anything
 * leaves for a client, so a public screen never receives a full plate, name or phone number.
 * Each projection maps one record to one entry (or to nothing), which keeps deltas small and
 * lets resync replay recent changes for any audience.
 */

/** Stages a car is shown on the lobby board. */
const LOBBY_STAGES: readonly RoStage[] = ['checked_in', 'waiting_dispatch', 'in_service', 'quality_check', 'washing', 'ready'];

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

/**
 * The server's live ETA of each open repair order (shared/eta), looked up by id. Every audience
 * reads the same figure from it; without one (a unit test, a tool), no ETA is shown.
 */
export type EtaLookup = (roId: string) => Eta | undefined;
const noEtas: EtaLookup = () => undefined;

const partsWaitOf = (ro: RepairOrder) => {
  const op = ro.operations.find((o) => o.status === 'paused' && o.pause?.reason === 'parts');
  return op?.pause?.reason === 'parts' ? { eta: op.pause.eta } : undefined;
};

export const customerRow = (ro: RepairOrder, country: Store['country'], etas: EtaLookup = noEtas): CustomerRow | undefined => {
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
  const eta = etas(ro.id);
  if (ro.promisedAt) row.promisedAt = ro.promisedAt;
  if (eta) row.etaAt = eta.p50;
  const parts = partsWaitOf(ro);
  if (parts) row.partsWait = parts;
  if (ro.readyAt && ro.stage === 'ready') row.readyAt = ro.readyAt;
  if (ro.queueNumber) row.queueNumber = ro.queueNumber;
  return row;
};

export const staffRo = (ro: RepairOrder, etas: EtaLookup = noEtas): StaffRo => {
  const { trackingToken: _hidden, ...rest } = ro;
  const eta = etas(ro.id);
  return eta ? { ...rest, eta } : rest;
};

const recentlyActive = (ro: RepairOrder, now: number) => recentlyFinished(ro.stage, ro.stageSince, now);

export const trackingRo = (ro: RepairOrder, country: Store['country'], advisors: Store['advisors'] = [], etas: EtaLookup = noEtas): TrackingRo =>
  compactTracking({
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
    etaAt: etas(ro.id)?.p50,
    etaLatestAt: etas(ro.id)?.p80,
    // Stage changes only: timeline notes hold internal remarks (a QC rework reason) for staff.
    timeline: ro.timeline.map(({ at, stage }) => ({ at, stage })),
    operations: ro.operations.map((o) =>
      compactTracking({ title: o.title, status: o.status, pause: o.pause, startedAt: o.startedAt, finishedAt: o.finishedAt }),
    ),
    readyAt: ro.readyAt,
    deliveredAt: ro.deliveredAt,
    survey: ro.survey ? 'answered' : ro.stage === 'delivered' ? 'open' : 'not_yet',
    addOns: ro.addOns?.length && ro.trackingToken ? ro.addOns.map((a) => trackingAddOn(a, ro.trackingToken!)) : undefined,
  });

/** The photo of an add-on as its tracking page loads it: under that link's own token. */
export const trackingPhotoPath = (token: string, photoId: string) => `/api/track/${token}/photos/${photoId}`;
/** The photo as staff pages load it (a staff session). */
export const staffPhotoPath = (storeId: string, roId: string, photoId: string) => `/api/stores/${storeId}/repair-orders/${roId}/add-on-photos/${photoId}`;

const trackingAddOn = (a: AddOn, token: string): TrackingAddOn =>
  compactTracking({
    id: a.id,
    title: a.title,
    price: a.price,
    hours: a.hours,
    photos: a.photoIds.map((id) => trackingPhotoPath(token, id)),
    proposedAt: a.proposedAt,
    status: a.status,
    decision: a.decision && { by: a.decision.by, channel: a.decision.channel, at: a.decision.at },
  });

const advisorOf = (ro: RepairOrder, advisors: Store['advisors']) => {
  const advisor = ro.advisorId ? advisors.find((a) => a.id === ro.advisorId) : undefined;
  return advisor && (advisor.desk ? { name: advisor.name, desk: advisor.desk } : { name: advisor.name });
};

/** Tracking entries travel whole in every delta: leave out what is not set. */
const compactTracking = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const isRo = (value: RepairOrder | Appointment): value is RepairOrder => 'operations' in value;

/** The entry one record contributes to an audience's view, or undefined when it is not shown. */
export function projectEntry(
  audience: Audience,
  store: Store,
  value: RepairOrder | Appointment | AdvisorCall | Alarm,
  now: number,
  etas: EtaLookup = noEtas,
): unknown {
  // Anomaly alarms are for staff: every one on the dispatch board, a bay's own on its board.
  if (isAlarm(value)) return audience.kind === 'dispatch' || (audience.kind === 'bay' && value.bayId === audience.bayId) ? value : undefined;
  // Kiosk calls for an advisor are for the front desk only, never a public or bay screen.
  if (isAdvisorCall(value)) return audience.kind === 'dispatch' ? value : undefined;
  if (!isRo(value)) {
    if (audience.kind !== 'dispatch') return undefined;
    return value.status === 'booked' && Date.parse(value.at) > now - APPOINTMENT_PAST_MS ? value : undefined;
  }
  switch (audience.kind) {
    case 'customer':
      return customerRow(value, store.country, etas);
    case 'dispatch':
      return recentlyActive(value, now) ? staffRo(value, etas) : undefined;
    case 'bay':
      return !TERMINAL_STAGES.includes(value.stage) && value.operations.some((o) => o.bayId === audience.bayId) ? staffRo(value, etas) : undefined;
    case 'tracking':
      return value.id === audience.roId ? trackingRo(value, store.country, store.advisors, etas) : undefined;
  }
}

export const entryKey = (value: RepairOrder | Appointment | AdvisorCall | Alarm) =>
  `${isAlarm(value) ? 'alarm' : isAdvisorCall(value) ? 'call' : isRo(value) ? 'ro' : 'appointment'}:${value.id}`;

const headerOf = (audience: Audience, store: Store) => {
  switch (audience.kind) {
    case 'customer':
      return { store: publicHeader(store) };
    case 'tracking':
      return { store: publicHeader(store), roId: audience.roId };
    case 'dispatch':
      return { store };
    case 'bay':
      return { store, bayId: audience.bayId };
  }
};

/** The whole view of one audience, for a snapshot. */
export function snapshotView(state: WorkshopState, store: Store, audience: Audience, now: number, etas: EtaLookup = noEtas): View {
  const entries: Record<string, unknown> = {};
  const add = (value: RepairOrder | Appointment | AdvisorCall | Alarm) => {
    const entry = projectEntry(audience, store, value, now, etas);
    if (entry !== undefined) entries[entryKey(value)] = entry;
  };
  if (audience.kind === 'tracking') {
    const ro = state.ros.get(audience.roId);
    if (ro) add(ro);
  } else {
    for (const ro of state.ros.values()) add(ro);
    if (audience.kind === 'dispatch') for (const a of state.appointments.values()) add(a);
    if (audience.kind === 'dispatch') for (const c of state.calls?.values() ?? []) add(c);
    for (const a of state.alarms?.values() ?? []) add(a);
  }
  return { header: headerOf(audience, store), entries };
}

/**
 * The delta an audience gets for a run of changes (one event, or everything a client missed).
 * Later changes to the same record win, so the result is the net effect.
 */
export function deltaFor(audience: Audience, store: Store, seq: number, changes: readonly EntityChange[], now: number, etas: EtaLookup = noEtas): Delta {
  const set: Record<string, unknown> = {};
  const del = new Set<string>();
  for (const change of changes) {
    // Displays are fleet records, never shown on a board.
    if (change.kind === 'display' || change.kind === 'access') continue;
    const after = change.after === undefined ? undefined : projectEntry(audience, store, change.after, now, etas);
    if (after !== undefined) {
      set[change.key] = after;
      del.delete(change.key);
    } else if (change.key in set || (change.before !== undefined && projectEntry(audience, store, change.before, now, etas) !== undefined)) {
      delete set[change.key];
      del.add(change.key);
    }
  }
  return { seq, set, del: [...del] };
}

export const isEmptyDelta = (d: Delta) => d.del.length === 0 && Object.keys(d.set).length === 0;

export type { StaffEntry };

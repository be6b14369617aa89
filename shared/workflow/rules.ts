import type { AdvisorCall } from '../domain/advisor-call';
import type { Alarm } from '../domain/alarm';
import { localDate } from '../domain/local-date';
import type { Appointment, Display, Operation, OperationStatus, RepairOrder, RoStage } from '../domain/repair-order';
import type { Store } from '../domain/shop';
import type { AccessRecord } from './access';
import type { Fact } from './facts';

/**
 * What every part of the workflow shares: the transition tables, the state it reads, the shape
 * of a decision and of a change, and the small helpers both halves use. See ./lifecycle.ts.
 */

/** Stage moves of a repair order. Every move decide makes is checked against this table. */
export const STAGE_MOVES: Record<RoStage, readonly RoStage[]> = {
  scheduled: ['checked_in', 'no_show', 'cancelled'],
  checked_in: ['waiting_dispatch', 'in_service', 'cancelled'],
  waiting_dispatch: ['in_service', 'cancelled'],
  in_service: ['quality_check'],
  quality_check: ['washing', 'ready', 'in_service'],
  washing: ['ready'],
  ready: ['delivered'],
  delivered: [],
  no_show: [],
  cancelled: [],
};

/**
 * Status moves of an operation. (Re)assigning a bay or technician keeps an unstarted or paused
 * operation's status; work in progress must be paused first, finished work reopens only by QC fail.
 */
export const OPERATION_MOVES: Record<OperationStatus, readonly OperationStatus[]> = {
  unassigned: ['assigned', 'in_progress'], // started directly by naming a bay
  assigned: ['assigned', 'in_progress'],
  in_progress: ['paused', 'done'],
  paused: ['paused', 'in_progress'],
  done: ['assigned', 'unassigned'], // QC rework only
};

export const canMoveStage = (from: RoStage, to: RoStage) => STAGE_MOVES[from].includes(to);
export const canMoveOperation = (from: OperationStatus, to: OperationStatus) => OPERATION_MOVES[from].includes(to);

/** Stages in which work on operations may be started, paused, resumed or finished. */
export const WORK_STAGES: readonly RoStage[] = ['checked_in', 'waiting_dispatch', 'in_service'];
/** Stages in which the job list may still change. */
export const PLANNING_STAGES: readonly RoStage[] = ['scheduled', 'checked_in', 'waiting_dispatch', 'in_service'];

export interface WorkshopState {
  readonly ros: ReadonlyMap<string, RepairOrder>;
  readonly appointments: ReadonlyMap<string, Appointment>;
  readonly displays: ReadonlyMap<string, Display>;
  /** Scan-page sign-ins, PINs and withdrawn codes, keyed `device:…`, `pin:…`, `codes:…` (see access.ts). */
  readonly access?: ReadonlyMap<string, AccessRecord>;
  /** Open "call an advisor" requests from kiosks (absent in states that never had one). */
  readonly calls?: ReadonlyMap<string, AdvisorCall>;
  /** Open anomaly alarms raised by the server's detector (absent in states that never had one). */
  readonly alarms?: ReadonlyMap<string, Alarm>;
}

/** One record as a fact left it. */
export type Change =
  | { kind: 'ro'; value: RepairOrder }
  | { kind: 'appointment'; value: Appointment }
  /** Scan-page access records; never shown on a board. */
  | { kind: 'access'; value: AccessRecord }
  /** `removed` marks a display that was unpaired: its record leaves the state. */
  | { kind: 'display'; value: Display; removed?: true }
  /** `removed` marks a call that was acknowledged: it leaves the state. */
  | { kind: 'call'; value: AdvisorCall; removed?: true }
  /** `removed` marks an alarm that was cleared: it leaves the state. */
  | { kind: 'alarm'; value: Alarm; removed?: true };

/** `invalid_value`: a value the schema accepts but the rules do not (a parts ETA in the past); `details.field` names it. */
/** `over_capacity`: a booking needs more of a skill's hours than the day has free (`details.short`); an override with a reason books it anyway. */
export type WorkflowErrorCode =
  'not_found' | 'illegal_transition' | 'invalid_reference' | 'conflict' | 'number_taken' | 'queue_number_taken' | 'invalid_value' | 'over_capacity';
export interface WorkflowError {
  code: WorkflowErrorCode;
  message: string;
  details?: Record<string, unknown>;
}
/** What decide answers: the fact to store, or why not. */
export type Decision = { ok: true; fact: Fact } | { ok: false; error: WorkflowError };

export interface DecideContext {
  storeId: string;
  /** When the command is decided (ISO time); it becomes the event's time. */
  at: string;
  /** The store's configuration, to check bay and technician references (and what "today" is there). */
  store?: Pick<Store, 'bays' | 'technicians' | 'allowParallelJobs'> & Partial<Pick<Store, 'timezone' | 'teams' | 'catalogue' | 'openingHours'>>;
}

/** What evolve knows of an event besides its fact: where and when it happened. */
export interface EventContext {
  storeId: string;
  at: string;
}

export const fail = (code: WorkflowErrorCode, message: string, details?: Record<string, unknown>): { ok: false; error: WorkflowError } => ({
  ok: false,
  error: { code, message, details },
});

export const illegalStage = (ro: RepairOrder, to: RoStage | string, action: string) =>
  fail('illegal_transition', `Cannot ${action} repair order ${ro.number}: it is ${ro.stage}, and ${ro.stage} → ${to} is not allowed`, {
    current: ro.stage,
    requested: to,
  });

export const illegalOp = (ro: RepairOrder, op: Operation, to: OperationStatus, action: string) =>
  fail('illegal_transition', `Cannot ${action} operation "${op.title}" on ${ro.number}: it is ${op.status}, and ${op.status} → ${to} is not allowed`, {
    current: op.status,
    requested: to,
    operationId: op.id,
  });

/** Enter a stage (a no-op when already there), with its timeline entry. */
export const withStage = (ro: RepairOrder, stage: RoStage, at: string, note?: string): RepairOrder =>
  ro.stage === stage ? ro : { ...ro, stage, stageSince: at, timeline: [...ro.timeline, note ? { at, stage, note } : { at, stage }] };

/** Drop keys whose value is undefined, so a live record equals its replay from JSON. */
export const compact = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const checkBay = (ctx: DecideContext, bayId?: string, technicianId?: string): { ok: false; error: WorkflowError } | undefined => {
  if (!ctx.store) return undefined;
  if (bayId && !ctx.store.bays.some((b) => b.id === bayId)) return fail('invalid_reference', `There is no bay "${bayId}" in this store`, { bayId });
  if (technicianId && !ctx.store.technicians.some((t) => t.id === technicianId))
    return fail('invalid_reference', `There is no technician "${technicianId}" in this store`, { technicianId });
  return undefined;
};

/** Which operation, if any, this technician is already working on elsewhere. */
export const activeJobOf = (state: WorkshopState, technicianId: string): { ro: RepairOrder; op: Operation } | undefined => {
  for (const ro of state.ros.values()) {
    if (!WORK_STAGES.includes(ro.stage)) continue;
    const op = ro.operations.find((o) => o.status === 'in_progress' && o.technicianId === technicianId);
    if (op) return { ro, op };
  }
  return undefined;
};

/** The repair order being worked on in a bay right now, if any: a bay holds one car. */
export const carInBay = (state: WorkshopState, bayId: string): RepairOrder | undefined => {
  for (const ro of state.ros.values()) {
    if (WORK_STAGES.includes(ro.stage) && ro.operations.some((o) => o.status === 'in_progress' && o.bayId === bayId)) return ro;
  }
  return undefined;
};

/** The store-local day a car's queue number belongs to: the day it was checked in. */
export const queueDay = (ro: RepairOrder, timeZone: string): string => localDate(ro.checkedInAt ?? ro.createdAt, timeZone);

/**
 * Queue numbers (A007, W012) start again every store-local day and are counted by whoever checks
 * the car in, so two processes may pick the same one: a number another car got today is refused.
 */
export function queueNumberTaken(state: WorkshopState, roId: string, queueNumber: string | undefined, ctx: DecideContext) {
  const timeZone = ctx.store?.timezone;
  if (!queueNumber || !timeZone) return undefined;
  const today = localDate(ctx.at, timeZone);
  for (const other of state.ros.values()) {
    if (other.id !== roId && other.queueNumber === queueNumber && queueDay(other, timeZone) === today)
      return fail('queue_number_taken', `Queue number ${queueNumber} was already given to ${other.number} today`, { queueNumber });
  }
  return undefined;
}

/** The repair order a fact names, changed by `update`; nothing when it is not there (evolve never refuses). */
export const changeRo = (state: WorkshopState, roId: string, update: (ro: RepairOrder) => RepairOrder): Change[] => {
  const ro = state.ros.get(roId);
  return ro ? [{ kind: 'ro', value: update(ro) }] : [];
};

/** Set an appointment's status (and, given, its repair order); nothing when it is not there. */
export const changeAppointment = (state: WorkshopState, appointmentId: string | undefined, patch: Partial<Pick<Appointment, 'status' | 'roId'>>): Change[] => {
  const appt = appointmentId ? state.appointments.get(appointmentId) : undefined;
  return appt ? [{ kind: 'appointment', value: { ...appt, ...patch } }] : [];
};

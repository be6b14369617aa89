import type { AdvisorCall } from '../../domain/advisor-call';
import type { Appointment, Display, Operation, OperationStatus, RepairOrder, RoStage } from '../../domain/repair-order';
import { localDate } from '../../domain/local-date';
import type { Store } from '../../domain/shop';
import type { Command, CommandOf, OperationDraft } from './v0-commands';
import { applyAccess, isAccessCommand, type AccessCommand, type AccessRecord } from './v0-access';

/**
 * FROZEN: the workflow's rules as they were when the log stored commands (main at af62181).
 * Journals of that format hold the commands these rules accepted; the upcaster (./upcast.ts)
 * runs each one through this copy to learn what it decided, and stores that as a fact. Nobody
 * changes this file again: a rule change goes into ../lifecycle.ts, which old journals never meet.
 */
const TERMINAL_STAGES_V0: readonly RoStage[] = ['delivered', 'no_show', 'cancelled'];

/** Stage moves a command may ask for directly. in_service → quality_check is derived. */
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
const WORK_STAGES: readonly RoStage[] = ['checked_in', 'waiting_dispatch', 'in_service'];
/** Stages in which the job list may still change. */
const PLANNING_STAGES: readonly RoStage[] = ['scheduled', 'checked_in', 'waiting_dispatch', 'in_service'];

export interface WorkshopState {
  readonly ros: ReadonlyMap<string, RepairOrder>;
  readonly appointments: ReadonlyMap<string, Appointment>;
  readonly displays: ReadonlyMap<string, Display>;
  /** Scan-page sign-ins, PINs and withdrawn codes, keyed `device:…`, `pin:…`, `codes:…` (see access.ts). */
  readonly access?: ReadonlyMap<string, AccessRecord>;
  /** Open "call an advisor" requests from kiosks (absent in states that never had one). */
  readonly calls?: ReadonlyMap<string, AdvisorCall>;
}

export type Change =
  | { kind: 'ro'; value: RepairOrder }
  | { kind: 'appointment'; value: Appointment }
  /** Scan-page access records; never shown on a board. */
  | { kind: 'access'; value: AccessRecord }
  /** `removed` marks a display that was unpaired: its record leaves the state. */
  | { kind: 'display'; value: Display; removed?: true }
  /** `removed` marks a call that was acknowledged: it leaves the state. */
  | { kind: 'call'; value: AdvisorCall; removed?: true };

export type WorkflowErrorCode = 'not_found' | 'illegal_transition' | 'invalid_reference' | 'conflict' | 'number_taken' | 'queue_number_taken';
export interface WorkflowError {
  code: WorkflowErrorCode;
  message: string;
  details?: Record<string, unknown>;
}
export type Decision = { ok: true; changes: Change[] } | { ok: false; error: WorkflowError };

export interface ApplyContext {
  storeId: string;
  /** When the command was accepted (ISO time); replay passes the stored time. */
  at: string;
  /** The store's configuration, to check bay and technician references (and what "today" is there). */
  store?: Pick<Store, 'bays' | 'technicians' | 'allowParallelJobs'> & Partial<Pick<Store, 'timezone'>>;
}

const fail = (code: WorkflowErrorCode, message: string, details?: Record<string, unknown>): Decision => ({ ok: false, error: { code, message, details } });

const illegalStage = (ro: RepairOrder, to: RoStage | string, action: string): Decision =>
  fail('illegal_transition', `Cannot ${action} repair order ${ro.number}: it is ${ro.stage}, and ${ro.stage} → ${to} is not allowed`, {
    current: ro.stage,
    requested: to,
  });

const illegalOp = (ro: RepairOrder, op: Operation, to: OperationStatus, action: string): Decision =>
  fail('illegal_transition', `Cannot ${action} operation "${op.title}" on ${ro.number}: it is ${op.status}, and ${op.status} → ${to} is not allowed`, {
    current: op.status,
    requested: to,
    operationId: op.id,
  });

const withStage = (ro: RepairOrder, stage: RoStage, at: string, note?: string): RepairOrder =>
  ro.stage === stage ? ro : { ...ro, stage, stageSince: at, timeline: [...ro.timeline, note ? { at, stage, note } : { at, stage }] };

/** Drop keys whose value is undefined, so a live record equals its replay from JSON. */
const compact = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const newOperation = (draft: OperationDraft): Operation =>
  compact({
    ...draft,
    status: draft.bayId ? 'assigned' : 'unassigned',
    workedMs: 0,
    reworks: 0,
  });

const bankWork = (op: Operation, at: string): Operation => {
  if (!op.runningSince) return op;
  const { runningSince, ...rest } = op;
  return { ...rest, workedMs: op.workedMs + Math.max(0, Date.parse(at) - Date.parse(runningSince)) };
};

const checkBay = (ctx: ApplyContext, bayId?: string, technicianId?: string): WorkflowError | undefined => {
  if (!ctx.store) return undefined;
  if (bayId && !ctx.store.bays.some((b) => b.id === bayId))
    return { code: 'invalid_reference', message: `There is no bay "${bayId}" in this store`, details: { bayId } };
  if (technicianId && !ctx.store.technicians.some((t) => t.id === technicianId))
    return { code: 'invalid_reference', message: `There is no technician "${technicianId}" in this store`, details: { technicianId } };
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

type RoCommand = Exclude<
  Command,
  {
    type:
      | 'createRepairOrder'
      | 'createAppointment'
      | 'updateAppointment'
      | 'cancelAppointment'
      | 'markAppointmentNoShow'
      | 'pairDisplay'
      | 'unpairDisplay'
      | 'callAdvisor'
      | 'acknowledgeCall';
  }
>;
type OpCommand = Extract<RoCommand, { operationId: string }>;

/** Apply one command to the state. Never mutates; returns the changed records or an error. */
export function apply(state: WorkshopState, command: Command, ctx: ApplyContext): Decision {
  if (isAccessCommand(command)) return applyAccess(state, command, ctx);
  switch (command.type) {
    case 'createRepairOrder':
      return createRepairOrder(state, command, ctx);
    case 'createAppointment':
      return createAppointment(state, command, ctx);
    case 'updateAppointment':
    case 'cancelAppointment':
    case 'markAppointmentNoShow':
      return changeAppointment(state, command, ctx.at);
    case 'pairDisplay':
      return pairDisplay(state, command, ctx);
    case 'unpairDisplay': {
      const display = state.displays.get(command.displayId);
      if (!display) return fail('not_found', `There is no paired display "${command.displayId}"`, { displayId: command.displayId });
      return { ok: true, changes: [{ kind: 'display', value: display, removed: true }] };
    }
    case 'callAdvisor': {
      if (state.calls?.has(command.callId)) return fail('conflict', `Call "${command.callId}" already exists`, { callId: command.callId });
      const { type: _t, callId, ...rest } = command;
      return { ok: true, changes: [{ kind: 'call', value: compact({ ...rest, id: callId, storeId: ctx.storeId, at: ctx.at }) }] };
    }
    case 'acknowledgeCall': {
      const call = state.calls?.get(command.callId);
      if (!call) return fail('not_found', `There is no open call "${command.callId}"; someone may have answered it already`, { callId: command.callId });
      return { ok: true, changes: [{ kind: 'call', value: call, removed: true }] };
    }
    default: {
      const ro = state.ros.get(command.roId);
      if (!ro) return fail('not_found', `There is no repair order "${command.roId}"`, { roId: command.roId });
      if ('operationId' in command) {
        const op = ro.operations.find((o) => o.id === command.operationId);
        if (!op) return fail('not_found', `Repair order ${ro.number} has no operation "${command.operationId}"`, { operationId: command.operationId });
        return applyToOperation(state, ro, op, command, ctx);
      }
      if (command.type === 'checkIn') {
        const taken = queueNumberTaken(state, ro.id, command.queueNumber, ctx);
        if (taken) return taken;
      }
      const decision = applyToRo(ro, command, ctx);
      return decision.ok ? withAppointmentInStep(state, decision) : decision;
    }
  }
}

/** The store-local day a car's queue number belongs to: the day it was checked in. */
export const queueDay = (ro: RepairOrder, timeZone: string): string => localDate(ro.checkedInAt ?? ro.createdAt, timeZone);

/**
 * Queue numbers (A007, W012) start again every store-local day and are counted by whoever checks
 * the car in, so two processes may pick the same one: a number another car got today is refused.
 */
function queueNumberTaken(state: WorkshopState, roId: string, queueNumber: string | undefined, ctx: ApplyContext): Decision | undefined {
  const timeZone = ctx.store?.timezone;
  if (!queueNumber || !timeZone) return undefined;
  const today = localDate(ctx.at, timeZone);
  for (const other of state.ros.values()) {
    if (other.id !== roId && other.queueNumber === queueNumber && queueDay(other, timeZone) === today)
      return fail('queue_number_taken', `Queue number ${queueNumber} was already given to ${other.number} today`, { queueNumber });
  }
  return undefined;
}

function createRepairOrder(state: WorkshopState, c: CommandOf<'createRepairOrder'>, ctx: ApplyContext): Decision {
  if (state.ros.has(c.roId)) return fail('conflict', `Repair order "${c.roId}" already exists`, { roId: c.roId });
  // Numbers are counted per day by whoever creates the order; two processes may pick the same.
  if (ctx.store && [...state.ros.values()].some((r) => r.number === c.number))
    return fail('number_taken', `Repair order number ${c.number} is already in use`, { number: c.number });
  if (c.stage === 'checked_in') {
    const taken = queueNumberTaken(state, c.roId, c.queueNumber, ctx);
    if (taken) return taken;
  }
  for (const draft of c.operations) {
    const bad = checkBay(ctx, draft.bayId, draft.technicianId);
    if (bad) return { ok: false, error: bad };
  }
  const changes: Change[] = [];
  if (c.appointmentId) {
    const appt = state.appointments.get(c.appointmentId);
    if (!appt) return fail('not_found', `There is no appointment "${c.appointmentId}"`, { appointmentId: c.appointmentId });
    if (appt.status !== 'booked')
      return fail('illegal_transition', `Appointment ${appt.id} is ${appt.status}, and ${appt.status} → checked_in is not allowed`, {
        current: appt.status,
        requested: 'checked_in',
      });
    if (appt.roId) return fail('conflict', `Appointment ${appt.id} already has repair order ${appt.roId}; check that one in instead`, { roId: appt.roId });
    if (c.stage === 'checked_in') changes.push({ kind: 'appointment', value: { ...appt, status: 'checked_in', roId: c.roId } });
    else changes.push({ kind: 'appointment', value: { ...appt, roId: c.roId } });
  }
  const { type: _type, roId, operations, ...rest } = c;
  const ro: RepairOrder = compact({
    ...rest,
    id: roId,
    storeId: ctx.storeId,
    stageSince: ctx.at,
    operations: operations.map(newOperation),
    reworkCount: 0,
    createdAt: ctx.at,
    checkedInAt: c.stage === 'checked_in' ? ctx.at : undefined,
    timeline: [{ at: ctx.at, stage: c.stage }],
  });
  return { ok: true, changes: [{ kind: 'ro', value: ro }, ...changes] };
}

function applyToRo(ro: RepairOrder, c: Exclude<RoCommand, OpCommand | AccessCommand>, ctx: ApplyContext): Decision {
  const at = ctx.at;
  const done = (value: RepairOrder): Decision => ({ ok: true, changes: [{ kind: 'ro', value }] });
  switch (c.type) {
    case 'updateRepairOrder': {
      if (TERMINAL_STAGES_V0.includes(ro.stage))
        return fail('illegal_transition', `Repair order ${ro.number} is ${ro.stage} and can no longer be edited`, { current: ro.stage, requested: 'update' });
      const { vehicle, customer, promisedAt, ...simple } = c.patch;
      const next: RepairOrder = {
        ...ro,
        ...simple,
        vehicle: { ...ro.vehicle, ...vehicle },
        customer: { ...ro.customer, ...customer },
      };
      if (promisedAt === null) delete next.promisedAt;
      else if (promisedAt !== undefined) next.promisedAt = promisedAt;
      return done(next);
    }
    case 'addOperation': {
      if (!PLANNING_STAGES.includes(ro.stage))
        return fail('illegal_transition', `Cannot add an operation to ${ro.number}: it is ${ro.stage}`, { current: ro.stage, requested: 'addOperation' });
      if (ro.operations.some((o) => o.id === c.operation.id)) return fail('conflict', `Operation "${c.operation.id}" already exists on ${ro.number}`);
      const bad = checkBay(ctx, c.operation.bayId, c.operation.technicianId);
      if (bad) return { ok: false, error: bad };
      return done({ ...ro, operations: [...ro.operations, newOperation(c.operation)] });
    }
    case 'checkIn':
      if (!canMoveStage(ro.stage, 'checked_in')) return illegalStage(ro, 'checked_in', 'check in');
      return done({ ...withStage(ro, 'checked_in', at), checkedInAt: at, queueNumber: c.queueNumber ?? ro.queueNumber });
    case 'sendToWorkshop':
      if (!canMoveStage(ro.stage, 'waiting_dispatch')) return illegalStage(ro, 'waiting_dispatch', 'send to the workshop');
      if (ro.operations.length === 0)
        return fail('illegal_transition', `Repair order ${ro.number} has no operations to dispatch`, { current: ro.stage, requested: 'waiting_dispatch' });
      return done(withStage(ro, 'waiting_dispatch', at));
    case 'qcPass': {
      const to: RoStage = ro.wash ? 'washing' : 'ready';
      if (ro.stage !== 'quality_check') return illegalStage(ro, to, 'pass quality check for');
      const passed = { ...withStage(ro, to, at), qcNote: c.note };
      return done(to === 'ready' ? { ...passed, readyAt: at } : passed);
    }
    case 'qcFail': {
      if (ro.stage !== 'quality_check') return illegalStage(ro, 'in_service', 'fail quality check for');
      const unknown = c.operationIds.filter((id) => !ro.operations.some((o) => o.id === id));
      if (unknown.length)
        return fail('not_found', `Repair order ${ro.number} has no operation ${unknown.map((u) => `"${u}"`).join(', ')}`, { operationIds: unknown });
      const operations = ro.operations.map((o): Operation => {
        if (!c.operationIds.includes(o.id)) return o;
        const { finishedAt: _f, ...rest } = o;
        return { ...rest, status: o.bayId ? 'assigned' : 'unassigned', reworks: o.reworks + 1 };
      });
      return done({ ...withStage(ro, 'in_service', at, `rework: ${c.reason}`), operations, reworkCount: ro.reworkCount + 1, qcNote: c.reason });
    }
    case 'washDone':
      if (ro.stage !== 'washing') return illegalStage(ro, 'ready', 'finish washing');
      return done({ ...withStage(ro, 'ready', at), readyAt: at });
    case 'markReady':
      if (ro.stage !== 'washing') return illegalStage(ro, 'ready', 'mark ready');
      return done({ ...withStage(ro, 'ready', at), readyAt: at });
    case 'deliver':
      if (!canMoveStage(ro.stage, 'delivered')) return illegalStage(ro, 'delivered', 'deliver');
      return done({ ...withStage(ro, 'delivered', at), deliveredAt: at });
    case 'cancel':
      if (!canMoveStage(ro.stage, 'cancelled')) return illegalStage(ro, 'cancelled', 'cancel');
      if (ro.operations.some((o) => o.status === 'in_progress'))
        return fail('illegal_transition', `Cannot cancel ${ro.number}: work is in progress on it`, { current: ro.stage, requested: 'cancelled' });
      return done({ ...withStage(ro, 'cancelled', at), cancelReason: c.reason });
    case 'markNoShow':
      if (!canMoveStage(ro.stage, 'no_show')) return illegalStage(ro, 'no_show', 'mark as no-show');
      return done(withStage(ro, 'no_show', at));
    case 'submitSurvey':
      if (ro.stage !== 'delivered')
        return fail('illegal_transition', `The survey opens after delivery; ${ro.number} is ${ro.stage}`, { current: ro.stage, requested: 'survey' });
      if (ro.survey) return fail('conflict', `Repair order ${ro.number} already has a survey answer`, { current: 'answered', requested: 'survey' });
      return done({ ...ro, survey: { score: c.score, comment: c.comment, at } });
  }
}

/**
 * A prepared (scheduled) repair order and its appointment move together: checking the order
 * in, marking it a no-show or cancelling it does the same to the appointment.
 */
function withAppointmentInStep(state: WorkshopState, decision: Extract<Decision, { ok: true }>): Decision {
  const follow: Partial<Record<RoStage, Appointment['status']>> = { checked_in: 'checked_in', no_show: 'no_show', cancelled: 'cancelled' };
  const extra: Change[] = [];
  for (const change of decision.changes) {
    if (change.kind !== 'ro' || !change.value.appointmentId) continue;
    const status = follow[change.value.stage];
    const appt = state.appointments.get(change.value.appointmentId);
    if (status && appt && appt.status === 'booked') extra.push({ kind: 'appointment', value: { ...appt, status } });
  }
  return extra.length ? { ok: true, changes: [...decision.changes, ...extra] } : decision;
}

function applyToOperation(state: WorkshopState, ro: RepairOrder, op: Operation, c: OpCommand, ctx: ApplyContext): Decision {
  const at = ctx.at;
  const replace = (next: Operation, stage?: RoStage): Decision => {
    const operations = ro.operations.map((o) => (o.id === op.id ? next : o));
    let updated: RepairOrder = { ...ro, operations };
    if (stage) updated = withStage(updated, stage, at);
    // Derived rule: when the last operation is done the car goes to quality check.
    if (updated.stage === 'in_service' && operations.every((o) => o.status === 'done')) updated = withStage(updated, 'quality_check', at);
    return { ok: true, changes: [{ kind: 'ro', value: updated }] };
  };

  switch (c.type) {
    case 'assignOperation': {
      if (!PLANNING_STAGES.includes(ro.stage))
        return fail('illegal_transition', `Cannot assign work on ${ro.number}: it is ${ro.stage}`, { current: ro.stage, requested: 'assign' });
      if (op.status === 'in_progress' || op.status === 'done') return illegalOp(ro, op, 'assigned', 'reassign');
      const bad = checkBay(ctx, c.bayId, c.technicianId);
      if (bad) return { ok: false, error: bad };
      const status = op.status === 'paused' ? 'paused' : 'assigned';
      return replace({ ...op, status, bayId: c.bayId, technicianId: c.technicianId ?? op.technicianId });
    }
    case 'startOperation': {
      if (!WORK_STAGES.includes(ro.stage)) return illegalStage(ro, 'in_service', 'start work on');
      if (op.status !== 'assigned' && !(op.status === 'unassigned' && c.bayId)) return illegalOp(ro, op, 'in_progress', 'start');
      const bayId = c.bayId ?? op.bayId;
      const technicianId = c.technicianId ?? op.technicianId;
      const bad = checkBay(ctx, bayId, technicianId);
      if (bad) return { ok: false, error: bad };
      // Decision-time rules (bay, technician) are not re-checked on replay: ctx.store is absent there.
      const occupant = bayId && ctx.store ? carInBay(state, bayId) : undefined;
      if (occupant && occupant.id !== ro.id)
        return fail('conflict', `Bay ${bayId} is busy with ${occupant.number}; finish or pause that work first`, { bayId, roId: occupant.id });
      if (technicianId && ctx.store && !ctx.store.allowParallelJobs) {
        const busy = activeJobOf(state, technicianId);
        if (busy && busy.op.id !== op.id)
          return fail('conflict', `Technician ${technicianId} is already working on "${busy.op.title}" (${busy.ro.number}); pause it first`, {
            technicianId,
            roId: busy.ro.id,
            operationId: busy.op.id,
          });
      }
      return replace({ ...op, status: 'in_progress', bayId, technicianId, runningSince: at, startedAt: op.startedAt ?? at }, 'in_service');
    }
    case 'pauseOperation': {
      if (!WORK_STAGES.includes(ro.stage)) return illegalStage(ro, ro.stage, 'pause work on');
      if (op.status !== 'in_progress' && op.status !== 'paused') return illegalOp(ro, op, 'paused', 'pause');
      return replace({ ...bankWork(op, at), status: 'paused', pause: c.pause });
    }
    case 'resumeOperation': {
      if (!WORK_STAGES.includes(ro.stage)) return illegalStage(ro, ro.stage, 'resume work on');
      if (op.status !== 'paused') return illegalOp(ro, op, 'in_progress', 'resume');
      if (op.technicianId && ctx.store && !ctx.store.allowParallelJobs) {
        const busy = activeJobOf(state, op.technicianId);
        if (busy)
          return fail('conflict', `Technician ${op.technicianId} is already working on "${busy.op.title}" (${busy.ro.number}); pause it first`, {
            technicianId: op.technicianId,
            roId: busy.ro.id,
            operationId: busy.op.id,
          });
      }
      const { pause: _p, ...rest } = op;
      return replace({ ...rest, status: 'in_progress', runningSince: at });
    }
    case 'finishOperation': {
      if (!WORK_STAGES.includes(ro.stage)) return illegalStage(ro, ro.stage, 'finish work on');
      if (op.status !== 'in_progress') return illegalOp(ro, op, 'done', 'finish');
      return replace({ ...bankWork(op, at), status: 'done', finishedAt: at });
    }
  }
}

function createAppointment(state: WorkshopState, c: CommandOf<'createAppointment'>, ctx: ApplyContext): Decision {
  if (state.appointments.has(c.appointmentId)) return fail('conflict', `Appointment "${c.appointmentId}" already exists`);
  const bad = checkBay(ctx, c.bayId);
  if (bad) return { ok: false, error: bad };
  const { type: _t, appointmentId, ...rest } = c;
  return {
    ok: true,
    changes: [{ kind: 'appointment', value: compact({ ...rest, id: appointmentId, storeId: ctx.storeId, status: 'booked' as const, createdAt: ctx.at }) }],
  };
}

function changeAppointment(state: WorkshopState, c: CommandOf<'updateAppointment' | 'cancelAppointment' | 'markAppointmentNoShow'>, at: string): Decision {
  const appt = state.appointments.get(c.appointmentId);
  if (!appt) return fail('not_found', `There is no appointment "${c.appointmentId}"`, { appointmentId: c.appointmentId });
  const requested = c.type === 'updateAppointment' ? 'update' : c.type === 'cancelAppointment' ? 'cancelled' : 'no_show';
  if (appt.status !== 'booked')
    return fail('illegal_transition', `Appointment ${appt.id} is ${appt.status}, and ${appt.status} → ${requested} is not allowed`, {
      current: appt.status,
      requested,
    });
  if (c.type === 'updateAppointment') {
    const { vehicle, customer, bayId, ...simple } = c.patch;
    const next: Appointment = { ...appt, ...simple, vehicle: { ...appt.vehicle, ...vehicle }, customer: { ...appt.customer, ...customer } };
    if (bayId === null) delete next.bayId;
    else if (bayId !== undefined) next.bayId = bayId;
    return { ok: true, changes: [{ kind: 'appointment', value: next }] };
  }
  const changes: Change[] = [{ kind: 'appointment', value: { ...appt, status: requested as 'cancelled' | 'no_show' } }];
  const ro = appt.roId ? state.ros.get(appt.roId) : undefined;
  if (ro && ro.stage === 'scheduled') {
    const stage = requested === 'cancelled' ? 'cancelled' : 'no_show';
    changes.push({ kind: 'ro', value: withStage(ro, stage, at) });
  }
  return { ok: true, changes };
}

function pairDisplay(state: WorkshopState, c: CommandOf<'pairDisplay'>, ctx: ApplyContext): Decision {
  if (state.displays.has(c.displayId)) return fail('conflict', `Display "${c.displayId}" is already paired`);
  if (c.board === 'bay' && !c.bayId) return fail('invalid_reference', 'A bay board needs a bay', { bayId: null });
  if (c.board !== 'bay' && c.bayId) return fail('invalid_reference', `A ${c.board} board is not bound to a bay`, { bayId: c.bayId });
  const bad = checkBay(ctx, c.bayId);
  if (bad) return { ok: false, error: bad };
  const { type: _t, displayId, ...rest } = c;
  return { ok: true, changes: [{ kind: 'display', value: compact({ ...rest, id: displayId, storeId: ctx.storeId, pairedAt: ctx.at }) }] };
}

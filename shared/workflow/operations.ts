import type { Operation, RepairOrder } from '../domain/repair-order';
import type { CommandOf } from './commands';
import { fact, type FactOf } from './facts';
import { newOperation } from './repair-orders';
import {
  activeJobOf,
  canMoveOperation,
  canMoveStage,
  carInBay,
  changeRo,
  checkBay,
  compact,
  fail,
  illegalOp,
  illegalStage,
  PLANNING_STAGES,
  WORK_STAGES,
  withStage,
  type Change,
  type DecideContext,
  type Decision,
  type EventContext,
  type WorkshopState,
} from './rules';

/** Operations (维修项目): adding, assigning a bay and technician, and the work itself. */

export type OpCommand = CommandOf<
  'addOperation' | 'assignOperation' | 'startOperation' | 'pauseOperation' | 'resumeOperation' | 'finishOperation' | 'correctPartsEta'
>;

/**
 * A parts ETA must lie ahead: one already past would show "due 02:15" at 02:36 and raise its
 * overdue alarm at once. `field` names where the value was (`pause.eta`, `eta`).
 */
const pastEta = (eta: string | undefined, ctx: DecideContext, field: string) =>
  eta !== undefined && Date.parse(eta) < Date.parse(ctx.at)
    ? fail('invalid_value', `${field}: the parts ETA ${eta} is in the past (it is ${ctx.at} now)`, { field, value: eta, now: ctx.at })
    : undefined;

/** Work time banked up to `at` (a running operation's current run included). */
const workedUntil = (op: Operation, at: string): number =>
  op.runningSince ? op.workedMs + Math.max(0, Date.parse(at) - Date.parse(op.runningSince)) : op.workedMs;

const busyTechnician = (state: WorkshopState, technicianId: string | undefined, ctx: DecideContext, self?: string) => {
  if (!technicianId || !ctx.store || ctx.store.allowParallelJobs) return undefined;
  const busy = activeJobOf(state, technicianId);
  if (!busy || busy.op.id === self) return undefined;
  return fail('conflict', `Technician ${technicianId} is already working on "${busy.op.title}" (${busy.ro.number}); pause it first`, {
    technicianId,
    roId: busy.ro.id,
    operationId: busy.op.id,
  });
};

export function decideOperation(state: WorkshopState, c: OpCommand, ctx: DecideContext): Decision {
  const ro = state.ros.get(c.roId);
  if (!ro) return fail('not_found', `There is no repair order "${c.roId}"`, { roId: c.roId });
  if (c.type === 'addOperation') {
    if (!PLANNING_STAGES.includes(ro.stage))
      return fail('illegal_transition', `Cannot add an operation to ${ro.number}: it is ${ro.stage}`, { current: ro.stage, requested: 'addOperation' });
    if (ro.operations.some((o) => o.id === c.operation.id)) return fail('conflict', `Operation "${c.operation.id}" already exists on ${ro.number}`);
    return (
      checkBay(ctx, c.operation.bayId, c.operation.technicianId) ?? {
        ok: true,
        fact: fact('operationAdded', { roId: ro.id, operation: newOperation(c.operation) }),
      }
    );
  }
  const op = ro.operations.find((o) => o.id === c.operationId);
  if (!op) return fail('not_found', `Repair order ${ro.number} has no operation "${c.operationId}"`, { operationId: c.operationId });
  const ref = { roId: ro.id, operationId: op.id };
  const ok = (f: Extract<Decision, { ok: true }>['fact']): Decision => ({ ok: true, fact: f });
  const inWork = (action: string) =>
    WORK_STAGES.includes(ro.stage) ? undefined : illegalStage(ro, action === 'start work on' ? 'in_service' : ro.stage, action);

  switch (c.type) {
    case 'assignOperation': {
      if (!PLANNING_STAGES.includes(ro.stage))
        return fail('illegal_transition', `Cannot assign work on ${ro.number}: it is ${ro.stage}`, { current: ro.stage, requested: 'assign' });
      const status = op.status === 'paused' ? 'paused' : 'assigned';
      if (op.status === 'in_progress' || op.status === 'done' || !canMoveOperation(op.status, status)) return illegalOp(ro, op, 'assigned', 'reassign');
      return (
        checkBay(ctx, c.bayId, c.technicianId) ??
        ok(fact('operationAssigned', compact({ ...ref, bayId: c.bayId, technicianId: c.technicianId ?? op.technicianId, status })))
      );
    }
    case 'startOperation': {
      const refused = inWork('start work on');
      if (refused) return refused;
      if (ro.stage !== 'in_service' && !canMoveStage(ro.stage, 'in_service')) return illegalStage(ro, 'in_service', 'start work on');
      if (!canMoveOperation(op.status, 'in_progress') || (op.status === 'unassigned' && !c.bayId)) return illegalOp(ro, op, 'in_progress', 'start');
      const bayId = c.bayId ?? op.bayId;
      const technicianId = c.technicianId ?? op.technicianId;
      const bad = checkBay(ctx, bayId, technicianId);
      if (bad) return bad;
      const occupant = bayId && ctx.store ? carInBay(state, bayId) : undefined;
      if (occupant && occupant.id !== ro.id)
        return fail('conflict', `Bay ${bayId} is busy with ${occupant.number}; finish or pause that work first`, { bayId, roId: occupant.id });
      return busyTechnician(state, technicianId, ctx, op.id) ?? ok(fact('operationStarted', compact({ ...ref, bayId, technicianId })));
    }
    case 'pauseOperation':
      if (!WORK_STAGES.includes(ro.stage)) return illegalStage(ro, ro.stage, 'pause work on');
      if (!canMoveOperation(op.status, 'paused')) return illegalOp(ro, op, 'paused', 'pause');
      if (c.pause.reason === 'parts') {
        const past = pastEta(c.pause.eta, ctx, 'pause.eta');
        if (past) return past;
      }
      return ok(fact('operationPaused', { ...ref, pause: c.pause, workedMs: workedUntil(op, ctx.at) }));
    case 'resumeOperation':
      if (!WORK_STAGES.includes(ro.stage)) return illegalStage(ro, ro.stage, 'resume work on');
      if (op.status !== 'paused') return illegalOp(ro, op, 'in_progress', 'resume');
      return busyTechnician(state, op.technicianId, ctx) ?? ok(fact('operationResumed', ref));
    case 'finishOperation': {
      if (!WORK_STAGES.includes(ro.stage)) return illegalStage(ro, ro.stage, 'finish work on');
      if (op.status !== 'in_progress') return illegalOp(ro, op, 'done', 'finish');
      // Derived rule: when the last operation is done the car goes to quality check.
      const last = ro.stage === 'in_service' && ro.operations.every((o) => o.id === op.id || o.status === 'done');
      if (last && !canMoveStage(ro.stage, 'quality_check')) return illegalStage(ro, 'quality_check', 'finish the last operation of');
      return ok(fact('operationFinished', { ...ref, workedMs: workedUntil(op, ctx.at), ...(last ? { toQualityCheck: true as const } : {}) }));
    }
    case 'correctPartsEta': {
      if (op.status !== 'paused' || op.pause?.reason !== 'parts')
        return fail(
          'illegal_transition',
          `Cannot correct the parts ETA of "${op.title}" on ${ro.number}: it is ${op.status}${op.pause ? ` (${op.pause.reason})` : ''}, not waiting for parts`,
          {
            current: op.status,
            requested: 'correctPartsEta',
            operationId: op.id,
          },
        );
      return pastEta(c.eta, ctx, 'eta') ?? ok(fact('partsEtaCorrected', compact({ ...ref, eta: c.eta, previous: op.pause.eta })));
    }
  }
}

/** The operation a fact names, changed by `update` (and the car by `then`); nothing when either is gone. */
const changeOp = (
  state: WorkshopState,
  roId: string,
  operationId: string,
  update: (op: Operation) => Operation,
  then?: (ro: RepairOrder) => RepairOrder,
): Change[] =>
  changeRo(state, roId, (ro) => {
    const next = { ...ro, operations: ro.operations.map((o) => (o.id === operationId ? update(o) : o)) };
    return then ? then(next) : next;
  });

const withoutRun = (op: Operation): Operation => {
  const { runningSince: _r, ...rest } = op;
  return rest;
};

type OpFactType =
  'operationAdded' | 'operationAssigned' | 'operationStarted' | 'operationPaused' | 'operationResumed' | 'operationFinished' | 'partsEtaCorrected';

/** Record what an operation fact says. Never refuses. */
export const evolveOperation: { [T in OpFactType]: (state: WorkshopState, data: FactOf<T>['data'], e: EventContext) => Change[] } = {
  operationAdded: (state, { roId, operation }) => changeRo(state, roId, (ro) => ({ ...ro, operations: [...ro.operations, operation] })),
  operationAssigned: (state, { roId, operationId, bayId, technicianId, status }) =>
    changeOp(state, roId, operationId, (op) => compact({ ...op, status, bayId, technicianId })),
  operationStarted: (state, { roId, operationId, bayId, technicianId }, { at }) =>
    changeOp(
      state,
      roId,
      operationId,
      (op) => compact({ ...op, status: 'in_progress', bayId, technicianId, runningSince: at, startedAt: op.startedAt ?? at }),
      (ro) => withStage(ro, 'in_service', at),
    ),
  operationPaused: (state, { roId, operationId, pause, workedMs }) =>
    changeOp(state, roId, operationId, (op) => ({ ...withoutRun(op), workedMs, status: 'paused', pause })),
  operationResumed: (state, { roId, operationId }, { at }) =>
    changeOp(state, roId, operationId, (op) => {
      const { pause: _p, ...rest } = op;
      return { ...rest, status: 'in_progress', runningSince: at };
    }),
  operationFinished: (state, { roId, operationId, workedMs, toQualityCheck }, { at }) =>
    changeOp(
      state,
      roId,
      operationId,
      (op) => ({ ...withoutRun(op), workedMs, status: 'done', finishedAt: at }),
      toQualityCheck ? (ro) => withStage(ro, 'quality_check', at) : undefined,
    ),
  partsEtaCorrected: (state, { roId, operationId, eta }) =>
    changeOp(state, roId, operationId, (op) => (op.pause?.reason === 'parts' ? { ...op, pause: { ...op.pause, eta } } : op)),
};

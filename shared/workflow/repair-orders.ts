import type { Operation, RepairOrder, RoStage } from '../domain/repair-order';
import { TERMINAL_STAGES } from '../domain/stages';
import type { CommandOf, OperationDraft } from './commands';
import { fact, type FactOf } from './facts';
import {
  canMoveStage,
  changeAppointment,
  changeRo,
  checkBay,
  compact,
  fail,
  illegalStage,
  queueNumberTaken,
  withStage,
  type Change,
  type DecideContext,
  type Decision,
  type EventContext,
  type WorkshopState,
} from './rules';

/** Repair orders and their stages: opening, editing, check-in, dispatch, QC, wash, ready, hand-over. */

export type RoCommand = CommandOf<
  | 'createRepairOrder'
  | 'updateRepairOrder'
  | 'checkIn'
  | 'sendToWorkshop'
  | 'qcPass'
  | 'qcFail'
  | 'washDone'
  | 'markReady'
  | 'deliver'
  | 'cancel'
  | 'markNoShow'
  | 'submitSurvey'
>;

export const newOperation = (draft: OperationDraft): Operation =>
  compact({
    ...draft,
    status: draft.bayId ? 'assigned' : 'unassigned',
    workedMs: 0,
    reworks: 0,
  });

/** A move from the stage the car is in, checked against STAGE_MOVES (and, given, the stages this action starts from). */
const move = (ro: RepairOrder, to: RoStage, action: string, from?: readonly RoStage[]) =>
  canMoveStage(ro.stage, to) && (!from || from.includes(ro.stage)) ? undefined : illegalStage(ro, to, action);

/** A prepared repair order's appointment moves with it (check-in, no-show, cancel) while it is still booked. */
const appointmentInStep = (state: WorkshopState, ro: RepairOrder): string | undefined =>
  ro.appointmentId && state.appointments.get(ro.appointmentId)?.status === 'booked' ? ro.appointmentId : undefined;

export function decideRepairOrder(state: WorkshopState, c: RoCommand, ctx: DecideContext): Decision {
  if (c.type === 'createRepairOrder') return decideCreate(state, c, ctx);
  const ro = state.ros.get(c.roId);
  if (!ro) return fail('not_found', `There is no repair order "${c.roId}"`, { roId: c.roId });
  const ok = (f: Extract<Decision, { ok: true }>['fact']): Decision => ({ ok: true, fact: f });
  switch (c.type) {
    case 'updateRepairOrder':
      if (TERMINAL_STAGES.includes(ro.stage))
        return fail('illegal_transition', `Repair order ${ro.number} is ${ro.stage} and can no longer be edited`, { current: ro.stage, requested: 'update' });
      return ok(fact('repairOrderUpdated', { roId: ro.id, patch: c.patch }));
    case 'checkIn':
      return (
        queueNumberTaken(state, ro.id, c.queueNumber, ctx) ??
        move(ro, 'checked_in', 'check in') ??
        ok(
          fact(
            'repairOrderCheckedIn',
            compact({ roId: ro.id, queueNumber: c.queueNumber, appointmentId: appointmentInStep(state, ro), contactConsent: c.contactConsent }),
          ),
        )
      );
    case 'sendToWorkshop': {
      const refused = move(ro, 'waiting_dispatch', 'send to the workshop');
      if (refused) return refused;
      if (ro.operations.length === 0)
        return fail('illegal_transition', `Repair order ${ro.number} has no operations to dispatch`, { current: ro.stage, requested: 'waiting_dispatch' });
      return ok(fact('repairOrderSentToWorkshop', { roId: ro.id }));
    }
    case 'qcPass': {
      const next = ro.wash ? 'washing' : 'ready';
      return move(ro, next, 'pass quality check for', ['quality_check']) ?? ok(fact('qcPassed', compact({ roId: ro.id, note: c.note, next })));
    }
    case 'qcFail': {
      const refused = move(ro, 'in_service', 'fail quality check for', ['quality_check']);
      if (refused) return refused;
      const unknown = c.operationIds.filter((id) => !ro.operations.some((o) => o.id === id));
      if (unknown.length)
        return fail('not_found', `Repair order ${ro.number} has no operation ${unknown.map((u) => `"${u}"`).join(', ')}`, { operationIds: unknown });
      const reopened = ro.operations
        .filter((o) => c.operationIds.includes(o.id))
        .map((o) => ({ operationId: o.id, status: o.bayId ? ('assigned' as const) : ('unassigned' as const) }));
      return ok(fact('qcFailed', { roId: ro.id, reason: c.reason, reopened }));
    }
    case 'washDone':
      return move(ro, 'ready', 'finish washing', ['washing']) ?? ok(fact('washFinished', { roId: ro.id }));
    case 'markReady':
      return move(ro, 'ready', 'mark ready', ['washing']) ?? ok(fact('repairOrderMarkedReady', { roId: ro.id }));
    case 'deliver':
      return move(ro, 'delivered', 'deliver') ?? ok(fact('repairOrderDelivered', { roId: ro.id }));
    case 'cancel': {
      const refused = move(ro, 'cancelled', 'cancel');
      if (refused) return refused;
      if (ro.operations.some((o) => o.status === 'in_progress'))
        return fail('illegal_transition', `Cannot cancel ${ro.number}: work is in progress on it`, { current: ro.stage, requested: 'cancelled' });
      return ok(fact('repairOrderCancelled', compact({ roId: ro.id, reason: c.reason, appointmentId: appointmentInStep(state, ro) })));
    }
    case 'markNoShow':
      return move(ro, 'no_show', 'mark as no-show') ?? ok(fact('repairOrderNoShow', compact({ roId: ro.id, appointmentId: appointmentInStep(state, ro) })));
    case 'submitSurvey':
      if (ro.stage !== 'delivered')
        return fail('illegal_transition', `The survey opens after delivery; ${ro.number} is ${ro.stage}`, { current: ro.stage, requested: 'survey' });
      if (ro.survey) return fail('conflict', `Repair order ${ro.number} already has a survey answer`, { current: 'answered', requested: 'survey' });
      return ok(fact('surveySubmitted', compact({ roId: ro.id, score: c.score, comment: c.comment })));
  }
}

function decideCreate(state: WorkshopState, c: CommandOf<'createRepairOrder'>, ctx: DecideContext): Decision {
  if (state.ros.has(c.roId)) return fail('conflict', `Repair order "${c.roId}" already exists`, { roId: c.roId });
  // Numbers are counted per day by whoever creates the order; two processes may pick the same.
  if (ctx.store && [...state.ros.values()].some((r) => r.number === c.number))
    return fail('number_taken', `Repair order number ${c.number} is already in use`, { number: c.number });
  if (c.externalId) {
    const holder = [...state.ros.values()].find((r) => r.externalId === c.externalId);
    if (holder)
      return fail('conflict', `External id "${c.externalId}" is already repair order ${holder.number}`, { externalId: c.externalId, roId: holder.id });
  }
  if (c.stage === 'checked_in') {
    const taken = queueNumberTaken(state, c.roId, c.queueNumber, ctx);
    if (taken) return taken;
  }
  for (const draft of c.operations) {
    const bad = checkBay(ctx, draft.bayId, draft.technicianId);
    if (bad) return bad;
  }
  let appointment: FactOf<'repairOrderCreated'>['data']['appointment'];
  if (c.appointmentId) {
    const appt = state.appointments.get(c.appointmentId);
    if (!appt) return fail('not_found', `There is no appointment "${c.appointmentId}"`, { appointmentId: c.appointmentId });
    if (appt.status !== 'booked')
      return fail('illegal_transition', `Appointment ${appt.id} is ${appt.status}, and ${appt.status} → checked_in is not allowed`, {
        current: appt.status,
        requested: 'checked_in',
      });
    if (appt.roId) return fail('conflict', `Appointment ${appt.id} already has repair order ${appt.roId}; check that one in instead`, { roId: appt.roId });
    appointment = c.stage === 'checked_in' ? { id: appt.id, status: 'checked_in' } : { id: appt.id };
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
  return { ok: true, fact: fact('repairOrderCreated', compact({ ro, appointment })) };
}

type RoFactType =
  | 'repairOrderCreated'
  | 'repairOrderUpdated'
  | 'repairOrderCheckedIn'
  | 'repairOrderSentToWorkshop'
  | 'qcPassed'
  | 'qcFailed'
  | 'washFinished'
  | 'repairOrderMarkedReady'
  | 'repairOrderDelivered'
  | 'repairOrderCancelled'
  | 'repairOrderNoShow'
  | 'surveySubmitted';

/** Record what a repair-order fact says. Never refuses: a fact names a record that is gone → nothing changes. */
export const evolveRepairOrder: { [T in RoFactType]: (state: WorkshopState, data: FactOf<T>['data'], e: EventContext) => Change[] } = {
  repairOrderCreated: (state, { ro, appointment }) => [
    { kind: 'ro', value: ro },
    ...changeAppointment(state, appointment?.id, appointment?.status ? { roId: ro.id, status: appointment.status } : { roId: ro.id }),
  ],
  repairOrderUpdated: (state, { roId, patch }) =>
    changeRo(state, roId, (ro) => {
      const { vehicle, customer, promisedAt, ...simple } = patch;
      const next: RepairOrder = { ...ro, ...simple, vehicle: { ...ro.vehicle, ...vehicle }, customer: { ...ro.customer, ...customer } };
      if (promisedAt === null) delete next.promisedAt;
      else if (promisedAt !== undefined) next.promisedAt = promisedAt;
      return next;
    }),
  repairOrderCheckedIn: (state, { roId, queueNumber, appointmentId, contactConsent }, { at }) => [
    ...changeRo(state, roId, (ro) => ({
      ...withStage(ro, 'checked_in', at),
      checkedInAt: at,
      ...(queueNumber ? { queueNumber } : {}),
      ...(contactConsent ? { contactConsent } : {}),
    })),
    ...changeAppointment(state, appointmentId, { status: 'checked_in' }),
  ],
  repairOrderSentToWorkshop: (state, { roId }, { at }) => changeRo(state, roId, (ro) => withStage(ro, 'waiting_dispatch', at)),
  qcPassed: (state, { roId, note, next }, { at }) =>
    changeRo(state, roId, (ro) => {
      const { qcNote: _n, ...rest } = withStage(ro, next, at);
      return { ...rest, ...(note !== undefined ? { qcNote: note } : {}), ...(next === 'ready' ? { readyAt: at } : {}) };
    }),
  qcFailed: (state, { roId, reason, reopened }, { at }) =>
    changeRo(state, roId, (ro) => ({
      ...withStage(ro, 'in_service', at, `rework: ${reason}`),
      operations: ro.operations.map((o): Operation => {
        const reopen = reopened.find((r) => r.operationId === o.id);
        if (!reopen) return o;
        const { finishedAt: _f, ...rest } = o;
        return { ...rest, status: reopen.status, reworks: o.reworks + 1 };
      }),
      reworkCount: ro.reworkCount + 1,
      qcNote: reason,
    })),
  washFinished: (state, { roId }, { at }) => changeRo(state, roId, (ro) => ({ ...withStage(ro, 'ready', at), readyAt: at })),
  repairOrderMarkedReady: (state, { roId }, { at }) => changeRo(state, roId, (ro) => ({ ...withStage(ro, 'ready', at), readyAt: at })),
  repairOrderDelivered: (state, { roId }, { at }) => changeRo(state, roId, (ro) => ({ ...withStage(ro, 'delivered', at), deliveredAt: at })),
  repairOrderCancelled: (state, { roId, reason, appointmentId }, { at }) => [
    ...changeRo(state, roId, (ro) => ({ ...withStage(ro, 'cancelled', at), cancelReason: reason })),
    ...changeAppointment(state, appointmentId, { status: 'cancelled' }),
  ],
  repairOrderNoShow: (state, { roId, appointmentId }, { at }) => [
    ...changeRo(state, roId, (ro) => withStage(ro, 'no_show', at)),
    ...changeAppointment(state, appointmentId, { status: 'no_show' }),
  ],
  surveySubmitted: (state, { roId, score, comment }, { at }) => changeRo(state, roId, (ro) => ({ ...ro, survey: compact({ score, comment, at }) })),
};

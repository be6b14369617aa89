import type { RoStage } from '../../shared/domain/repair-order';
import type { WorkshopEvent } from '../../shared/workflow/events';
import type { WorkshopState } from '../../shared/workflow/rules';

/**
 * Which accepted facts the outside hears of, as Standard Webhooks messages: a dot-delimited
 * `type` and the `data` the DMS needs to match and act (its own id as `externalId`, our ids,
 * number and stage). Customer names and phone numbers are not sent: the DMS has them.
 *
 * To add one: name it in WEBHOOK_EVENT_TYPES and build it in `messageOf`.
 *
 * `customer.message` is not a fact of the log but a message to a customer that the store's notify
 * config hands to its CRM (server/notify/webhook.ts, `WebhookOutbox.enqueueCustom`). It carries the
 * customer's phone and name, so only endpoints that name it in their `events` get it (OPT_IN_TYPES).
 */
export const WEBHOOK_EVENT_TYPES = [
  'repair_order.created',
  'repair_order.updated',
  'repair_order.stage_changed',
  'repair_order.qc_result',
  'repair_order.ready',
  'repair_order.delivered',
  'repair_order.survey',
  'operation.started',
  'operation.paused',
  'operation.finished',
  'parts_wait.started',
  'appointment.booked',
  'appointment.changed',
  'appointment.cancelled',
  'appointment.no_show',
  'customer.message',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Types an endpoint with no `events` filter does not get: it must name them. */
export const OPT_IN_TYPES: readonly WebhookEventType[] = ['customer.message'];

export interface WebhookMessage {
  /** The spec's webhook-id: the same for every attempt and endpoint of this event. */
  id: string;
  storeId: string;
  seq: number;
  type: WebhookEventType;
  /** The JSON body, exactly as signed and sent on every attempt. */
  body: string;
}

const STAGE_OF: Partial<Record<WorkshopEvent['type'], RoStage>> = {
  repairOrderCheckedIn: 'checked_in',
  repairOrderSentToWorkshop: 'waiting_dispatch',
  qcFailed: 'in_service',
  washFinished: 'ready',
  repairOrderMarkedReady: 'ready',
  repairOrderDelivered: 'delivered',
  repairOrderCancelled: 'cancelled',
  repairOrderNoShow: 'no_show',
};

/** The message for one event, or undefined when the outside does not hear of it. */
export function messageOf(event: WorkshopEvent, state: WorkshopState | undefined): WebhookMessage | undefined {
  const roRef = (roId: string) => {
    const ro = state?.ros.get(roId);
    return { roId, ...(ro ? { number: ro.number, ...(ro.externalId ? { externalId: ro.externalId } : {}) } : {}) };
  };
  const apptRef = (appointmentId: string) => {
    const a = state?.appointments.get(appointmentId);
    return { appointmentId, ...(a?.externalId ? { externalId: a.externalId } : {}) };
  };
  const opRef = (roId: string, operationId: string) => {
    const op = state?.ros.get(roId)?.operations.find((o) => o.id === operationId);
    return { ...roRef(roId), operationId, ...(op ? { code: op.code, standardHours: op.standardHours } : {}) };
  };
  let type: WebhookEventType;
  let data: Record<string, unknown>;
  switch (event.type) {
    case 'repairOrderCreated': {
      const { ro } = event.data;
      type = 'repair_order.created';
      data = {
        roId: ro.id,
        number: ro.number,
        ...(ro.externalId ? { externalId: ro.externalId } : {}),
        stage: ro.stage,
        vehicle: { plate: ro.vehicle.plate, ...(ro.vehicle.vin ? { vin: ro.vehicle.vin } : {}), make: ro.vehicle.make, model: ro.vehicle.model },
        ...(ro.advisorId ? { advisorId: ro.advisorId } : {}),
        ...(ro.promisedAt ? { promisedAt: ro.promisedAt } : {}),
        ...(ro.appointmentId ? { appointmentId: ro.appointmentId } : {}),
        operations: ro.operations.map((o) => ({ operationId: o.id, code: o.code, title: o.title, standardHours: o.standardHours })),
      };
      break;
    }
    case 'repairOrderUpdated': {
      const { customer: _c, externalUpdatedAt: _t, ...patch } = event.data.patch;
      // Only the DMS's own clock moved (an import line that changed nothing else): nothing to tell it.
      if (Object.keys(patch).length === 0 && !_c) return undefined;
      type = 'repair_order.updated';
      data = {
        ...roRef(event.data.roId),
        changed: Object.keys(event.data.patch).filter((k) => k !== 'externalUpdatedAt'),
        ...('promisedAt' in patch ? { promisedAt: patch.promisedAt } : {}),
      };
      break;
    }
    case 'qcPassed':
      type = event.data.next === 'ready' ? 'repair_order.ready' : 'repair_order.qc_result';
      data = { ...roRef(event.data.roId), result: 'pass', stage: event.data.next, ...(event.data.note ? { note: event.data.note } : {}) };
      break;
    case 'qcFailed':
      type = 'repair_order.qc_result';
      data = {
        ...roRef(event.data.roId),
        result: 'fail',
        stage: 'in_service',
        reason: event.data.reason,
        reopened: event.data.reopened.map((r) => r.operationId),
      };
      break;
    case 'repairOrderCheckedIn':
    case 'repairOrderSentToWorkshop':
    case 'washFinished':
    case 'repairOrderMarkedReady':
    case 'repairOrderDelivered':
    case 'repairOrderCancelled':
    case 'repairOrderNoShow': {
      const stage = STAGE_OF[event.type]!;
      type = stage === 'ready' ? 'repair_order.ready' : stage === 'delivered' ? 'repair_order.delivered' : 'repair_order.stage_changed';
      data = { ...roRef(event.data.roId), stage, ...('reason' in event.data ? { reason: event.data.reason } : {}) };
      break;
    }
    case 'surveySubmitted':
      type = 'repair_order.survey';
      data = { ...roRef(event.data.roId), score: event.data.score, ...(event.data.comment ? { comment: event.data.comment } : {}) };
      break;
    case 'operationStarted':
    case 'operationResumed':
      type = 'operation.started';
      data = {
        ...opRef(event.data.roId, event.data.operationId),
        resumed: event.type === 'operationResumed',
        ...('bayId' in event.data && event.data.bayId ? { bayId: event.data.bayId } : {}),
        ...('technicianId' in event.data && event.data.technicianId ? { technicianId: event.data.technicianId } : {}),
      };
      break;
    case 'operationPaused': {
      const { pause } = event.data;
      type = pause.reason === 'parts' ? 'parts_wait.started' : 'operation.paused';
      data = {
        ...opRef(event.data.roId, event.data.operationId),
        reason: pause.reason,
        workedMs: event.data.workedMs,
        ...(pause.reason === 'parts' ? { part: pause.part, ...(pause.eta ? { eta: pause.eta } : {}) } : {}),
      };
      break;
    }
    case 'operationFinished':
      type = 'operation.finished';
      data = {
        ...opRef(event.data.roId, event.data.operationId),
        workedMs: event.data.workedMs,
        ...(event.data.toQualityCheck ? { stage: 'quality_check' } : {}),
      };
      break;
    case 'appointmentBooked': {
      const a = event.data.appointment;
      type = 'appointment.booked';
      data = {
        appointmentId: a.id,
        ...(a.externalId ? { externalId: a.externalId } : {}),
        at: a.at,
        services: a.services,
        vehicle: { plate: a.vehicle.plate, ...(a.vehicle.vin ? { vin: a.vehicle.vin } : {}) },
        ...(a.bayId ? { bayId: a.bayId } : {}),
        ...(a.advisorId ? { advisorId: a.advisorId } : {}),
      };
      break;
    }
    case 'appointmentUpdated': {
      const appt = state?.appointments.get(event.data.appointmentId);
      type = 'appointment.changed';
      data = {
        ...apptRef(event.data.appointmentId),
        changed: Object.keys(event.data.patch),
        ...(appt ? { at: appt.at, services: appt.services, ...(appt.bayId ? { bayId: appt.bayId } : {}) } : {}),
      };
      break;
    }
    case 'appointmentCancelled':
      type = 'appointment.cancelled';
      data = {
        ...apptRef(event.data.appointmentId),
        ...(event.data.reason ? { reason: event.data.reason } : {}),
        ...(event.data.roId ? { roId: event.data.roId } : {}),
      };
      break;
    case 'appointmentNoShow':
      type = 'appointment.no_show';
      data = apptRef(event.data.appointmentId);
      break;
    default:
      return undefined;
  }
  const body = JSON.stringify({ type, timestamp: event.at, data: { storeId: event.storeId, seq: event.seq, ...data } });
  return { id: `msg_${event.storeId}_${event.seq}`, storeId: event.storeId, seq: event.seq, type, body };
}

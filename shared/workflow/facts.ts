import type { AdvisorCall } from '../domain/advisor-call';
import type { Appointment, Display, Operation, Pause, RepairOrder } from '../domain/repair-order';
import type { AppointmentPatch, RoPatch } from './commands';
import type { DeviceAccess, RevocableKind } from './access';

/**
 * What the workflow decided, as stored facts: past-tense names, schema version `v`, and in `data`
 * the values that resulted, so that `evolve` only records them and never re-checks a rule.
 *
 * To change a fact's shape: bump its `v`, keep reading the old one through an upcaster in
 * ./upcasters.ts (with its own test), and write only the new one. To change a rule: change
 * `decide` only; stored facts never meet the new rule.
 */
interface FactShapes {
  // repair orders and their stages
  repairOrderCreated: { ro: RepairOrder; appointment?: { id: string; status?: 'checked_in' } };
  repairOrderUpdated: { roId: string; patch: RoPatch };
  repairOrderCheckedIn: { roId: string; queueNumber?: string; appointmentId?: string };
  repairOrderSentToWorkshop: { roId: string };
  qcPassed: { roId: string; note?: string; next: 'washing' | 'ready' };
  qcFailed: { roId: string; reason: string; reopened: { operationId: string; status: 'assigned' | 'unassigned' }[] };
  washFinished: { roId: string };
  repairOrderMarkedReady: { roId: string };
  repairOrderDelivered: { roId: string };
  repairOrderCancelled: { roId: string; reason: string; appointmentId?: string };
  repairOrderNoShow: { roId: string; appointmentId?: string };
  surveySubmitted: { roId: string; score: number; comment?: string };
  // operations
  operationAdded: { roId: string; operation: Operation };
  operationAssigned: { roId: string; operationId: string; bayId: string; technicianId?: string; status: 'assigned' | 'paused' };
  operationStarted: { roId: string; operationId: string; bayId?: string; technicianId?: string };
  operationPaused: { roId: string; operationId: string; pause: Pause; workedMs: number };
  operationResumed: { roId: string; operationId: string };
  /** `toQualityCheck`: it was the car's last open operation, so the car went to quality check. */
  operationFinished: { roId: string; operationId: string; workedMs: number; toQualityCheck?: true };
  // appointments
  appointmentBooked: { appointment: Appointment };
  appointmentUpdated: { appointmentId: string; patch: AppointmentPatch };
  /** `roId`: the prepared (scheduled) repair order that was cancelled with it. */
  appointmentCancelled: { appointmentId: string; roId?: string };
  appointmentNoShow: { appointmentId: string; roId?: string };
  // displays and advisor calls
  displayPaired: { display: Display };
  displayUnpaired: { displayId: string };
  advisorCalled: { call: AdvisorCall };
  callAcknowledged: { callId: string };
  // scan access
  /** `pinFailuresCleared`: a right PIN ended a run of wrong ones. */
  deviceSignedIn: { device: DeviceAccess; pinFailuresCleared?: true };
  deviceSignedOut: { deviceId: string };
  deviceRevoked: { deviceId: string };
  pinSet: { personId: string; pinHash: string };
  pinFailureRecorded: { personId: string; failures: number; locked: boolean };
  pinUnlocked: { personId: string };
  codesRevoked: { kind: RevocableKind; subjectId: string; before: string };
}

export type FactType = keyof FactShapes;
/** The current schema version of every fact; a stored fact of an older `v` is upcast on read. */
export const FACT_VERSIONS = {
  repairOrderCreated: 1, repairOrderUpdated: 1, repairOrderCheckedIn: 1, repairOrderSentToWorkshop: 1, qcPassed: 1, qcFailed: 1,
  washFinished: 1, repairOrderMarkedReady: 1, repairOrderDelivered: 1, repairOrderCancelled: 1, repairOrderNoShow: 1, surveySubmitted: 1,
  operationAdded: 1, operationAssigned: 1, operationStarted: 1, operationPaused: 1, operationResumed: 1, operationFinished: 1,
  appointmentBooked: 1, appointmentUpdated: 1, appointmentCancelled: 1, appointmentNoShow: 1,
  displayPaired: 1, displayUnpaired: 1, advisorCalled: 1, callAcknowledged: 1,
  deviceSignedIn: 1, deviceSignedOut: 1, deviceRevoked: 1, pinSet: 1, pinFailureRecorded: 1, pinUnlocked: 1, codesRevoked: 1,
} as const satisfies Record<FactType, number>;
export const FACT_TYPES = Object.keys(FACT_VERSIONS) as FactType[];

export type FactOf<T extends FactType> = { type: T; v: (typeof FACT_VERSIONS)[T]; data: FactShapes[T] };
export type Fact = { [T in FactType]: FactOf<T> }[FactType];

/** Build a fact at its current version. */
export const fact = <T extends FactType>(type: T, data: FactShapes[T]): FactOf<T> =>
  ({ type, v: FACT_VERSIONS[type], data }) as FactOf<T>;

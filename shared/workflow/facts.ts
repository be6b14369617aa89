import type { AdvisorCall } from '../domain/advisor-call';
import type { Alarm } from '../domain/alarm';
import type { Appointment, ContactConsent, Display, Operation, Pause, RepairOrder } from '../domain/repair-order';
import type { AppointmentPatch, ReminderOutcome, RoPatch } from './commands';
import type { DeviceAccess, RevocableKind } from './access';
import type { Role } from '../domain/people';
import type { AddOnChannel, AddOnDecider } from '../domain/add-on';

/** Booked past a skill's free hours: who allowed it, why, when, and what was short. */
export type CapacityOverride = NonNullable<Appointment['capacityOverride']>;

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
  /** `contactConsent` (optional, so older facts need no upcaster): what the customer agreed to at this check-in. */
  repairOrderCheckedIn: { roId: string; queueNumber?: string; appointmentId?: string; contactConsent?: ContactConsent };
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
  /** `capacityOverride` (optional, no upcaster): the move took a skill past its free hours, on this person's word. */
  appointmentUpdated: { appointmentId: string; patch: AppointmentPatch; capacityOverride?: CapacityOverride };
  /**
   * `roId`: the prepared (scheduled) repair order that was cancelled with it. `reason` since v2
   * (the cancellation-reason report); v1 facts have none, and none is made up for them.
   */
  appointmentCancelled: { appointmentId: string; roId?: string; reason?: string; reasonCode?: string };
  appointmentNoShow: { appointmentId: string; roId?: string };
  // displays and advisor calls
  displayPaired: { display: Display };
  displayUnpaired: { displayId: string };
  advisorCalled: { call: AdvisorCall };
  callAcknowledged: { callId: string };
  // parts waits
  /** The ETA of a parts wait, corrected by a dispatcher; `previous` is the one it replaced. */
  partsEtaCorrected: { roId: string; operationId: string; eta: string; previous?: string };
  // maintenance reminders (/reminders): who worked which, and how (the actor and time are the event's)
  reminderOutcomeRecorded: { reminderId: string; outcome: ReminderOutcome; note?: string };
  // anomaly alarms (server/alarms)
  alarmRaised: { alarm: Alarm };
  /** `reason`: what resolved it (`resolved`, or `gone` when its subject left the live state). */
  alarmCleared: { alarmId: string; reason: string };
  // add-on work (./add-ons.ts)
  addOnProposed: {
    roId: string;
    addOnId: string;
    title: string;
    price: number;
    hours: number;
    photoIds: string[];
    by: string;
    bayId?: string;
    technicianId?: string;
  };
  /**
   * `operation`: the work as it joins the order; `resumed`: operations paused for "approval" that
   * went back to work because nothing is left to decide.
   */
  addOnApproved: {
    roId: string;
    addOnId: string;
    by: AddOnDecider;
    channel: AddOnChannel;
    at: string;
    personId?: string;
    operation: Operation;
    resumed: string[];
  };
  addOnDeclined: { roId: string; addOnId: string; by: AddOnDecider; channel: AddOnChannel; at: string; personId?: string; resumed: string[] };
  // scan access
  /** `pinFailuresCleared`: a right PIN ended a run of wrong ones. */
  deviceSignedIn: { device: DeviceAccess; pinFailuresCleared?: true };
  deviceSignedOut: { deviceId: string };
  deviceRevoked: { deviceId: string };
  pinSet: { personId: string; pinHash: string };
  pinFailureRecorded: { personId: string; failures: number; locked: boolean };
  pinUnlocked: { personId: string };
  codesRevoked: { kind: RevocableKind; subjectId: string; before: string };
  // staff accounts
  personAdded: { personId: string; name: string; roles: Role[] };
  personDisabled: { personId: string };
  personEnabled: { personId: string };
  passwordSet: { personId: string; passwordHash: string };
  passwordCleared: { personId: string };
}

export type FactType = keyof FactShapes;
/** The current schema version of every fact; a stored fact of an older `v` is upcast on read. */
export const FACT_VERSIONS = {
  repairOrderCreated: 1,
  repairOrderUpdated: 1,
  repairOrderCheckedIn: 1,
  repairOrderSentToWorkshop: 1,
  qcPassed: 1,
  qcFailed: 1,
  washFinished: 1,
  repairOrderMarkedReady: 1,
  repairOrderDelivered: 1,
  repairOrderCancelled: 1,
  repairOrderNoShow: 1,
  surveySubmitted: 1,
  operationAdded: 1,
  operationAssigned: 1,
  operationStarted: 1,
  operationPaused: 1,
  operationResumed: 1,
  operationFinished: 1,
  appointmentBooked: 1,
  appointmentUpdated: 1,
  appointmentCancelled: 2,
  appointmentNoShow: 1,
  displayPaired: 1,
  displayUnpaired: 1,
  advisorCalled: 1,
  callAcknowledged: 1,
  partsEtaCorrected: 1,
  reminderOutcomeRecorded: 1,
  alarmRaised: 1,
  alarmCleared: 1,
  addOnProposed: 1,
  addOnApproved: 1,
  addOnDeclined: 1,
  deviceSignedIn: 1,
  deviceSignedOut: 1,
  deviceRevoked: 1,
  pinSet: 1,
  pinFailureRecorded: 1,
  pinUnlocked: 1,
  codesRevoked: 1,
  personAdded: 1,
  personDisabled: 1,
  personEnabled: 1,
  passwordSet: 1,
  passwordCleared: 1,
} as const satisfies Record<FactType, number>;
export const FACT_TYPES = Object.keys(FACT_VERSIONS) as FactType[];

export type FactOf<T extends FactType> = { type: T; v: (typeof FACT_VERSIONS)[T]; data: FactShapes[T] };
export type Fact = { [T in FactType]: FactOf<T> }[FactType];

/** Build a fact at its current version. */
export const fact = <T extends FactType>(type: T, data: FactShapes[T]): FactOf<T> => ({ type, v: FACT_VERSIONS[type], data }) as FactOf<T>;

import type { CommandType } from './commands';
import type { Fact, FactType } from './facts';

/**
 * Which record a stored fact is about, and which command it answers: what a retried request
 * (the same idempotency key) is compared with, now that the log keeps what was decided rather
 * than what was asked.
 */
export interface FactTarget {
  roId?: string;
  operationId?: string;
  appointmentId?: string;
  displayId?: string;
  callId?: string;
}

export function targetOfFact(f: Fact): FactTarget {
  const d = f.data as Record<string, unknown>;
  const own = (key: keyof FactTarget) => (typeof d[key] === 'string' ? { [key]: d[key] as string } : {});
  switch (f.type) {
    case 'repairOrderCreated':
      return { roId: f.data.ro.id };
    case 'appointmentBooked':
      return { appointmentId: f.data.appointment.id };
    case 'displayPaired':
      return { displayId: f.data.display.id };
    case 'advisorCalled':
      return { callId: f.data.call.id };
    case 'operationAdded':
      return { roId: f.data.roId, operationId: f.data.operation.id };
    // A repair order's fact may name the appointment that moved with it; the order is its subject.
    case 'repairOrderCheckedIn':
    case 'repairOrderCancelled':
    case 'repairOrderNoShow':
      return { roId: f.data.roId };
    // And an appointment's may name its prepared order.
    case 'appointmentCancelled':
    case 'appointmentNoShow':
      return { appointmentId: f.data.appointmentId };
    default:
      return { ...own('roId'), ...own('operationId'), ...own('appointmentId'), ...own('displayId'), ...own('callId') };
  }
}

/**
 * Whether a fact belongs in a repair order's history: the order is its subject, or it is an
 * appointment's fact that took the order's prepared copy with it (a cancelled booking cancels
 * its scheduled order, which has no fact of its own then).
 */
export function touchesRepairOrder(f: Fact, roId: string): boolean {
  if (targetOfFact(f).roId === roId) return true;
  return (f.type === 'appointmentCancelled' || f.type === 'appointmentNoShow') && f.data.roId === roId;
}

/** The facts each command can be answered with. */
export const FACTS_OF_COMMAND: Record<CommandType, readonly FactType[]> = {
  createRepairOrder: ['repairOrderCreated'],
  updateRepairOrder: ['repairOrderUpdated'],
  addOperation: ['operationAdded'],
  assignOperation: ['operationAssigned'],
  checkIn: ['repairOrderCheckedIn'],
  sendToWorkshop: ['repairOrderSentToWorkshop'],
  startOperation: ['operationStarted'],
  pauseOperation: ['operationPaused'],
  resumeOperation: ['operationResumed'],
  finishOperation: ['operationFinished'],
  qcPass: ['qcPassed'],
  qcFail: ['qcFailed'],
  washDone: ['washFinished'],
  markReady: ['repairOrderMarkedReady'],
  deliver: ['repairOrderDelivered'],
  cancel: ['repairOrderCancelled'],
  markNoShow: ['repairOrderNoShow'],
  submitSurvey: ['surveySubmitted'],
  createAppointment: ['appointmentBooked'],
  updateAppointment: ['appointmentUpdated'],
  cancelAppointment: ['appointmentCancelled'],
  markAppointmentNoShow: ['appointmentNoShow'],
  pairDisplay: ['displayPaired'],
  unpairDisplay: ['displayUnpaired'],
  callAdvisor: ['advisorCalled'],
  acknowledgeCall: ['callAcknowledged'],
  correctPartsEta: ['partsEtaCorrected'],
  recordReminderOutcome: ['reminderOutcomeRecorded'],
  raiseAlarm: ['alarmRaised'],
  clearAlarm: ['alarmCleared'],
  signInDevice: ['deviceSignedIn'],
  signOutDevice: ['deviceSignedOut'],
  revokeDevice: ['deviceRevoked'],
  setPin: ['pinSet'],
  recordPinFailure: ['pinFailureRecorded'],
  unlockPin: ['pinUnlocked'],
  revokeCodes: ['codesRevoked'],
  addPerson: ['personAdded'],
  disablePerson: ['personDisabled'],
  enablePerson: ['personEnabled'],
  setPassword: ['passwordSet'],
  clearPassword: ['passwordCleared'],
  proposeAddOn: ['addOnProposed'],
  approveAddOn: ['addOnApproved'],
  declineAddOn: ['addOnDeclined'],
};

/** Is this stored fact what a command of this type decides? */
export const answers = (f: Fact, type: CommandType): boolean => FACTS_OF_COMMAND[type].includes(f.type);

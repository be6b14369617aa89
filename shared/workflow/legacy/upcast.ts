import type { RepairOrder } from '../../domain/repair-order';
import type { DeviceAccess } from '../access';
import type { Envelope, WorkshopEvent } from '../events';
import { fact, type Fact } from '../facts';
import { evolve, type Change } from '../lifecycle';
import { StoreState } from '../state';
import type { Command as V0Command } from './v0-commands';
import { apply as applyV0, type Change as V0Change } from './v0-rules';

/**
 * Journals written before events were facts hold, on each line, the **command** that was
 * accepted. This turns each one into the fact it produced, by running it through a frozen copy of
 * the rules of that time (./v0-rules.ts) against the state folded so far, exactly as replay did
 * then, and reading the values that resulted. Before handing a fact on it checks that evolving it
 * leaves precisely the records the old rules produced; a line that does not is refused with its
 * seq, never folded into a different state.
 */
export interface LegacyEvent extends Envelope {
  command: V0Command;
}

export const isLegacyEvent = (record: unknown): record is LegacyEvent =>
  typeof record === 'object' && record !== null && 'command' in record && !('type' in record);

export class LegacyUpcastError extends Error {
  constructor(record: Pick<Envelope, 'storeId' | 'seq'>, why: string) {
    super(`store ${record.storeId}: journal line with seq ${record.seq} (first format, a command) cannot be read: ${why}`);
    this.name = 'LegacyUpcastError';
  }
}

/** A function that upcasts one store's legacy lines after another, in seq order (it folds as it goes). */
export function createLegacyUpcaster(): (record: LegacyEvent) => WorkshopEvent {
  const states = new Map<string, StoreState>();
  return (record) => {
    let state = states.get(record.storeId);
    if (!state) states.set(record.storeId, (state = new StoreState(record.storeId)));
    if (record.seq !== state.seq + 1) throw new LegacyUpcastError(record, `it does not follow seq ${state.seq}`);
    // A legacy journal holds no record kind newer than the frozen rules know (accounts came later).
    const decision = applyV0(state as unknown as Parameters<typeof applyV0>[0], record.command, { storeId: record.storeId, at: record.at });
    if (!decision.ok) throw new LegacyUpcastError(record, `the rules of that time refuse it: ${decision.error.message}`);
    const { command: _c, ...envelope } = record;
    const event = { ...envelope, ...factOf(state, record.command, decision.changes) } as WorkshopEvent;
    const mismatch = compareChanges(evolve(state, event), decision.changes);
    if (mismatch) throw new LegacyUpcastError(record, `its fact (${event.type}) would fold differently: ${mismatch}`);
    state.applyEvent(event);
    return event;
  };
}

const roAfter = (changes: V0Change[], roId: string): RepairOrder => {
  const change = changes.find((c) => c.kind === 'ro' && c.value.id === roId);
  if (!change) throw new Error(`no change of repair order ${roId}`);
  return change.value as RepairOrder;
};
const opAfter = (changes: V0Change[], roId: string, operationId: string) => {
  const op = roAfter(changes, roId).operations.find((o) => o.id === operationId);
  if (!op) throw new Error(`no operation ${operationId} on ${roId}`);
  return op;
};
const apptChange = (changes: V0Change[]) => changes.find((c) => c.kind === 'appointment');
const roChange = (changes: V0Change[]) => changes.find((c) => c.kind === 'ro');

/** The fact a v0 command produced, read from the records the v0 rules left. */
function factOf(state: StoreState, c: V0Command, changes: V0Change[]): Fact {
  switch (c.type) {
    case 'createRepairOrder': {
      const appt = apptChange(changes);
      const status = appt && appt.value.status === 'checked_in' && state.appointments.get(appt.value.id)?.status !== 'checked_in' ? 'checked_in' : undefined;
      return fact('repairOrderCreated', {
        ro: roAfter(changes, c.roId),
        ...(appt ? { appointment: { id: appt.value.id, ...(status ? { status } : {}) } } : {}),
      });
    }
    case 'updateRepairOrder':
      return fact('repairOrderUpdated', { roId: c.roId, patch: c.patch });
    case 'addOperation':
      return fact('operationAdded', { roId: c.roId, operation: opAfter(changes, c.roId, c.operation.id) });
    case 'assignOperation': {
      const op = opAfter(changes, c.roId, c.operationId);
      return fact('operationAssigned', {
        roId: c.roId,
        operationId: op.id,
        bayId: c.bayId,
        ...(op.technicianId ? { technicianId: op.technicianId } : {}),
        status: op.status as 'assigned' | 'paused',
      });
    }
    case 'checkIn': {
      const appt = apptChange(changes);
      return fact('repairOrderCheckedIn', {
        roId: c.roId,
        ...(c.queueNumber ? { queueNumber: c.queueNumber } : {}),
        ...(appt ? { appointmentId: appt.value.id } : {}),
      });
    }
    case 'sendToWorkshop':
      return fact('repairOrderSentToWorkshop', { roId: c.roId });
    case 'qcPass':
      return fact('qcPassed', { roId: c.roId, ...(c.note !== undefined ? { note: c.note } : {}), next: roAfter(changes, c.roId).stage as 'washing' | 'ready' });
    case 'qcFail': {
      const after = roAfter(changes, c.roId);
      const reopened = after.operations
        .filter((o) => c.operationIds.includes(o.id))
        .map((o) => ({ operationId: o.id, status: o.status as 'assigned' | 'unassigned' }));
      return fact('qcFailed', { roId: c.roId, reason: c.reason, reopened });
    }
    case 'washDone':
      return fact('washFinished', { roId: c.roId });
    case 'markReady':
      return fact('repairOrderMarkedReady', { roId: c.roId });
    case 'deliver':
      return fact('repairOrderDelivered', { roId: c.roId });
    case 'cancel': {
      const appt = apptChange(changes);
      return fact('repairOrderCancelled', { roId: c.roId, reason: c.reason, ...(appt ? { appointmentId: appt.value.id } : {}) });
    }
    case 'markNoShow': {
      const appt = apptChange(changes);
      return fact('repairOrderNoShow', { roId: c.roId, ...(appt ? { appointmentId: appt.value.id } : {}) });
    }
    case 'submitSurvey':
      return fact('surveySubmitted', { roId: c.roId, score: c.score, ...(c.comment !== undefined ? { comment: c.comment } : {}) });
    case 'startOperation': {
      const op = opAfter(changes, c.roId, c.operationId);
      return fact('operationStarted', {
        roId: c.roId,
        operationId: op.id,
        ...(op.bayId ? { bayId: op.bayId } : {}),
        ...(op.technicianId ? { technicianId: op.technicianId } : {}),
      });
    }
    case 'pauseOperation':
      return fact('operationPaused', { roId: c.roId, operationId: c.operationId, pause: c.pause, workedMs: opAfter(changes, c.roId, c.operationId).workedMs });
    case 'resumeOperation':
      return fact('operationResumed', { roId: c.roId, operationId: c.operationId });
    case 'finishOperation': {
      const toQc = roAfter(changes, c.roId).stage === 'quality_check' && state.ros.get(c.roId)?.stage !== 'quality_check';
      return fact('operationFinished', {
        roId: c.roId,
        operationId: c.operationId,
        workedMs: opAfter(changes, c.roId, c.operationId).workedMs,
        ...(toQc ? { toQualityCheck: true as const } : {}),
      });
    }
    case 'createAppointment':
      return fact('appointmentBooked', { appointment: apptChange(changes)!.value as never });
    case 'updateAppointment':
      return fact('appointmentUpdated', { appointmentId: c.appointmentId, patch: c.patch });
    case 'cancelAppointment':
    case 'markAppointmentNoShow': {
      const ro = roChange(changes);
      const data = { appointmentId: c.appointmentId, ...(ro ? { roId: ro.value.id } : {}) };
      return c.type === 'cancelAppointment' ? fact('appointmentCancelled', data) : fact('appointmentNoShow', data);
    }
    case 'pairDisplay':
      return fact('displayPaired', { display: changes[0].value as never });
    case 'unpairDisplay':
      return fact('displayUnpaired', { displayId: c.displayId });
    case 'callAdvisor':
      return fact('advisorCalled', { call: changes[0].value as never });
    case 'acknowledgeCall':
      return fact('callAcknowledged', { callId: c.callId });
    case 'signInDevice': {
      const device = changes.find((ch) => ch.kind === 'access' && ch.value.type === 'device')!.value as DeviceAccess;
      const clears = changes.some((ch) => ch.kind === 'access' && ch.value.type === 'pin');
      return fact('deviceSignedIn', clears ? { device, pinFailuresCleared: true } : { device });
    }
    case 'signOutDevice':
      return fact('deviceSignedOut', { deviceId: c.deviceId });
    case 'revokeDevice':
      return fact('deviceRevoked', { deviceId: c.deviceId });
    case 'setPin':
      return fact('pinSet', { personId: c.personId, pinHash: c.pinHash });
    case 'recordPinFailure':
      return fact('pinFailureRecorded', { personId: c.personId, failures: c.failures, locked: c.lock });
    case 'unlockPin':
      return fact('pinUnlocked', { personId: c.personId });
    case 'revokeCodes':
      return fact('codesRevoked', { kind: c.kind, subjectId: c.subjectId, before: c.before });
  }
}

/** Keys sorted, undefined dropped: two records that would be stored alike compare alike. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

/** Why two lists of changes leave different records, or undefined when they leave the same. */
function compareChanges(got: Change[], want: V0Change[]): string | undefined {
  const asMap = (list: { kind: string; value: { id: string }; removed?: true }[]) =>
    new Map(list.map((c) => [`${c.kind}:${c.value.id}`, canonical({ removed: c.removed ?? false, value: c.value })]));
  const a = asMap(got);
  const b = asMap(want);
  for (const [key, value] of b) if (a.get(key) !== value) return `${key} ${a.has(key) ? 'differs' : 'is missing'}`;
  for (const key of a.keys()) if (!b.has(key)) return `${key} is extra`;
  return undefined;
}

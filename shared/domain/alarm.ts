/**
 * An anomaly the server noticed on its own: raised by the alarm detector (server/alarms) as an
 * `alarmRaised` fact and cleared by an `alarmCleared` fact once it is resolved. Open alarms are
 * part of the store's state (and its snapshots), so a restart knows what it already raised.
 *
 * `id` names one incident, built from what makes it that incident (the operation and its rework
 * round, the stage and when the car entered it, the parts ETA that passed…): the same incident
 * always gets the same id, so two processes noticing it at once raise it once.
 */
export const ALARM_KINDS = ['op_overrun', 'clock_after_shift', 'stage_overdue', 'parts_overdue', 'call_unanswered'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

export interface Alarm {
  id: string;
  storeId: string;
  kind: AlarmKind;
  /** When the condition became true (the trigger), not when it was noticed. */
  since: string;
  /** When the detector raised it (the event's time). */
  raisedAt: string;
  roId?: string;
  operationId?: string;
  bayId?: string;
  technicianId?: string;
  /** `call_unanswered`: the kiosk's open call. */
  callId?: string;
  /** `stage_overdue`: the stage, and the limit it passed (minutes; from config or history). */
  stage?: string;
  limitMinutes?: number;
  /** `stage_overdue`: where the limit came from. */
  limitFrom?: 'config' | 'history';
  /** `op_overrun`: the standard hours and the factor passed. */
  standardHours?: number;
  factor?: number;
  /** `clock_after_shift`: when the technician's shift ended. */
  shiftEnd?: string;
  /** `parts_overdue`: the part and the ETA that passed. */
  part?: string;
  eta?: string;
}

/** Entries of a staff view are told apart by shape; an alarm is the one with `raisedAt`. */
export const isAlarm = (value: object): value is Alarm => 'raisedAt' in value && 'kind' in value;

/**
 * The rows of the history read model (server/history projects them from the event log; these
 * functions only read them). Defined here, beside the figures computed from them, so that the
 * report code in shared/ never imports the server.
 *
 * Times are ISO-8601 UTC text (`2026-12-07T01:02:03.456Z`); minutes are floating point.
 * No customer name, phone, plate or VIN: the only link between two visits of one car is
 * `vehicle_ref`, a keyed hash of the plate.
 */
export interface VisitRow {
  store_id: string;
  ro_id: string;
  number: string;
  advisor_id: string | null;
  /** desk · kiosk · appointment · dms */
  source: string;
  appointment_id: string | null;
  vehicle_ref: string | null;
  /** Operation codes of the visit, comma-separated and sorted (comeback = an overlapping one). */
  op_codes: string;
  stage: string;
  stage_since: string;
  created_at: string;
  checked_in_at: string | null;
  dispatched_at: string | null;
  in_service_at: string | null;
  quality_check_at: string | null;
  washing_at: string | null;
  ready_at: string | null;
  delivered_at: string | null;
  promised_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  no_show_at: string | null;
  rework_count: number;
  /** 1 passed the first QC, 0 failed it, null not inspected yet. */
  qc_first_pass: number | null;
  survey_score: number | null;
  survey_at: string | null;
  parts_waits: number;
  parts_wait_minutes: number;
  /** Minutes spent in each stage so far (every entry summed; rework re-enters in_service). */
  min_checked_in: number;
  min_waiting_dispatch: number;
  min_in_service: number;
  min_quality_check: number;
  min_washing: number;
  min_ready: number;
}

export interface OperationRow {
  store_id: string;
  ro_id: string;
  operation_id: string;
  code: string;
  standard_hours: number;
  technician_id: string | null;
  bay_id: string | null;
  status: string;
  started_at: string | null;
  finished_at: string | null;
  worked_minutes: number;
  reworks: number;
  pauses_parts: number;
  pause_minutes_parts: number;
  pauses_approval: number;
  pause_minutes_approval: number;
  pauses_break: number;
  pause_minutes_break: number;
}

/** One run of work on an operation, start (or resume) to pause (or finish): worked time by bay and hour. */
export interface WorkRunRow {
  store_id: string;
  ro_id: string;
  operation_id: string;
  started_at: string;
  ended_at: string | null;
  bay_id: string | null;
  technician_id: string | null;
}

export interface PauseRow {
  store_id: string;
  ro_id: string;
  operation_id: string;
  started_at: string;
  ended_at: string | null;
  /** parts · approval · break */
  reason: string;
  /** A parts wait's expected arrival; late = resumed after it. */
  eta: string | null;
}

/** A scan-page sign-in (badge or PIN, until the shift end): the technicians' clock. */
export interface AttendanceRow {
  store_id: string;
  device_id: string;
  person_id: string;
  clock_in: string;
  /** The shift end the sign-in was given, or when it was signed out or revoked before that. */
  clock_out: string;
  /** shift_end · signed_out · revoked · replaced */
  ended_by: string;
}

export interface AppointmentRow {
  store_id: string;
  appointment_id: string;
  booked_at: string;
  due_at: string;
  lead_minutes: number;
  advisor_id: string | null;
  status: string;
  ro_id: string | null;
  arrived_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  no_show_at: string | null;
}

export interface AdvisorCallRow {
  store_id: string;
  call_id: string;
  kiosk_id: string;
  asked_at: string;
  answered_at: string | null;
  answer_minutes: number | null;
}

/** An alarm the detector raised (issue 15): what fired, when its trigger passed, and when it cleared. */
export interface AlarmRow {
  store_id: string;
  alarm_id: string;
  /** op_overrun · clock_after_shift · stage_overdue · parts_overdue · call_unanswered */
  kind: string;
  ro_id: string | null;
  operation_id: string | null;
  bay_id: string | null;
  technician_id: string | null;
  call_id: string | null;
  /** stage_overdue: the stage the car stayed in too long. */
  stage: string | null;
  /** When its condition became true (the trigger). */
  since: string;
  raised_at: string;
  cleared_at: string | null;
  /** From the trigger to the clearing. */
  open_minutes: number | null;
}

/** The last seq applied per store, written in the same transaction as the rows it accounts for. */
export interface CheckpointRow {
  store_id: string;
  seq: number;
  /** The idempotency key of the event at `seq`: tells a log that was replaced (restored from an older backup) from the one applied. */
  last_key: string;
  updated_at: string;
}

import type { Operation, PauseReason, RepairOrder } from '../../shared/domain/repair-order';
import type { WorkshopEvent } from '../../shared/workflow/events';
import { rowKey, type RowSet } from './row-set';
import type { AppointmentRow, OperationRow, VehicleReadingRow, VisitRow } from './schema';

/**
 * What one stored fact changes in the history rows. It mirrors the workflow's `evolve` for the
 * parts reports need (stage moves, work runs, pauses) and, like evolve, never refuses: a fact
 * naming a row that is not there changes nothing. It records only what the facts say; the
 * figures are computed from the rows by shared/reports.
 */
export interface ApplyContext {
  /** The pseudonymous link between visits of one car (vehicle-ref.ts). */
  vehicleRef(plate: string): string | null;
}

const MINUTE = 60_000;
const minutesBetween = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from)) / MINUTE;
/** One text form for every time, so rows compare in order as text (see schema.ts). */
const iso = (at: string) => new Date(at).toISOString();

/** The stages whose time is summed per visit, with their columns. */
const STAGE_MINUTES: Partial<Record<string, keyof VisitRow>> = {
  checked_in: 'min_checked_in',
  waiting_dispatch: 'min_waiting_dispatch',
  in_service: 'min_in_service',
  quality_check: 'min_quality_check',
  washing: 'min_washing',
  ready: 'min_ready',
};
/** The time a stage was first entered. */
const STAGE_ENTERED: Partial<Record<string, keyof VisitRow>> = {
  checked_in: 'checked_in_at',
  waiting_dispatch: 'dispatched_at',
  in_service: 'in_service_at',
  quality_check: 'quality_check_at',
  washing: 'washing_at',
  ready: 'ready_at',
  delivered: 'delivered_at',
  cancelled: 'cancelled_at',
  no_show: 'no_show_at',
};

export function applyEvent(rows: RowSet, e: WorkshopEvent, ctx: ApplyContext): void {
  const storeId = e.storeId;
  const at = iso(e.at);
  const visit = (roId: string) => rows.get('history_visits', `${storeId}\u0000${roId}`);
  const op = (roId: string, operationId: string) => rows.get('history_operations', `${storeId}\u0000${roId}\u0000${operationId}`);
  const appointment = (id: string | undefined) => (id ? rows.get('history_appointments', `${storeId}\u0000${id}`) : undefined);

  /** withStage in the workflow: a move to the stage the car is in changes nothing. */
  const moveStage = (roId: string, stage: string, change: Partial<VisitRow> = {}) => {
    const v = visit(roId);
    if (!v) return;
    if (v.stage === stage) return rows.touch('history_visits', v, change);
    const spent = STAGE_MINUTES[v.stage];
    const entered = STAGE_ENTERED[stage];
    rows.touch('history_visits', v, {
      ...(spent ? { [spent]: (v[spent] as number) + minutesBetween(v.stage_since, at) } : {}),
      ...(entered && v[entered] === null ? { [entered]: at } : {}),
      stage,
      stage_since: at,
      ...change,
    });
  };
  const endRun = (roId: string, operationId: string) => {
    for (const run of rows.find('history_work_runs', (r) => r.ro_id === roId && r.operation_id === operationId && r.ended_at === null))
      rows.touch('history_work_runs', run, { ended_at: at });
  };
  const endPause = (roId: string, operationId: string) => {
    for (const pause of rows.find('history_pauses', (p) => p.ro_id === roId && p.operation_id === operationId && p.ended_at === null)) {
      rows.touch('history_pauses', pause, { ended_at: at });
      const o = op(roId, operationId);
      const reason = pause.reason as PauseReason;
      const minutes = minutesBetween(pause.started_at, at);
      if (o) rows.touch('history_operations', o, { [`pause_minutes_${reason}`]: (o[`pause_minutes_${reason}`] as number) + minutes });
      const v = visit(roId);
      if (v && reason === 'parts') rows.touch('history_visits', v, { parts_wait_minutes: v.parts_wait_minutes + minutes });
    }
  };
  const addOperation = (roId: string, o: Operation) => {
    rows.put('history_operations', newOperationRow(storeId, roId, o));
    const v = visit(roId);
    if (v) rows.touch('history_visits', v, { op_codes: [...new Set([...v.op_codes.split(',').filter(Boolean), o.code])].sort().join(',') });
  };
  /** An operation at work again: `started` for a start (its bay and technician), none for a resume. */
  const runOperation = (roId: string, operationId: string, started?: { bayId?: string; technicianId?: string }) => {
    const o = op(roId, operationId);
    if (!o) return;
    endPause(roId, operationId);
    const where = started ?? { bayId: o.bay_id ?? undefined, technicianId: o.technician_id ?? undefined };
    rows.touch('history_operations', o, {
      status: 'in_progress',
      bay_id: where.bayId ?? null,
      technician_id: where.technicianId ?? null,
      started_at: o.started_at ?? at,
    });
    rows.put('history_work_runs', {
      store_id: storeId,
      ro_id: roId,
      operation_id: operationId,
      started_at: at,
      ended_at: null,
      bay_id: o.bay_id,
      technician_id: o.technician_id,
    });
    if (started) moveStage(roId, 'in_service');
  };
  const moveAppointment = (id: string | undefined, change: Partial<AppointmentRow>) => {
    const a = appointment(id);
    if (a) rows.touch('history_appointments', a, change);
  };

  switch (e.type) {
    case 'repairOrderCreated': {
      const { ro, appointment: appt } = e.data;
      rows.put('history_visits', newVisitRow(ro, e, at, ctx));
      rows.put('history_vehicle_readings', newReadingRow(ro, e.storeId, at, ctx));
      for (const o of ro.operations) addOperation(ro.id, o);
      if (appt) moveAppointment(appt.id, { ro_id: ro.id, ...(appt.status === 'checked_in' ? { status: 'checked_in', arrived_at: at } : {}) });
      return;
    }
    case 'repairOrderUpdated': {
      const v = visit(e.data.roId);
      if (!v) return;
      const { advisorId, promisedAt, vehicle } = e.data.patch;
      rows.touch('history_visits', v, {
        ...(advisorId !== undefined ? { advisor_id: advisorId } : {}),
        ...(promisedAt !== undefined ? { promised_at: promisedAt === null ? null : iso(promisedAt) } : {}),
        ...(vehicle?.plate !== undefined ? { vehicle_ref: ctx.vehicleRef(vehicle.plate) } : {}),
      });
      const reading = rows.get('history_vehicle_readings', `${storeId}\u0000${e.data.roId}`);
      const { customer } = e.data.patch;
      if (reading && (vehicle || customer)) {
        rows.touch('history_vehicle_readings', reading, {
          ...(vehicle?.plate !== undefined ? { vehicle_ref: ctx.vehicleRef(vehicle.plate), plate: vehicle.plate } : {}),
          ...(vehicle?.mileageKm !== undefined ? { mileage_km: vehicle.mileageKm } : {}),
          ...(vehicle?.insuranceExpiresOn !== undefined ? { insurance_expires_on: vehicle.insuranceExpiresOn } : {}),
          ...(vehicle?.inspectionDueOn !== undefined ? { inspection_due_on: vehicle.inspectionDueOn } : {}),
          ...(vehicle?.make !== undefined ? { make: vehicle.make } : {}),
          ...(vehicle?.model !== undefined ? { model: vehicle.model } : {}),
          ...(customer?.name !== undefined ? { customer_name: customer.name } : {}),
          ...(customer?.phone !== undefined ? { customer_phone: customer.phone } : {}),
        });
      }
      return;
    }
    case 'repairOrderCheckedIn':
      moveStage(e.data.roId, 'checked_in');
      moveAppointment(e.data.appointmentId, { status: 'checked_in', arrived_at: at });
      return;
    case 'repairOrderSentToWorkshop':
      return moveStage(e.data.roId, 'waiting_dispatch');
    case 'qcPassed': {
      const v = visit(e.data.roId);
      return moveStage(e.data.roId, e.data.next, v && v.qc_first_pass === null ? { qc_first_pass: 1 } : {});
    }
    case 'qcFailed': {
      const v = visit(e.data.roId);
      if (!v) return;
      moveStage(e.data.roId, 'in_service', { rework_count: v.rework_count + 1, ...(v.qc_first_pass === null ? { qc_first_pass: 0 } : {}) });
      for (const r of e.data.reopened) {
        const o = op(e.data.roId, r.operationId);
        if (o) rows.touch('history_operations', o, { status: r.status, finished_at: null, reworks: o.reworks + 1 });
      }
      return;
    }
    case 'washFinished':
    case 'repairOrderMarkedReady':
      return moveStage(e.data.roId, 'ready');
    case 'repairOrderDelivered':
      return moveStage(e.data.roId, 'delivered');
    case 'repairOrderCancelled':
      moveStage(e.data.roId, 'cancelled', { cancel_reason: e.data.reason });
      moveAppointment(e.data.appointmentId, { status: 'cancelled', cancelled_at: at, cancel_reason: e.data.reason });
      return;
    case 'repairOrderNoShow':
      moveStage(e.data.roId, 'no_show');
      moveAppointment(e.data.appointmentId, { status: 'no_show', no_show_at: at });
      return;
    case 'surveySubmitted': {
      const v = visit(e.data.roId);
      if (v) rows.touch('history_visits', v, { survey_score: e.data.score, survey_at: at });
      return;
    }
    case 'operationAdded':
      return addOperation(e.data.roId, e.data.operation);
    case 'operationAssigned': {
      const o = op(e.data.roId, e.data.operationId);
      if (o) rows.touch('history_operations', o, { bay_id: e.data.bayId, technician_id: e.data.technicianId ?? null, status: e.data.status });
      return;
    }
    case 'operationStarted':
    case 'operationResumed':
      return runOperation(e.data.roId, e.data.operationId, e.type === 'operationStarted' ? e.data : undefined);
    // Approved add-on work is an operation of the order from now on; a decision that ended the
    // approval pause resumed those jobs, as a scan's resume does.
    case 'addOnApproved':
    case 'addOnDeclined':
      if (e.type === 'addOnApproved') addOperation(e.data.roId, e.data.operation);
      for (const operationId of e.data.resumed) runOperation(e.data.roId, operationId);
      return;
    case 'operationPaused': {
      const { roId, operationId, pause, workedMs } = e.data;
      const o = op(roId, operationId);
      if (!o) return;
      endRun(roId, operationId);
      rows.touch('history_operations', o, {
        status: 'paused',
        worked_minutes: workedMs / MINUTE,
        [`pauses_${pause.reason}`]: (o[`pauses_${pause.reason}`] as number) + 1,
      });
      rows.put('history_pauses', {
        store_id: storeId,
        ro_id: roId,
        operation_id: operationId,
        started_at: at,
        ended_at: null,
        reason: pause.reason,
        eta: pause.reason === 'parts' && pause.eta ? iso(pause.eta) : null,
      });
      const v = visit(roId);
      if (v && pause.reason === 'parts') rows.touch('history_visits', v, { parts_waits: v.parts_waits + 1 });
      return;
    }
    case 'partsEtaCorrected': {
      // The dispatcher's new arrival time replaces the one the open parts wait was paused with,
      // so "late" in the reports is measured against what the store last told everyone.
      const { roId, operationId, eta } = e.data;
      for (const pause of rows.find('history_pauses', (p) => p.ro_id === roId && p.operation_id === operationId && p.ended_at === null && p.reason === 'parts'))
        rows.touch('history_pauses', pause, { eta: iso(eta) });
      return;
    }
    case 'alarmRaised': {
      const a = e.data.alarm;
      rows.put('history_alarms', {
        store_id: storeId,
        alarm_id: a.id,
        kind: a.kind,
        ro_id: a.roId ?? null,
        operation_id: a.operationId ?? null,
        bay_id: a.bayId ?? null,
        technician_id: a.technicianId ?? null,
        call_id: a.callId ?? null,
        stage: a.stage ?? null,
        since: iso(a.since),
        raised_at: iso(a.raisedAt ?? at),
        cleared_at: null,
        open_minutes: null,
      });
      return;
    }
    case 'alarmCleared': {
      const a = rows.get('history_alarms', `${storeId}\u0000${e.data.alarmId}`);
      if (a && a.cleared_at === null) rows.touch('history_alarms', a, { cleared_at: at, open_minutes: minutesBetween(a.since, at) });
      return;
    }
    case 'operationFinished': {
      const { roId, operationId, workedMs, toQualityCheck } = e.data;
      const o = op(roId, operationId);
      if (!o) return;
      endRun(roId, operationId);
      rows.touch('history_operations', o, { status: 'done', worked_minutes: workedMs / MINUTE, finished_at: at });
      if (toQualityCheck) moveStage(roId, 'quality_check');
      return;
    }
    case 'appointmentBooked': {
      const a = e.data.appointment;
      const due = iso(a.at);
      rows.put('history_appointments', {
        store_id: storeId,
        appointment_id: a.id,
        booked_at: at,
        due_at: due,
        lead_minutes: (Date.parse(due) - Date.parse(at)) / MINUTE,
        advisor_id: a.advisorId ?? null,
        status: a.status,
        ro_id: a.roId ?? null,
        arrived_at: null,
        cancelled_at: null,
        cancel_reason: null,
        no_show_at: null,
      });
      return;
    }
    case 'appointmentUpdated': {
      const a = appointment(e.data.appointmentId);
      if (!a) return;
      const { at: due, advisorId } = e.data.patch;
      rows.touch('history_appointments', a, {
        ...(due ? { due_at: iso(due), lead_minutes: (Date.parse(due) - Date.parse(a.booked_at)) / MINUTE } : {}),
        ...(advisorId !== undefined ? { advisor_id: advisorId } : {}),
      });
      return;
    }
    case 'appointmentCancelled': {
      const reason = e.data.reason ?? null;
      moveAppointment(e.data.appointmentId, { status: 'cancelled', cancelled_at: at, cancel_reason: reason });
      if (e.data.roId) moveStage(e.data.roId, 'cancelled', reason ? { cancel_reason: reason } : {});
      return;
    }
    case 'appointmentNoShow':
      moveAppointment(e.data.appointmentId, { status: 'no_show', no_show_at: at });
      if (e.data.roId) moveStage(e.data.roId, 'no_show');
      return;
    case 'reminderOutcomeRecorded':
      rows.put('history_reminder_outcomes', {
        store_id: storeId,
        reminder_id: e.data.reminderId,
        at,
        outcome: e.data.outcome,
        actor_id: e.actor.id,
        actor_name: e.actor.name ?? null,
        note: e.data.note ?? null,
      });
      return;
    case 'advisorCalled': {
      const c = e.data.call;
      rows.put('history_advisor_calls', {
        store_id: storeId,
        call_id: c.id,
        kiosk_id: c.kioskId,
        asked_at: iso(c.at),
        answered_at: null,
        answer_minutes: null,
      });
      return;
    }
    case 'callAcknowledged': {
      const c = rows.get('history_advisor_calls', `${storeId}\u0000${e.data.callId}`);
      if (c && c.answered_at === null) rows.touch('history_advisor_calls', c, { answered_at: at, answer_minutes: minutesBetween(c.asked_at, at) });
      return;
    }
    case 'deviceSignedIn': {
      const d = e.data.device;
      const since = iso(d.since);
      endSignIn(rows, storeId, d.deviceId, since, 'replaced');
      rows.put('history_attendance', {
        store_id: storeId,
        device_id: d.deviceId,
        person_id: d.personId,
        clock_in: since,
        clock_out: iso(d.until),
        ended_by: 'shift_end',
      });
      return;
    }
    case 'deviceSignedOut':
      return endSignIn(rows, storeId, e.data.deviceId, at, 'signed_out');
    case 'deviceRevoked':
      return endSignIn(rows, storeId, e.data.deviceId, at, 'revoked');
    default:
      // Displays, PINs and withdrawn codes are not history anyone reports on.
      return;
  }
}

/** A sign-in still running at `at` ends then (sign-out, revocation, or the next sign-in on that phone). */
function endSignIn(rows: RowSet, storeId: string, deviceId: string, at: string, by: string): void {
  for (const row of rows.find(
    'history_attendance',
    (r) => r.store_id === storeId && r.device_id === deviceId && r.ended_by === 'shift_end' && r.clock_out > at,
  ))
    rows.touch('history_attendance', row, { clock_out: at < row.clock_in ? row.clock_in : at, ended_by: by });
}

/** Where the car came from: its appointment first (that is what the show rate counts), then the door it came in by. */
function sourceOf(ro: RepairOrder, e: WorkshopEvent): string {
  if (ro.appointmentId) return 'appointment';
  if (e.source === 'kiosk') return 'kiosk';
  if (e.actor.kind === 'integration') return 'dms';
  return 'desk';
}

function newVisitRow(ro: RepairOrder, e: WorkshopEvent, at: string, ctx: ApplyContext): VisitRow {
  return {
    store_id: e.storeId,
    ro_id: ro.id,
    number: ro.number,
    advisor_id: ro.advisorId ?? null,
    source: sourceOf(ro, e),
    appointment_id: ro.appointmentId ?? null,
    vehicle_ref: ctx.vehicleRef(ro.vehicle.plate),
    op_codes: '',
    stage: ro.stage,
    stage_since: at,
    created_at: at,
    checked_in_at: ro.stage === 'checked_in' ? at : null,
    dispatched_at: null,
    in_service_at: null,
    quality_check_at: null,
    washing_at: null,
    ready_at: null,
    delivered_at: null,
    promised_at: ro.promisedAt ? iso(ro.promisedAt) : null,
    cancelled_at: null,
    cancel_reason: null,
    no_show_at: null,
    rework_count: 0,
    qc_first_pass: null,
    survey_score: null,
    survey_at: null,
    parts_waits: 0,
    parts_wait_minutes: 0,
    min_checked_in: 0,
    min_waiting_dispatch: 0,
    min_in_service: 0,
    min_quality_check: 0,
    min_washing: 0,
    min_ready: 0,
  };
}

function newReadingRow(ro: RepairOrder, storeId: string, at: string, ctx: ApplyContext): VehicleReadingRow {
  const v = ro.vehicle;
  return {
    store_id: storeId,
    ro_id: ro.id,
    vehicle_ref: ctx.vehicleRef(v.plate),
    read_at: at,
    mileage_km: v.mileageKm ?? null,
    insurance_expires_on: v.insuranceExpiresOn ?? null,
    inspection_due_on: v.inspectionDueOn ?? null,
    plate: v.plate,
    make: v.make,
    model: v.model ?? '',
    customer_name: ro.customer.name,
    customer_phone: ro.customer.phone,
  };
}

function newOperationRow(storeId: string, roId: string, o: Operation): OperationRow {
  return {
    store_id: storeId,
    ro_id: roId,
    operation_id: o.id,
    code: o.code,
    standard_hours: o.standardHours,
    technician_id: o.technicianId ?? null,
    bay_id: o.bayId ?? null,
    status: o.status,
    started_at: null,
    finished_at: null,
    worked_minutes: 0,
    reworks: 0,
    pauses_parts: 0,
    pause_minutes_parts: 0,
    pauses_approval: 0,
    pause_minutes_approval: 0,
    pauses_break: 0,
    pause_minutes_break: 0,
  };
}

export { rowKey };

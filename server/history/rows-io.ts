import type { WorkshopEvent } from '../../shared/workflow/events';
import type { RowSet } from './row-set';
import { KEYS, type HistoryDb, type TableName } from './schema';

/** Ids per query and rows per INSERT: far below SQLite's 32,766 bound variables and PostgreSQL's 65,535. */
const IDS_PER_QUERY = 500;
const ROWS_PER_INSERT = 100;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The records a batch's facts name, by kind (a fact may name both an order and its appointment). */
export function idsOf(batch: readonly WorkshopEvent[]) {
  const ros = new Set<string>();
  const appointments = new Set<string>();
  const calls = new Set<string>();
  const devices = new Set<string>();
  const alarms = new Set<string>();
  let earliest = batch[0]?.at ?? '';
  for (const e of batch) {
    const d = e.data as Record<string, unknown>;
    if (typeof d.roId === 'string') ros.add(d.roId);
    if (typeof d.appointmentId === 'string') appointments.add(d.appointmentId);
    if (typeof d.callId === 'string') calls.add(d.callId);
    if (typeof d.deviceId === 'string') devices.add(d.deviceId);
    if (e.type === 'repairOrderCreated' && e.data.appointment) appointments.add(e.data.appointment.id);
    if (e.type === 'deviceSignedIn') devices.add(e.data.device.deviceId);
    if (e.type === 'alarmCleared') alarms.add(e.data.alarmId);
    if (e.at < earliest) earliest = e.at;
  }
  return {
    ros: [...ros],
    appointments: [...appointments],
    calls: [...calls],
    devices: [...devices],
    alarms: [...alarms],
    earliest: new Date(earliest || 0).toISOString(),
  };
}

/**
 * Read into `rows` everything the batch's facts could change: the visits and operations of the
 * orders they name, those operations' open work runs and pauses, the appointments and calls, and
 * the sign-ins still running on the devices, and the alarms the batch clears. Rows the batch itself creates need no reading.
 */
export async function loadRowsFor(db: HistoryDb, storeId: string, batch: readonly WorkshopEvent[], rows: RowSet): Promise<void> {
  const ids = idsOf(batch);
  for (const part of chunks(ids.ros, IDS_PER_QUERY)) {
    rows.load('history_visits', await db.selectFrom('history_visits').selectAll().where('store_id', '=', storeId).where('ro_id', 'in', part).execute());
    rows.load(
      'history_vehicle_readings',
      await db.selectFrom('history_vehicle_readings').selectAll().where('store_id', '=', storeId).where('ro_id', 'in', part).execute(),
    );
    rows.load('history_operations', await db.selectFrom('history_operations').selectAll().where('store_id', '=', storeId).where('ro_id', 'in', part).execute());
    rows.load(
      'history_work_runs',
      await db.selectFrom('history_work_runs').selectAll().where('store_id', '=', storeId).where('ro_id', 'in', part).where('ended_at', 'is', null).execute(),
    );
    rows.load(
      'history_pauses',
      await db.selectFrom('history_pauses').selectAll().where('store_id', '=', storeId).where('ro_id', 'in', part).where('ended_at', 'is', null).execute(),
    );
  }
  for (const part of chunks(ids.appointments, IDS_PER_QUERY))
    rows.load(
      'history_appointments',
      await db.selectFrom('history_appointments').selectAll().where('store_id', '=', storeId).where('appointment_id', 'in', part).execute(),
    );
  for (const part of chunks(ids.calls, IDS_PER_QUERY))
    rows.load(
      'history_advisor_calls',
      await db.selectFrom('history_advisor_calls').selectAll().where('store_id', '=', storeId).where('call_id', 'in', part).execute(),
    );
  for (const part of chunks(ids.alarms, IDS_PER_QUERY))
    rows.load('history_alarms', await db.selectFrom('history_alarms').selectAll().where('store_id', '=', storeId).where('alarm_id', 'in', part).execute());
  for (const part of chunks(ids.devices, IDS_PER_QUERY))
    rows.load(
      'history_attendance',
      await db
        .selectFrom('history_attendance')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('device_id', 'in', part)
        .where('ended_by', '=', 'shift_end')
        .where('clock_out', '>', ids.earliest)
        .execute(),
    );
}

/** Write the changed rows: INSERT … ON CONFLICT (key) DO UPDATE, the same statement in both dialects. */
export async function writeRows(db: HistoryDb, rows: RowSet): Promise<void> {
  for (const [table, changed] of rows.changed()) {
    const keys: readonly string[] = KEYS[table as TableName];
    const columns = Object.keys(changed[0]).filter((c) => !keys.includes(c));
    for (const part of chunks(changed as object[], ROWS_PER_INSERT)) {
      await db
        .insertInto(table)
        .values(part as never)
        .onConflict((oc) =>
          oc.columns(keys as never).doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never),
        )
        .execute();
    }
  }
}

import { sql, type Kysely } from 'kysely';
import type {
  AdvisorCallRow,
  AlarmRow,
  AppointmentRow,
  AttendanceRow,
  CheckpointRow,
  OperationRow,
  PauseRow,
  VisitRow,
  WorkRunRow,
} from '../../shared/reports/rows';

export type { AdvisorCallRow, AlarmRow, AppointmentRow, AttendanceRow, CheckpointRow, OperationRow, PauseRow, VisitRow, WorkRunRow };

/**
 * The car of one visit as the reminders (server/reminders) need it: the odometer read at
 * check-in, the insurance and inspection dates, and whom to call. The one table here that holds
 * personal data (plate, name, phone): staff see them on /reminders, as on the dispatch board.
 * Erasure deletes a customer's rows (erase.ts), and a rebuild after it finds the log erased.
 */
export interface VehicleReadingRow {
  store_id: string;
  ro_id: string;
  vehicle_ref: string | null;
  /** When the visit began (the order was created): the reading's time. */
  read_at: string;
  mileage_km: number | null;
  /** YYYY-MM-DD, as recorded on the order's vehicle. */
  insurance_expires_on: string | null;
  inspection_due_on: string | null;
  plate: string;
  make: string;
  model: string;
  customer_name: string;
  customer_phone: string;
}

/** A reminder worked at the front desk: who, when, which reminder and how (the fact reminderOutcomeRecorded). */
export interface ReminderOutcomeRow {
  store_id: string;
  reminder_id: string;
  at: string;
  /** contacted · not_interested */
  outcome: string;
  actor_id: string;
  actor_name: string | null;
  note: string | null;
}

/**
 * The history read model: what managers look back on, projected from the event log. Every
 * table is keyed by store first, so one store can be rebuilt (or erased) without touching another.
 *
 * Times are ISO-8601 UTC text (`2026-12-07T01:02:03.456Z`) in both dialects: they compare in
 * order as text, and the two drivers then return the same type (pg would answer a timestamptz as
 * a Date, SQLite has no time type). Minutes are floating point.
 *
 * No customer name, phone, plate or VIN is stored for the reports. The only link between two
 * visits of one car is `vehicle_ref`, a keyed hash of the plate (see vehicle-ref.ts), which
 * erasure can null. The reminders' table of cars (`history_vehicle_readings`) is the exception:
 * it keeps the plate, name and phone to call, and erasure deletes its rows.
 */
export interface HistoryDatabase {
  history_visits: VisitRow;
  history_operations: OperationRow;
  history_work_runs: WorkRunRow;
  history_pauses: PauseRow;
  history_attendance: AttendanceRow;
  history_appointments: AppointmentRow;
  history_advisor_calls: AdvisorCallRow;
  history_alarms: AlarmRow;
  history_vehicle_readings: VehicleReadingRow;
  history_reminder_outcomes: ReminderOutcomeRow;
  history_checkpoints: CheckpointRow;
}

export type HistoryDb = Kysely<HistoryDatabase>;
export type TableName = keyof HistoryDatabase;

/** Each table's key columns: what an upsert conflicts on and a row's identity in a batch. */
export const KEYS = {
  history_visits: ['store_id', 'ro_id'],
  history_operations: ['store_id', 'ro_id', 'operation_id'],
  history_work_runs: ['store_id', 'ro_id', 'operation_id', 'started_at'],
  history_pauses: ['store_id', 'ro_id', 'operation_id', 'started_at'],
  history_attendance: ['store_id', 'device_id', 'clock_in'],
  history_appointments: ['store_id', 'appointment_id'],
  history_advisor_calls: ['store_id', 'call_id'],
  history_alarms: ['store_id', 'alarm_id'],
  history_vehicle_readings: ['store_id', 'ro_id'],
  history_reminder_outcomes: ['store_id', 'reminder_id', 'at'],
  history_checkpoints: ['store_id'],
} as const satisfies { [T in TableName]: readonly (keyof HistoryDatabase[T] & string)[] };

/** Tables of projected rows (all but the checkpoints), in the order a rebuild clears them. */
export const ROW_TABLES = [
  'history_visits',
  'history_operations',
  'history_work_runs',
  'history_pauses',
  'history_attendance',
  'history_appointments',
  'history_advisor_calls',
  'history_alarms',
  'history_vehicle_readings',
  'history_reminder_outcomes',
] as const satisfies readonly TableName[];

type Column = [name: string, type: 'text' | 'integer' | 'real', nullable?: 'null'];

const COLUMNS: { [T in TableName]: Column[] } = {
  history_visits: [
    ['store_id', 'text'],
    ['ro_id', 'text'],
    ['number', 'text'],
    ['advisor_id', 'text', 'null'],
    ['source', 'text'],
    ['appointment_id', 'text', 'null'],
    ['vehicle_ref', 'text', 'null'],
    ['op_codes', 'text'],
    ['stage', 'text'],
    ['stage_since', 'text'],
    ['created_at', 'text'],
    ['checked_in_at', 'text', 'null'],
    ['dispatched_at', 'text', 'null'],
    ['in_service_at', 'text', 'null'],
    ['quality_check_at', 'text', 'null'],
    ['washing_at', 'text', 'null'],
    ['ready_at', 'text', 'null'],
    ['delivered_at', 'text', 'null'],
    ['promised_at', 'text', 'null'],
    ['cancelled_at', 'text', 'null'],
    ['cancel_reason', 'text', 'null'],
    ['no_show_at', 'text', 'null'],
    ['rework_count', 'integer'],
    ['qc_first_pass', 'integer', 'null'],
    ['survey_score', 'integer', 'null'],
    ['survey_at', 'text', 'null'],
    ['parts_waits', 'integer'],
    ['parts_wait_minutes', 'real'],
    ['min_checked_in', 'real'],
    ['min_waiting_dispatch', 'real'],
    ['min_in_service', 'real'],
    ['min_quality_check', 'real'],
    ['min_washing', 'real'],
    ['min_ready', 'real'],
  ],
  history_operations: [
    ['store_id', 'text'],
    ['ro_id', 'text'],
    ['operation_id', 'text'],
    ['code', 'text'],
    ['standard_hours', 'real'],
    ['technician_id', 'text', 'null'],
    ['bay_id', 'text', 'null'],
    ['status', 'text'],
    ['started_at', 'text', 'null'],
    ['finished_at', 'text', 'null'],
    ['worked_minutes', 'real'],
    ['reworks', 'integer'],
    ['pauses_parts', 'integer'],
    ['pause_minutes_parts', 'real'],
    ['pauses_approval', 'integer'],
    ['pause_minutes_approval', 'real'],
    ['pauses_break', 'integer'],
    ['pause_minutes_break', 'real'],
  ],
  history_work_runs: [
    ['store_id', 'text'],
    ['ro_id', 'text'],
    ['operation_id', 'text'],
    ['started_at', 'text'],
    ['ended_at', 'text', 'null'],
    ['bay_id', 'text', 'null'],
    ['technician_id', 'text', 'null'],
  ],
  history_pauses: [
    ['store_id', 'text'],
    ['ro_id', 'text'],
    ['operation_id', 'text'],
    ['started_at', 'text'],
    ['ended_at', 'text', 'null'],
    ['reason', 'text'],
    ['eta', 'text', 'null'],
  ],
  history_attendance: [
    ['store_id', 'text'],
    ['device_id', 'text'],
    ['person_id', 'text'],
    ['clock_in', 'text'],
    ['clock_out', 'text'],
    ['ended_by', 'text'],
  ],
  history_appointments: [
    ['store_id', 'text'],
    ['appointment_id', 'text'],
    ['booked_at', 'text'],
    ['due_at', 'text'],
    ['lead_minutes', 'real'],
    ['advisor_id', 'text', 'null'],
    ['status', 'text'],
    ['ro_id', 'text', 'null'],
    ['arrived_at', 'text', 'null'],
    ['cancelled_at', 'text', 'null'],
    ['cancel_reason', 'text', 'null'],
    ['no_show_at', 'text', 'null'],
  ],
  history_advisor_calls: [
    ['store_id', 'text'],
    ['call_id', 'text'],
    ['kiosk_id', 'text'],
    ['asked_at', 'text'],
    ['answered_at', 'text', 'null'],
    ['answer_minutes', 'real', 'null'],
  ],
  history_alarms: [
    ['store_id', 'text'],
    ['alarm_id', 'text'],
    ['kind', 'text'],
    ['ro_id', 'text', 'null'],
    ['operation_id', 'text', 'null'],
    ['bay_id', 'text', 'null'],
    ['technician_id', 'text', 'null'],
    ['call_id', 'text', 'null'],
    ['stage', 'text', 'null'],
    ['since', 'text'],
    ['raised_at', 'text'],
    ['cleared_at', 'text', 'null'],
    ['open_minutes', 'real', 'null'],
  ],
  history_vehicle_readings: [
    ['store_id', 'text'],
    ['ro_id', 'text'],
    ['vehicle_ref', 'text', 'null'],
    ['read_at', 'text'],
    ['mileage_km', 'integer', 'null'],
    ['insurance_expires_on', 'text', 'null'],
    ['inspection_due_on', 'text', 'null'],
    ['plate', 'text'],
    ['make', 'text'],
    ['model', 'text'],
    ['customer_name', 'text'],
    ['customer_phone', 'text'],
  ],
  history_reminder_outcomes: [
    ['store_id', 'text'],
    ['reminder_id', 'text'],
    ['at', 'text'],
    ['outcome', 'text'],
    ['actor_id', 'text'],
    ['actor_name', 'text', 'null'],
    ['note', 'text', 'null'],
  ],
  history_checkpoints: [
    ['store_id', 'text'],
    ['seq', 'integer'],
    ['last_key', 'text'],
    ['updated_at', 'text'],
  ],
};

/** Indexes for the reports' range queries (by store and the time a row counts at). */
const INDEXES: [name: string, table: TableName, columns: string[]][] = [
  ['history_visits_checked_in', 'history_visits', ['store_id', 'checked_in_at']],
  ['history_visits_delivered', 'history_visits', ['store_id', 'delivered_at']],
  ['history_visits_vehicle', 'history_visits', ['store_id', 'vehicle_ref']],
  // A comeback: the same car checked in again after a delivery (report-sql.ts looks it up car by car).
  ['history_visits_vehicle_in', 'history_visits', ['store_id', 'vehicle_ref', 'checked_in_at']],
  ['history_operations_finished', 'history_operations', ['store_id', 'finished_at']],
  ['history_work_runs_started', 'history_work_runs', ['store_id', 'started_at']],
  ['history_pauses_started', 'history_pauses', ['store_id', 'started_at']],
  ['history_attendance_in', 'history_attendance', ['store_id', 'clock_in']],
  ['history_appointments_due', 'history_appointments', ['store_id', 'due_at']],
  ['history_appointments_booked', 'history_appointments', ['store_id', 'booked_at']],
  ['history_advisor_calls_asked', 'history_advisor_calls', ['store_id', 'asked_at']],
  ['history_alarms_since', 'history_alarms', ['store_id', 'since']],
  ['history_vehicle_readings_vehicle', 'history_vehicle_readings', ['store_id', 'vehicle_ref']],
];

/**
 * Creates the tables if they are missing. The same statements run on SQLite and PostgreSQL
 * (Kysely's schema builder; `double precision` for `real`, which PostgreSQL would read as 4 bytes).
 * A later change to the schema adds a step here and is applied by rebuilding (`npm run history -- rebuild`):
 * the read model holds nothing the log does not.
 */
export async function createHistorySchema(db: HistoryDb): Promise<void> {
  for (const [table, columns] of Object.entries(COLUMNS) as [TableName, Column[]][]) {
    let create = db.schema.createTable(table).ifNotExists();
    for (const [name, type, nullable] of columns) {
      // `integer` (4 bytes in PostgreSQL) on purpose: pg answers a bigint as a string.
      const sqlType = type === 'real' ? sql`double precision` : sql.raw(type);
      create = create.addColumn(name, sqlType, (c) => (nullable ? c : c.notNull()));
    }
    create = create.addPrimaryKeyConstraint(`${table}_pkey`, [...KEYS[table]] as never);
    await create.execute();
  }
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }
}

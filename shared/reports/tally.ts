import type { ZonedRange } from './range';
import type { Distribution } from './summary';
import type { AdvisorCallRow, AppointmentRow, AttendanceRow, OperationRow, PauseRow, VisitRow, WorkRunRow } from './rows';

/**
 * The additive part of every KPI: counts, sums and samples for one store and range. Two tallies
 * merge by adding numbers, concatenating samples and merging keyed maps (`mergeTallies`), so a
 * group figure is always the ratio of the summed numerator and denominator — never a mean of
 * the stores' ratios — and a group percentile is taken over every store's samples together.
 * summary.ts turns a tally into the figures; docs/kpis.md defines each one.
 */
export interface DayTally {
  in: number;
  out: number;
  onTime: number;
  withPromise: number;
  cycleMinutes: number;
  cycled: number;
}

export const emptyDay = (): DayTally => ({ in: 0, out: 0, onTime: 0, withPromise: 0, cycleMinutes: 0, cycled: 0 });

export interface Tally {
  /**
   * Per store-local date: cars checked in and delivered; of those delivered, how many had a
   * promised time and how many met it, and their summed cycle minutes over how many had a check-in
   * (the daily trends: each is a ratio of sums, so the group's day merges like any other figure).
   */
  byDay: Record<string, DayTally>;
  rosIn: number;
  rosOut: number;
  onTime: { delivered: number; withPromise: number };
  sameDay: { delivered: number; checkedIn: number };
  /** Minutes check-in → delivered, of each car delivered in the range. */
  cycleMinutes: number[];
  stageMinutes: Record<string, number[]>;
  /** Of the cars delivered in the range: their operations' worked minutes and their cycle minutes. */
  touch: { workedMinutes: number; cycleMinutes: number };
  bays: { workedMinutes: number; openMinutes: number };
  /** `<store>/<bay>` → local hour → worked minutes; and the open minutes of each hour over the range, per bay. */
  bayHours: Record<string, Record<string, number>>;
  openMinutesByHour: Record<string, number>;
  /** `<store>/<technician>` → hours. */
  technicians: Record<string, { attendedHours: number; workedHours: number; standardHours: number }>;
  /** Standard hours of the operations of the cars delivered in the range. */
  soldHours: number;
  qc: { firstPass: number; inspected: number };
  reworks: number;
  comebacks: { comeback: number; delivered: number };
  appointments: { booked: number; due: number; arrived: number; noShow: number; cancelled: number; leadHours: number[] };
  cancelReasons: Record<string, number>;
  survey: { responses: number; scoreSum: number; byScore: Record<string, number> };
  partsWaits: { count: number; minutes: number; withEta: number; late: number };
  calls: { asked: number; answered: number; answerMinutes: number[] };
}

/** The columns of a visit and an operation the tally reads: a year of a store is 15,000 of each, so only these are fetched. */
export const TALLY_VISIT_COLUMNS = [
  'ro_id',
  'vehicle_ref',
  'op_codes',
  'checked_in_at',
  'dispatched_at',
  'in_service_at',
  'quality_check_at',
  'washing_at',
  'ready_at',
  'delivered_at',
  'promised_at',
  'rework_count',
  'qc_first_pass',
  'survey_score',
  'min_checked_in',
  'min_waiting_dispatch',
  'min_in_service',
  'min_quality_check',
  'min_washing',
  'min_ready',
] as const satisfies readonly (keyof VisitRow)[];
export const TALLY_OPERATION_COLUMNS = [
  'ro_id',
  'operation_id',
  'standard_hours',
  'technician_id',
  'status',
  'finished_at',
  'worked_minutes',
] as const satisfies readonly (keyof OperationRow)[];
export type TallyVisit = Pick<VisitRow, (typeof TALLY_VISIT_COLUMNS)[number]>;
export type TallyOperation = Pick<OperationRow, (typeof TALLY_OPERATION_COLUMNS)[number]>;

/** The rows one store's tally reads (report-rows.ts selects them for the range). */
export interface ReportRows {
  /** Checked in or delivered in the range, and for comebacks those checked in up to 30 days after it. */
  visits: TallyVisit[];
  /** Of the visits above, and those finished in the range. */
  operations: TallyOperation[];
  /** Overlapping the range. */
  runs: WorkRunRow[];
  /** Parts waits begun in the range. */
  pauses: PauseRow[];
  /** Overlapping the range. */
  attendance: AttendanceRow[];
  /** Due or booked in the range. */
  appointments: AppointmentRow[];
  /** Asked in the range. */
  calls: AdvisorCallRow[];
}

export interface TallyContext {
  storeId: string;
  range: ZonedRange;
  /** The bays whose capacity counts (not wash bays: washing is not an operation). */
  bayIds: readonly string[];
  openingHours: { open: string; close: string };
  /** Configured technicians: their attendance counts even on a day they worked nothing. */
  technicianIds: readonly string[];
  /** Now, for work and waits still running. */
  now: number;
}

export const COMEBACK_DAYS = 30;
/** Each stage whose time is reported: when it was first entered, and its summed minutes. */
export const STAGES: [stage: string, entered: keyof TallyVisit, minutes: keyof TallyVisit][] = [
  ['checked_in', 'checked_in_at', 'min_checked_in'],
  ['waiting_dispatch', 'dispatched_at', 'min_waiting_dispatch'],
  ['in_service', 'in_service_at', 'min_in_service'],
  ['quality_check', 'quality_check_at', 'min_quality_check'],
  ['washing', 'washing_at', 'min_washing'],
  ['ready', 'ready_at', 'min_ready'],
];

export const emptyTally = (): Tally => ({
  byDay: {},
  rosIn: 0,
  rosOut: 0,
  onTime: { delivered: 0, withPromise: 0 },
  sameDay: { delivered: 0, checkedIn: 0 },
  cycleMinutes: [],
  stageMinutes: Object.fromEntries(STAGES.map(([s]) => [s, []])),
  touch: { workedMinutes: 0, cycleMinutes: 0 },
  bays: { workedMinutes: 0, openMinutes: 0 },
  bayHours: {},
  openMinutesByHour: {},
  technicians: {},
  soldHours: 0,
  qc: { firstPass: 0, inspected: 0 },
  reworks: 0,
  comebacks: { comeback: 0, delivered: 0 },
  appointments: { booked: 0, due: 0, arrived: 0, noShow: 0, cancelled: 0, leadHours: [] },
  cancelReasons: {},
  survey: { responses: 0, scoreSum: 0, byScore: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
  partsWaits: { count: 0, minutes: 0, withEta: 0, late: 0 },
  calls: { asked: 0, answered: 0, answerMinutes: [] },
});

/** Numbers add, arrays concatenate, keyed maps merge key by key. */
const merge = (a: unknown, b: unknown): unknown => {
  if (typeof a === 'number' || typeof b === 'number') return ((a as number) ?? 0) + ((b as number) ?? 0);
  if (Array.isArray(a) || Array.isArray(b)) return [...((a as unknown[]) ?? []), ...((b as unknown[]) ?? [])];
  const out: Record<string, unknown> = { ...(a as object) };
  for (const [k, v] of Object.entries((b as object) ?? {})) out[k] = merge(out[k], v);
  return out;
};

/** Add `b` into a copy of `a`: numbers add, samples concatenate, keyed maps merge key by key. */
export function mergeTallies(tallies: readonly Tally[]): Tally {
  return tallies.reduce((sum, t) => merge(sum, t) as Tally, emptyTally());
}

/**
 * A tally whose samples are already reduced to their distributions: what the SQL aggregation
 * (server/history/report-sql.ts) answers, percentiles and all, without sending samples to JS.
 */
export type Totals = Omit<Tally, 'cycleMinutes' | 'stageMinutes' | 'appointments' | 'calls'> & {
  cycleTime: Distribution;
  stageTime: Record<string, Distribution>;
  appointments: Omit<Tally['appointments'], 'leadHours'> & { leadTime: Distribution };
  calls: Omit<Tally['calls'], 'answerMinutes'> & { answerTime: Distribution };
};

/** The distributions of a Totals, each named by the sample it is of (`stage:in_service`). */
export const DISTRIBUTION_KINDS = ['cycle', ...STAGES.map(([stage]) => `stage:${stage}`), 'lead', 'answer'] as const;

/**
 * The group's Totals from its stores': sums add and keyed maps merge as in mergeTallies; the
 * distributions are not sums of the stores' (a percentile of all cars is not a sum of the stores'
 * percentiles), so the caller gives them, taken over every store's samples together.
 */
export function mergeTotals(stores: readonly Totals[], distributions: Record<string, Distribution>): Totals {
  const strip = (t: Totals) => {
    const { cycleTime: _c, stageTime: _s, ...rest } = t;
    const { leadTime: _l, ...appointments } = t.appointments;
    const { answerTime: _a, ...calls } = t.calls;
    return { ...rest, appointments, calls };
  };
  const sums = stores.map(strip).reduce((sum, t) => merge(sum, t) as ReturnType<typeof strip>, strip(emptyTotals()));
  return {
    ...sums,
    cycleTime: distributions.cycle,
    stageTime: Object.fromEntries(STAGES.map(([stage]) => [stage, distributions[`stage:${stage}`]])),
    appointments: { ...sums.appointments, leadTime: distributions.lead },
    calls: { ...sums.calls, answerTime: distributions.answer },
  };
}

const noDistribution = (unit: string): Distribution => ({ count: 0, p50: null, p90: null, mean: { value: null, numerator: 0, denominator: 0, unit }, unit });

/** Totals of nothing: every count 0, every distribution empty. */
export const emptyTotals = (): Totals => {
  const { cycleMinutes: _c, stageMinutes: _s, appointments, calls, ...rest } = emptyTally();
  const { leadHours: _l, ...a } = appointments;
  const { answerMinutes: _m, ...c } = calls;
  return {
    ...rest,
    cycleTime: noDistribution('min'),
    stageTime: Object.fromEntries(STAGES.map(([s]) => [s, noDistribution('min')])),
    appointments: { ...a, leadTime: noDistribution('h') },
    calls: { ...c, answerTime: noDistribution('min') },
  };
};

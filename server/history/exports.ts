import { stringify } from 'csv-stringify/sync';
import type { Store } from '../../shared/domain/shop';
import { zoned, type DateRange } from '../../shared/reports/range';
import type { Summary } from '../../shared/reports/summary';
import { readRows } from './report-rows';
import type { HistoryDb } from './schema';

/**
 * The reports' tables as CSV files for Excel: UTF-8 with a byte-order mark (without it Excel
 * reads Chinese as GBK mojibake), a header row, times in the store's zone as `YYYY-MM-DD HH:MM`.
 * Written by csv-stringify, which quotes what needs quoting (commas, quotes, line breaks in a
 * reason) so no field can break a row.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const localTime = (iso: string | null, timeZone: string): string => {
  if (!iso) return '';
  let f = formats.get(timeZone);
  // sv-SE writes the ISO-like `2026-03-02 09:05`.
  if (!f)
    formats.set(
      timeZone,
      (f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })),
    );
  return f.format(new Date(iso));
};
const minutes = (from: string | null, to: string | null) => (from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 60_000) : '');
const share = (value: number | null) => (value === null ? '' : value.toFixed(4));
/**
 * Text that Excel would run as a formula (`=`, `+`, `-`, `@` first; a cancel reason is typed by
 * staff, an RO number can come from the DMS) gets a leading apostrophe, which Excel shows as text.
 */
const cell = (value: unknown) => (typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const csv = (columns: string[], rows: unknown[][]) =>
  stringify(
    rows.map((row) => row.map(cell)),
    { header: true, columns, bom: true, record_delimiter: 'windows' },
  );

/** One row per visit checked in or delivered in the range. */
export async function visitsCsv(db: HistoryDb, store: Store, range: DateRange): Promise<string> {
  const zonedRange = zoned(range, store.timezone);
  const start = new Date(zonedRange.start).toISOString();
  const end = new Date(zonedRange.end).toISOString();
  const visits = (
    await readRows(
      db,
      db
        .selectFrom('history_visits')
        .selectAll()
        .where('store_id', '=', store.id)
        .where((eb) =>
          eb.or([
            eb.and([eb('checked_in_at', '>=', start), eb('checked_in_at', '<', end)]),
            eb.and([eb('delivered_at', '>=', start), eb('delivered_at', '<', end)]),
          ]),
        ),
    )
  ).sort((a, b) => (a.checked_in_at ?? a.created_at).localeCompare(b.checked_in_at ?? b.created_at));
  const advisors = new Map(store.advisors.map((a) => [a.id, a.name]));
  const tz = store.timezone;
  return csv(
    [
      '门店 store',
      '工单号 RO number',
      '来源 source',
      '服务顾问 advisor',
      '阶段 stage',
      '进厂 checked in',
      '派工 dispatched',
      '开工 work started',
      '质检 QC',
      '完工 ready',
      '承诺交车 promised',
      '交车 delivered',
      '周期(分钟) cycle minutes',
      '准时 on time',
      '返工次数 reworks',
      '一次通过 QC first pass',
      '缺件次数 parts waits',
      '缺件分钟 parts-wait minutes',
      '取消原因 cancel reason',
      '满意度 survey',
      '项目 op codes',
    ],
    visits.map((v) => [
      store.name['zh-CN'],
      v.number,
      v.source,
      v.advisor_id ? (advisors.get(v.advisor_id) ?? v.advisor_id) : '',
      v.stage,
      localTime(v.checked_in_at, tz),
      localTime(v.dispatched_at, tz),
      localTime(v.in_service_at, tz),
      localTime(v.quality_check_at, tz),
      localTime(v.ready_at, tz),
      localTime(v.promised_at, tz),
      localTime(v.delivered_at, tz),
      minutes(v.checked_in_at, v.delivered_at),
      v.delivered_at && v.promised_at ? (v.delivered_at <= v.promised_at ? 'yes' : 'no') : '',
      v.rework_count,
      v.qc_first_pass === null ? '' : v.qc_first_pass ? 'yes' : 'no',
      v.parts_waits,
      Math.round(v.parts_wait_minutes),
      v.cancel_reason ?? '',
      v.survey_score ?? '',
      v.op_codes,
    ]),
  );
}

/**
 * What a summary's table is of: one store (`[store]`, labelled with its name) or the group (every
 * store the caller may see, labelled as the group's total). Rows that belong to one store (a
 * technician, a bay) are named by their own store.
 */
export interface CsvScope {
  stores: readonly Store[];
  label: string;
}
export const storeScope = (store: Store): CsvScope => ({ stores: [store], label: store.name['zh-CN'] });
const storeName = (scope: CsvScope, id: string) => scope.stores.find((s) => s.id === id)?.name['zh-CN'] ?? id;

/** One row per technician: attended, worked and standard hours and the three NADA ratios. */
export function techniciansCsv(scope: CsvScope, summary: Summary): string {
  const names = new Map<string, string>(scope.stores.flatMap((s) => s.technicians.map((t) => [`${s.id}/${t.id}`, t.name] as const)));
  return csv(
    [
      '门店 store',
      '技师 technician id',
      '姓名 name',
      '出勤小时 attended h',
      '实作小时 worked h',
      '标准工时 standard h',
      '生产率 productivity',
      '效率 efficiency',
      '熟练度 proficiency',
    ],
    summary.technicians.map((t) => [
      storeName(scope, t.storeId),
      t.technicianId,
      names.get(`${t.storeId}/${t.technicianId}`) ?? '',
      t.attendedHours.toFixed(2),
      t.workedHours.toFixed(2),
      t.standardHours.toFixed(2),
      share(t.productivity.value),
      share(t.efficiency.value),
      share(t.proficiency.value),
    ]),
  );
}

const STAGE_NAMES: Record<string, string> = {
  checked_in: '到店待派 checked in',
  waiting_dispatch: '待派工 waiting dispatch',
  in_service: '维修中 in service',
  quality_check: '质检 quality check',
  washing: '洗车 washing',
  ready: '待交车 ready',
};
const number = (x: number | null, digits: number) => (x === null ? '' : x.toFixed(digits));

/** Minutes in each stage of the cars delivered in the range: samples, p50, p90, mean. */
export function stageTimesCsv(scope: CsvScope, summary: Summary): string {
  return csv(
    ['门店 store', '阶段 stage', '车辆数 cars', '中位分钟 p50 min', 'P90分钟 p90 min', '平均分钟 mean min'],
    Object.entries(summary.stageTime).map(([stage, d]) => [
      scope.label,
      STAGE_NAMES[stage] ?? stage,
      d.count,
      number(d.p50, 1),
      number(d.p90, 1),
      number(d.mean.value, 1),
    ]),
  );
}

/** The heat map as a table: one row per bay (per store in the group's), worked hours in each local hour (00–23), and the bay's total. */
export function bayHoursCsv(scope: CsvScope, summary: Summary): string {
  const names = new Map<string, string>(scope.stores.flatMap((s) => s.bays.map((b) => [`${s.id}/${b.id}`, b.name] as const)));
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  return csv(
    ['门店 store', '工位 bay', ...hours.map((h) => `${h}:00 h`), '合计 total h'],
    summary.bayHours.map((b) => [
      // A group's rows are stores (`<store>`, its bays summed), a store's its bays (`<store>/<bay>`).
      storeName(scope, b.bay.split('/')[0]),
      b.bay.includes('/') ? (names.get(b.bay) ?? b.bay) : '全部工位 all bays',
      ...hours.map((h) => (b.hours[h] ?? 0).toFixed(2)),
      Object.values(b.hours)
        .reduce((s, x) => s + x, 0)
        .toFixed(2),
    ]),
  );
}

/** The group's heat map: each store's bay utilisation in each local hour (worked ÷ open bay-hours; empty when closed). */
export function storeHoursCsv(rows: { store: Store; summary: Summary }[]): string {
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  return csv(
    ['门店 store', ...hours.map((h) => `${h}:00`)],
    rows.map((r) => [r.store.name['zh-CN'], ...r.summary.bayUtilisationByHour.map((h) => share(h.value))]),
  );
}

/** The daily trends: ROs in and out, on-time delivery and the mean cycle time of each date. */
export function daysCsv(scope: CsvScope, summary: Summary): string {
  return csv(
    [
      '门店 store',
      '日期 date',
      '进厂 ROs in',
      '交车 ROs out',
      '准时交车 on time',
      '有承诺时间 with promise',
      '准时交车率 on-time share',
      '平均周期(分钟) mean cycle min',
    ],
    summary.byDay.map((d) => [
      scope.label,
      d.date,
      d.in,
      d.out,
      d.onTimeDelivery.numerator,
      d.onTimeDelivery.denominator,
      share(d.onTimeDelivery.value),
      number(d.cycleTime.value, 1),
    ]),
  );
}

/** The survey scores of the cars delivered in the range: responses per score and their share. */
export function surveyCsv(scope: CsvScope, summary: Summary): string {
  const responses = summary.csi.mean.denominator;
  return csv(
    ['门店 store', '评分 score', '份数 responses', '占比 share'],
    [...summary.csi.distribution].reverse().map((d) => [scope.label, d.score, d.count, share(responses ? d.count / responses : null)]),
  );
}

/** Why appointments due in the range were cancelled, largest first ("" is no reason given). */
export function cancellationsCsv(scope: CsvScope, summary: Summary): string {
  return csv(
    ['门店 store', '取消原因 reason', '次数 count'],
    summary.appointments.cancellationReasons.map((r) => [scope.label, r.reason || '未填写原因 no reason given', r.count]),
  );
}

/** The group's stores, most cars delivered first, and the group's total (ratios of sums). */
export function storesCsv(rows: { store: Store; summary: Summary }[], total: Summary, groupName: string): string {
  const ranked = [...rows].sort((a, b) => b.summary.rosOut.count - a.summary.rosOut.count || a.store.id.localeCompare(b.store.id));
  const figures = (s: Summary) => [
    s.rosIn.count,
    s.rosOut.count,
    share(s.onTimeDelivery.value),
    number(s.cycleTime.p50, 1),
    share(s.bayUtilisation.value),
    share(s.qcFirstPass.value),
    number(s.csi.mean.value, 2),
    share(s.comebackRate.value),
  ];
  return csv(
    [
      '名次 rank',
      '门店 store',
      '进厂 ROs in',
      '交车 ROs out',
      '准时交车率 on-time share',
      '周期中位分钟 cycle p50 min',
      '工位利用率 bay utilisation',
      '一次修复率 QC first pass',
      '满意度 CSI',
      '返修率 comeback rate',
    ],
    [...ranked.map((r, i) => [i + 1, r.store.name['zh-CN'], ...figures(r.summary)]), ['', `${groupName} 合计 total`, ...figures(total)]],
  );
}

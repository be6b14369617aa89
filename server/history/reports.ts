import type { Store } from '../../shared/domain/shop';
import { zoned, type DateRange } from '../../shared/reports/range';
import { summarize, summarizeTotals, type GroupReport, type StoreReport } from '../../shared/reports/summary';
import { mergeTotals, type Tally, type Totals } from '../../shared/reports/tally';
import { tallyStore } from '../../shared/reports/tally-store';
import { loadReportRows } from './report-rows';
import { sqlTotals } from './report-sql';
import type { HistoryDb } from './schema';

export type { StoreReport, GroupReport } from '../../shared/reports/summary';

/** How a report is read: `complete` false while the history is still being written (the demo's first start). */
export interface ReportOptions {
  now?: number;
  complete?: boolean;
}

const days = (range: DateRange) => zoned(range, 'UTC').days;
const scope = (store: Store, range: DateRange, now: number) => ({ store, range: zoned(range, store.timezone), now });

/**
 * One store's tally for a range of its own local dates, counted in JS from the rows: the
 * reference the SQL aggregation is tested against (report-sql.test.ts), not what the API answers.
 */
export async function storeTally(db: HistoryDb, store: Store, range: DateRange, now = Date.now()): Promise<Tally> {
  const zonedRange = zoned(range, store.timezone);
  const rows = await loadReportRows(db, store.id, zonedRange);
  return tallyStore(rows, {
    storeId: store.id,
    range: zonedRange,
    now,
    bayIds: store.bays.filter((b) => b.kind !== 'wash').map((b) => b.id),
    openingHours: store.openingHours,
    technicianIds: store.technicians.map((t) => t.id),
  });
}

/** The JS reference's figures of one store (see storeTally). */
export async function storeSummaryFromRows(db: HistoryDb, store: Store, range: DateRange, now = Date.now()) {
  return summarize(await storeTally(db, store, range, now), days(range));
}

/** Every KPI of one store for a range (dates in the store's time zone), counted by the database. */
export async function storeReport(db: HistoryDb, store: Store, range: DateRange, options: ReportOptions | number = {}): Promise<StoreReport> {
  const { now = Date.now(), complete = true } = typeof options === 'number' ? { now: options } : options;
  const { stores } = await sqlTotals(db, [scope(store, range, now)]);
  return { storeId: store.id, ...range, timeZone: store.timezone, complete, summary: summarizeTotals(stores.get(store.id)!, days(range)) };
}

/** A store's heat map rows summed into one row of the store (the group's heat map is per store, not per bay). */
const perStore = (storeId: string, t: Totals): Totals => {
  const hours: Record<string, number> = {};
  for (const row of Object.values(t.bayHours)) for (const [h, m] of Object.entries(row)) hours[h] = (hours[h] ?? 0) + m;
  return { ...t, bayHours: Object.keys(hours).length ? { [storeId]: hours } : {} };
};

/**
 * The group: each store over the same local dates (each in its own zone), and the total from the
 * stores' sums — ratios of sums, percentiles over every store's samples — in one fixed set of
 * queries for all the stores. Its heat map (`bayHours`) has a row per store.
 */
export async function groupReport(db: HistoryDb, stores: readonly Store[], range: DateRange, options: ReportOptions | number = {}): Promise<GroupReport> {
  const { now = Date.now(), complete = true } = typeof options === 'number' ? { now: options } : options;
  const totals = await sqlTotals(
    db,
    stores.map((s) => scope(s, range, now)),
    true,
  );
  const each = stores.map((s) => perStore(s.id, totals.stores.get(s.id)!));
  return {
    ...range,
    complete,
    stores: stores.map((s, i) => ({ storeId: s.id, ...range, timeZone: s.timezone, complete, summary: summarizeTotals(each[i], days(range)) })),
    total: summarizeTotals(mergeTotals(each, totals.group!), days(range)),
  };
}

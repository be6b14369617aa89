import type { Response } from 'express';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import type { Store } from '../../shared/domain/shop';
import { checkRange, type DateRange } from '../../shared/reports/range';
import { GroupReportSchema, StoreReportSchema } from '../../shared/reports/summary';
import { READS } from '../../shared/workflow/permissions';
import { maySeeStore } from '../auth/policy';
import {
  bayHoursCsv,
  cancellationsCsv,
  daysCsv,
  stageTimesCsv,
  storeHoursCsv,
  storeScope,
  storesCsv,
  surveyCsv,
  techniciansCsv,
  visitsCsv,
  type CsvScope,
} from '../history/exports';
import { groupReport, storeReport, type StoreReport } from '../history/reports';
import type { HistoryDb } from '../history/schema';
import type { AppDeps } from '../deps';
import { HttpError, invalidInput } from './errors';
import { data, defineRoute } from './route';

/**
 * The service manager's reports: every KPI of docs/kpis.md for a store or the group, and the
 * visits and technicians as CSV. Read from the history read model (server/history), never from
 * the live state, so a year's report costs the database, not the process that takes the scans.
 */
const tag = 'Reports';
const storeParams = z.strictObject({ storeId: IdSchema });
// Checked by checkRange, so a bad date is answered naming `from` or `to` with what is wrong.
const rangeQuery = z.strictObject({
  from: z.string().max(40).optional().describe('first store-local date, YYYY-MM-DD'),
  to: z.string().max(40).optional().describe('last store-local date, YYYY-MM-DD (inclusive; default: from); at most three years after from'),
});

const rangeOf = (query: { from?: string; to?: string }): DateRange => {
  const checked = checkRange(query.from, query.to);
  if (!checked.ok) throw invalidInput([{ path: `query.${checked.problem.parameter}`, message: checked.problem.message }]);
  return checked.range;
};

const historyOf = (deps: AppDeps): HistoryDb => {
  if (!deps.history) throw new HttpError(503, 'history_unavailable', 'The history read model is not open on this server');
  return deps.history;
};

/**
 * The history database away (PostgreSQL down, the SQLite file unreadable) is the read model's
 * outage, not a bug: 503, as the event store's is, and the workshop goes on.
 */
const fromHistory = async <T>(deps: AppDeps, read: (db: HistoryDb) => Promise<T>): Promise<T> => {
  const db = historyOf(deps);
  try {
    return await read(db);
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (
      !/^(08|57P|53)|^E(CONNREFUSED|CONNRESET|TIMEDOUT|HOSTUNREACH)$|^SQLITE_(BUSY|CANTOPEN|IOERR)/.test(code) &&
      !/driver has already been destroyed|timeout exceeded when trying to connect/i.test(String(err))
    )
      throw err;
    deps.log.warn({ err }, 'history: the read model cannot be reached');
    throw new HttpError(503, 'history_unavailable', 'The reports cannot be read now; the workshop is not affected. Try again shortly.');
  }
};

const sendCsv = (res: Response, name: string, body: string) => {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${name}"`);
  res.setHeader('cache-control', 'no-store');
  res.end(body);
};
const fileName = (store: Store, what: string, range: DateRange) => `${store.id}-${what}-${range.from}-${range.to}.csv`;

// Each handler checks the range before it asks for the history, so a bad range is a 400 on any server.

/**
 * A table of the summary as CSV (what the /reports page shows, for Excel). To add one: a writer
 * in server/history/exports.ts and a row here; the page links `<file>` beside its table.
 */
type SummaryWriter = (scope: CsvScope, s: StoreReport['summary']) => string;
const summaryCsvRoute = (name: string, file: string, summary: string, write: SummaryWriter) =>
  defineRoute({
    name,
    method: 'get',
    path: `/api/stores/:storeId/reports/${file}.csv`,
    access: READS.reports,
    tag,
    summary,
    params: storeParams,
    query: rangeQuery,
    response: { status: 200, description: 'CSV with a header row (UTF-8 with BOM)', contentType: 'text/csv' },
    run: async ({ query }, { deps, store, res }) => {
      const range = rangeOf(query);
      const report = await fromHistory(deps, (db) => storeReport(db, store, range, { complete: deps.historyComplete?.() ?? true }));
      sendCsv(res, fileName(store, file, range), write(storeScope(store), report.summary));
    },
  });

/** The group: every store the caller may see, and the group's figures (ratios of the stores' sums). */
const groupOf = async (deps: AppDeps, principal: Parameters<typeof maySeeStore>[0], range: DateRange) => {
  const stores = deps.service.storeConfigs.filter((s) => maySeeStore(principal, s.id));
  const report = await fromHistory(deps, (db) => groupReport(db, stores, range, { complete: deps.historyComplete?.() ?? true }));
  const groupName = deps.shop.group?.name ?? '集团';
  return { stores, report, groupName, rows: report.stores.map((r) => ({ store: stores.find((s) => s.id === r.storeId)!, summary: r.summary })) };
};

/** The same table of the group's figures: `/api/reports/<file>.csv`; rows of one store (technicians, bays) name it. */
const groupCsvRoute = (name: string, file: string, summary: string, write: SummaryWriter) =>
  defineRoute({
    name,
    method: 'get',
    path: `/api/reports/${file}.csv`,
    access: READS.reports,
    tag,
    summary: `The group: ${summary}`,
    query: rangeQuery,
    response: { status: 200, description: 'CSV with a header row (UTF-8 with BOM)', contentType: 'text/csv' },
    run: async ({ query }, { deps, principal, res }) => {
      const range = rangeOf(query);
      const g = await groupOf(deps, principal, range);
      sendCsv(res, `group-${file}-${range.from}-${range.to}.csv`, write({ stores: g.stores, label: `${g.groupName} 合计` }, g.report.total));
    },
  });

const TABLES: [file: string, summary: string, write: SummaryWriter][] = [
  ['stages', 'Minutes in each stage (p50, p90, mean) of the cars delivered in the range, as CSV', stageTimesCsv],
  ['bay-hours', 'Worked hours per bay and local hour of day over the range (the heat map), as CSV', bayHoursCsv],
  ['days', 'Per store-local date: ROs in and out, on-time delivery, mean cycle time (the trends), as CSV', daysCsv],
  ['survey', 'Survey responses per score (1–5) of the cars delivered in the range, as CSV', surveyCsv],
  ['cancellations', 'Cancelled appointments due in the range per reason, as CSV', cancellationsCsv],
];
const routeName = (prefix: string, file: string) => `${prefix}${file.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase())}Csv`;

export const reportRoutes = [
  defineRoute({
    name: 'storeReportSummary',
    method: 'get',
    path: '/api/stores/:storeId/reports/summary',
    access: READS.reports,
    tag,
    summary: 'Every KPI of one store for a range of its local dates, each ratio with numerator and denominator (docs/kpis.md)',
    params: storeParams,
    query: rangeQuery,
    response: {
      status: 200,
      description: "The store's figures (complete: false while the history is still catching up with the log after a start)",
      schema: z.object({ data: StoreReportSchema }),
    },
    run: async ({ query }, { deps, store }) => {
      const range = rangeOf(query);
      return data(await fromHistory(deps, (db) => storeReport(db, store, range, { complete: deps.historyComplete?.() ?? true })));
    },
  }),
  defineRoute({
    name: 'storeReportVisitsCsv',
    method: 'get',
    path: '/api/stores/:storeId/reports/visits.csv',
    access: READS.reports,
    tag,
    summary: 'One row per visit checked in or delivered in the range, as CSV (UTF-8 with BOM, for Excel)',
    params: storeParams,
    query: rangeQuery,
    response: { status: 200, description: 'CSV with a header row', contentType: 'text/csv' },
    run: async ({ query }, { deps, store, res }) => {
      const range = rangeOf(query);
      sendCsv(res, fileName(store, 'visits', range), await fromHistory(deps, (db) => visitsCsv(db, store, range)));
    },
  }),
  defineRoute({
    name: 'storeReportTechniciansCsv',
    method: 'get',
    path: '/api/stores/:storeId/reports/technicians.csv',
    access: READS.reports,
    tag,
    summary: 'One row per technician: attended, worked and standard hours, productivity, efficiency, proficiency (CSV, UTF-8 with BOM)',
    params: storeParams,
    query: rangeQuery,
    response: { status: 200, description: 'CSV with a header row', contentType: 'text/csv' },
    run: async ({ query }, { deps, store, res }) => {
      const range = rangeOf(query);
      const report = await fromHistory(deps, (db) => storeReport(db, store, range, { complete: deps.historyComplete?.() ?? true }));
      sendCsv(res, fileName(store, 'technicians', range), techniciansCsv(storeScope(store), report.summary));
    },
  }),
  ...TABLES.map(([file, summary, write]) => summaryCsvRoute(routeName('storeReport', file), file, summary, write)),
  defineRoute({
    name: 'groupReportSummary',
    method: 'get',
    path: '/api/reports/summary',
    access: READS.reports,
    tag,
    summary: "The group: every store the caller may see, and the total as ratios of the stores' sums (never a mean of their ratios)",
    query: rangeQuery,
    response: {
      status: 200,
      description: 'Per store and total',
      schema: z.object({ data: GroupReportSchema }),
    },
    run: async ({ query }, { deps, principal }) => {
      const range = rangeOf(query);
      const stores = deps.service.storeConfigs.filter((s) => maySeeStore(principal, s.id));
      return data(await fromHistory(deps, (db) => groupReport(db, stores, range, { complete: deps.historyComplete?.() ?? true })));
    },
  }),
  defineRoute({
    name: 'groupReportStoresCsv',
    method: 'get',
    path: '/api/reports/stores.csv',
    access: READS.reports,
    tag,
    summary: "The group's stores ranked by ROs out, with the total (ratios of sums), as CSV (UTF-8 with BOM)",
    query: rangeQuery,
    response: { status: 200, description: 'CSV with a header row', contentType: 'text/csv' },
    run: async ({ query }, { deps, principal, res }) => {
      const range = rangeOf(query);
      const g = await groupOf(deps, principal, range);
      sendCsv(res, `group-stores-${range.from}-${range.to}.csv`, storesCsv(g.rows, g.report.total, g.groupName));
    },
  }),
  defineRoute({
    name: 'groupReportStoreHoursCsv',
    method: 'get',
    path: '/api/reports/store-hours.csv',
    access: READS.reports,
    tag,
    summary: "The group's heat map: each store's bay utilisation in each local hour of day, as CSV (UTF-8 with BOM)",
    query: rangeQuery,
    response: { status: 200, description: 'CSV with a header row', contentType: 'text/csv' },
    run: async ({ query }, { deps, principal, res }) => {
      const range = rangeOf(query);
      const g = await groupOf(deps, principal, range);
      sendCsv(res, `group-store-hours-${range.from}-${range.to}.csv`, storeHoursCsv(g.rows));
    },
  }),
  groupCsvRoute('groupReportTechniciansCsv', 'technicians', 'One row per technician of every store, with the three NADA ratios, as CSV', techniciansCsv),
  ...TABLES.map(([file, summary, write]) => groupCsvRoute(routeName('groupReport', file), file, summary, write)),
];

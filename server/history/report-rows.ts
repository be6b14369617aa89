import { SqliteAdapter, sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { ReportRows } from '../../shared/reports/tally';
import { COMEBACK_DAYS, TALLY_OPERATION_COLUMNS, TALLY_VISIT_COLUMNS } from '../../shared/reports/tally';
import type { ZonedRange } from '../../shared/reports/range';
import type { HistoryDb } from './schema';

const DAY = 86_400_000;
const LONGEST_RUN_DAYS = 14;
/* eslint-disable @typescript-eslint/no-explicit-any -- one filter for the table and its alias */
const iso = (at: number) => new Date(at).toISOString();

/** Rows read from SQLite between two turns of the event loop. */
const ROWS_PER_TURN = 5000;

/** A select whose pages `readRows` can ask for. */
interface PagedQuery<T> {
  execute(): Promise<T[]>;
  orderBy(expression: RawBuilder<unknown>): PagedQuery<T>;
  limit(n: number): { offset(n: number): { execute(): Promise<T[]> } };
}

/**
 * Every row of a query. better-sqlite3 answers synchronously, so a year's 15,000 rows read at once
 * would hold up the scans of the whole process for as long; on SQLite they are read in pages of
 * ROWS_PER_TURN (ordered by `rowid`, the table's or the alias's given), and the event loop gets a
 * turn between pages. Pages, not a row-by-row stream: better-sqlite3's iterator and Kysely's
 * stream cost several times what `all()` does per row (bench:reports, BENCHMARKS.md).
 * PostgreSQL's answers arrive asynchronously anyway.
 */
export async function readRows<T>(db: HistoryDb, query: PagedQuery<T>, rowid = 'rowid'): Promise<T[]> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return query.execute();
  const ordered = query.orderBy(sql.raw(rowid));
  const rows: T[] = [];
  for (let offset = 0; ; offset += ROWS_PER_TURN) {
    const page = await ordered.limit(ROWS_PER_TURN).offset(offset).execute();
    for (const row of page) rows.push(row);
    if (page.length < ROWS_PER_TURN) return rows;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The rows one store's report reads for a range: a handful of indexed range queries (times are
 * ISO text, so `>=`/`<` on them is a range scan in both dialects). Everything is then counted in
 * shared/reports, the same code for a store and for the group.
 */
export async function loadReportRows(db: HistoryDb, storeId: string, range: ZonedRange): Promise<ReportRows> {
  const start = iso(range.start);
  const end = iso(range.end);
  const comebackEnd = iso(range.end + COMEBACK_DAYS * DAY);
  // A visit checked in during the range (or within the comeback window after it), or delivered in it.
  const visitInRange = (v: 'history_visits' | 'v') => (eb: ExpressionBuilder<any, any>) =>
    eb.or([
      eb.and([eb(`${v}.checked_in_at`, '>=', start), eb(`${v}.checked_in_at`, '<', comebackEnd)]),
      eb.and([eb(`${v}.delivered_at`, '>=', start), eb(`${v}.delivered_at`, '<', end)]),
    ]);
  const visits = await readRows(
    db,
    db.selectFrom('history_visits').select(TALLY_VISIT_COLUMNS).where('store_id', '=', storeId).where(visitInRange('history_visits')),
  );
  // Their operations in one join (not a list of ids), and the operations finished in the range.
  const operations = new Map<string, ReportRows['operations'][number]>();
  const ofVisits = await readRows(
    db,
    db
      .selectFrom('history_operations as o')
      .innerJoin('history_visits as v', (join) => join.onRef('v.store_id', '=', 'o.store_id').onRef('v.ro_id', '=', 'o.ro_id'))
      .select(TALLY_OPERATION_COLUMNS.map((c) => `o.${c}` as const))
      .where('o.store_id', '=', storeId)
      .where(visitInRange('v')),
    'o.rowid',
  );
  const finished = await readRows(
    db,
    db
      .selectFrom('history_operations')
      .select(TALLY_OPERATION_COLUMNS)
      .where('store_id', '=', storeId)
      .where('finished_at', '>=', start)
      .where('finished_at', '<', end),
  );
  for (const o of [...ofVisits, ...finished]) operations.set(`${o.ro_id}\u0000${o.operation_id}`, o);
  // A run or a sign-in overlaps the range when it began before its end and ended after its start (or not yet).
  // Bounded below so a range late in the history does not read every run before it: a run of work
  // is taken to begin at most 14 days before the range (longer is a forgotten pause, docs/kpis.md),
  // a sign-in at most a day (its shift end is at most 24 hours after it).
  const runs = await readRows(
    db,
    db
      .selectFrom('history_work_runs')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('started_at', '>=', iso(range.start - LONGEST_RUN_DAYS * DAY))
      .where('started_at', '<', end)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', start)])),
  );
  const attendance = await db
    .selectFrom('history_attendance')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('clock_in', '>=', iso(range.start - 2 * DAY))
    .where('clock_in', '<', end)
    .where('clock_out', '>', start)
    .execute();
  const pauses = await db
    .selectFrom('history_pauses')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('reason', '=', 'parts')
    .where('started_at', '>=', start)
    .where('started_at', '<', end)
    .execute();
  const appointments = await db
    .selectFrom('history_appointments')
    .selectAll()
    .where('store_id', '=', storeId)
    .where((eb) => eb.or([eb.and([eb('due_at', '>=', start), eb('due_at', '<', end)]), eb.and([eb('booked_at', '>=', start), eb('booked_at', '<', end)])]))
    .execute();
  const calls = await db
    .selectFrom('history_advisor_calls')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('asked_at', '>=', start)
    .where('asked_at', '<', end)
    .execute();
  return { visits, operations: [...operations.values()], runs, pauses, attendance, appointments, calls };
}

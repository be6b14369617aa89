import { SqliteAdapter, sql, type RawBuilder } from 'kysely';
import type { Store } from '../../shared/domain/shop';
import { datesOf, type ZonedRange } from '../../shared/reports/range';
import { distributionOf, type Distribution } from '../../shared/reports/summary';
import { COMEBACK_DAYS, DISTRIBUTION_KINDS, emptyDay, emptyTotals, STAGES, type Totals } from '../../shared/reports/tally';
import { offsetPieces, openTime } from '../../shared/reports/tally-store';
import type { HistoryDb } from './schema';

/**
 * Every KPI's counts and sums for one or many stores, computed by the database: a fixed handful
 * of GROUP BY queries (eight), whatever the number of stores or the length of the range, and only
 * their answers — a few rows per store and day — travel to the process. Percentiles too: a window
 * function ranks the samples and the nearest-rank one is picked in SQL.
 *
 * The same definitions as the JS tally in shared/reports/tally-store.ts (docs/kpis.md), which stays
 * as the reference: report-sql.test.ts holds the two to the same answer on the demo's past and on
 * hand-built rows, on SQLite and PostgreSQL.
 *
 * Each store counts over its own local dates: the stores, their ranges and their zones' offset
 * pieces (where the offset to UTC holds) are given to each query as VALUES lists (`sc`, `zp`), so
 * stores in different zones share one query; a local date is worked out from the offset.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LONGEST_RUN_DAYS = 14;
const iso = (at: number) => new Date(at).toISOString();
/** The date (YYYY-MM-DD) of a local day number as `localDay` counts them. */
const dateOfDay = (dayno: unknown) => new Date(Number(dayno) * DAY).toISOString().slice(0, 10);

export interface StoreScope {
  store: Store;
  range: ZonedRange;
  /** Now, for work and waits still running. */
  now: number;
}

type Dialect = 'sqlite' | 'postgres';

/** The few spellings the two dialects do not share. */
const dialectOf = (db: HistoryDb): Dialect => (db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres');
const spell = (d: Dialect) => ({
  /** An ISO time as ms since the epoch, exact to the ms (julianday is a double: rounded back to whole ms). */
  ms: (x: RawBuilder<unknown>) =>
    d === 'sqlite' ? sql`round((julianday(${x}) - 2440587.5) * 86400000.0)` : sql`(extract(epoch from cast(${x} as timestamptz)) * 1000)::double precision`,
  max: (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => (d === 'sqlite' ? sql`max(${a}, ${b})` : sql`greatest(${a}, ${b})`),
  min: (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => (d === 'sqlite' ? sql`min(${a}, ${b})` : sql`least(${a}, ${b})`),
  num: (x: number) => (d === 'sqlite' ? sql`cast(${x} as real)` : sql`cast(${x} as double precision)`),
  text: (x: string) => sql`cast(${x} as text)`,
});

const col = (name: string) => sql.ref(name);
/** Each query's time on stderr with REPORT_SQL_TIMINGS=1 (how the plans above were tuned: BENCHMARKS.md). */
const timed = async (what: string, query: RawBuilder<unknown>, db: HistoryDb) => {
  const t = performance.now();
  const result = await query.execute(db);
  if (process.env.REPORT_SQL_TIMINGS) console.error(`report-sql ${what}: ${(performance.now() - t).toFixed(0)} ms, ${result.rows.length} rows`);
  return result;
};
/** SQLite: the P for percentile_disc that picks the 1-based rank `k` of a group of `<of>.cnt` samples. */
const nearestRankP = (k: RawBuilder<unknown>, of: string) =>
  sql`CASE WHEN ${sql.ref(`${of}.cnt`)} = 1 THEN 0 ELSE min(1.0, (${k} - 0.5) / (${sql.ref(`${of}.cnt`)} - 1.0)) END`;
/** pg answers counts and integer sums as strings (bigint, numeric); both drivers may answer null for an empty sum. */
const n = (x: unknown): number => (x === null || x === undefined ? 0 : Number(x));

/** The CTEs every query starts from: the stores with their ranges, and their zones' offset pieces. */
function scopeCtes(d: Dialect, scopes: readonly StoreScope[]) {
  const s = spell(d);
  const zones = new Map<string, ZonedRange>();
  for (const x of scopes) {
    const known = zones.get(x.store.timezone);
    if (known && (known.from !== x.range.from || known.to !== x.range.to)) throw new Error('one range for every store of a query');
    zones.set(x.store.timezone, x.range);
  }
  const sc = sql.join(
    scopes.map(
      (x) => sql`(${s.text(x.store.id)}, ${s.text(x.store.timezone)}, ${s.text(iso(x.range.start))}, ${s.text(iso(x.range.end))},
    ${s.num(x.range.start)}, ${s.num(x.range.end)}, ${s.num(Math.min(x.now, x.range.end))}, ${s.num(x.now)},
    ${s.text(iso(x.range.start - LONGEST_RUN_DAYS * DAY))}, ${s.text(iso(x.range.start - 2 * DAY))})`,
    ),
  );
  const pieces: RawBuilder<unknown>[] = [];
  for (const [zone, range] of zones) {
    for (const p of offsetPieces(range.start, range.end, zone)) pieces.push(sql`(${s.text(zone)}, ${s.num(p.from)}, ${s.num(p.to)}, ${s.num(p.offset)})`);
  }
  return {
    sc: sql`sc (store_id, tz, r_start, r_end, r_start_ms, r_end_ms, now_ms, wall_ms, run_from, att_from) AS (VALUES ${sc})`,
    zp: sql`zp (tz, z_from, z_to, z_offset) AS (VALUES ${sql.join(pieces)})`,
  };
}

/**
 * The totals of each store over its range, and — with `group` — the distributions of all of
 * them together (the group's percentiles are over every store's samples, not of the stores').
 */
export async function sqlTotals(
  db: HistoryDb,
  scopes: readonly StoreScope[],
  group = false,
): Promise<{ stores: Map<string, Totals>; group?: Record<string, Distribution> }> {
  if (dialectOf(db) === 'sqlite' || scopes.length === 0) return totalsIn(db, scopes, group);
  // PostgreSQL: the eight queries in one read-only snapshot (every figure from the same moment of
  // the projector's writes), with room to sort a group's samples in memory rather than on disk
  // (the default work_mem, 4 MB, spills a 200-store quarter's millions of samples to temp files).
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(trx);
      await sql.raw(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`).execute(trx);
      return totalsIn(trx, scopes, group);
    });
}

/** work_mem for a report's transaction on PostgreSQL (REPORT_WORK_MEM, e.g. `256MB`). */
const REPORT_WORK_MEM = /^\d+(kB|MB|GB)$/.test(process.env.REPORT_WORK_MEM ?? '') ? process.env.REPORT_WORK_MEM! : '64MB';

async function totalsIn(
  db: HistoryDb,
  scopes: readonly StoreScope[],
  group: boolean,
): Promise<{ stores: Map<string, Totals>; group?: Record<string, Distribution> }> {
  const unitOf = (kind: string) => (kind === 'lead' ? 'h' : 'min');
  const groupDistributions: Record<string, Distribution> = Object.fromEntries(DISTRIBUTION_KINDS.map((k) => [k, distributionOf(0, 0, null, null, unitOf(k))]));
  if (scopes.length === 0) return { stores: new Map(), ...(group ? { group: groupDistributions } : {}) };
  const d = dialectOf(db);
  const s = spell(d);
  const { sc, zp } = scopeCtes(d, scopes);
  const totals = new Map<string, Totals>();
  for (const x of scopes) {
    const t = emptyTotals();
    for (const date of datesOf(x.range)) t.byDay[date] = emptyDay();
    const bayIds = x.store.bays.filter((b) => b.kind !== 'wash').map((b) => b.id);
    Object.assign(t, openTime({ openingHours: x.store.openingHours, range: x.range, bayIds }));
    for (const tech of x.store.technicians) t.technicians[`${x.store.id}/${tech.id}`] = { attendedHours: 0, workedHours: 0, standardHours: 0 };
    totals.set(x.store.id, t);
  }
  const of = (storeId: unknown) => totals.get(String(storeId))!;
  const tech = (t: Totals, storeId: unknown, id: unknown) => (t.technicians[`${storeId}/${id}`] ??= { attendedHours: 0, workedHours: 0, standardHours: 0 });
  const cycle = sql`(${s.ms(col('v.delivered_at'))} - ${s.ms(col('v.checked_in_at'))}) / 60000.0`;
  /**
   * The local day (days since 1970-01-01 on the zone's wall clock) of an instant in the range: its
   * zone's offset there, from the few offset pieces, added before dividing. Null outside the range.
   * Grouping by it replaces joining every car to the range's days by a range condition (365 days ×
   * 15,800 cars for a store's year).
   */
  const localDay = (ms: RawBuilder<unknown>, of = 'v') =>
    sql`cast(floor((${ms} + (SELECT zo.z_offset FROM zp zo WHERE zo.tz = ${sql.ref(`${of}.tz`)} AND ${ms} >= zo.z_from AND ${ms} < zo.z_to)) / 86400000.0) AS integer)`;

  // 1. Cars delivered in the range, per store and local date of delivery. Each car's operations and
  //    whether it came back are looked up by key (a correlated subquery on an index), car by car.
  const delivered = sql`WITH ${sc}, ${zp},
    dv AS MATERIALIZED (SELECT v.store_id, sc.tz, v.ro_id, v.vehicle_ref, v.checked_in_at, v.delivered_at, v.promised_at, v.qc_first_pass, v.rework_count, v.survey_score,
      ${s.ms(col('v.delivered_at'))} AS d_ms, ${s.ms(col('v.checked_in_at'))} AS c_ms,
      (SELECT sum(o.standard_hours) FROM history_operations o WHERE o.store_id = v.store_id AND o.ro_id = v.ro_id) AS sh,
      (SELECT sum(o.worked_minutes) FROM history_operations o WHERE o.store_id = v.store_id AND o.ro_id = v.ro_id) AS wm,
      CASE WHEN v.vehicle_ref IS NOT NULL AND EXISTS (
        SELECT 1 FROM history_visits w
        JOIN history_operations wo ON wo.store_id = w.store_id AND wo.ro_id = w.ro_id
        JOIN history_operations vo ON vo.store_id = v.store_id AND vo.ro_id = v.ro_id AND vo.code = wo.code
        WHERE w.store_id = v.store_id AND w.vehicle_ref = v.vehicle_ref AND w.checked_in_at > v.delivered_at AND w.ro_id <> v.ro_id
          AND ${s.ms(col('w.checked_in_at'))} <= ${s.ms(col('v.delivered_at'))} + ${sql.lit(COMEBACK_DAYS * DAY)}
      ) THEN 1 ELSE 0 END AS comeback
      FROM sc JOIN history_visits v ON v.store_id = sc.store_id AND v.delivered_at >= sc.r_start AND v.delivered_at < sc.r_end),
    dd AS (SELECT v.*, ${localDay(col('v.d_ms'))} AS dayno,
      ${localDay(col('v.c_ms'))} AS c_dayno
      FROM dv v)
    SELECT v.store_id, v.dayno, count(*) AS n_out,
      sum(CASE WHEN v.promised_at IS NOT NULL THEN 1 ELSE 0 END) AS with_promise,
      sum(CASE WHEN v.promised_at IS NOT NULL AND v.delivered_at <= v.promised_at THEN 1 ELSE 0 END) AS on_time,
      sum(CASE WHEN v.checked_in_at IS NOT NULL THEN 1 ELSE 0 END) AS cycled,
      sum(CASE WHEN v.c_dayno = v.dayno THEN 1 ELSE 0 END) AS same_day,
      sum(CASE WHEN v.checked_in_at IS NOT NULL THEN ${cycle} ELSE 0 END) AS cycle_minutes,
      sum(CASE WHEN v.checked_in_at IS NOT NULL THEN coalesce(v.wm, 0) ELSE 0 END) AS touch_worked,
      sum(coalesce(v.sh, 0)) AS sold,
      sum(CASE WHEN v.qc_first_pass IS NOT NULL THEN 1 ELSE 0 END) AS inspected, sum(coalesce(v.qc_first_pass, 0)) AS first_pass,
      sum(v.rework_count) AS reworks,
      sum(CASE WHEN v.survey_score IS NOT NULL THEN 1 ELSE 0 END) AS responses, sum(coalesce(v.survey_score, 0)) AS score_sum,
      ${sql.join([1, 2, 3, 4, 5].map((k) => sql`sum(CASE WHEN v.survey_score = ${sql.lit(k)} THEN 1 ELSE 0 END) AS ${sql.ref(`s${k}`)}`))},
      sum(CASE WHEN v.vehicle_ref IS NOT NULL THEN 1 ELSE 0 END) AS with_vehicle, sum(v.comeback) AS comebacks
    FROM dd v
    GROUP BY v.store_id, v.dayno`;
  for (const r of (await timed('delivered', delivered, db)).rows as Record<string, unknown>[]) {
    const t = of(r.store_id);
    const day = (t.byDay[dateOfDay(r.dayno)] ??= emptyDay());
    day.out += n(r.n_out);
    day.withPromise += n(r.with_promise);
    day.onTime += n(r.on_time);
    day.cycled += n(r.cycled);
    day.cycleMinutes += n(r.cycle_minutes);
    t.rosOut += n(r.n_out);
    t.onTime.withPromise += n(r.with_promise);
    t.onTime.delivered += n(r.on_time);
    t.sameDay.checkedIn += n(r.cycled);
    t.sameDay.delivered += n(r.same_day);
    t.touch.cycleMinutes += n(r.cycle_minutes);
    t.touch.workedMinutes += n(r.touch_worked);
    t.soldHours += n(r.sold);
    t.qc.inspected += n(r.inspected);
    t.qc.firstPass += n(r.first_pass);
    t.reworks += n(r.reworks);
    t.survey.responses += n(r.responses);
    t.survey.scoreSum += n(r.score_sum);
    for (const k of [1, 2, 3, 4, 5]) t.survey.byScore[k] = (t.survey.byScore[k] ?? 0) + n(r[`s${k}`]);
    t.comebacks.delivered += n(r.with_vehicle);
    t.comebacks.comeback += n(r.comebacks);
  }

  // 2. Cars checked in, per store and local date.
  const checkedIn = sql`WITH ${sc}, ${zp},
    ci AS MATERIALIZED (SELECT v.store_id, sc.tz, ${s.ms(col('v.checked_in_at'))} AS c_ms FROM sc
      JOIN history_visits v ON v.store_id = sc.store_id AND v.checked_in_at >= sc.r_start AND v.checked_in_at < sc.r_end),
    cd AS (SELECT ci.store_id, ${localDay(col('ci.c_ms'), 'ci')} AS dayno FROM ci)
    SELECT store_id, dayno, count(*) AS n_in FROM cd GROUP BY store_id, dayno`;
  for (const r of (await timed('checkedIn', checkedIn, db)).rows as Record<string, unknown>[]) {
    const t = of(r.store_id);
    (t.byDay[dateOfDay(r.dayno)] ??= emptyDay()).in += n(r.n_in);
    t.rosIn += n(r.n_in);
  }

  // 3. Work: each run clipped to the range (a running one until now), by technician; on a counted
  //    bay also cut into local hours — per offset piece of the zone, then hour by hour (`hn` counts them).
  const bays = scopes.flatMap((x) => x.store.bays.filter((b) => b.kind !== 'wash').map((b) => sql`(${s.text(x.store.id)}, ${s.text(b.id)})`));
  const runsCte = sql`runs AS MATERIALIZED (SELECT r.store_id, r.bay_id, r.technician_id, sc.tz,
      ${s.max(s.ms(col('r.started_at')), col('sc.r_start_ms'))} AS a,
      ${s.min(sql`coalesce(${s.ms(col('r.ended_at'))}, sc.now_ms)`, col('sc.r_end_ms'))} AS b
    FROM history_work_runs r JOIN sc ON sc.store_id = r.store_id AND r.started_at >= sc.run_from AND r.started_at < sc.r_end
      AND (r.ended_at IS NULL OR r.ended_at > sc.r_start))`;
  const worked = sql`WITH ${sc}, ${runsCte}
    SELECT store_id, technician_id, sum(b - a) AS ms FROM runs WHERE b > a AND technician_id IS NOT NULL GROUP BY store_id, technician_id`;
  for (const r of (await timed('worked', worked, db)).rows as Record<string, unknown>[])
    tech(of(r.store_id), r.store_id, r.technician_id).workedHours += n(r.ms) / HOUR;
  if (bays.length > 0) {
    // Per piece: its first and last (partial) hours, and — for a piece over more than two hours — the
    // whole hours between, A = h0 + 1 to B = h1 - 1, counted per hour of day arithmetically: the
    // j-th of them (j < 24) starts hour of day (A + j) % 24, and the whole hours of that hour of day
    // number floor((B - A - j) / 24) + 1. Only as many rows as the piece has whole hours, up to 24.
    const byHour = sql`WITH ${sc}, ${zp}, ${runsCte},
      cb (store_id, bay_id) AS (VALUES ${sql.join(bays)}),
      hd (j) AS (VALUES ${sql.join(Array.from({ length: 24 }, (_, j) => sql`(${sql.lit(j)})`))}),
      clipped AS (SELECT runs.store_id, runs.bay_id, ${s.max(col('runs.a'), col('zp.z_from'))} + zp.z_offset AS la, ${s.min(col('runs.b'), col('zp.z_to'))} + zp.z_offset AS lb
        FROM runs JOIN cb ON cb.store_id = runs.store_id AND cb.bay_id = runs.bay_id
        JOIN zp ON zp.tz = runs.tz AND runs.a < zp.z_to AND runs.b > zp.z_from
        WHERE runs.b > runs.a),
      pieces AS MATERIALIZED (SELECT store_id, bay_id, la, lb, cast(floor(la / 3600000.0) AS integer) AS h0, cast(floor((lb - 1) / 3600000.0) AS integer) AS h1
        FROM clipped WHERE lb > la)
    SELECT store_id, bay_id, hour, sum(ms) AS ms FROM (
      SELECT store_id, bay_id, h0 % 24 AS hour, CASE WHEN h0 = h1 THEN lb - la ELSE (h0 + 1) * 3600000.0 - la END AS ms FROM pieces
      UNION ALL SELECT store_id, bay_id, h1 % 24 AS hour, lb - h1 * 3600000.0 AS ms FROM pieces WHERE h1 > h0
      UNION ALL SELECT p.store_id, p.bay_id, (p.h0 + 1 + hd.j) % 24 AS hour, 3600000.0 * ((p.h1 - p.h0 - 2 - hd.j) / 24 + 1) AS ms
        FROM pieces p JOIN hd ON hd.j < p.h1 - p.h0 - 1) x
    GROUP BY store_id, bay_id, hour`;
    for (const r of (await timed('byHour', byHour, db)).rows as Record<string, unknown>[]) {
      const t = of(r.store_id);
      const minutes = n(r.ms) / MINUTE;
      if (minutes <= 0) continue;
      const key = String(n(r.hour)).padStart(2, '0');
      const row = (t.bayHours[`${r.store_id}/${r.bay_id}`] ??= {});
      row[key] = (row[key] ?? 0) + minutes;
      t.bays.workedMinutes += minutes;
    }
  }

  // 4. Attendance: the union of each person's sign-ins (islands: a sign-in counts from where the
  //    ones before it, by start, had reached), clipped to the range and now.
  const attendance = sql`WITH ${sc},
    att AS (SELECT a.store_id, a.person_id, ${s.max(s.ms(col('a.clock_in')), col('sc.r_start_ms'))} AS f, ${s.min(s.ms(col('a.clock_out')), col('sc.now_ms'))} AS u
      FROM history_attendance a JOIN sc ON sc.store_id = a.store_id AND a.clock_in >= sc.att_from AND a.clock_in < sc.r_end AND a.clock_out > sc.r_start),
    ranked AS (SELECT store_id, person_id, f, u,
      max(u) OVER (PARTITION BY store_id, person_id ORDER BY f, u ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached
      FROM att WHERE u > f)
    SELECT store_id, person_id, sum(CASE WHEN reached IS NULL THEN u - f WHEN u > reached THEN u - ${s.max(col('f'), col('reached'))} ELSE 0 END) AS ms
    FROM ranked GROUP BY store_id, person_id`;
  for (const r of (await timed('attendance', attendance, db)).rows as Record<string, unknown>[]) {
    const t = of(r.store_id);
    // Inspectors and washers sign in too: only technicians' time (configured, or who worked in the range) is attendance.
    if (t.technicians[`${r.store_id}/${r.person_id}`]) tech(t, r.store_id, r.person_id).attendedHours += n(r.ms) / HOUR;
  }

  // 5. Standard hours of the operations finished in the range, by technician.
  const standard = sql`WITH ${sc}
    SELECT o.store_id, o.technician_id, sum(o.standard_hours) AS sh FROM history_operations o
    JOIN sc ON sc.store_id = o.store_id AND o.finished_at >= sc.r_start AND o.finished_at < sc.r_end
    WHERE o.status = 'done' AND o.technician_id IS NOT NULL GROUP BY o.store_id, o.technician_id`;
  for (const r of (await timed('standard', standard, db)).rows as Record<string, unknown>[])
    tech(of(r.store_id), r.store_id, r.technician_id).standardHours += n(r.sh);

  // 6. Appointments booked in the range; those due in it, by status and cancellation reason.
  const appointments = sql`WITH ${sc}
    SELECT a.store_id, '*booked' AS what, NULL AS reason, count(*) AS k FROM history_appointments a
      JOIN sc ON sc.store_id = a.store_id AND a.booked_at >= sc.r_start AND a.booked_at < sc.r_end GROUP BY a.store_id
    UNION ALL
    SELECT a.store_id, a.status AS what, CASE WHEN a.status = 'cancelled' THEN coalesce(a.cancel_reason, '') END AS reason, count(*) AS k FROM history_appointments a
      JOIN sc ON sc.store_id = a.store_id AND a.due_at >= sc.r_start AND a.due_at < sc.r_end
      GROUP BY a.store_id, a.status, CASE WHEN a.status = 'cancelled' THEN coalesce(a.cancel_reason, '') END`;
  for (const r of (await timed('appointments', appointments, db)).rows as Record<string, unknown>[]) {
    const a = of(r.store_id).appointments;
    const k = n(r.k);
    if (r.what === '*booked') {
      a.booked += k;
      continue;
    }
    a.due += k;
    if (r.what === 'checked_in') a.arrived += k;
    if (r.what === 'no_show') a.noShow += k;
    if (r.what === 'cancelled') {
      a.cancelled += k;
      const reasons = of(r.store_id).cancelReasons;
      reasons[String(r.reason)] = (reasons[String(r.reason)] ?? 0) + k;
    }
  }

  // 7. Parts waits begun in the range (one still open counts until now), and advisor calls asked in it.
  const until = sql`coalesce(${s.ms(col('p.ended_at'))}, sc.wall_ms)`;
  const waits = sql`WITH ${sc}
    SELECT p.store_id, count(*) AS k, sum(${s.max(sql`${until} - ${s.ms(col('p.started_at'))}`, sql`0`)}) AS ms,
      sum(CASE WHEN p.eta IS NOT NULL THEN 1 ELSE 0 END) AS with_eta,
      sum(CASE WHEN p.eta IS NOT NULL AND ${until} > ${s.ms(col('p.eta'))} THEN 1 ELSE 0 END) AS late
    FROM history_pauses p JOIN sc ON sc.store_id = p.store_id AND p.started_at >= sc.r_start AND p.started_at < sc.r_end
    WHERE p.reason = 'parts' GROUP BY p.store_id`;
  for (const r of (await timed('waits', waits, db)).rows as Record<string, unknown>[]) {
    const w = of(r.store_id).partsWaits;
    w.count += n(r.k);
    w.minutes += n(r.ms) / MINUTE;
    w.withEta += n(r.with_eta);
    w.late += n(r.late);
  }
  const calls = sql`WITH ${sc}
    SELECT c.store_id, count(*) AS asked, sum(CASE WHEN c.answer_minutes IS NOT NULL THEN 1 ELSE 0 END) AS answered
    FROM history_advisor_calls c JOIN sc ON sc.store_id = c.store_id AND c.asked_at >= sc.r_start AND c.asked_at < sc.r_end GROUP BY c.store_id`;
  for (const r of (await timed('calls', calls, db)).rows as Record<string, unknown>[]) {
    const c = of(r.store_id).calls;
    c.asked += n(r.asked);
    c.answered += n(r.answered);
  }

  // 8. The distributions: every sample ranked within its store (and, for the group, among all
  //    stores); the nearest-rank percentile is the sample whose rank is ceil(p × count).
  const stageSamples = STAGES.map(
    ([stage, entered, minutes]) =>
      sql`SELECT v.store_id, ${s.text(`stage:${stage}`)} AS kind, cast(v.${sql.ref(minutes)} AS double precision) AS x FROM dv v WHERE v.${sql.ref(entered)} IS NOT NULL`,
  );
  const samples = sql`WITH ${sc},
    dv AS MATERIALIZED (SELECT v.* FROM history_visits v JOIN sc ON sc.store_id = v.store_id AND v.delivered_at >= sc.r_start AND v.delivered_at < sc.r_end),
    xs AS (
      SELECT v.store_id, ${s.text('cycle')} AS kind, ${cycle} AS x FROM dv v WHERE v.checked_in_at IS NOT NULL
      UNION ALL ${sql.join(stageSamples, sql` UNION ALL `)}
      UNION ALL SELECT a.store_id, ${s.text('lead')} AS kind, a.lead_minutes / 60.0 AS x FROM history_appointments a
        JOIN sc ON sc.store_id = a.store_id AND a.booked_at >= sc.r_start AND a.booked_at < sc.r_end
      UNION ALL SELECT c.store_id, ${s.text('answer')} AS kind, c.answer_minutes AS x FROM history_advisor_calls c
        JOIN sc ON sc.store_id = c.store_id AND c.asked_at >= sc.r_start AND c.asked_at < sc.r_end WHERE c.answer_minutes IS NOT NULL)
    ${
      d === 'postgres'
        ? // An ordered-set aggregate sorts each store's and kind's samples on their own (and, for the
          // group, each kind's over all stores): far cheaper than ranking millions of samples in two
          // window sorts. percentile_disc takes the row at ceil(p × count), the same nearest rank.
          sql`SELECT store_id, kind, count(*) AS cnt, sum(x) AS total,
      (percentile_disc(ARRAY[0.5, 0.9]::double precision[]) WITHIN GROUP (ORDER BY x))[1] AS p50,
      (percentile_disc(ARRAY[0.5, 0.9]::double precision[]) WITHIN GROUP (ORDER BY x))[2] AS p90
    FROM xs GROUP BY ${group ? sql`GROUPING SETS ((store_id, kind), (kind))` : sql`store_id, kind`}`
        : // SQLite's percentile_disc(Y, P) takes the value at index floor(P × (count − 1)); P is chosen
          // per group so that index is the nearest rank's, ceil(p × count) − 1 (half a step inside it,
          // so rounding cannot move it). One sort of each group's doubles, not two window sorts.
          sql`, cn AS MATERIALIZED (SELECT store_id, kind, count(*) AS cnt FROM xs GROUP BY store_id, kind)
      ${group ? sql`, gc AS (SELECT kind, sum(cnt) AS cnt FROM cn GROUP BY kind)` : sql``}
    SELECT xs.store_id, xs.kind, cn.cnt AS cnt, sum(xs.x) AS total,
      percentile_disc(xs.x, ${nearestRankP(sql`(cn.cnt + 1) / 2`, 'cn')}) AS p50, percentile_disc(xs.x, ${nearestRankP(sql`(9 * cn.cnt + 9) / 10`, 'cn')}) AS p90
    FROM xs JOIN cn ON cn.store_id = xs.store_id AND cn.kind = xs.kind GROUP BY xs.store_id, xs.kind
    ${
      group
        ? sql`UNION ALL SELECT NULL AS store_id, xs.kind, gc.cnt AS cnt, sum(xs.x) AS total,
      percentile_disc(xs.x, ${nearestRankP(sql`(gc.cnt + 1) / 2`, 'gc')}) AS p50, percentile_disc(xs.x, ${nearestRankP(sql`(9 * gc.cnt + 9) / 10`, 'gc')}) AS p90
    FROM xs JOIN gc ON gc.kind = xs.kind GROUP BY xs.kind`
        : sql``
    }`
    }`;
  for (const r of (await timed('samples', samples, db)).rows as Record<string, unknown>[]) {
    const kind = String(r.kind);
    const dist = distributionOf(n(r.cnt), n(r.total), r.p50 === null ? null : n(r.p50), r.p90 === null ? null : n(r.p90), unitOf(kind));
    if (r.store_id === null) {
      groupDistributions[kind] = dist;
      continue;
    }
    const t = of(r.store_id);
    if (kind === 'cycle') t.cycleTime = dist;
    else if (kind === 'lead') t.appointments.leadTime = dist;
    else if (kind === 'answer') t.calls.answerTime = dist;
    else t.stageTime[kind.slice('stage:'.length)] = dist;
  }
  return { stores: totals, ...(group ? { group: groupDistributions } : {}) };
}

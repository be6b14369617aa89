import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ShopConfigSchema, type Store } from '../../shared/domain/shop';
import { summarize } from '../../shared/reports/summary';
import { mergeTallies, type Tally } from '../../shared/reports/tally';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { loadShopConfig } from '../config';
import { withDemoStores } from '../demo/group';
import { writeDemoPast } from '../demo/past';
import { localDate } from '../ids';
import { silentLogger } from '../log';
import { EmbeddedEventStore } from '../store/embedded-store';
import { openHistoryDatabase, type OpenedHistory } from './database';
import { HistoryProjector } from './projector';
import { groupReport, storeReport, storeSummaryFromRows, storeTally } from './reports';
import type { AdvisorCallRow, AppointmentRow, AttendanceRow, HistoryDb, OperationRow, PauseRow, VisitRow, WorkRunRow } from './schema';
import { makeVehicleRef, vehicleRefKey } from './vehicle-ref';

/**
 * The reports are counted by SQL (report-sql.ts); the JS tally of the same rows
 * (shared/reports/tally-store.ts) is the reference. They must give the same figures — on the
 * demo's past and on hand-built rows with the edge cases — on SQLite and on PostgreSQL.
 */

/** Same figures: numbers equal to the 4 places both round to (sums added in another order may differ in the last bit). */
function same(actual: unknown, expected: unknown, path = 'summary'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1.01e-4 + 1e-9 * Math.abs(expected), `${path}: SQL ${actual}, JS ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    assert.is(actual, expected, `${path}: SQL ${JSON.stringify(actual)}, JS ${JSON.stringify(expected)}`);
    return;
  }
  assert.ok(actual !== null && typeof actual === 'object', `${path}: SQL ${JSON.stringify(actual)}`);
  if (Array.isArray(expected)) assert.is((actual as unknown[]).length, expected.length, `${path}: length`);
  else assert.equal(Object.keys(actual as object).sort(), Object.keys(expected).sort(), `${path}: keys`);
  for (const [k, v] of Object.entries(expected)) same((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
}

/** The group's heat map has a row per store: the JS reference's bay rows summed per store (before rounding). */
const perStoreHeat = (t: Tally): Tally => {
  const rows: Record<string, Record<string, number>> = {};
  for (const [bay, hours] of Object.entries(t.bayHours)) {
    const row = (rows[bay.split('/')[0]] ??= {});
    for (const [h, v] of Object.entries(hours)) row[h] = (row[h] ?? 0) + v;
  }
  return { ...t, bayHours: rows };
};

interface Backend {
  name: string;
  open(): Promise<OpenedHistory>;
}
const backends: Backend[] = [{ name: 'SQLite', open: () => openHistoryDatabase({ dataDir: '', sqliteFile: ':memory:' }) }];
const postgres = await findPostgres();
if ('reason' in postgres) reportNoPostgres('SQL reports on PostgreSQL', postgres.reason);
else {
  backends.push({
    name: 'PostgreSQL',
    async open() {
      const db = await createDatabase(postgres.url, 'report_sql');
      const h = await openHistoryDatabase({ dataDir: '', databaseUrl: db.url });
      return {
        ...h,
        close: async () => {
          await h.close();
          await db.drop();
        },
      };
    },
  });
}

async function compareStore(db: HistoryDb, store: Store, from: string, to: string, now: number) {
  const js = await storeSummaryFromRows(db, store, { from, to }, now);
  const fromSql = (await storeReport(db, store, { from, to }, now)).summary;
  same(fromSql, js, `${store.id} ${from}..${to}`);
  return fromSql;
}

async function compareGroup(db: HistoryDb, stores: Store[], from: string, to: string, now: number) {
  const tallies: Tally[] = [];
  for (const s of stores) tallies.push(await storeTally(db, s, { from, to }, now));
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const g = await groupReport(db, stores, { from, to }, now);
  same(g.total, summarize(mergeTallies(tallies.map(perStoreHeat)), days), `group ${from}..${to}`);
  for (const [i, s] of g.stores.entries()) same(s.summary, summarize(perStoreHeat(tallies[i]), days), `group store ${s.storeId}`);
  return g;
}

// --- The demo's past: three weeks of two demo stores, written through the commit path once. ---
const shop = withDemoStores(loadShopConfig());
const demoStores = shop.stores.slice(0, 2);
const NOW = new Date('2026-11-23T02:30:00Z');
const dir = await mkdtemp(join(tmpdir(), 'tw-report-sql-'));
const journal = await EmbeddedEventStore.open(dir, { log: silentLogger });
await writeDemoPast(journal, demoStores, NOW, { days: 21 });

for (const backend of backends) {
  const demo = suite(`SQL reports = the JS tally, on the demo's past, on ${backend.name}`);

  demo('every figure of a store, over the whole past, a week and one day; the group of two', async () => {
    const h = await backend.open();
    try {
      await new HistoryProjector(h.db, journal, { log: silentLogger, vehicleRef: makeVehicleRef(vehicleRefKey('test-key')) }).catchUpAll();
      const zone = demoStores[0].timezone;
      const day = (back: number) => localDate(new Date(NOW.getTime() - back * 86_400_000), zone);
      for (const store of demoStores) {
        const whole = await compareStore(h.db, store, day(22), day(0), NOW.getTime());
        assert.ok(whole.rosOut.count > 100, `${store.id}: ${whole.rosOut.count} delivered — the past was not written`);
        assert.ok(
          whole.comebackRate.numerator > 0 && whole.reworks.count > 0 && whole.appointments.cancelled > 0,
          'comebacks, reworks and cancellations are in the past',
        );
        await compareStore(h.db, store, day(7), day(1), NOW.getTime());
        await compareStore(h.db, store, day(3), day(3), NOW.getTime());
      }
      const g = await compareGroup(h.db, demoStores, day(14), day(0), NOW.getTime());
      assert.equal(
        g.total.bayHours.map((b) => b.bay),
        demoStores.map((s) => s.id).sort(),
        'the group heat map has a row per store',
      );
    } finally {
      await h.close();
    }
  });

  demo.run();
}

// --- Hand-built rows: the edge cases. ---
const storeOf = (id: string, timezone: string): Store =>
  ShopConfigSchema.parse({
    stores: [
      {
        id,
        name: { 'zh-CN': id, en: id },
        timezone,
        openingHours: { open: '08:00', close: '18:30' },
        bays: [
          { id: 'b1', name: '1', kind: 'general' },
          { id: 'b2', name: '2', kind: 'quick' },
          { id: 'w', name: 'W', kind: 'wash' },
        ],
        teams: [{ id: 'team', name: 'T' }],
        technicians: [
          { id: 't1', name: 'A', teamId: 'team' },
          { id: 't2', name: 'B', teamId: 'team' },
        ],
      },
    ],
  }).stores[0];

const at = (text: string) => new Date(text).toISOString();
const visit = (storeId: string, ro: string, v: Partial<VisitRow>): VisitRow => ({
  store_id: storeId,
  ro_id: ro,
  number: ro,
  advisor_id: null,
  source: 'desk',
  appointment_id: null,
  vehicle_ref: null,
  op_codes: '',
  stage: 'delivered',
  stage_since: v.delivered_at ?? at('2026-03-01T00:00:00Z'),
  created_at: v.checked_in_at ?? at('2026-03-01T00:00:00Z'),
  checked_in_at: null,
  dispatched_at: null,
  in_service_at: null,
  quality_check_at: null,
  washing_at: null,
  ready_at: null,
  delivered_at: null,
  promised_at: null,
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
  ...v,
});
const operation = (storeId: string, ro: string, id: string, o: Partial<OperationRow>): OperationRow => ({
  store_id: storeId,
  ro_id: ro,
  operation_id: id,
  code: 'GEN',
  standard_hours: 1,
  technician_id: null,
  bay_id: null,
  status: 'done',
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
  ...o,
});

/**
 * Two stores: Beijing (no daylight saving; its day ends at 16:00 UTC) and New York, whose range
 * crosses the switch to summer time on 2026-03-08 (a 23-hour day).
 */
async function handBuilt(db: HistoryDb) {
  const visits: VisitRow[] = [];
  const ops: OperationRow[] = [];
  const runs: WorkRunRow[] = [];
  const pauses: PauseRow[] = [];
  const attendance: AttendanceRow[] = [];
  const appointments: AppointmentRow[] = [];
  const calls: AdvisorCallRow[] = [];
  for (const s of ['bj', 'ny'] as const) {
    const base: string = '2026-03-07T';
    const z = s === 'bj' ? '+08:00' : '-05:00';
    const t = (clock: string, day: string = base) => at(`${day}${clock}:00${z}`);
    // Delivered the same local day, on time, QC passed, survey 5, a vehicle that comes back 10 days later for an overlapping job.
    visits.push(
      visit(s, `${s}-1`, {
        checked_in_at: t('08:10'),
        dispatched_at: t('08:20'),
        in_service_at: t('08:30'),
        quality_check_at: t('11:00'),
        ready_at: t('11:30'),
        delivered_at: t('12:00'),
        promised_at: t('12:00'),
        qc_first_pass: 1,
        survey_score: 5,
        vehicle_ref: `${s}-car-A`,
        op_codes: 'BRK,OIL',
        min_checked_in: 10,
        min_waiting_dispatch: 10,
        min_in_service: 150,
        min_quality_check: 30,
        min_ready: 30,
      }),
    );
    ops.push(
      operation(s, `${s}-1`, 'o1', { code: 'OIL', standard_hours: 1.5, technician_id: 't1', bay_id: 'b1', finished_at: t('10:00'), worked_minutes: 90 }),
    );
    ops.push(operation(s, `${s}-1`, 'o2', { code: 'BRK', standard_hours: 2, technician_id: 't2', bay_id: 'b2', finished_at: t('11:00'), worked_minutes: 75 }));
    // Checked in 23:30 local, delivered after midnight: across the local day boundary (and, in Beijing, not across the UTC one). Late, reworked, QC failed.
    visits.push(
      visit(s, `${s}-2`, {
        checked_in_at: t('23:30'),
        in_service_at: t('23:40'),
        quality_check_at: t('00:10', '2026-03-08T'),
        delivered_at: t('00:40', '2026-03-08T'),
        promised_at: t('00:30', '2026-03-08T'),
        qc_first_pass: 0,
        rework_count: 2,
        survey_score: 2,
        vehicle_ref: `${s}-car-B`,
        op_codes: 'TYR',
        min_checked_in: 10,
        min_in_service: 30,
        min_quality_check: 30,
      }),
    );
    ops.push(
      operation(s, `${s}-2`, 'o1', {
        code: 'TYR',
        standard_hours: 0.5,
        technician_id: 't1',
        bay_id: 'b1',
        finished_at: t('00:05', '2026-03-08T'),
        worked_minutes: 25,
      }),
    );
    // The comeback of car A (10 days later, OIL again) and a return of car B for another job (not a comeback).
    visits.push(visit(s, `${s}-3`, { checked_in_at: t('09:00', '2026-03-17T'), stage: 'in_service', vehicle_ref: `${s}-car-A`, op_codes: 'OIL' }));
    ops.push(operation(s, `${s}-3`, 'o1', { code: 'OIL', status: 'in_progress' }));
    visits.push(visit(s, `${s}-4`, { checked_in_at: t('09:00', '2026-03-09T'), stage: 'checked_in', vehicle_ref: `${s}-car-B`, op_codes: 'WSH' }));
    ops.push(operation(s, `${s}-4`, 'o1', { code: 'WSH', status: 'assigned' }));
    // Cancelled after check-in (never delivered), and delivered with no check-in recorded (from the DMS).
    visits.push(visit(s, `${s}-5`, { checked_in_at: t('09:15'), stage: 'cancelled', cancelled_at: t('09:40'), cancel_reason: '客户改期' }));
    visits.push(visit(s, `${s}-6`, { delivered_at: t('15:00', '2026-03-08T'), source: 'dms', survey_score: 4 }));
    // Work: a run across an hour boundary, one across New York's switch (01:30 → 03:30 local is one hour), one still open,
    // one begun 20 days before the range (not read), one on the wash bay, one with no bay.
    const run = (ro: string, op: string, from: string, to: string | null, bay: string | null, tech: string | null) =>
      runs.push({ store_id: s, ro_id: ro, operation_id: op, started_at: from, ended_at: to, bay_id: bay, technician_id: tech });
    run(`${s}-1`, 'o1', t('08:30'), t('10:00'), 'b1', 't1');
    run(`${s}-1`, 'o2', t('09:45'), t('11:00'), 'b2', 't2');
    run(`${s}-2`, 'o1', t('23:40'), at(`2026-03-08T01:30:00${z}`), 'b1', 't1');
    run(
      `${s}-2`,
      'o1',
      s === 'ny' ? '2026-03-08T06:30:00.000Z' : t('01:30', '2026-03-08T'),
      s === 'ny' ? '2026-03-08T07:45:00.000Z' : t('03:45', '2026-03-08T'),
      'b2',
      't2',
    );
    run(`${s}-3`, 'o1', t('09:10', '2026-03-08T'), null, 'b2', 't3');
    // A run over two days (left running through two nights): more than 24 whole hours, so some hours of day count twice.
    run(`${s}-3`, 'o2', t('07:20', '2026-03-05T'), t('09:50', '2026-03-07T'), 'b1', 't3');
    run(`${s}-4`, 'o1', at('2026-02-10T08:00:00Z'), null, 'b1', 't1');
    run(`${s}-4`, 'o1', t('13:00'), t('13:20'), 'w', 't2');
    run(`${s}-4`, 'o1', t('14:00'), t('14:40'), null, 't1');
    // Parts waits: late (resumed after its ETA), on time, still open; an approval pause (not a parts wait).
    pauses.push({ store_id: s, ro_id: `${s}-1`, operation_id: 'o1', started_at: t('09:00'), ended_at: t('09:30'), reason: 'parts', eta: t('09:15') });
    pauses.push({ store_id: s, ro_id: `${s}-1`, operation_id: 'o2', started_at: t('10:00'), ended_at: t('10:10'), reason: 'parts', eta: t('10:30') });
    pauses.push({ store_id: s, ro_id: `${s}-3`, operation_id: 'o1', started_at: t('16:00', '2026-03-08T'), ended_at: null, reason: 'parts', eta: null });
    pauses.push({ store_id: s, ro_id: `${s}-1`, operation_id: 'o2', started_at: t('10:20'), ended_at: t('10:25'), reason: 'approval', eta: null });
    // Sign-ins: t1 on two phones that overlap, t2 across midnight, an inspector (not a technician), t3 who worked but is not configured.
    const signIn = (device: string, person: string, from: string, to: string) =>
      attendance.push({ store_id: s, device_id: device, person_id: person, clock_in: from, clock_out: to, ended_by: 'shift_end' });
    signIn('p1', 't1', t('08:00'), t('12:00'));
    signIn('p2', 't1', t('11:00'), t('18:00'));
    signIn('p3', 't1', t('09:00'), t('10:00'));
    signIn('p4', 't2', t('20:00'), t('04:00', '2026-03-08T'));
    signIn('p5', 'qc-1', t('08:00'), t('17:00'));
    signIn('p6', 't3', t('09:00', '2026-03-08T'), t('17:00', '2026-03-08T'));
    // Appointments: arrived, no-show, cancelled with and without a reason, booked in the range but due after it.
    const appt = (id: string, booked: string, due: string, status: string, reason: string | null = null) =>
      appointments.push({
        store_id: s,
        appointment_id: id,
        booked_at: booked,
        due_at: due,
        lead_minutes: (Date.parse(due) - Date.parse(booked)) / 60_000,
        advisor_id: null,
        status,
        ro_id: null,
        arrived_at: null,
        cancelled_at: status === 'cancelled' ? booked : null,
        cancel_reason: reason,
        no_show_at: null,
      });
    appt('a1', t('10:00', '2026-03-01T'), t('09:00'), 'checked_in');
    appt('a2', t('11:00'), t('15:00'), 'no_show');
    appt('a3', t('12:00'), t('16:00', '2026-03-08T'), 'cancelled', '车已修好');
    appt('a4', t('12:30'), t('17:00', '2026-03-08T'), 'cancelled');
    appt('a5', t('13:00'), t('09:00', '2026-03-20T'), 'booked');
    calls.push({ store_id: s, call_id: 'c1', kiosk_id: 'k', asked_at: t('09:00'), answered_at: t('09:02'), answer_minutes: 2 });
    calls.push({ store_id: s, call_id: 'c2', kiosk_id: 'k', asked_at: t('10:00'), answered_at: null, answer_minutes: null });
    calls.push({ store_id: s, call_id: 'c3', kiosk_id: 'k', asked_at: t('10:30'), answered_at: t('10:37'), answer_minutes: 7 });
  }
  await db.insertInto('history_visits').values(visits).execute();
  await db.insertInto('history_operations').values(ops).execute();
  await db.insertInto('history_work_runs').values(runs).execute();
  await db.insertInto('history_pauses').values(pauses).execute();
  await db.insertInto('history_attendance').values(attendance).execute();
  await db.insertInto('history_appointments').values(appointments).execute();
  await db.insertInto('history_advisor_calls').values(calls).execute();
}

for (const backend of backends) {
  const edges = suite(`SQL reports = the JS tally, on hand-built edge cases, on ${backend.name}`);
  const bj = storeOf('bj', 'Asia/Shanghai');
  const ny = storeOf('ny', 'America/New_York');
  const now = Date.parse('2026-03-08T20:00:00Z');

  edges('a range crossing a day boundary without DST, one crossing a DST switch, each day alone, and the group of both zones', async () => {
    const h = await backend.open();
    try {
      await handBuilt(h.db);
      for (const store of [bj, ny]) {
        const two = await compareStore(h.db, store, '2026-03-07', '2026-03-08', now);
        assert.equal([two.rosIn.count, two.rosOut.count], [3, 3], `${store.id}: in and out`);
        assert.equal([two.comebackRate.numerator, two.comebackRate.denominator], [1, 2], `${store.id}: the comeback of car A, not car B's other job`);
        assert.ok(two.bayHours.length > 0 && two.appointments.cancellationReasons.length === 2, `${store.id}: heat map and reasons`);
        await compareStore(h.db, store, '2026-03-07', '2026-03-07', now);
        await compareStore(h.db, store, '2026-03-08', '2026-03-08', now);
        await compareStore(h.db, store, '2026-03-01', '2026-03-31', now);
        // Before anything happened: all zero, no percentiles.
        const empty = await compareStore(h.db, store, '2026-01-01', '2026-01-31', now);
        assert.equal([empty.rosOut.count, empty.cycleTime.p50], [0, null]);
      }
      // New York's 8 March has 23 hours: the run 01:30 EST → 03:45 EDT is 1 h 15 min, in local hours 01 and 03.
      const nySummary = (await storeReport(h.db, ny, { from: '2026-03-08', to: '2026-03-08' }, now)).summary;
      assert.equal(nySummary.bayHours.find((b) => b.bay === 'ny/b2')!.hours['01'], 0.5);
      assert.equal(nySummary.bayHours.find((b) => b.bay === 'ny/b2')!.hours['03'], 0.75);
      await compareGroup(h.db, [bj, ny], '2026-03-07', '2026-03-08', now);
    } finally {
      await h.close();
    }
  });

  edges.run();
}

const cleanup = suite('SQL reports: cleanup');
cleanup('closes the demo journal', async () => {
  await journal.close();
  await rm(dir, { recursive: true, force: true });
});
cleanup.run();

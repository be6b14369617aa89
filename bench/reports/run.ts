/**
 * `npm run bench:reports [-- --quick] [--postgres URL | --no-postgres] [--runs N]`: how fast the
 * reports answer at the sizes.
 *
 * SQLite: one big store (the demo store with twice its bays and technicians, ~45 visits a day)
 * × 365 days, its history written as real events through WorkshopService.commit by the demo's
 * past generator (server/demo/past.ts) into an embedded journal, then the projector rebuilds
 * the read model from that journal (events/s). Then the summary of one store over the year and
 * over 30 days, and the group summary, each `--runs` times: p50 / p95.
 *
 * PostgreSQL: 200 such stores × 90 days. Writing ~9 M events would take hours here, so one
 * store's 90 days are written as events and rebuilt by the projector into PostgreSQL (events/s),
 * and its read-model rows are then copied inside PostgreSQL to 199 more store ids (INSERT …
 * SELECT): the same rows the projector would write, not made by it. Then the same summaries.
 *
 * `--quick`: 30 days, 20 stores (a smoke run). Databases it creates are named demohist_bench_*
 * and dropped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { ShopConfigSchema, type Store } from '../../shared/domain/shop';
import { loadShopConfig } from '../../server/config';
import { writeDemoPast } from '../../server/demo/past';
import { openHistoryDatabase, type OpenedHistory } from '../../server/history/database';
import { HistoryProjector } from '../../server/history/projector';
import { groupReport, storeReport } from '../../server/history/reports';
import { ROW_TABLES } from '../../server/history/schema';
import { makeVehicleRef, vehicleRefKey } from '../../server/history/vehicle-ref';
import { localDate } from '../../server/ids';
import { silentLogger } from '../../server/log';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import type { WorkshopEvent } from '../../shared/workflow/events';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = args.includes('--quick');
const runs = Number(option('--runs') ?? 20);
const postgresUrl = args.includes('--no-postgres') ? undefined : (option('--postgres') ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const YEAR_DAYS = quick ? 30 : 365;
const PG_DAYS = quick ? 30 : 90;
const PG_STORES = quick ? 20 : 200;
const GOAL_SQLITE_MS = 300;
const GOAL_PG_MS = 2000;
const DAY = 86_400_000;
const NOW = new Date();

/** The demo store doubled: twice the bays and technicians (ids suffixed), so about 45 visits a day. */
function bigStore(id: string): Store {
  const base = loadShopConfig().stores[0];
  const twice = <T extends { id: string }>(items: T[]) => [...items, ...items.map((x) => ({ ...x, id: `${x.id}b` }))];
  const store = { ...base, id, bays: twice(base.bays), technicians: twice(base.technicians).map((t) => ({ ...t })) };
  return ShopConfigSchema.parse({ stores: [store] }).stores[0];
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

/** p50 / p95 of `times` calls (default `runs`), after one warm-up call. */
async function timed(what: string, goalMs: number, run: () => Promise<unknown>, times = runs) {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p95 = pct(ms, 0.95);
  console.log(`  [load ${load()}]`);
  console.log(
    `  ${what.padEnd(44)} p50 ${pct(ms, 0.5).toFixed(0).padStart(6)} ms   p95 ${p95.toFixed(0).padStart(6)} ms   goal p95 ≤ ${goalMs} ms  ${p95 <= goalMs ? 'met' : 'NOT met'}`,
  );
}

/** Write `days` of one store's history as events into a fresh journal; returns it open. */
async function writeLog(store: Store, days: number) {
  const dir = mkdtempSync(join(tmpdir(), 'tw-bench-reports-'));
  const events = await EmbeddedEventStore.open(dir, { log: silentLogger });
  const t = performance.now();
  const [past] = await writeDemoPast(events, [store], NOW, { days });
  console.log(
    `  wrote ${past.repairOrders} visits, ${past.events} events through the commit path in ${seconds(t).toFixed(1)} s (${Math.round(past.events / seconds(t))} events/s)`,
  );
  return {
    events,
    past,
    dispose: async () => {
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The projector's rebuild from the log held in memory (read once from the journal with readAll):
 * the projector and the database, not the journal's `read`, which re-reads a long segment from its
 * start for every batch (see BENCHMARKS.md).
 */
async function rebuild(label: string, h: OpenedHistory, journal: EmbeddedEventStore, storeId: string) {
  const log: WorkshopEvent[] = [];
  for await (const e of journal.readAll(storeId)) log.push(e);
  const events = { read: async (_: string, after: number, limit = Infinity) => log.slice(after, after + limit), storeIds: async () => [storeId] };
  const projector = new HistoryProjector(h.db, events, { log: silentLogger, vehicleRef: makeVehicleRef(vehicleRefKey('bench')), batchSize: 1000 });
  const t = performance.now();
  const applied = await projector.rebuild(storeId);
  console.log(`  ${label} projector rebuild: ${applied} events in ${seconds(t).toFixed(1)} s = ${Math.round(applied / seconds(t))} events/s`);
}

const rangeOf = (store: Store, days: number) => ({
  from: localDate(new Date(NOW.getTime() - days * DAY), store.timezone),
  to: localDate(new Date(NOW.getTime() - DAY), store.timezone),
});

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`bench:reports${quick ? ' --quick' : ''} — ${new Date().toISOString()}, ${runs} runs each; ${cpus().length} cores, load average ${load()}\n`);

// --- SQLite: one store × a year ---
{
  const store = bigStore('bench-store');
  console.log(`SQLite: 1 store × ${YEAR_DAYS} days`);
  const log = await writeLog(store, YEAR_DAYS);
  const dir = mkdtempSync(join(tmpdir(), 'tw-bench-reports-sqlite-'));
  const h = await openHistoryDatabase({ dataDir: dir });
  try {
    await rebuild('SQLite', h, log.events, store.id);
    await timed(`store summary, ${YEAR_DAYS} days`, GOAL_SQLITE_MS, () => storeReport(h.db, store, rangeOf(store, YEAR_DAYS)));
    await timed('store summary, 30 days', GOAL_SQLITE_MS, () => storeReport(h.db, store, rangeOf(store, 30)));
    await timed(`group summary (1 store), ${YEAR_DAYS} days`, GOAL_SQLITE_MS, () => groupReport(h.db, [store], rangeOf(store, YEAR_DAYS)));
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
    await log.dispose();
  }
}

// --- PostgreSQL: 200 stores × 90 days ---
if (postgresUrl) {
  const base = bigStore('bench-001');
  const stores = Array.from({ length: PG_STORES }, (_, i) => ({ ...base, id: `bench-${String(i + 1).padStart(3, '0')}` }));
  console.log(`\nPostgreSQL: ${PG_STORES} stores × ${PG_DAYS} days`);
  const log = await writeLog(base, PG_DAYS);
  const name = `demohist_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const h = await openHistoryDatabase({ dataDir: '', databaseUrl: url.toString() });
  try {
    await rebuild('PostgreSQL', h, log.events, base.id);
    // The other stores: the same rows under other store ids, copied inside PostgreSQL.
    const t = performance.now();
    for (const table of ROW_TABLES) {
      const columns = (
        await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = ${table} ORDER BY ordinal_position`.execute(
          h.db,
        )
      ).rows.map((r) => r.column_name);
      const others = columns
        .filter((c) => c !== 'store_id')
        .map((c) => `"${c}"`)
        .join(', ');
      await sql
        .raw(
          `INSERT INTO ${table} (store_id, ${others}) SELECT 'bench-' || lpad(n::text, 3, '0'), ${others} FROM ${table}, generate_series(2, ${PG_STORES}) AS n WHERE store_id = '${base.id}'`,
        )
        .execute(h.db);
    }
    await sql.raw('ANALYZE').execute(h.db);
    const count = (await sql<{ n: string }>`SELECT count(*) AS n FROM history_visits`.execute(h.db)).rows[0].n;
    console.log(`  copied the rows to ${PG_STORES - 1} more stores in ${seconds(t).toFixed(1)} s: ${Number(count).toLocaleString('en')} visits in all`);
    await timed(`store summary, ${PG_DAYS} days`, GOAL_PG_MS, () => storeReport(h.db, base, rangeOf(base, PG_DAYS)));
    await timed(`group summary (${PG_STORES} stores), ${PG_DAYS} days`, GOAL_PG_MS, () => groupReport(h.db, stores, rangeOf(base, PG_DAYS)), Math.min(runs, 5));
  } finally {
    await h.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
    await log.dispose();
  }
}

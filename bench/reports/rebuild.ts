/**
 * `npm run bench:history-rebuild [-- --visits N] [--postgres URL]`: how fast the history projector
 * rebuilds. Makes N visits (default 3,000: about a quarter's traffic of one store) through the real
 * workflow into an in-memory log, then rebuilds the read model from it into SQLite (a file in a temp
 * dir) and, given a PostgreSQL URL, into a fresh database there. Prints events and events/s.
 * It measures the projector and the database, not reading the journal from disk; then the time of
 * a store summary over 30 days and over everything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openHistoryDatabase, type OpenedHistory } from '../../server/history/database';
import { HistoryProjector } from '../../server/history/projector';
import { storeReport } from '../../server/history/reports';
import { makeVehicleRef, vehicleRefKey } from '../../server/history/vehicle-ref';
import { silentLogger } from '../../server/log';
import { aVisit, ClockedWorkshop } from '../../tests/helpers/history';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const visits = Number(option('--visits') ?? 3000);
const postgresUrl = option('--postgres');

const w = new ClockedWorkshop();
const began = performance.now();
for (let i = 0; i < visits; i++) {
  const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 35) * 86_400_000).toISOString().slice(0, 10);
  w.day = day;
  const minute = (i % 35) * 15;
  const t = (m: number) => `${String(8 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const ro = aVisit({
    promisedAt: w.iso(t(minute + 180)),
    operations: [{ id: 'op-1', code: 'OIL', title: '机油', standardHours: 0.5, bayId: i % 2 ? 'bay-1' : 'bay-2', technicianId: i % 2 ? 'tech-1' : 'tech-2' }],
  });
  w.at(t(minute));
  await w.do(ro);
  await w.do({ type: 'sendToWorkshop', roId: ro.roId });
  w.at(t(minute + 10));
  await w.do({ type: 'startOperation', roId: ro.roId, operationId: 'op-1' }, { source: 'scan' });
  if (i % 5 === 0) {
    w.at(t(minute + 20));
    await w.do({ type: 'pauseOperation', roId: ro.roId, operationId: 'op-1', pause: { reason: 'parts', part: '滤芯' } }, { source: 'scan' });
    w.at(t(minute + 40));
    await w.do({ type: 'resumeOperation', roId: ro.roId, operationId: 'op-1' }, { source: 'scan' });
  }
  w.at(t(minute + 60));
  await w.do({ type: 'finishOperation', roId: ro.roId, operationId: 'op-1' }, { source: 'scan' });
  await w.do({ type: 'qcPass', roId: ro.roId });
  w.at(t(minute + 120));
  await w.do({ type: 'deliver', roId: ro.roId });
}
const events = await w.events.lastSeq('store-a');
console.log(`${visits} visits, ${events} events made in ${((performance.now() - began) / 1000).toFixed(1)} s`);

async function rebuild(label: string, h: OpenedHistory) {
  const p = new HistoryProjector(h.db, w.events, { log: silentLogger, vehicleRef: makeVehicleRef(vehicleRefKey('bench')), batchSize: 1000 });
  const t0 = performance.now();
  const applied = await p.rebuild('store-a');
  const s = (performance.now() - t0) / 1000;
  console.log(`${label}: rebuilt ${applied} events in ${s.toFixed(2)} s = ${Math.round(applied / s)} events/s`);
  // And what a summary then costs (the slowest of 5; the full bench:reports of the issue is bigger).
  const store = w.shop.stores[0];
  for (const [what, range] of [
    ['30 days', { from: '2026-01-01', to: '2026-01-30' }],
    ['all', { from: '2026-01-01', to: w.day }],
  ] as const) {
    let worst = 0;
    for (let i = 0; i < 5; i++) {
      const t1 = performance.now();
      await storeReport(h.db, store, range);
      worst = Math.max(worst, performance.now() - t1);
    }
    console.log(`${label}: summary of ${what} (${range.from} … ${range.to}) slowest of 5: ${worst.toFixed(0)} ms`);
  }
  await h.close();
}

const dir = mkdtempSync(join(tmpdir(), 'tw-bench-history-'));
try {
  await rebuild('SQLite', await openHistoryDatabase({ dataDir: dir }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (postgresUrl) {
  const name = `tw_bench_history_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(postgresUrl);
    u.pathname = `/${name}`;
    await rebuild('PostgreSQL', await openHistoryDatabase({ dataDir: '', databaseUrl: u.toString() }));
  } finally {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

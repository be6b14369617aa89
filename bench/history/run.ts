/**
 * `npm run bench:history -- [--scenario busy|group|all] [--days D] [--stores S] [--events-per-day E] [flags]`
 *
 * Memory over months: simulates days of workshop traffic, written through the real
 * WorkshopService (commit → append → fold → publish) into the real embedded journal
 * (EmbeddedEventStore in a temporary DATA_DIR), with an injected clock (the service's 4th
 * constructor argument) and the seeded demo simulator (server/demo/simulate.ts `simulateStep`
 * with `seededRng`). Every store takes one step per tick; all stores share the clock, so a tick's
 * appends of many stores go to disk in one group commit, as they would on a real server.
 *
 * Scenarios (the issue's): `busy` — one busy store (the shipped bj-wangjing config), 90 days;
 * `group` — 100 copies of it, 30 days (≈ 2.4 M events). ~800 events per store per day, spread
 * over 08:00–20:00 Beijing time (a tick every 12 h / E).
 *
 * Measured: heap used after a forced GC and RSS after every day (the table shows day 1, the
 * checkpoint day, every 10th and the last); the start-up time of a fresh process opening the data
 * dir (`open-child.ts`: EmbeddedEventStore.open + WorkshopService.init(), timed inside the child,
 * repeated --opens times, on the simulated clock so the idempotency window covers the last
 * simulated days) at the checkpoint day (on a copy of the data dir) and after the last
 * day; the journal and snapshot sizes on disk. Goal: heap after the last day ≤ 1.1 × heap after
 * the checkpoint day (10).
 *
 * Flags: --scenario busy|group|all (all) --days --stores --events-per-day --target-open (22: cars
 * the simulator keeps on the floor) --checkpoint (10) --opens (3) --seed (1) --out file.json --keep
 * (leave the data dir in place and print its path).
 *
 * Only public APIs are used (WorkshopService.commit/state via simulateStep, EmbeddedEventStore.open/close),
 * so the bench keeps working while the journal's format and internals change.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFlags } from '../../scripts/start-flags';
import { parseShopConfig } from '../../server/config';
import { seededRng, simulateStep, type Rng } from '../../server/demo/simulate';
import { newTrackingToken } from '../../server/ids';
import { silentLogger } from '../../server/log';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { WorkshopService } from '../../server/workshop-service';
import type { Store } from '../../shared/domain/shop';
import type { Command } from '../../shared/workflow/commands';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DAY = 86_400_000;
/** 08:00 in Beijing on a Monday. */
const BASE = Date.parse('2026-01-05T00:00:00Z');
const OPEN_HOURS = 12;

// Run under the server's own Node flags (package.json's start script) plus --expose-gc; re-exec once if needed.
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const heapMb = Math.max(4096, Math.min(16_384, Math.floor((totalmem() / 2 ** 20) * 0.6)));
  const child = spawnSync(
    process.execPath,
    [...startFlags(), '--expose-gc', `--max-old-space-size=${heapMb}`, '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}

interface Options {
  scenario: string;
  days: number;
  stores: number;
  eventsPerDay: number;
  targetOpen: number;
  checkpoint: number;
  opens: number;
  seed: number;
  /**
   * Stores driven by the simulator itself; every other store commits, in the same tick and
   * through the same WorkshopService.commit, the command that simulated store (i mod N) just
   * committed (with its own idempotency key and tracking token). The simulator reads every repair
   * order the store ever had on each step, so simulating 100 stores for 30 days took hours here;
   * replaying costs what the server's own commit path costs.
   */
  simulated: number;
}

const PRESETS: Record<string, Pick<Options, 'days' | 'stores' | 'simulated'>> = {
  busy: { days: 90, stores: 1, simulated: 1 },
  group: { days: 30, stores: 100, simulated: 1 },
};
const SIM_ACTOR = { kind: 'system', id: 'demo-simulator' } as const;

interface DayRow {
  day: number;
  events: number;
  /** Commits the simulator attempted that the service refused (should be 0: one writer per store). */
  refused: number;
  simSeconds: number;
  heapUsedMb: number;
  rssMb: number;
  ros: number;
  journalMb: number;
  snapshotsMb: number;
  load1: number;
}

interface OpenResult {
  openMs: number;
  initMs: number;
  totalMs: number;
  events: number;
  heapUsedMb: number;
  rssMb: number;
  sinceProcessStartMs: number;
  wallMs: number;
}

interface ScenarioResult {
  options: Options;
  rows: DayRow[];
  opens: { day: number; runs: OpenResult[]; load1: number }[];
  /** JSON size of every store's StoreState.toSnapshot() at the checkpoint and the last day: what the fold itself holds. */
  stateJsonMb: { day: number; mb: number }[];
  wallSeconds: number;
  loadStart: number[];
  loadEnd: number[];
}

const log = (...parts: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const mb = (bytes: number) => bytes / 2 ** 20;
const f1 = (n: number) => n.toFixed(1);
const load = () => loadavg().map((l) => Number(l.toFixed(2)));

function parseOptions(argv: string[]): { runs: Options[]; out?: string; keep: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'all' },
      days: { type: 'string' },
      stores: { type: 'string' },
      'events-per-day': { type: 'string' },
      'target-open': { type: 'string' },
      checkpoint: { type: 'string' },
      opens: { type: 'string' },
      seed: { type: 'string' },
      simulated: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const names = values.scenario === 'all' ? ['busy', 'group'] : [values.scenario!];
  const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  const runs = names.map((scenario) => {
    const preset = PRESETS[scenario] ?? (scenario === 'custom' ? { days: 10, stores: 1, simulated: 1 } : undefined);
    if (!preset) throw new Error(`unknown scenario "${scenario}" (busy, group, all, custom)`);
    return {
      scenario,
      days: num(values.days, preset.days),
      stores: num(values.stores, preset.stores),
      eventsPerDay: num(values['events-per-day'], 800),
      targetOpen: num(values['target-open'], 22),
      checkpoint: num(values.checkpoint, 10),
      opens: num(values.opens, 3),
      seed: num(values.seed, 1),
      simulated: Math.max(1, Math.min(num(values.stores, preset.stores), num(values.simulated, preset.simulated))),
    };
  });
  return { runs, out: values.out, keep: values.keep ?? false };
}

/** The shipped store's config, once or as `count` copies with their own ids. */
function benchShop(count: number): { stores: Store[]; raw: unknown } {
  const shipped = JSON.parse(readFileSync(join(HERE, '../../config/shop.json'), 'utf8')) as {
    group: unknown;
    stores: { id: string; name: Record<string, string> }[];
  };
  const template = shipped.stores[0];
  const stores =
    count === 1
      ? [template]
      : Array.from({ length: count }, (_, i) => ({
          ...template,
          id: `h${String(i + 1).padStart(3, '0')}`,
          name: { 'zh-CN': `${template.name['zh-CN']} ${i + 1}`, en: `${template.name.en} ${i + 1}` },
        }));
  const raw = { group: shipped.group, stores };
  return { stores: parseShopConfig(raw, 'bench history shop').stores, raw };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    total += name.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

/** A copy of the data dir as a crash would leave it (journal + the snapshots saved so far, no lock). */
function copyDataDir(from: string, to: string): void {
  mkdirSync(join(to, 'snapshots'), { recursive: true });
  cpSync(join(from, 'journal'), join(to, 'journal'), { recursive: true });
  for (const name of readdirSync(join(from, 'snapshots'))) if (name.endsWith('.json')) cpSync(join(from, 'snapshots', name), join(to, 'snapshots', name));
}

function openChild(dataDir: string, shopFile: string, clockMs: number): Promise<OpenResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [...startFlags(), '--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', join(HERE, 'open-child.ts'), dataDir, shopFile, String(clockMs)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      const wallMs = performance.now() - t0;
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`open-child exited ${code}: ${out}`));
      resolve({ ...(JSON.parse(line) as Omit<OpenResult, 'wallMs'>), wallMs });
    });
  });
}

async function measureOpens(o: Options, dataDir: string, shopFile: string, day: number, clockMs: number): Promise<ScenarioResult['opens'][number]> {
  const runs: OpenResult[] = [];
  for (let i = 0; i < o.opens; i++) runs.push(await openChild(dataDir, shopFile, clockMs));
  const r = { day, runs, load1: load()[0] };
  log(
    `start-up of a fresh process on day ${day}'s data: ${runs.map((x) => `${f1(x.totalMs)} ms (open ${f1(x.openMs)} + init ${f1(x.initMs)}; process wall ${f1(x.wallMs)} ms; heap ${f1(x.heapUsedMb)} MB)`).join(', ')}; load ${r.load1}`,
  );
  return r;
}

async function runScenario(o: Options, keep: boolean): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), `tw-bench-history-${o.scenario}-`));
  const dataDir = join(dir, 'data');
  const { stores, raw } = benchShop(o.stores);
  const shopFile = join(dir, 'shop.json');
  writeFileSync(shopFile, JSON.stringify(raw));
  const loadStart = load();
  const began = performance.now();
  log(
    `${o.scenario}: ${o.stores} store(s) × ${o.days} days × ~${o.eventsPerDay} events/day (target open ${o.targetOpen}, seed ${o.seed}; ` +
      `${o.simulated} simulated, ${o.stores - o.simulated} replaying their commands); data dir ${dataDir}; load ${loadStart.join(' ')}`,
  );

  let clockMs = BASE;
  const now = () => new Date(clockMs);
  // The store runs on the same clock as the service, as on a server: segments roll by simulated UTC day.
  const events = await EmbeddedEventStore.open(dataDir, { log: silentLogger, now: () => clockMs });
  const service = new WorkshopService(events, stores, silentLogger, now);
  await service.init();
  const rngs: Rng[] = stores.slice(0, o.simulated).map((_, i) => seededRng(o.seed * 1_000_003 + i));
  const rows: DayRow[] = [];
  const opens: ScenarioResult['opens'] = [];
  const stateJsonMb: ScenarioResult['stateJsonMb'] = [];
  const tick = (OPEN_HOURS * 3_600_000) / o.eventsPerDay;
  let total = 0;

  const stateMb = async () => {
    let bytes = 0;
    for (const s of stores) bytes += JSON.stringify((await service.state(s.id)).toSnapshot()).length;
    return mb(bytes);
  };

  try {
    for (let day = 1; day <= o.days; day++) {
      const t0 = performance.now();
      const dayStart = BASE + (day - 1) * DAY;
      const counts = new Array<number>(stores.length).fill(0);
      let refused = 0;
      // A step can find nothing to do (or the simulator's idea is refused); the clock moves on
      // either way. Past the day's budget of ticks, the evening goes on until each store has its events.
      for (let t = 0; t < 3 * o.eventsPerDay; t++) {
        if (counts.slice(0, o.simulated).every((n) => n >= o.eventsPerDay)) break;
        clockMs = Math.min(dayStart + t * tick, dayStart + 22 * 3_600_000);
        const committed: (Command | undefined)[] = await Promise.all(
          rngs.map(async (rng, i) => {
            if (counts[i] >= o.eventsPerDay) return undefined;
            const step = await simulateStep(service, stores[i].id, rng, { now, targetOpen: o.targetOpen });
            if (step?.ok) counts[i]++;
            else if (step) refused++;
            return step?.ok ? step.command : undefined;
          }),
        );
        await Promise.all(
          stores.slice(o.simulated).map(async (store, j) => {
            const i = o.simulated + j;
            const command = committed[i % o.simulated];
            if (!command) return;
            const own = command.type === 'createRepairOrder' && command.trackingToken ? { ...command, trackingToken: newTrackingToken() } : command;
            const result = await service.commit({ storeId: store.id, command: own, actor: SIM_ACTOR, source: 'system', key: `replay:${randomUUID()}` });
            if (result.ok) counts[i]++;
            else refused++;
          }),
        );
      }
      const dayEvents = counts.reduce((a, b) => a + b, 0);
      total += dayEvents;
      const simSeconds = (performance.now() - t0) / 1000;
      gc!();
      gc!();
      const mem = process.memoryUsage();
      let ros = 0;
      for (const s of stores) ros += service.cachedState(s.id)?.ros.size ?? 0;
      const row: DayRow = {
        day,
        events: total,
        refused,
        simSeconds,
        heapUsedMb: mb(mem.heapUsed),
        rssMb: mb(mem.rss),
        ros,
        journalMb: mb(dirBytes(join(dataDir, 'journal'))),
        snapshotsMb: mb(dirBytes(join(dataDir, 'snapshots'))),
        load1: load()[0],
      };
      rows.push(row);
      log(
        `day ${day}: ${dayEvents} events (${Math.round(dayEvents / simSeconds)}/s, ${f1(simSeconds)} s${refused ? `, ${refused} refused` : ''}), total ${total}; ` +
          `heap ${f1(row.heapUsedMb)} MB, RSS ${f1(row.rssMb)} MB, ${ros} ROs in state, journal ${f1(row.journalMb)} MB, snapshots ${f1(row.snapshotsMb)} MB; load ${row.load1}`,
      );

      if (day === o.checkpoint && day !== o.days) {
        stateJsonMb.push({ day, mb: await stateMb() });
        const copy = join(dir, `copy-day-${day}`);
        copyDataDir(dataDir, copy);
        opens.push(await measureOpens(o, copy, shopFile, day, clockMs));
        rmSync(copy, { recursive: true, force: true });
      }
    }
    stateJsonMb.push({ day: o.days, mb: await stateMb() });
  } finally {
    // Not service.close(): it would save every store's snapshot, which the day-10 copy did not
    // have either. Both start-ups find the journal and whatever periodic snapshots were saved.
    await events.close();
  }
  opens.push(await measureOpens(o, dataDir, shopFile, o.days, clockMs));
  const result: ScenarioResult = { options: o, rows, opens, stateJsonMb, wallSeconds: (performance.now() - began) / 1000, loadStart, loadEnd: load() };
  if (keep) log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  return result;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

function report(r: ScenarioResult): string {
  const o = r.options;
  const shown = r.rows.filter((row) => row.day === 1 || row.day === o.checkpoint || row.day % 10 === 0 || row.day === o.days);
  const lines = [
    `### ${o.scenario}: ${o.stores} store(s) × ${o.days} days, ~${o.eventsPerDay} events per store per day` +
      (o.simulated < o.stores
        ? ` (${o.simulated} simulated; the other ${o.stores - o.simulated} commit the same commands through WorkshopService.commit, own keys and tracking tokens)`
        : ''),
    '',
    '| day | events (total) | heap used after GC | RSS | ROs in state | journal on disk | snapshots on disk | sim s/day | load (1 min) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...shown.map(
      (row) =>
        `| ${row.day} | ${row.events.toLocaleString('en')} | ${f1(row.heapUsedMb)} MB | ${f1(row.rssMb)} MB | ${row.ros.toLocaleString('en')} | ${f1(row.journalMb)} MB | ${f1(row.snapshotsMb)} MB | ${f1(row.simSeconds)} | ${row.load1} |`,
    ),
    '',
    '| start-up of a fresh process (open + init) | median | runs | events folded | its heap after GC | process wall (incl. Node + tsx) | load |',
    '|---|---|---|---|---|---|---|',
    ...r.opens.map(
      (op) =>
        `| after day ${op.day} | ${f1(median(op.runs.map((x) => x.totalMs)))} ms | ${op.runs.map((x) => `${f1(x.totalMs)} (${f1(x.openMs)} + ${f1(x.initMs)})`).join(', ')} ms | ${op.runs[0]?.events.toLocaleString('en')} | ${f1(median(op.runs.map((x) => x.heapUsedMb)))} MB | ${f1(median(op.runs.map((x) => x.wallMs)))} ms | ${op.load1} |`,
    ),
    '',
    `State (every store's StoreState.toSnapshot() as JSON): ${r.stateJsonMb.map((s) => `day ${s.day} ${f1(s.mb)} MB`).join(', ')}.`,
    `Refused commits: ${r.rows.reduce((n, row) => n + row.refused, 0)}. Wall time ${f1(r.wallSeconds)} s; load ${r.loadStart.join(' ')} at the start, ${r.loadEnd.join(' ')} at the end.`,
  ];
  const at = r.rows.find((row) => row.day === o.checkpoint);
  const last = r.rows.at(-1);
  if (at && last && last.day !== at.day) {
    const ratio = last.heapUsedMb / at.heapUsedMb;
    lines.push(
      '',
      `Goal: heap after day ${last.day} ≤ 1.1 × heap after day ${at.day}: ${f1(last.heapUsedMb)} MB / ${f1(at.heapUsedMb)} MB = ${ratio.toFixed(2)}× — **${ratio <= 1.1 ? 'PASS' : 'FAIL'}**`,
    );
  } else lines.push('', `Goal: not evaluated (the run has no day ${o.checkpoint} before its last day).`);
  return lines.join('\n');
}

async function main() {
  const { runs, out, keep } = parseOptions(process.argv.slice(2));
  console.log(
    `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, ${f1(totalmem() / 2 ** 30)} GiB, Node ${process.version}; flags ${process.execArgv.join(' ')}`,
  );
  const results: ScenarioResult[] = [];
  for (const o of runs) {
    results.push(await runScenario(o, keep));
    if (out) writeFileSync(out, JSON.stringify({ machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version }, results }, null, 2));
    console.log(`\n${report(results.at(-1)!)}\n`);
  }
  if (results.length > 1) for (const r of results) console.log(`\n${report(r)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

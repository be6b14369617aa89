/**
 * `npm run bench:fanout -- [--scenario dealer|busy|ceiling|two-workers|storm|all] [flags]`
 *
 * Starts the real server (or `npm run cluster` with --workers > 1) on a generated shop of S
 * stores, connects K simulated displays (socket.io-client, in --procs child processes) spread
 * over the customer, dispatch and bay boards, fires scan actions at R per second through the
 * REST API, and measures for every display the time from the API call to the delta's arrival:
 * p50/p95/p99/max and delivered/expected, with the server's CPU and peak RSS. Then, in the same
 * run, the same displays against a bare socket.io server emitting deltas of the same size to
 * the same rooms at the same rate, measured the same way. Everything runs on 127.0.0.1.
 *
 * Flags (a scenario sets defaults; flags override): --displays K --stores S --bays B --ros N
 * (repair orders per store) --rate R --rates R1,R2,… (steps; stop at p99 > 100 ms or a loss)
 * --duration s --warmup s --procs P --workers N --redis --no-baseline --profile --storm
 * --concurrency C (connects in flight per display process) --out file.json
 *
 * A quick run: `npm run bench:fanout -- --displays 200 --stores 20 --rate 20 --duration 5`
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { clock } from './clock';
import { DisplayFleet } from './displays';
import { Firer, type BenchOp } from './firer';
import type { Collected } from './messages';
import { freePort } from '../../tests/helpers/ports';
import { createDatabase } from '../../tests/helpers/postgres';
import { MachineShare, startBare, startRedis, startWorkshop, UsageSampler, type Proc } from './processes';
import { summariseProfile } from './profile';
import { bayIdOf, type DisplaySpec, roomOfSpec, spreadDisplays, storeIdOf, writeBenchShop } from './shop';
import { concat, ms, summarise, type Summary } from './stats';

interface Options {
  scenario: string;
  displays: number;
  stores: number;
  bays: number;
  ros: number;
  rates: number[];
  duration: number;
  warmup: number;
  procs: number;
  workers: number;
  redis: boolean;
  baseline: boolean;
  profile: boolean;
  storm: boolean;
  /** Storm by a rolling restart of scripts/cluster.ts (SIGHUP) instead of stopping and starting the server. */
  rolling: boolean;
  concurrency: number;
  /** Stop stepping up the rate once p99 passes this (ms) or a delta is lost. */
  ceilingMs?: number;
  /** A window during which other work used more than this many cores is measured again (twice at most). */
  maxOther: number;
}

const PRESETS: Record<string, Partial<Options>> = {
  dealer: { displays: 10_000, stores: 1000, rates: [50] },
  busy: { displays: 5000, stores: 10, rates: [20] },
  // Without the profiler: it costs the server CPU the bare baseline does not pay. Profile a rate with --profile.
  ceiling: { displays: 10_000, stores: 1000, rates: [100, 200, 300, 400, 500, 600, 700, 800, 1000, 1200], duration: 15, ceilingMs: 100 },
  'two-workers': { displays: 10_000, stores: 1000, rates: [50], workers: 2 },
  storm: { displays: 10_000, stores: 1000, rates: [50], storm: true, baseline: false },
  'storm-rolling': { displays: 10_000, stores: 1000, rates: [50], storm: true, rolling: true, baseline: false },
};

interface PhaseResult {
  scenario: string;
  server: string;
  rate: number;
  sentPerSecond: number;
  latency: Summary;
  /** From the API call to its answer (the caller's view of the server): when this is slow too, the server stalled. */
  answer: Summary;
  /** p99 of each display process on its own: one process far behind the others means the load generator stalled, not the server. */
  p99ByDisplayProcess: number[];
  /** The caller's longest pause between firing ticks and its largest catch-up burst (see Firer). */
  callerStall: { longestTickGapMs: number; largestBurst: number };
  /**
   * The slowest API answer for the actions fired in each second of the window (ms): one or two
   * late seconds point at a pause (garbage collection, so far), late answers in every second at a
   * server past its limit.
   */
  slowestAnswerBySecond: number[];
  expected: number;
  delivered: number;
  cpuPercent: number;
  peakRssMb: number;
  ignored: number;
  gaps: number;
  disconnects: number;
  refusals: Record<string, number>;
  /** Cores' worth of CPU used during the window by the server, the display processes, the caller (firing the API calls) and other work on the machine. */
  serverCores: number;
  /** The run's own redis-server (scale-out scenarios), 0 without one. */
  redisCores: number;
  displayCores: number;
  callerCores: number;
  otherCores: number;
  /** The measured window on the shared monotonic clock (ms), to cut the CPU profile to it. */
  window: { from: number; to: number };
  /** When the window opened (ISO time), to line it up with the server's log. */
  startedAt: string;
  /** Windows measured again because other work on the machine took more than --max-other cores. */
  remeasured: number;
}

const log = (...parts: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

function parseOptions(argv: string[]): Options[] {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'custom' },
      displays: { type: 'string' },
      stores: { type: 'string' },
      bays: { type: 'string' },
      ros: { type: 'string' },
      rate: { type: 'string' },
      rates: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      procs: { type: 'string' },
      workers: { type: 'string' },
      concurrency: { type: 'string' },
      'max-other': { type: 'string' },
      redis: { type: 'boolean' },
      'no-baseline': { type: 'boolean' },
      profile: { type: 'boolean' },
      storm: { type: 'boolean' },
      rolling: { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const names = values.scenario === 'all' ? ['dealer', 'busy', 'two-workers', 'ceiling', 'storm', 'storm-rolling'] : [values.scenario!];
  return names
    .map((scenario) => {
      if (scenario !== 'custom' && !PRESETS[scenario])
        throw new Error(`unknown scenario "${scenario}" (dealer, busy, ceiling, two-workers, storm, storm-rolling, all)`);
      const base: Options = {
        scenario,
        displays: 200,
        stores: 20,
        bays: 8,
        ros: 4,
        rates: [20],
        duration: 30,
        warmup: 3,
        procs: 2,
        workers: 1,
        redis: false,
        baseline: true,
        profile: false,
        storm: false,
        rolling: false,
        concurrency: 100,
        maxOther: 0.25,
        ...PRESETS[scenario],
      };
      const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
      const o: Options = {
        ...base,
        displays: num(values.displays, base.displays),
        stores: num(values.stores, base.stores),
        bays: num(values.bays, base.bays),
        ros: num(values.ros, base.ros),
        duration: num(values.duration, base.duration),
        warmup: num(values.warmup, base.warmup),
        procs: num(values.procs, base.procs),
        workers: num(values.workers, base.workers),
        concurrency: num(values.concurrency, base.concurrency),
        maxOther: num(values['max-other'], base.maxOther),
        rates: values.rates ? values.rates.split(',').map(Number) : values.rate ? [Number(values.rate)] : base.rates,
        redis: values.redis ?? base.redis,
        baseline: values['no-baseline'] ? false : base.baseline,
        profile: values.profile ?? base.profile,
        storm: values.storm ?? base.storm,
        rolling: values.rolling ?? base.rolling,
      };
      if (o.ros > o.bays) throw new Error('--ros must not exceed --bays (each repair order works at its own bay)');
      return o;
    })
    .map((o) => Object.assign(o, { out: values.out }));
}

/** One repair order per bay (up to --ros), each with one operation at that bay, created through the API. */
async function setUpRepairOrders(url: string, apiKey: string, o: Options): Promise<BenchOp[]> {
  const jobs: { store: number; r: number }[] = [];
  for (let store = 0; store < o.stores; store++) for (let r = 0; r < o.ros; r++) jobs.push({ store, r });
  const ops: BenchOp[] = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const { store, r } = jobs[next++];
      const bay = r + 1;
      const res = await fetch(`${url}/api/stores/${storeIdOf(store)}/repair-orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': `bench-setup:${store}:${r}` },
        body: JSON.stringify({
          vehicle: { plate: `京A${String(10000 + r).slice(-5)}`, make: 'Audi', model: 'A6L', color: 'Black' },
          customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
          promisedAt: new Date(Date.now() + 4 * 3600_000).toISOString(),
          operations: [{ code: 'SVC', bayId: bayIdOf(bay) }],
        }),
      });
      const body = (await res.json()) as { data?: { repairOrder: { id: string; operations: { id: string }[] } } };
      if (!res.ok || !body.data) throw new Error(`setting up a repair order was refused: ${res.status} ${JSON.stringify(body)}`);
      const ro = body.data.repairOrder;
      ops.push({ store, storeId: storeIdOf(store), roId: ro.id, opId: ro.operations[0].id, bay, state: 'assigned' });
    }
  };
  await Promise.all(Array.from({ length: 32 }, lane));
  return ops;
}

interface Target {
  label: string;
  url: string;
  mode: 'workshop' | 'bare';
  proc: Proc;
  redisPid?: number;
}

/**
 * Measure one window; if other work on this shared machine took more than --max-other cores
 * meanwhile, measure it again (twice at most) and keep the quietest.
 */
async function measurePhase(o: Options, target: Target, firer: Firer, fleet: DisplayFleet, perStore: number[], rate: number): Promise<PhaseResult> {
  let best: PhaseResult | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await measureOnce(o, target, firer, fleet, perStore, rate);
    r.remeasured = attempt;
    if (!best || r.otherCores < best.otherCores) best = r;
    if (r.otherCores <= o.maxOther) break;
    log(`noisy window (other work on the machine: ${r.otherCores.toFixed(2)} cores): ${describe(r)}`);
  }
  return best!;
}

/** Fire at `rate` for the window and measure every display's latency; the displays are connected already. */
async function measureOnce(o: Options, target: Target, firer: Firer, fleet: DisplayFleet, perStore: number[], rate: number): Promise<PhaseResult> {
  const redisPid = target.redisPid;
  const sampler = new UsageSampler(() => [target.proc.pid]);
  let expected = 0;
  let measuredAcks = 0;
  const answerTimes: number[] = [];
  const slowestAnswerBySecond = new Array<number>(Math.ceil(o.duration)).fill(0);
  const refusalsBefore = new Map(firer.refusals);
  firer.measuring = false;
  firer.start(rate);
  await sleep(o.warmup * 1000);
  fleet.measure();
  sampler.reset();
  const share = new MachineShare({
    server: () => [target.proc.pid],
    redis: () => (redisPid ? [redisPid] : []),
    displays: () => fleet.procs.map((p) => p.pid!),
    caller: () => [-process.pid],
  });
  firer.longestTickGapMs = 0;
  firer.largestBurst = 0;
  firer.measuring = true;
  const began = clock();
  const startedAt = new Date().toISOString();
  const onAck = (store: number, t0: number) => {
    expected += perStore[store];
    measuredAcks++;
    const took = clock() - t0;
    answerTimes.push(took);
    const second = Math.min(slowestAnswerBySecond.length - 1, Math.max(0, Math.floor((t0 - began) / 1000)));
    slowestAnswerBySecond[second] = Math.max(slowestAnswerBySecond[second], took);
  };
  ackListener = (a) => a.measured && onAck(a.store, a.t0);
  await sleep(o.duration * 1000);
  firer.stop();
  firer.measuring = false;
  const wall = (clock() - began) / 1000;
  await firer.idle();
  const usage = sampler.report();
  const machine = share.report();
  await sleep(3000); // deltas still on their way
  ackListener = undefined;
  const collected = await fleet.collect();
  const latency = summarise(concat(collected.map((c) => c.latencies)));
  const refusals: Record<string, number> = {};
  for (const [k, v] of firer.refusals) if (v !== (refusalsBefore.get(k) ?? 0)) refusals[k] = v - (refusalsBefore.get(k) ?? 0);
  lastSizes = mergeSizes(collected);
  return {
    scenario: o.scenario,
    server: target.label,
    rate,
    sentPerSecond: measuredAcks / wall,
    latency,
    expected,
    delivered: latency.count,
    answer: summarise(Float64Array.from(answerTimes)),
    p99ByDisplayProcess: collected.map((c) => summarise(c.latencies).p99),
    callerStall: { longestTickGapMs: firer.longestTickGapMs, largestBurst: firer.largestBurst },
    slowestAnswerBySecond,
    cpuPercent: usage.cpuPercent,
    peakRssMb: usage.peakRssMb,
    ignored: sum(collected, 'ignored'),
    gaps: sum(collected, 'gaps'),
    disconnects: sum(collected, 'disconnects'),
    refusals,
    serverCores: machine.server,
    redisCores: machine.redis,
    displayCores: machine.displays,
    callerCores: machine.caller,
    otherCores: machine.others,
    window: { from: began, to: began + wall * 1000 },
    startedAt,
    remeasured: 0,
  };
}

let ackListener: ((a: { store: number; seq: number; t0: number; measured: boolean }) => void) | undefined;
let lastSizes: Record<string, number> = {};
const sum = (c: Collected[], k: 'ignored' | 'gaps' | 'disconnects') => c.reduce((n, x) => n + x[k], 0);
const mergeSizes = (c: Collected[]) => {
  const out: Record<string, { count: number; bytes: number }> = {};
  for (const x of c)
    for (const [k, v] of Object.entries(x.sizes)) {
      const s = (out[k] ??= { count: 0, bytes: 0 });
      s.count += v.count;
      s.bytes += v.bytes;
    }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v.bytes / v.count)]));
};

const describe = (r: PhaseResult) =>
  `${r.server.padEnd(22)} R ${String(r.rate).padStart(4)} (sent ${r.sentPerSecond.toFixed(0)}/s)  p50 ${ms(r.latency.p50)}  p95 ${ms(r.latency.p95)}  ` +
  `p99 ${ms(r.latency.p99)}  max ${ms(r.latency.max)} ms  delivered ${r.delivered}/${r.expected}  CPU ${r.cpuPercent.toFixed(0)}%  RSS ${r.peakRssMb.toFixed(0)} MB` +
  `  API answer p99 ${ms(r.answer.p99)} max ${ms(r.answer.max)} ms, p99 per display process ${r.p99ByDisplayProcess.map(ms).join(' / ')} ms, caller's longest pause ${ms(r.callerStall.longestTickGapMs)} ms (burst ${r.callerStall.largestBurst}), slowest answer by second ${r.slowestAnswerBySecond.map((t) => t.toFixed(0)).join(' ')} ms` +
  `  cores: server ${r.serverCores.toFixed(2)}${r.redisCores ? `, redis ${r.redisCores.toFixed(2)}` : ''}, displays ${r.displayCores.toFixed(2)}, caller ${r.callerCores.toFixed(2)}, other work ${r.otherCores.toFixed(2)}` +
  `${r.remeasured ? ` (after ${r.remeasured} noisy)` : ''}` +
  (r.gaps || r.ignored || r.disconnects ? `  gaps ${r.gaps} ignored ${r.ignored} disconnects ${r.disconnects}` : '') +
  (Object.keys(r.refusals).length ? `  REFUSED ${JSON.stringify(r.refusals)}` : '');

const passes = (r: PhaseResult, limitMs: number) => r.latency.p99 <= limitMs && r.delivered >= r.expected && !Object.keys(r.refusals).length;

/**
 * Measure each rate in turn. In a ceiling search, stop at the first rate that fails twice in a
 * row (p99 over the limit, or a delta lost): on a shared 2-core machine one stall in a window
 * can push a p99 over, and a second try tells a stall from saturation. Returns the last rate that passed.
 */
async function stepRates(
  o: Options,
  target: Target,
  firer: Firer,
  fleet: DisplayFleet,
  perStore: number[],
  results: PhaseResult[],
): Promise<number | undefined> {
  let ceiling: number | undefined;
  for (const rate of o.rates) {
    let r = await measurePhase(o, target, firer, fleet, perStore, rate);
    results.push(r);
    log(describe(r));
    if (o.ceilingMs === undefined) continue;
    if (!passes(r, o.ceilingMs)) {
      log(`R ${rate}/s failed (p99 ${ms(r.latency.p99)} ms, ${r.expected - r.delivered} lost); measuring it once more`);
      r = await measurePhase(o, target, firer, fleet, perStore, rate);
      results.push(r);
      log(describe(r));
      if (!passes(r, o.ceilingMs)) break;
    }
    ceiling = rate;
  }
  return ceiling;
}

async function runScenario(o: Options): Promise<{ results: PhaseResult[]; notes: string[] }> {
  const results: PhaseResult[] = [];
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tw-bench-'));
  const shopFile = writeBenchShop(dir, o.stores, o.bays);
  const displays = spreadDisplays(o.displays, o.stores, o.bays);
  const perStore = new Array<number>(o.stores).fill(0);
  for (const d of displays) perStore[d.store]++;
  const apiKey = randomBytes(24).toString('base64url');
  const signingKey = randomBytes(32).toString('base64url');
  // Several processes share the log in PostgreSQL and fan out through Redis; a rolling restart
  // runs old and new side by side. The run's own database on DATABASE_URL's server (default: the local one).
  const useRedis = o.redis || o.workers > 1 || o.rolling;
  const redis = useRedis ? await startRedis() : undefined;
  const db = useRedis ? await createDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'bench') : undefined;
  const fleet = await DisplayFleet.start(o.procs);
  const port = await freePort();
  // Kept after the run (its path is printed) so the profiles can be opened in Chrome DevTools.
  const profileDir = o.profile && o.workers === 1 ? mkdtempSync(join(tmpdir(), `tw-bench-profile-${o.scenario}-`)) : undefined;
  const label = `workshop ×${o.workers}${o.rolling ? ' (cluster)' : ''}${useRedis ? ' +redis' : ''}`;
  log(
    `${o.scenario}: K ${o.displays} displays, S ${o.stores} stores × ${o.bays} bays, ${o.ros} ROs/store, R ${o.rates.join('→')}/s, ${o.duration} s windows; ${label}; ${o.procs} display processes`,
  );

  try {
    const startServer = () =>
      startWorkshop({
        port,
        shopFile,
        dataDir: join(dir, 'data'),
        apiKey,
        signingKey,
        workers: o.workers,
        databaseUrl: db?.url,
        redisUrl: redis?.url,
        redisPrefix: 'bench',
        profileDir,
        cluster: o.rolling,
      });
    let proc = await startServer();
    const url = `http://127.0.0.1:${port}`;
    let target: Target = { label, url, mode: 'workshop', proc, redisPid: redis?.pid };
    const t = clock();
    const ops = await setUpRepairOrders(url, apiKey, o);
    log(`set up ${ops.length} repair orders in ${((clock() - t) / 1000).toFixed(1)} s`);
    const firer = new Firer({ mode: 'workshop', url, apiKey }, ops, o.stores, (a) => {
      if (a.measured) fleet.t0(a.store, a.seq, a.t0);
      ackListener?.(a);
    });
    const c0 = clock();
    const connected = await fleet.connect(url, 'workshop', apiKey, displays, o.concurrency);
    log(
      `connected ${connected.ok}/${displays.length} displays in ${((clock() - c0) / 1000).toFixed(1)} s${connected.failed ? `; failed: ${connected.errors.join('; ')}` : ''}`,
    );

    const ceiling = await stepRates(o, target, firer, fleet, perStore, results);
    if (o.ceilingMs !== undefined)
      notes.push(`${label}: ceiling ${ceiling ?? '< ' + o.rates[0]} scans/s (last rate with p99 ≤ ${o.ceilingMs} ms and nothing lost)`);
    const sizes = { ...lastSizes };
    log(`delta sizes (JSON characters): ${JSON.stringify(sizes)}`);

    if (o.storm) {
      const storm = await reconnectStorm(
        o,
        apiKey,
        firer,
        fleet,
        displays,
        () => startServer(),
        target,
        (p) => (target = { ...target, proc: p }),
      );
      notes.push(...storm);
      proc = target.proc;
    }

    await fleet.disconnect();
    await target.proc.stop();
    if (process.env.BENCH_SERVER_OUTPUT) writeFileSync(process.env.BENCH_SERVER_OUTPUT, target.proc.output());
    if (profileDir) {
      const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
      // The largest profile is the server's main thread; the others are loader threads (tsx).
      const main = files.map((f) => join(profileDir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
      if (!main) notes.push('no profile was written');
      else {
        // The highest rates measured: where the ceiling is, and what it is made of.
        const ours = results.filter((r) => r.server === label).slice(-2);
        for (const r of ours) {
          const summary = `R ${r.rate}/s: ${summariseProfile(main, 15, r.window)}`;
          log(`CPU profile of the server's main thread (${profileDir}):\n${summary}`);
          notes.push(summary);
        }
      }
    }

    if (o.baseline) {
      const barePort = await freePort();
      const bareProc = await startBare(barePort, {
        stores: o.stores,
        bays: o.bays,
        redisUrl: redis?.url,
        redisPrefix: 'bare',
        workers: o.workers,
        sizes: {
          customer: sizes.customer ?? 300,
          dispatch: sizes.dispatch ?? 1200,
          bayHit: sizes['bay (its car)'] ?? sizes.dispatch ?? 1200,
          bayEmpty: sizes['bay (empty)'] ?? 30,
        },
      });
      const bareUrl = `http://127.0.0.1:${barePort}`;
      const bare: Target = {
        label: `bare socket.io ×${o.workers}${useRedis ? ' +redis' : ''}`,
        url: bareUrl,
        mode: 'bare',
        proc: bareProc,
        redisPid: redis?.pid,
      };
      const bareFirer = new Firer(
        { mode: 'bare', url: bareUrl, apiKey },
        ops.map((op) => ({ ...op })),
        o.stores,
        (a) => {
          if (a.measured) fleet.t0(a.store, a.seq, a.t0);
          ackListener?.(a);
        },
      );
      const b0 = clock();
      const bareConnected = await fleet.connect(bareUrl, 'bare', '', displays, o.concurrency);
      log(`connected ${bareConnected.ok}/${displays.length} displays to the bare server in ${((clock() - b0) / 1000).toFixed(1)} s`);
      const bareCeiling = await stepRates(o, bare, bareFirer, fleet, perStore, results);
      if (o.ceilingMs !== undefined) notes.push(`${bare.label}: ceiling ${bareCeiling ?? '< ' + o.rates[0]} emits/s`);
      await fleet.disconnect();
      await bareProc.stop();
    }
  } finally {
    await fleet.close();
    await redis?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { results, notes };
}

/**
 * With every display connected and actions still coming at R/s, restart the server (SIGTERM,
 * then start it again on the same port and data). Measures how long until every display has
 * rejoined and shows at least the last seq acknowledged before the restart, and the peak
 * connects per second; then stops the actions and checks that every display converged on the
 * server's final state with nothing lost or applied twice.
 */
async function reconnectStorm(
  o: Options,
  apiKey: string,
  firer: Firer,
  fleet: DisplayFleet,
  displays: DisplaySpec[],
  restart: () => Promise<Proc>,
  target: Target,
  setProc: (p: Proc) => void,
): Promise<string[]> {
  const notes: string[] = [];
  const rate = o.rates[0];
  const buckets = new Map<number, number>();
  let state = { joined: 0, current: 0 };
  const perWorker = new Map<number, { joined: number; current: number; lost: Record<string, number>; targetVersion: number }>();
  let kill = 0;
  // Progress counts only once every display process has taken the latest target in.
  let targetsSent = 0;
  let allBackAt: number | undefined;
  let wake: (() => void) | undefined;
  fleet.autoReconnect(true, (p, worker) => {
    if (kill) {
      const second = Math.floor((p.at - kill) / 1000);
      buckets.set(second, (buckets.get(second) ?? 0) + p.connects);
    }
    perWorker.set(worker, { joined: p.joined, current: p.current, lost: p.lost, targetVersion: p.targetVersion });
    state = [...perWorker.values()].reduce((a, b) => ({ joined: a.joined + b.joined, current: a.current + b.current }), { joined: 0, current: 0 });
    const onTarget = perWorker.size === fleet.procs.length && [...perWorker.values()].every((w) => w.targetVersion === targetsSent);
    if (kill && allBackAt === undefined && onTarget && state.current === displays.length) {
      allBackAt = p.at;
      wake?.();
    }
  });
  firer.start(rate);
  await sleep(5000);
  const before = Array.from(firer.lastSeq);
  const appliedBefore = firer.applied.reduce((a, b) => a + b, 0);
  kill = clock();
  allBackAt = undefined;
  fleet.target(before, kill);
  targetsSent++;
  log(`storm: ${o.rolling ? 'rolling restart of the cluster' : 'restarting the server'} with ${state.joined} displays joined, actions at ${rate}/s`);
  let down: number;
  let up: number;
  if (o.rolling) {
    // SIGHUP: scripts/cluster.ts starts a replacement worker, then stops the old one; the port stays open.
    const done = () => (target.proc.output().match(/rolling restart done/g) ?? []).length;
    const before = done();
    process.kill(target.proc.pid, 'SIGHUP');
    while (done() === before) await sleep(100);
    up = clock();
    log(`storm: rolling restart took ${((up - kill) / 1000).toFixed(1)} s (the port never closed)`);
  } else {
    await target.proc.stop('SIGTERM');
    down = clock();
    setProc(await restart());
    up = clock();
    log(`storm: server stopped in ${((down - kill) / 1000).toFixed(1)} s, started again in ${((up - down) / 1000).toFixed(1)} s`);
  }
  const deadline = Date.now() + 120_000;
  if (allBackAt === undefined)
    await new Promise<void>((resolve) => {
      wake = resolve;
      const check = setInterval(() => {
        if (allBackAt === undefined && Date.now() <= deadline) return;
        clearInterval(check);
        resolve();
      }, 250);
    });
  const peak = Math.max(0, ...buckets.values());
  const resynced = allBackAt === undefined ? undefined : (allBackAt - kill) / 1000;
  log(
    `storm: ${resynced === undefined ? `NOT all displays back within 120 s (${state.current}/${displays.length})` : `every display rejoined and resynced ${resynced.toFixed(1)} s after the restart began (${((allBackAt! - up) / 1000).toFixed(1)} s after the server was up)`}; peak ${peak} connects/s`,
  );
  log(
    `storm: connects per second after the restart: ${[...buckets]
      .sort((a, b) => a[0] - b[0])
      .filter(([, n]) => n)
      .map(([s, n]) => `${s}s:${n}`)
      .join(' ')}`,
  );
  const lostWhy = () => {
    const all: Record<string, number> = {};
    for (const w of perWorker.values()) for (const [k, v] of Object.entries(w.lost)) all[k] = (all[k] ?? 0) + v;
    return JSON.stringify(all);
  };
  log(`storm: links lost since the measurement began, by reason: ${lostWhy()}`);

  // Let the actions stop, then every display must show exactly the server's final state.
  firer.stop();
  await firer.idle();
  // Stores no action reached are still at their set-up events (one per repair order).
  const final = Array.from(firer.lastSeq, (seq) => Math.max(seq, o.ros));
  const stopped = clock();
  fleet.target(final, kill);
  targetsSent++;
  const caughtUp = () => [...perWorker.values()].every((w) => w.targetVersion === targetsSent) && state.current === displays.length;
  for (const until = Date.now() + 60_000; !caughtUp() && Date.now() < until;) await sleep(250);
  const settled = (clock() - stopped) / 1000;
  const views = await fleet.views();
  const behind = views.filter((v) => v.seq !== final[storeIndex(v.room)]);
  if (behind.length)
    log(
      `storm: displays not at their store's last seq, e.g. ${behind
        .slice(0, 5)
        .map((v) => `${v.room} shows ${v.seq}, last ${final[storeIndex(v.room)]}`)
        .join('; ')}`,
    );
  const byRoom = new Map<string, Set<string>>();
  for (const v of views) (byRoom.get(v.room) ?? byRoom.set(v.room, new Set()).get(v.room)!).add(v.hash);
  const split = [...byRoom.values()].filter((h) => h.size > 1).length;
  const sample = [...byRoom.keys()].sort(() => Math.random() - 0.5).slice(0, 100);
  let mismatched = 0;
  for (const room of sample) {
    const hash = await freshViewHash(target.url, apiKey, room, displays);
    if (!byRoom.get(room)!.has(hash)) mismatched++;
  }
  const applied = firer.applied.reduce((a, b) => a + b, 0);
  const setup = o.ros; // one create per repair order
  const seqMismatch = final.filter((seq, store) => seq !== 0 && seq !== setup + firer.applied[store]).length;
  fleet.autoReconnect(false);
  notes.push(
    `reconnect storm (K ${displays.length}, actions at ${rate}/s throughout): ` +
      (o.rolling
        ? `rolling restart of scripts/cluster.ts (SIGHUP) took ${((up - kill) / 1000).toFixed(1)} s, port never closed; `
        : `server down ${((up - kill) / 1000).toFixed(1)} s (SIGTERM, start again); `) +
      (resynced === undefined
        ? `NOT every display resynced within 120 s`
        : `every display rejoined and resynced ${resynced.toFixed(1)} s after the restart began`) +
      `; peak ${peak} connects/s; links lost by reason ${lostWhy()}; ` +
      `after the actions stopped (waited ${settled.toFixed(1)} s): ${behind.length} displays not at their store's last seq, ${split} rooms whose screens disagree, ` +
      `${mismatched}/${sample.length} sampled rooms differing from a fresh snapshot; ${applied - appliedBefore} actions acknowledged around the restart, ` +
      `${seqMismatch} stores whose last seq ≠ set-up + acknowledged actions (a lost or doubled event)`,
  );
  log(notes.at(-1));
  return notes;
}

const storeIndex = (room: string) => Number(/^s:s(\d+):/.exec(room)![1]) - 1;

async function freshViewHash(url: string, apiKey: string, room: string, displays: DisplaySpec[]): Promise<string> {
  const spec = displays.find((d) => roomOfSpec(d) === room)!;
  const storeId = storeIdOf(spec.store);
  const audience = spec.kind === 'bay' ? { kind: 'bay', storeId, bayId: bayIdOf(spec.bay!) } : { kind: spec.kind, storeId };
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: apiKey } });
  try {
    const snapshot = await new Promise<{ view: { entries: Record<string, unknown> } }>((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.emit('join', { audience }, (answer: { ok: boolean; data?: { snapshot?: { view: { entries: Record<string, unknown> } } } }) =>
        answer.ok && answer.data?.snapshot ? resolve(answer.data.snapshot) : reject(new Error(`join refused: ${JSON.stringify(answer)}`)),
      );
    });
    const hash = createHash('sha1');
    for (const key of Object.keys(snapshot.view.entries).sort()) hash.update(key).update(JSON.stringify(snapshot.view.entries[key]));
    return hash.digest('hex');
  } finally {
    socket.disconnect();
  }
}

function table(results: PhaseResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.scenario} | ${r.server} | ${r.rate} (${r.sentPerSecond.toFixed(0)}) | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ` +
      `${r.delivered}/${r.expected} | ${r.cpuPercent.toFixed(0)}% | ${r.peakRssMb.toFixed(0)} MB | ${r.otherCores.toFixed(2)} |`,
  );
  return [
    '| scenario | server | R/s (sent) | p50 ms | p95 ms | p99 ms | max ms | delivered/expected | server CPU | server RSS | other load (cores) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main() {
  const runs = parseOptions(process.argv.slice(2));
  const all: PhaseResult[] = [];
  const notes: string[] = [];
  const out = (runs[0] as Options & { out?: string }).out;
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
  for (const o of runs) {
    const { results, notes: n } = await runScenario(o);
    all.push(...results);
    notes.push(...n);
    if (out)
      writeFileSync(out, JSON.stringify({ machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version }, results: all, notes }, null, 2));
  }
  console.log(`\n${table(all)}\n`);
  for (const n of notes) console.log(`- ${n}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

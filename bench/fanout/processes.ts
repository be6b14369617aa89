/**
 * The processes a benchmark run starts — the real server (one process or scripts/cluster.ts),
 * the bare socket.io baseline, a private redis-server — and CPU/RSS sampling from /proc.
 * Everything started here is killed when the run exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startFlags } from '../../scripts/start-flags';
import { freePort } from '../../tests/helpers/ports';

const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export interface Proc {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** SIGTERM (graceful) by default; resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawn and wait until its output matches `ready`. */
export async function launch(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, what: string): Promise<Proc> {
  const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  child.once('exit', () => started.delete(child));
  let out = '';
  const keep = (d: Buffer) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // BENCH_SERVER_OUT=<file>: everything the processes print, e.g. with BENCH_SERVER_ARGS=--trace-gc.
  if (process.env.BENCH_SERVER_OUT) {
    const file = createWriteStream(process.env.BENCH_SERVER_OUT, { flags: 'a' });
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 120 s:\n${out.slice(-3000)}`)), 120_000);
    const check = () => {
      if (ready.test(out)) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${signal ?? code}) before it was ready:\n${out.slice(-3000)}`));
    });
  });
  return {
    child,
    pid: child.pid!,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill(signal);
      }),
  };
}

export interface WorkshopOptions {
  port: number;
  shopFile: string;
  dataDir: string;
  apiKey: string;
  signingKey: string;
  workers: number;
  /** The shared event log (PostgreSQL); needed with redisUrl. */
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix?: string;
  /** Write a V8 CPU profile of the (single) server process into this folder. */
  profileDir?: string;
  /** Run under scripts/cluster.ts even with one worker (for a rolling restart). */
  cluster?: boolean;
}

/** The real server as `npm start` runs it, or `npm run cluster -- --workers N` for N > 1. */
export function startWorkshop(o: WorkshopOptions): Promise<Proc> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(o.port),
    DATA_DIR: o.dataDir,
    SHOP_CONFIG: o.shopFile,
    API_KEY: o.apiKey,
    SIGNING_KEY: o.signingKey,
    DEMO: 'false',
    SIMULATE: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PUBLIC_URL: `http://127.0.0.1:${o.port}`,
    // Every simulated screen connects from 127.0.0.1; a real group's screens come from their stores.
    MAX_SOCKETS_PER_ADDRESS: '1000000',
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    ...(o.redisUrl ? { REDIS_URL: o.redisUrl, REDIS_PREFIX: o.redisPrefix ?? 'bench' } : {}),
  };
  // BENCH_SERVER_ARGS adds Node flags to the server, e.g. "--trace-gc" to see GC pauses in its output.
  const prof = [
    ...startFlags(),
    ...(o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`] : []),
    ...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  if (o.workers > 1 || o.cluster) {
    return launch(process.execPath, [...prof, '--import', 'tsx', 'scripts/cluster.ts', '--workers', String(o.workers)], env, /workers? ready/, 'the cluster');
  }
  return launch(process.execPath, [...prof, 'scripts/start.mjs'], env, /Customer board\s+http/, 'the server');
}

export function startBare(port: number, config: object): Promise<Proc> {
  return launch(
    process.execPath,
    [...startFlags(), '--import', 'tsx', 'bench/fanout/bare-server.ts', String(port), JSON.stringify(config)],
    process.env,
    /bare socket\.io listening/,
    'the bare socket.io server',
  );
}

/** A redis-server of the run's own, keeping nothing on disk. */
export async function startRedis(): Promise<Proc & { url: string }> {
  const port = await freePort();
  const proc = await launch(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()],
    process.env,
    /Ready to accept connections/,
    'redis-server',
  );
  return { ...proc, url: `redis://127.0.0.1:${port}` };
}

const TICKS = 100; // getconf CLK_TCK on Linux
const PAGE = 4096;

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
  rss: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]), rss: Number(rest[21]) * PAGE };
  } catch {
    return undefined;
  }
}

/** CPU ticks and RSS of a process and all its descendants (cluster workers, esbuild). */
export function treeUsage(root: number): { ticks: number; rss: number; pids: number } {
  const all: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) all.push(stat);
  }
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) {
      if (!inTree.has(s.pid) && inTree.has(s.ppid)) {
        inTree.add(s.pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  let rss = 0;
  for (const s of all) {
    if (!inTree.has(s.pid)) continue;
    ticks += s.ticks;
    rss += s.rss;
  }
  return { ticks, rss, pids: inTree.size };
}

/** Samples CPU and RSS of process trees once a second; `report` gives CPU % and peak RSS since `reset`. */
export class UsageSampler {
  #timer: NodeJS.Timeout | undefined;
  #start = new Map<number, { ticks: number; at: number }>();
  #peak = new Map<number, number>();

  constructor(private readonly roots: () => number[]) {}

  reset(): void {
    this.#start.clear();
    this.#peak.clear();
    for (const pid of this.roots()) {
      const u = treeUsage(pid);
      this.#start.set(pid, { ticks: u.ticks, at: Date.now() });
      this.#peak.set(pid, u.rss);
    }
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      for (const pid of this.roots()) this.#peak.set(pid, Math.max(this.#peak.get(pid) ?? 0, treeUsage(pid).rss));
    }, 1000);
    this.#timer.unref();
  }

  /** CPU in % of one core, summed over the roots' trees, and the sum of their peak RSS. */
  report(): { cpuPercent: number; peakRssMb: number } {
    clearInterval(this.#timer);
    let cpu = 0;
    let rss = 0;
    for (const pid of this.roots()) {
      const start = this.#start.get(pid);
      const u = treeUsage(pid);
      if (start) cpu += ((u.ticks - start.ticks) / TICKS / Math.max(0.001, (Date.now() - start.at) / 1000)) * 100;
      rss += Math.max(this.#peak.get(pid) ?? 0, u.rss);
    }
    return { cpuPercent: cpu, peakRssMb: rss / 1048576 };
  }
}

/** CPU time of the whole machine (all cores), in ticks: busy and total, from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
}

/**
 * Where the machine's CPU went over a window, in cores (1.0 = one core fully busy): each named
 * group of process trees of this run (server, display processes, the caller), and everything
 * else on the machine. The benchmark shares a 2-core machine with its load generator and,
 * sometimes, with other work; both show up as latency.
 */
export class MachineShare<G extends string> {
  #start = machineTicks();
  #groups: Map<G, number>;
  /** Each group: the roots of its process trees; a negative pid counts that process alone, without its children. */
  constructor(private readonly groups: Record<G, () => number[]>) {
    this.#groups = this.#ticks();
  }
  #ticks(): Map<G, number> {
    const ticks = (pid: number) => (pid < 0 ? (readStat(-pid)?.ticks ?? 0) : treeUsage(pid).ticks);
    return new Map(Object.entries<() => number[]>(this.groups).map(([g, roots]) => [g as G, roots().reduce((n, pid) => n + ticks(pid), 0)]));
  }
  report(): Record<G | 'others', number> {
    const now = machineTicks();
    const cores =
      readFileSync('/proc/stat', 'utf8')
        .split('\n')
        .filter((l) => /^cpu\d/.test(l)).length || 1;
    const span = (now.total - this.#start.total) / cores;
    const busy = (now.busy - this.#start.busy) / span;
    const after = this.#ticks();
    const out = {} as Record<G | 'others', number>;
    let ours = 0;
    for (const [g, before] of this.#groups) {
      out[g] = (after.get(g)! - before) / span;
      ours += out[g];
    }
    out.others = Math.max(0, busy - ours);
    return out;
  }
}

/**
 * A preload for the benchmark's server process that times what a CPU profile cannot show: how
 * long each journal fdatasync takes (FileHandle.prototype.datasync, wrapped), how long each
 * write before it takes, and how late the event loop runs (monitorEventLoopDelay). Every
 * BENCH_PROBE_MS (default 5000) it prints one line to stderr:
 *
 *   [probe] t=<monotonic ms> fsync n=… p50=… p99=… max=… | write … | loop p50=… p99=… max=…
 *
 * `t` is performance.timeOrigin + now (the clock bench/fanout/clock.ts uses), so lines can be
 * matched with a measured window. No product code changes:
 *
 *   BENCH_SERVER_ARGS="--import ./bench/fanout/server-probe.mjs" BENCH_SERVER_OUT=/tmp/server.txt \
 *     npm run bench:fanout -- --scenario dealer --no-baseline
 *
 * With BENCH_PROBE_NO_FSYNC=1 (an experiment, to see how much of the latency is the disk)
 * fdatasync returns at once.
 */
import { open } from 'node:fs/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const every = Number(process.env.BENCH_PROBE_MS || 5000);
const fh = await open('/dev/null', 'r');
const proto = Object.getPrototypeOf(fh);
await fh.close();

const samples = { fsync: [], write: [] };
const wrap = (name, bucket) => {
  const original = proto[name];
  proto[name] = async function (...args) {
    const t0 = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      samples[bucket].push(performance.now() - t0);
    }
  };
};
// BENCH_PROBE_NO_FSYNC=1, an experiment only: fdatasync does nothing (writes are still made), to
// see how much of the latency waits for the disk. Never a way to run the server.
if (process.env.BENCH_PROBE_NO_FSYNC === '1') proto.datasync = async () => undefined;
wrap('datasync', 'fsync');
wrap('write', 'write');

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

const q = (xs, p) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] : 0);
const fmt = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length} p50=${q(s, 0.5).toFixed(2)} p99=${q(s, 0.99).toFixed(2)} max=${(s.at(-1) ?? 0).toFixed(2)} ms`;
};
setInterval(() => {
  const t = performance.timeOrigin + performance.now();
  process.stderr.write(
    `[probe] t=${t.toFixed(0)} fsync ${fmt(samples.fsync)} | write ${fmt(samples.write)} | loop p50=${(loop.percentile(50) / 1e6).toFixed(2)} p99=${(loop.percentile(99) / 1e6).toFixed(2)} max=${(loop.max / 1e6).toFixed(2)} ms\n`,
  );
  samples.fsync = [];
  samples.write = [];
  loop.reset();
}, every).unref();

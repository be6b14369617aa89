import { fork, type ChildProcess } from 'node:child_process';
import type { Collected, FromWorker, ToWorker } from './messages';
import type { DisplaySpec } from './shop';

/**
 * The display processes of a run, driven as one: K simulated screens spread over `procs`
 * child processes (display-worker.ts), each with its own event loop as real screens would be.
 */
export class DisplayFleet {
  #t0: number[] = [];
  #flush: NodeJS.Timeout;
  #progress: ((p: Extract<FromWorker, { type: 'progress' }>, worker: number) => void) | undefined;

  private constructor(readonly procs: ChildProcess[]) {
    this.#flush = setInterval(() => this.flushT0(), 20);
    procs.forEach((p, i) => p.on('message', (m: FromWorker) => m.type === 'progress' && this.#progress?.(m, i)));
  }

  static async start(count: number): Promise<DisplayFleet> {
    const procs = Array.from({ length: count }, () =>
      fork('bench/fanout/display-worker.ts', [], {
        // BENCH_PROFILE_DISPLAYS=<dir> writes a CPU profile of each display process (is the load generator the limit?).
        execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DISPLAYS ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DISPLAYS}`] : [])],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    process.on('exit', () => procs.forEach((p) => p.kill('SIGKILL')));
    await Promise.all(procs.map((p) => next(p, 'ready', 60_000)));
    return new DisplayFleet(procs);
  }

  #send(msg: ToWorker, to: ChildProcess[] = this.procs) {
    for (const p of to) p.send(msg);
  }

  /** Connect every display (dealt round-robin to the processes) and join its room. */
  async connect(url: string, mode: 'workshop' | 'bare', token: string, displays: DisplaySpec[], concurrency: number) {
    const shares = this.procs.map((_, i) => displays.filter((_, j) => j % this.procs.length === i));
    const answers = Promise.all(this.procs.map((p) => next<Extract<FromWorker, { type: 'connected' }>>(p, 'connected', 600_000)));
    this.procs.forEach((p, i) => p.send({ type: 'connect', url, mode, token, displays: shares[i], concurrency } satisfies ToWorker));
    const all = await answers;
    return { ok: all.reduce((n, a) => n + a.ok, 0), failed: all.reduce((n, a) => n + a.failed, 0), errors: all.flatMap((a) => a.errors) };
  }

  measure(): void {
    this.#t0 = [];
    this.#send({ type: 'measure' });
  }

  t0(store: number, seq: number, t0: number): void {
    this.#t0.push(store, seq, t0);
  }

  flushT0(): void {
    if (!this.#t0.length) return;
    this.#send({ type: 't0', items: this.#t0 });
    this.#t0 = [];
  }

  async collect(): Promise<Collected[]> {
    this.flushT0();
    const answers = Promise.all(this.procs.map((p) => next<Collected>(p, 'collected', 120_000)));
    this.#send({ type: 'collect' });
    return answers;
  }

  autoReconnect(on: boolean, progress?: (p: Extract<FromWorker, { type: 'progress' }>, worker: number) => void): void {
    this.#progress = progress;
    this.#send({ type: 'auto-reconnect', on });
  }

  target(seqs: number[], since?: number): void {
    this.#send({ type: 'target', seqs, since });
  }

  async views(): Promise<{ room: string; seq: number; hash: string }[]> {
    const answers = Promise.all(this.procs.map((p) => next<Extract<FromWorker, { type: 'views' }>>(p, 'views', 120_000)));
    this.#send({ type: 'views' });
    return (await answers).flatMap((a) => a.views);
  }

  async disconnect(): Promise<void> {
    const answers = Promise.all(this.procs.map((p) => next(p, 'disconnected', 120_000)));
    this.#send({ type: 'disconnect' });
    await answers;
    // Let the closed sockets leave TIME_WAIT's way before thousands of new ones open.
    await new Promise((r) => setTimeout(r, 1000));
  }

  async close(): Promise<void> {
    clearInterval(this.#flush);
    await Promise.all(
      this.procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
            p.once('exit', () => (clearTimeout(timer), resolve()));
            p.kill('SIGTERM');
          }),
      ),
    );
  }
}

function next<T extends FromWorker = FromWorker>(p: ChildProcess, type: FromWorker['type'], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    // Every way out removes all three, so a long run does not pile up listeners on the process.
    const done = () => {
      clearTimeout(timer);
      p.off('message', on);
      p.off('exit', exited);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`display process ${p.pid} did not answer "${type}" within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const on = (m: FromWorker) => {
      if (m.type !== type) return;
      done();
      resolve(m as T);
    };
    const exited = (code: number | null) => {
      done();
      reject(new Error(`display process ${p.pid} exited (${code}) while waiting for "${type}"`));
    };
    p.on('message', on);
    p.once('exit', exited);
  });
}

/**
 * Helpers for the fault tests: a redis-server that keeps its data across a stop
 * (AOF, fsync always) so a test can take Redis away and bring the same data back, and a client
 * that streams actions each with its own Idempotency-Key, retried until acknowledged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aRepairOrderInput } from '../helpers/build';
import { freePort } from '../helpers/ports';
import { redisAnswers } from '../helpers/redis';

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface DurableRedis {
  url: string;
  /** Stops it gracefully (SIGTERM: it finishes the AOF and exits). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

/** A private redis-server whose data survives stop() → start() (append-only file, fsync always). */
export async function startDurableRedis(): Promise<DurableRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'tw-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'],
      {
        stdio: 'ignore',
      },
    );
    children.add(proc);
    proc.once('exit', () => children.delete(proc));
    child = proc;
    for (let i = 0; i < 200; i++) {
      if (await redisAnswers(url)) return;
      if (proc.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on port ${port} did not start`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    start,
    stop,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface StreamedAction {
  key: string;
  body: object;
  /** The answer that acknowledged it. */
  acked?: { seq: number; duplicate: boolean; id: string };
}

export interface Attempt {
  action: string;
  /** HTTP status, or the network error's code. */
  outcome: number | string;
  error?: { code: string; message: string };
  at: number;
}

/**
 * A technician's phone that will not give up: creates repair orders, one request per action,
 * each with its own Idempotency-Key, retrying the same request with the same key (to the next
 * server in `targets`) until it is acknowledged. Any 4xx fails the stream: these requests are
 * all valid.
 */
export class ActionStream {
  readonly actions: StreamedAction[] = [];
  readonly attempts: Attempt[] = [];
  #next = 0;
  #turn = 0;

  constructor(
    private readonly targets: () => string[],
    private readonly apiKey: string,
    private readonly storeId: string,
    private readonly body: () => object = () => aRepairOrderInput({ operations: [{ code: 'MNT-OIL' }] }),
  ) {}

  get acked(): number {
    return this.actions.filter((a) => a.acked).length;
  }

  /** Stream `total` actions over `lanes` concurrent requests; resolves when every one is acknowledged. */
  async run(total: number, lanes: number, pauseMs = 0): Promise<void> {
    const lane = async () => {
      while (this.#next < total) {
        this.#next++;
        const action: StreamedAction = { key: `fault-${this.actions.length}-${Math.random().toString(36).slice(2, 10)}`, body: this.body() };
        this.actions.push(action);
        await this.#deliver(action);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  }

  async #deliver(action: StreamedAction): Promise<void> {
    for (let attempt = 0; attempt < 2000; attempt++) {
      const targets = this.targets();
      const base = targets[this.#turn++ % targets.length];
      try {
        const res = await fetch(`${base}/api/stores/${this.storeId}/repair-orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json', 'idempotency-key': action.key },
          body: JSON.stringify(action.body),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await res.json().catch(() => ({}))) as {
          data?: { repairOrder: { id: string }; seq: number; duplicate: boolean };
          error?: { code: string; message: string };
        };
        this.attempts.push({ action: action.key, outcome: res.status, error: body.error, at: Date.now() });
        if (res.ok && body.data) {
          action.acked = { seq: body.data.seq, duplicate: body.data.duplicate, id: body.data.repairOrder.id };
          return;
        }
        if (res.status < 500) throw new Error(`action ${action.key} was refused: ${res.status} ${JSON.stringify(body)}`);
      } catch (err) {
        if ((err as Error).message.startsWith('action ')) throw err;
        const cause = (err as { cause?: { code?: string } }).cause;
        this.attempts.push({ action: action.key, outcome: cause?.code ?? (err as Error).name, at: Date.now() });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`action ${action.key} was never acknowledged`);
  }
}

/** How often each idempotency key occurs in a list of events. */
export const keyCounts = (events: { key: string }[]) => {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
  return counts;
};

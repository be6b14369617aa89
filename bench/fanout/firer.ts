/**
 * The technicians' phones: scan actions at a steady rate through the REST API — start, pause
 * (a break), resume — on the operations set up in each store, each with its own
 * Idempotency-Key and retried with that key until acknowledged. One action per store is in
 * flight at a time (the server commits a store's events one by one anyway). Against the bare
 * baseline it posts `/emit` with a seq it numbers itself.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { clock } from './clock';

// node:http with kept-alive connections rather than fetch: the caller shares the machine's two
// cores with the server, and fetch (undici) spent about three times the CPU per request.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

type Answer = { data?: { seq: number; duplicate?: boolean }; error?: { code: string } };
const parseAnswer = (text: string): Answer => {
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return {};
  }
};

/** POST and read the whole answer; rejects when the connection fails (server away). */
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface BenchOp {
  store: number;
  storeId: string;
  roId: string;
  opId: string;
  bay: number;
  state: 'assigned' | 'in_progress' | 'paused';
}

export interface Ack {
  store: number;
  seq: number;
  t0: number;
  /** Fired while the window was open (its deltas are measured). */
  measured: boolean;
  duplicate: boolean;
}

const NEXT = { assigned: ['start', 'in_progress'], in_progress: ['pause', 'paused'], paused: ['resume', 'in_progress'] } as const;

export class Firer {
  readonly #byStore: BenchOp[][];
  readonly #busy: Uint8Array;
  readonly #bareSeq: Uint32Array;
  #timer: NodeJS.Timeout | undefined;
  #inFlight = 0;
  #idle: (() => void)[] = [];
  measuring = false;
  fired = 0;
  acked = 0;
  retries = 0;
  /** Refusals (4xx) by status and code: a benchmark that is refused measures nothing. */
  readonly refusals = new Map<string, number>();
  /**
   * The caller's own hiccups while measuring: the longest gap between two firing ticks (ticks
   * are 2 ms apart when the caller keeps up) and the most actions one tick fired to catch up.
   * A long gap means the load generator stalled and then sent a burst.
   */
  longestTickGapMs = 0;
  largestBurst = 0;
  /** Highest acknowledged seq per store. */
  readonly lastSeq: Uint32Array;
  /**
   * Actions acknowledged per store, each once — whether its answer said new or duplicate (a
   * retry after an answer was lost is the same action). Each must be in the log exactly once.
   */
  readonly applied: Uint32Array;

  constructor(
    private readonly target: { mode: 'workshop' | 'bare'; url: string; apiKey: string },
    ops: BenchOp[],
    stores: number,
    private readonly onAck: (ack: Ack) => void,
  ) {
    this.#byStore = Array.from({ length: stores }, () => []);
    for (const op of ops) this.#byStore[op.store].push(op);
    this.#busy = new Uint8Array(stores);
    this.#bareSeq = new Uint32Array(stores);
    this.lastSeq = new Uint32Array(stores);
    this.applied = new Uint32Array(stores);
  }

  /** Fire at `rate` per second until stop(); while every store has an action in flight, the backlog waits. */
  start(rate: number): void {
    this.stop();
    const began = clock();
    let sent = 0;
    let last = began;
    const tick = () => {
      const now = clock();
      const due = Math.floor(((now - began) * rate) / 1000) - sent;
      if (this.measuring) {
        this.longestTickGapMs = Math.max(this.longestTickGapMs, now - last);
        this.largestBurst = Math.max(this.largestBurst, due);
      }
      last = now;
      for (let i = 0; i < due; i++) {
        if (!this.#fireOne()) break;
        sent++;
      }
      this.#timer = setTimeout(tick, 2);
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Resolves once no action is in flight (each is retried until acknowledged). */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #fireOne(): boolean {
    const stores = this.#byStore.length;
    const start = Math.floor(Math.random() * stores);
    for (let i = 0; i < stores; i++) {
      const store = (start + i) % stores;
      const ops = this.#byStore[store];
      if (this.#busy[store] || !ops.length) continue;
      this.#busy[store] = 1;
      this.#inFlight++;
      this.fired++;
      void this.#act(ops[Math.floor(Math.random() * ops.length)], this.measuring).finally(() => {
        this.#busy[store] = 0;
        if (--this.#inFlight === 0) for (const wake of this.#idle.splice(0)) wake();
      });
      return true;
    }
    return false;
  }

  async #act(op: BenchOp, measured: boolean): Promise<void> {
    const [action, next] = NEXT[op.state];
    const key = `bench:${randomUUID()}`;
    const bareSeq = this.target.mode === 'bare' ? ++this.#bareSeq[op.store] : 0;
    const t0 = clock();
    for (let attempt = 0; ; attempt++) {
      if (attempt) {
        this.retries++;
        await new Promise((r) => setTimeout(r, Math.min(1000, 100 * attempt)));
      }
      try {
        const res =
          this.target.mode === 'bare'
            ? await post(`${this.target.url}/emit`, {}, JSON.stringify({ store: op.store, bay: op.bay, seq: bareSeq }))
            : await post(
                `${this.target.url}/api/stores/${op.storeId}/repair-orders/${op.roId}/operations/${op.opId}/${action}`,
                {
                  authorization: `Bearer ${this.target.apiKey}`,
                  'content-type': 'application/json',
                  'idempotency-key': key,
                  'x-source': 'scan',
                },
                JSON.stringify(action === 'pause' ? { reason: 'break' } : {}),
              );
        const body = parseAnswer(res.text);
        if (res.status >= 500) continue; // unavailable or restarting: same key again
        if (res.status >= 300 || !body.data) {
          const what = `${res.status} ${body.error?.code ?? ''}`.trim();
          this.refusals.set(what, (this.refusals.get(what) ?? 0) + 1);
          return;
        }
        op.state = next;
        this.acked++;
        const { seq, duplicate = false } = body.data;
        if (seq > this.lastSeq[op.store]) this.lastSeq[op.store] = seq;
        this.applied[op.store]++;
        this.onAck({ store: op.store, seq, t0, measured, duplicate });
        return;
      } catch {
        // connection refused or reset (server restarting): same key again
      }
    }
  }
}

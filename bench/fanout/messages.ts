import type { DisplaySpec } from './shop';

/** What the orchestrator (run.ts) tells a display process (display-worker.ts). */
export type ToWorker =
  | { type: 'connect'; url: string; mode: 'workshop' | 'bare'; token: string; displays: DisplaySpec[]; concurrency: number }
  /** Start (or restart) the measured window: drop what was recorded so far. */
  | { type: 'measure' }
  /** When the API call for (store, seq) was made, for events inside the window. */
  | { type: 't0'; items: number[] /* store, seq, t0, store, seq, t0, … */ }
  | { type: 'collect' }
  /** Reconnect by themselves with the displays' jittered backoff (reconnect storm). */
  | { type: 'auto-reconnect'; on: boolean }
  /** The seq each store must reach for its displays to count as current (storm), and the moment they must have rejoined after. */
  | { type: 'target'; seqs: number[]; since?: number }
  | { type: 'views' }
  | { type: 'disconnect' };

export interface Collected {
  type: 'collected';
  latencies: Float64Array;
  /** Deltas a display already had (ignored by ViewSync) and gaps it had to resync. */
  ignored: number;
  gaps: number;
  /** Seqs that reached a display through a resync answer or snapshot rather than their own delta. */
  recovered: number;
  disconnects: number;
  /** Average JSON size of the deltas seen, per kind of room. */
  sizes: Record<string, { count: number; bytes: number }>;
}

/** What a display process reports back. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'connected'; ok: number; failed: number; errors: string[] }
  | Collected
  | { type: 'progress'; at: number; connects: number; joined: number; current: number; total: number; lost: Record<string, number>; targetVersion: number }
  | { type: 'views'; views: { room: string; seq: number; hash: string }[] }
  | { type: 'disconnected' };

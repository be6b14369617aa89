import type { Operation } from '../../shared/domain/repair-order';
import { workedMsAt } from './workflow-rules';

/** ok below 80 % of standard hours, warn from 80 % to 100 %, over past 100 %. */
export type WorkLevel = 'ok' | 'warn' | 'over';

export interface WorkProgress {
  workedMs: number;
  standardMs: number;
  /** worked / standard; 0.5 is half the standard hours. */
  ratio: number;
  level: WorkLevel;
  running: boolean;
}

export const WARN_RATIO = 0.8;

export const levelOf = (ratio: number): WorkLevel => (ratio > 1 ? 'over' : ratio >= WARN_RATIO ? 'warn' : 'ok');

/** Work time on an operation at `now` against its standard hours. */
export function workProgress(op: Pick<Operation, 'workedMs' | 'runningSince' | 'standardHours'>, now: number): WorkProgress {
  const workedMs = workedMsAt(op, now);
  const standardMs = Math.max(1, op.standardHours * 3_600_000);
  const ratio = workedMs / standardMs;
  return { workedMs, standardMs, ratio, level: levelOf(ratio), running: Boolean(op.runningSince) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A stopwatch reading: `0:42:07`, `12:03:59`. */
export function formatStopwatch(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Standard hours as a clock length: 1.2 h → `1:12`. */
export function formatHours(ms: number): string {
  const m = Math.round(Math.max(0, ms) / 60_000);
  return `${Math.floor(m / 60)}:${pad(m % 60)}`;
}

/** Whole minutes, rounded down, never negative. */
export const wholeMinutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));

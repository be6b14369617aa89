import type { Operation, RoStage } from './repair-order';

/**
 * Stage facts the workflow needs at run time, without zod: repair-order.ts builds zod schemas
 * when it loads, and the lifecycle must stay importable by browser pages (the scan page asks
 * it which buttons to show). Types come from repair-order.ts, values from here.
 */

/** Stages after which nothing more happens to a repair order. */
export const TERMINAL_STAGES: readonly RoStage[] = ['delivered', 'no_show', 'cancelled'];

/** Work recorded on an operation at `now` (ms), counting a run in progress. */
export const workedMsAt = (op: Pick<Operation, 'workedMs' | 'runningSince'>, now: number): number =>
  op.workedMs + (op.runningSince ? Math.max(0, now - Date.parse(op.runningSince)) : 0);

import type { Operation, OperationStatus, RepairOrder, RoStage } from '../../shared/domain/repair-order';

/**
 * The lifecycle answers the browser needs, free of zod.
 *
 * Why this file exists: shared/workflow/lifecycle.ts and shared/domain/repair-order.ts build zod
 * schemas when they load, so importing either puts ~90 KB gzip of zod into a page (the budget
 * is 60 KB). Until a zod-free module in shared/ holds these tables, this is a mirror, and
 * workflow-rules.test.ts asks the real `apply` the same question for every stage × status so
 * the two cannot drift. Browser code gets its rules from here and nowhere else.
 */

export const TERMINAL_STAGES: readonly RoStage[] = ['delivered', 'no_show', 'cancelled'];

/** Mirror of OPERATION_MOVES in shared/workflow/lifecycle.ts. */
export const OPERATION_MOVES: Record<OperationStatus, readonly OperationStatus[]> = {
  unassigned: ['assigned'],
  assigned: ['assigned', 'in_progress'],
  in_progress: ['paused', 'done'],
  paused: ['in_progress', 'paused'],
  done: ['assigned'], // QC rework only
};

export const canMoveOperation = (from: OperationStatus, to: OperationStatus) => OPERATION_MOVES[from].includes(to);

/** Stages in which the job list may still change (lifecycle.ts PLANNING_STAGES). */
const PLANNING_STAGES: readonly RoStage[] = ['scheduled', 'checked_in', 'waiting_dispatch', 'in_service'];

/**
 * Would `assignOperation` be accepted? The move table allows done → assigned for QC rework
 * only (the server refuses it from dispatch), and the server keeps a paused operation paused
 * when it moves it to another bay, so the answer follows `apply`, not the bare table.
 */
export const canAssign = (ro: Pick<RepairOrder, 'stage'>, op: Pick<Operation, 'status'>): boolean =>
  PLANNING_STAGES.includes(ro.stage) &&
  op.status !== 'done' &&
  (canMoveOperation(op.status, 'assigned') || op.status === 'paused');

/** Would `updateRepairOrder` (priority, promised time) be accepted? */
export const canEditRepairOrder = (ro: Pick<RepairOrder, 'stage'>): boolean => !TERMINAL_STAGES.includes(ro.stage);

/** Mirror of workedMsAt in shared/domain/repair-order.ts: work recorded at `now`, counting a run in progress. */
export const workedMsAt = (op: Pick<Operation, 'workedMs' | 'runningSince'>, now: number): number =>
  op.workedMs + (op.runningSince ? Math.max(0, now - Date.parse(op.runningSince)) : 0);

import type { Role } from '../../../shared/domain/people';
import type { Operation, RepairOrder } from '../../../shared/domain/repair-order';
import { TERMINAL_STAGES } from '../../../shared/domain/stages';
import type { ScanMe } from '../../../shared/projections/scan-view';
import type { StaffRo } from '../../../shared/projections/views';
import { allowedActions, decide, evolve, type WorkshopState } from '../../../shared/workflow/lifecycle';
import { isScanAction, mayDo, OPERATION_ACTIONS, type ScanActionType } from '../../../shared/workflow/scan-actions';
import { scanCommand } from '../../../shared/workflow/scan-command';
import type { QueuedAction } from './action-queue';

/**
 * What the page shows: the last repair orders the server sent, with the actions still queued
 * applied on top by the shared lifecycle (the same `apply` the server decides with), and the
 * buttons the lifecycle allows next, filtered by the person's roles. Nothing here decides a
 * rule of its own.
 */
const stateOf = (ros: Iterable<RepairOrder>): WorkshopState => ({
  ros: new Map([...ros].map((ro) => [ro.id, ro])),
  appointments: new Map(),
  displays: new Map(),
});

/** The repair orders as they will be once the queued actions are applied (in order). */
export function predict(known: ReadonlyMap<string, StaffRo>, queued: readonly QueuedAction[], me?: ScanMe): Map<string, StaffRo> {
  const state = stateOf(known.values());
  const ros = state.ros as Map<string, RepairOrder>;
  for (const item of queued) {
    if (!ros.has(item.roId)) continue;
    const command = scanCommand(item.action, item, { personId: item.personId, isTechnician: !!me?.roles.includes('technician') });
    const at = new Date(item.queuedAt).toISOString();
    const decision = decide(state, command, { storeId: item.storeId, at });
    if (!decision.ok) continue; // the server will say why; until then show it unchanged
    for (const change of evolve(state, { storeId: item.storeId, at, ...decision.fact })) if (change.kind === 'ro') ros.set(change.value.id, change.value);
  }
  return ros;
}

/** Operation buttons for one operation, in the order the lifecycle lists them. */
export function operationActions(ro: StaffRo, operationId: string, roles: readonly Role[]): ScanActionType[] {
  return allowedActions(stateOf([ro]), ro.id, operationId).filter((t): t is ScanActionType => isScanAction(t) && mayDo(roles, t));
}

/** Repair-order buttons (QC, wash, ready, deliver) this person may press now. */
export function repairOrderActions(ro: StaffRo, roles: readonly Role[]): ScanActionType[] {
  return allowedActions(stateOf([ro]), ro.id).filter(
    (t): t is ScanActionType => isScanAction(t) && !(OPERATION_ACTIONS as readonly string[]).includes(t) && mayDo(roles, t),
  );
}

export const isClosed = (ro: StaffRo) => TERMINAL_STAGES.includes(ro.stage);

/** Work recorded on an operation at `now`, counting a run in progress. */
export const workedMs = (op: Pick<Operation, 'workedMs' | 'runningSince'>, now: number) =>
  op.workedMs + (op.runningSince ? Math.max(0, now - Date.parse(op.runningSince)) : 0);

/** `1:05` (h:mm) for a duration. */
export const hoursMinutes = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
};

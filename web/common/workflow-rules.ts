import type { Operation, RepairOrder } from '../../shared/domain/repair-order';
import type { StaffRo } from '../../shared/projections/views';
import type { Command } from '../../shared/workflow/commands';
import { decide, type WorkshopState } from '../../shared/workflow/lifecycle';
import { mayIssue } from '../../shared/workflow/permissions';
import type { Role } from '../../shared/domain/people';

/**
 * What the boards may offer, asked of the shared workflow itself: each question is a dry run
 * of `decide` on the one repair order concerned, so a button is shown exactly when the server
 * would accept the command (store references aside). Browser code gets its rules from here.
 */

export { TERMINAL_STAGES } from '../../shared/domain/stages';
export { OPERATION_MOVES, canMoveOperation } from '../../shared/workflow/lifecycle';

const accepts = (ro: StaffRo, command: Command): boolean => {
  const state: WorkshopState = { ros: new Map([[ro.id, ro as RepairOrder]]), appointments: new Map(), displays: new Map() };
  return decide(state, command, { storeId: ro.storeId, at: new Date().toISOString() }).ok;
};

/** Would `assignOperation` (assign or reassign to a bay) be accepted for this operation now? */
export const canAssign = (ro: StaffRo, op: Pick<Operation, 'id' | 'bayId'>): boolean =>
  accepts(ro, { type: 'assignOperation', roId: ro.id, operationId: op.id, bayId: op.bayId ?? 'any-bay' });

/** Would `updateRepairOrder` (priority, promised time) be accepted now? */
export const canEditRepairOrder = (ro: StaffRo): boolean => accepts(ro, { type: 'updateRepairOrder', roId: ro.id, patch: {} });

export { workedMsAt } from '../../shared/domain/stages';

/** Would `proposeAddOn` (found work for the customer to approve) be accepted on this order now? */
export const canProposeAddOn = (ro: StaffRo): boolean =>
  accepts(ro, { type: 'proposeAddOn', roId: ro.id, addOnId: 'ao-dry-run', title: 'x', price: 0, hours: 1, photoIds: [], by: 'dry-run' });

/** May a person with these roles (from /api/me) propose add-on work? The one permissions table decides. */
export const mayProposeAddOn = (roles: readonly string[] | undefined): boolean => mayIssue((roles ?? []) as Role[], 'proposeAddOn');

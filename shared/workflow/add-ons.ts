import type { AddOn } from '../domain/add-on';
import { ADD_ON_OPERATION_CODE } from '../domain/add-on-limits';
import type { Operation, RepairOrder } from '../domain/repair-order';
import type { CommandOf } from './commands';
import { fact, type FactOf } from './facts';
import { newOperation } from './repair-orders';
import {
  activeJobOf,
  carInBay,
  changeRo,
  checkBay,
  compact,
  fail,
  PLANNING_STAGES,
  WORK_STAGES,
  type Change,
  type DecideContext,
  type Decision,
  type EventContext,
  type WorkshopState,
} from './rules';

/**
 * Add-on work (增项): proposed on the floor or at the desk, decided by the customer on the
 * tracking page or recorded by an advisor after a call. Approved work joins the order as an
 * operation (assigned where it was found); once nothing is left to decide, the order's
 * operations paused for "approval" go back to work.
 */
export type AddOnCommand = CommandOf<'proposeAddOn' | 'approveAddOn' | 'declineAddOn'>;

/** Stages in which work may be proposed: the car is here and its work not yet checked. */
const PROPOSE_STAGES = WORK_STAGES;

/**
 * Operations paused for approval that end their pause when `decided` is the last pending add-on:
 * each whose technician is not at work on another job and whose bay holds no other car (those
 * stay paused, and are resumed by a scan as before).
 */
function resumedBy(state: WorkshopState, ro: RepairOrder, decided: string): string[] {
  if ((ro.addOns ?? []).some((a) => a.status === 'pending' && a.id !== decided)) return [];
  const resumed: string[] = [];
  const busyTechs = new Set<string>();
  for (const op of ro.operations) {
    if (op.status !== 'paused' || op.pause?.reason !== 'approval') continue;
    const tech = op.technicianId;
    if (tech && (busyTechs.has(tech) || activeJobOf(state, tech))) continue;
    const occupant = op.bayId ? carInBay(state, op.bayId) : undefined;
    if (occupant && occupant.id !== ro.id) continue;
    if (!op.bayId) continue;
    if (tech) busyTechs.add(tech);
    resumed.push(op.id);
  }
  return resumed;
}

export function decideAddOn(state: WorkshopState, c: AddOnCommand, ctx: DecideContext): Decision {
  const ro = state.ros.get(c.roId);
  if (!ro) return fail('not_found', `There is no repair order "${c.roId}"`, { roId: c.roId });
  if (c.type === 'proposeAddOn') {
    if (!PROPOSE_STAGES.includes(ro.stage))
      return fail('illegal_transition', `Cannot propose add-on work on ${ro.number}: it is ${ro.stage}`, { current: ro.stage, requested: 'proposeAddOn' });
    if ((ro.addOns ?? []).some((a) => a.id === c.addOnId) || ro.operations.some((o) => o.id === c.addOnId))
      return fail('conflict', `Add-on "${c.addOnId}" already exists on ${ro.number}`, { addOnId: c.addOnId });
    if (new Set(c.photoIds).size !== c.photoIds.length) return fail('invalid_value', 'photoIds: the same photo is named twice', { field: 'photoIds' });
    return (
      checkBay(ctx, c.bayId, c.technicianId) ?? {
        ok: true,
        fact: fact(
          'addOnProposed',
          compact({
            roId: ro.id,
            addOnId: c.addOnId,
            title: c.title,
            price: c.price,
            hours: c.hours,
            photoIds: c.photoIds,
            by: c.by,
            bayId: c.bayId,
            technicianId: c.technicianId,
          }),
        ),
      }
    );
  }
  const addOn = (ro.addOns ?? []).find((a) => a.id === c.addOnId);
  if (!addOn) return fail('not_found', `Repair order ${ro.number} has no add-on "${c.addOnId}"`, { addOnId: c.addOnId });
  const requested = c.type === 'approveAddOn' ? 'approved' : 'declined';
  if (addOn.status !== 'pending')
    return fail('conflict', `Add-on "${addOn.title}" on ${ro.number} is already ${addOn.status}; it cannot be ${requested}`, {
      current: addOn.status,
      requested,
      addOnId: addOn.id,
    });
  if ((c.by === 'customer') !== (c.channel === 'phone-page'))
    return fail(
      'invalid_value',
      `channel: a ${c.by === 'customer' ? 'customer decides on the phone page' : 'decision an advisor records came by phone-call or at the desk'}, not ${c.channel}`,
      { field: 'channel', value: c.channel },
    );
  if (c.type === 'approveAddOn' && !PLANNING_STAGES.includes(ro.stage))
    return fail('illegal_transition', `Cannot approve add-on work on ${ro.number}: it is ${ro.stage}, and its work can no longer change`, {
      current: ro.stage,
      requested,
    });
  const base = compact({
    roId: ro.id,
    addOnId: addOn.id,
    by: c.by,
    channel: c.channel,
    at: ctx.at,
    personId: c.by === 'advisor' ? c.personId : undefined,
    resumed: resumedBy(state, ro, addOn.id),
  });
  if (c.type === 'declineAddOn') return { ok: true, fact: fact('addOnDeclined', base) };
  const operation = newOperation(
    compact({
      id: addOn.id,
      code: ADD_ON_OPERATION_CODE,
      title: addOn.title,
      standardHours: addOn.hours,
      bayId: addOn.bayId,
      technicianId: addOn.technicianId,
    }),
  );
  return { ok: true, fact: fact('addOnApproved', { ...base, operation }) };
}

const decided = (ro: RepairOrder, addOnId: string, status: AddOn['status'], decision: AddOn['decision']): RepairOrder => ({
  ...ro,
  addOns: (ro.addOns ?? []).map((a) => (a.id === addOnId ? { ...a, status, decision } : a)),
});

const resume = (ro: RepairOrder, resumed: readonly string[], at: string): RepairOrder =>
  resumed.length === 0
    ? ro
    : {
        ...ro,
        operations: ro.operations.map((o): Operation => {
          if (!resumed.includes(o.id) || o.status !== 'paused') return o;
          const { pause: _p, ...rest } = o;
          return { ...rest, status: 'in_progress', runningSince: at };
        }),
      };

type AddOnFactType = 'addOnProposed' | 'addOnApproved' | 'addOnDeclined';

/** Record what an add-on fact says. Never refuses. */
export const evolveAddOn: { [T in AddOnFactType]: (state: WorkshopState, data: FactOf<T>['data'], e: EventContext) => Change[] } = {
  addOnProposed: (state, { roId, addOnId, title, price, hours, photoIds, by, bayId, technicianId }, { at }) =>
    changeRo(state, roId, (ro) => ({
      ...ro,
      addOns: [
        ...(ro.addOns ?? []),
        compact({ id: addOnId, title, price, hours, photoIds, by, proposedAt: at, bayId, technicianId, status: 'pending' as const }),
      ],
    })),
  addOnApproved: (state, { roId, addOnId, by, channel, at, personId, operation, resumed }, e) =>
    changeRo(state, roId, (ro) => {
      const next = decided(ro, addOnId, 'approved', compact({ by, channel, at, personId }));
      const withOp = next.operations.some((o) => o.id === operation.id) ? next : { ...next, operations: [...next.operations, operation] };
      return resume(withOp, resumed, e.at);
    }),
  addOnDeclined: (state, { roId, addOnId, by, channel, at, personId, resumed }, e) =>
    changeRo(state, roId, (ro) => resume(decided(ro, addOnId, 'declined', compact({ by, channel, at, personId })), resumed, e.at)),
};

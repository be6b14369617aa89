import { workedMsAt, type RepairOrder, type RoStage } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { WaitEstimate } from '../../shared/kiosk/payloads';

/** Stages of cars that hold or wait for a workshop bay. */
const LOAD_STAGES: readonly RoStage[] = ['checked_in', 'waiting_dispatch', 'in_service'];
/** Bays that do the repair work; washing and inspection come after it. */
const NON_REPAIR_KINDS = new Set(['wash', 'inspection']);

/**
 * The customer's wait from the workshop's load now. Each repair bay is free when the car in it
 * has done its remaining standard hours; the cars that arrived earlier and still wait take the
 * next free bay in turn; this car starts at the first bay free after them. Coarse on purpose:
 * it tells a customer whether to wait in the lounge or come back; the advisor sets the promise.
 */
export function estimateWait(ros: Iterable<RepairOrder>, store: Pick<Store, 'bays'>, self: RepairOrder | undefined, now: number): WaitEstimate {
  const remainingMs = (ro: RepairOrder) => ro.operations
    .filter((op) => op.status !== 'done')
    .reduce((sum, op) => sum + Math.max(0, op.standardHours * 3_600_000 - workedMsAt(op, now)), 0);
  const selfAt = self ? Date.parse(self.checkedInAt ?? self.createdAt) : now;
  const inService: RepairOrder[] = [];
  const ahead: RepairOrder[] = [];
  for (const ro of ros) {
    if (ro.id === self?.id || !LOAD_STAGES.includes(ro.stage)) continue;
    if (ro.stage === 'in_service') inService.push(ro);
    // Cars that arrived after this one queue behind it.
    else if (Date.parse(ro.checkedInAt ?? ro.createdAt) <= selfAt) ahead.push(ro);
  }
  ahead.sort((a, b) => Date.parse(a.checkedInAt ?? a.createdAt) - Date.parse(b.checkedInAt ?? b.createdAt));
  const freeAt = new Array<number>(Math.max(1, store.bays.filter((b) => !NON_REPAIR_KINDS.has(b.kind)).length)).fill(now);
  const earliest = () => freeAt.indexOf(Math.min(...freeAt));
  for (const ro of [...inService, ...ahead]) freeAt[earliest()] += remainingMs(ro);
  const startsAt = Math.min(...freeAt);
  const waitMinutes = Math.ceil((startsAt - now) / 60_000 / 5) * 5;
  const ownMs = (self?.operations ?? []).reduce((sum, op) => sum + op.standardHours * 3_600_000, 0);
  return { waitMinutes, carsAhead: ahead.length, readyAt: new Date(now + waitMinutes * 60_000 + ownMs).toISOString() };
}

import type { RoStage } from '../../../shared/domain/repair-order';
import type { StaffRo } from '../../../shared/projections/views';
import { TERMINAL_STAGES } from '../../common/workflow-rules';
import { compareRos } from '../../common/records';

/** Arrived, and still waiting for the workshop to take the car. */
const WAITING: readonly RoStage[] = ['checked_in', 'waiting_dispatch'];

/**
 * The unassigned queue: repair orders on site with operations no bay has taken yet, and cars
 * checked in or waiting for dispatch. Cars not yet arrived (scheduled) are appointments, not
 * queue. Urgent first, then by promise, then by arrival.
 */
export function buildQueue(ros: readonly StaffRo[]): StaffRo[] {
  return ros
    .filter(
      (ro) =>
        !TERMINAL_STAGES.includes(ro.stage) && ro.stage !== 'scheduled' && (WAITING.includes(ro.stage) || ro.operations.some((o) => o.status === 'unassigned')),
    )
    .sort(compareRos);
}

/** When a queued car started waiting: arrival, or the stage change that put it back. */
export const waitingSince = (ro: StaffRo): string => (WAITING.includes(ro.stage) ? (ro.checkedInAt ?? ro.stageSince) : ro.stageSince);

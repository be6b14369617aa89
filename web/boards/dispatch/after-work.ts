import type { RoStage } from '../../../shared/domain/repair-order';
import type { Store } from '../../../shared/domain/shop';
import type { StaffRo } from '../../../shared/projections/views';

/** The stages after the bays, each a column of the strip under the lanes. */
export const AFTER_WORK_STAGES = ['quality_check', 'washing', 'ready'] as const satisfies readonly RoStage[];
export type AfterWorkStage = (typeof AFTER_WORK_STAGES)[number];

export interface WaitingCar {
  ro: StaffRo;
  /** How long it has been in this stage. */
  waitMs: number;
  /** Past the stage's configured limit. */
  over: boolean;
}

export interface AfterWorkColumn {
  stage: AfterWorkStage;
  cars: WaitingCar[];
  limitMinutes?: number;
}

/**
 * Cars in quality check, washing and ready for pickup, longest waiting first: with the lanes and
 * the queue, every car on site is somewhere on the board.
 */
export function buildAfterWork(ros: readonly StaffRo[], store: Pick<Store, 'stageLimitsMinutes'>, now: number): AfterWorkColumn[] {
  return AFTER_WORK_STAGES.map((stage) => {
    const limitMinutes = store.stageLimitsMinutes?.[stage];
    const cars = ros
      .filter((ro) => ro.stage === stage)
      .map((ro) => {
        const waitMs = Math.max(0, now - Date.parse(ro.stageSince));
        return { ro, waitMs, over: !!limitMinutes && waitMs > limitMinutes * 60_000 };
      })
      .sort((a, b) => b.waitMs - a.waitMs || a.ro.number.localeCompare(b.ro.number));
    return limitMinutes ? { stage, cars, limitMinutes } : { stage, cars };
  });
}

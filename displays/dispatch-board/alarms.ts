import type { RoStage } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { StaffRo } from '../../shared/projections/views';
import { TERMINAL_STAGES } from '../common/workflow-rules';

export type Alarm =
  | { kind: 'promise'; key: string; ro: StaffRo; overMs: number }
  | { kind: 'stage'; key: string; ro: StaffRo; stage: RoStage; overMs: number; inStageMs: number; limitMinutes: number };

/** Stages after which a promise is kept: the car is ready (or gone). */
const PROMISE_KEPT: readonly RoStage[] = ['ready', ...TERMINAL_STAGES];

/**
 * Overdue alarms: a car past its promised time and not ready, or a car stuck in a stage
 * longer than the store allows (stageLimitsMinutes). Most overdue first. A car not yet
 * arrived (scheduled) raises none: that is a late appointment, not a late repair.
 */
export function buildAlarms(ros: readonly StaffRo[], store: Pick<Store, 'stageLimitsMinutes'>, now: number): Alarm[] {
  const alarms: Alarm[] = [];
  for (const ro of ros) {
    if (TERMINAL_STAGES.includes(ro.stage) || ro.stage === 'scheduled') continue;
    if (ro.promisedAt && !PROMISE_KEPT.includes(ro.stage)) {
      const overMs = now - Date.parse(ro.promisedAt);
      if (overMs > 0) alarms.push({ kind: 'promise', key: `promise:${ro.id}`, ro, overMs });
    }
    const limitMinutes = store.stageLimitsMinutes?.[ro.stage];
    if (limitMinutes && limitMinutes > 0) {
      const inStageMs = now - Date.parse(ro.stageSince);
      const overMs = inStageMs - limitMinutes * 60_000;
      if (overMs > 0) alarms.push({ kind: 'stage', key: `stage:${ro.id}`, ro, stage: ro.stage, overMs, inStageMs, limitMinutes });
    }
  }
  return alarms.sort((a, b) => b.overMs - a.overMs || a.key.localeCompare(b.key));
}

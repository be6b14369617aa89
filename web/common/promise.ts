import type { RoStage } from '../../shared/domain/repair-order';
import type { StaffRo } from '../../shared/projections/views';
import { TERMINAL_STAGES } from './workflow-rules';

/** Stages after which a promise is kept: the car is ready (or gone). */
export const PROMISE_KEPT: readonly RoStage[] = ['ready', ...TERMINAL_STAGES];

/** A promise within this much is "soon": the bay sees it coming, before it is late. */
export const PROMISE_SOON_MS = 30 * 60_000;

/**
 * Where a repair order stands against its promised time at `now`: none, kept, ahead, soon or
 * over (with by how much). The dispatch board's alarms and the bay board's promise line both
 * read it, so a car is late on both or on neither.
 */
export function promiseState(
  ro: Pick<StaffRo, 'promisedAt' | 'stage'>,
  now: number,
): { kind: 'none' | 'kept' } | { kind: 'ahead' | 'soon'; leftMs: number } | { kind: 'over'; overMs: number } {
  if (!ro.promisedAt || ro.stage === 'scheduled') return { kind: 'none' };
  if (PROMISE_KEPT.includes(ro.stage)) return { kind: 'kept' };
  const leftMs = Date.parse(ro.promisedAt) - now;
  if (leftMs < 0) return { kind: 'over', overMs: -leftMs };
  return { kind: leftMs <= PROMISE_SOON_MS ? 'soon' : 'ahead', leftMs };
}

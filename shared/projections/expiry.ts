// stages.ts, not repair-order.ts: every board bundles this, and repair-order.ts loads zod.
import type { RoStage } from '../domain/repair-order';
import { TERMINAL_STAGES } from '../domain/stages';
import type { AudienceInput } from './audience';

/**
 * What leaves a staff screen with time alone, with no event to say so: a finished repair order
 * after RECENT_FINISHED_MS (it was kept for today's counters), a booked appointment once its
 * time is APPOINTMENT_PAST_MS gone. The server's projection leaves them out of every snapshot;
 * a screen that stays connected for days never gets a snapshot, and deltas only speak of records
 * that changed, so the screen drops them itself by the same rule (`stillShown`), or a wall board
 * would hold a week of delivered cars (bench:soak found the dispatch board growing by the day).
 */

/** Finished repair orders stay on staff screens this long, for today's counters. */
export const RECENT_FINISHED_MS = 36 * 3600_000;
/** Booked appointments stay visible from this long before their time. */
export const APPOINTMENT_PAST_MS = 12 * 3600_000;

export const recentlyFinished = (stage: RoStage, stageSince: string, now: number): boolean =>
  !TERMINAL_STAGES.includes(stage) || now - Date.parse(stageSince) < RECENT_FINISHED_MS;

/**
 * Whether an entry of an audience's view is still one the server would send now. Only the
 * dispatch view has entries that age out; every other view's entries leave with an event.
 */
export function stillShown(audience: AudienceInput['kind'], key: string, entry: unknown, now: number): boolean {
  if (audience !== 'dispatch') return true;
  const e = entry as { stage?: RoStage; stageSince?: string; status?: string; at?: string };
  if (key.startsWith('ro:') && e.stage && e.stageSince) return recentlyFinished(e.stage, e.stageSince, now);
  if (key.startsWith('appointment:') && e.at) return e.status === 'booked' && Date.parse(e.at) > now - APPOINTMENT_PAST_MS;
  return true;
}

import type { Appointment, RepairOrder } from '../domain/repair-order';
import { TERMINAL_STAGES } from '../domain/stages';
import type { AccessRecord } from './access';

/** The maps retirement trims (StoreState's). */
export interface RetiringState {
  readonly ros: Map<string, RepairOrder>;
  readonly appointments: Map<string, Appointment>;
  readonly access: Map<string, AccessRecord>;
}

/**
 * How long a closed record stays in a store's live state. The live state is what screens, scans,
 * the desk and the links customers hold can reach; the journal keeps every event, and history is
 * read from there (verify, backups, read models), never from memory. (The customer's personal
 * fields in it are erased after the store's personalDataRetentionDays: server/privacy.)
 *
 * A repair order that is delivered, cancelled or a no-show, an appointment that is no longer
 * booked, a device sign-in that has ended and a withdrawn job card whose order is gone leave the
 * live state once they are older than the store's `trackingExpiryDays` (default 7), counted from
 * the start of the UTC day of the event being folded: tracking and survey links stop working
 * after that many days, and a retry older than the idempotency window (also 7 days by default)
 * is a new action anyway. Without this a store's memory grew by ~0.6 MB a day for ever.
 *
 * Retirement depends only on the events folded, never on the clock, so a fold from the first
 * event and a fold from a snapshot hold the same records at every seq: the cutoff is the start
 * of the event's day, so running it once or many times in a day gives the same result.
 */
export const DEFAULT_RETAIN_CLOSED_DAYS = 7;

const DAY_MS = 86_400_000;

/** Records older than this (ms) may leave the live state once an event at `at` is folded. */
export const retirementCutoff = (at: string, days: number): number => Math.floor(Date.parse(at) / DAY_MS) * DAY_MS - days * DAY_MS;

/** When a record closed, or undefined while it is open. */
const closedAt = (ro: RepairOrder): string | undefined => (TERMINAL_STAGES.includes(ro.stage) ? (ro.deliveredAt ?? ro.stageSince) : undefined);

const before = (time: string | undefined, cutoff: number) => time !== undefined && Date.parse(time) < cutoff;

/**
 * Remove what closed before `cutoff` from the state's maps; returns the repair orders removed
 * (their tracking tokens are indexed elsewhere). Nothing open is ever touched.
 */
export function retireClosed(state: RetiringState, cutoff: number): RepairOrder[] {
  const retired: RepairOrder[] = [];
  for (const ro of state.ros.values()) {
    if (!before(closedAt(ro), cutoff)) continue;
    state.ros.delete(ro.id);
    retired.push(ro);
  }
  for (const appointment of state.appointments.values()) {
    if (appointment.status !== 'booked' && before(appointment.at, cutoff)) state.appointments.delete(appointment.id);
  }
  for (const record of state.access.values()) {
    const done =
      record.type === 'device'
        ? before(record.endedAt ?? record.until, cutoff)
        : record.type === 'codes'
          ? record.kind === 'ro' && !state.ros.has(record.subjectId) && before(record.before, cutoff)
          : false;
    if (done) state.access.delete(record.id);
  }
  return retired;
}

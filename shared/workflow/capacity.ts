import { localDate, localDayStart } from '../domain/local-date';
import type { Appointment, RepairOrder } from '../domain/repair-order';
import type { Shift, Technician } from '../domain/people';
import type { Store } from '../domain/shop';
import { WORK_STAGES, type WorkshopState } from './rules';

/**
 * A store's capacity (产能) for the planner and for booking: labour hours per day per skill, and
 * each bay's reserved time spans. Pure; the rules that refuse a booking are in ./appointments.ts.
 *
 * - A **skill** is a bay kind (`general`, `quick`, `alignment` …): a catalogue service needs the
 *   skill of its `bayKind`, a technician has the skills listed (none listed: every skill).
 * - A day's **capacity** for a skill is the smaller of its technicians' shift hours (own shift,
 *   else the team's, else the store's opening hours) and its bays' open hours (bays of that kind ×
 *   opening hours). A technician with several skills counts in each, so skills' hours do not add up.
 * - **Carried over**: what open repair orders (checked in, waiting, in service) still need — each
 *   unfinished operation's standard hours less the time already worked — taken from today's
 *   capacity, and what today cannot hold from the next days'.
 * - **Booked**: the standard hours of the services of the day's booked appointments.
 * - A booking's **span** runs from its `at` for its `durationMinutes`, or, without one, for the
 *   standard hours of its services now (at least MIN_SPAN_MINUTES).
 */

export type PlanStore = Pick<Store, 'bays' | 'technicians' | 'timezone' | 'catalogue' | 'openingHours'> & Partial<Pick<Store, 'teams'>>;

/** The shortest time a booking holds a bay (an appointment with no known service). */
export const MIN_SPAN_MINUTES = 30;
const HOUR = 3_600_000;

export interface SkillDay {
  skill: string;
  capacityHours: number;
  carriedHours: number;
  bookedHours: number;
  /** capacity − carried − booked; negative when overbooked (by an override). */
  freeHours: number;
}

export interface DayCapacity {
  date: string;
  skills: SkillDay[];
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const round = (hours: number) => Math.round(hours * 100) / 100;

/** Hours of a shift; one whose end is not after its start ends the next day. */
export const shiftHours = (shift: Shift): number => {
  const minutes = minutesOf(shift.end) - minutesOf(shift.start);
  return (minutes > 0 ? minutes : minutes + 24 * 60) / 60;
};

/** A technician's shift: their own, else their team's, else the store's opening hours. */
export const shiftOf = (store: PlanStore, tech: Technician): Shift =>
  tech.shift ?? store.teams?.find((t) => t.id === tech.teamId)?.shift ?? { start: store.openingHours.open, end: store.openingHours.close };

const hasSkill = (tech: Technician, skill: string) => tech.skills.length === 0 || tech.skills.includes(skill);

/** Every skill the store plans for: its bays' kinds and its services' bay kinds. */
export const skillsOf = (store: PlanStore): string[] => [...new Set([...store.bays.map((b) => b.kind), ...store.catalogue.map((c) => c.bayKind)])];

/** Labour hours a day offers for a skill, before carried-over and booked work. */
export const skillCapacityHours = (store: PlanStore, skill: string): number => {
  const techHours = store.technicians
    .filter((t) => t.roles.includes('technician') || t.roles.includes('washer'))
    .filter((t) => hasSkill(t, skill))
    .reduce((sum, t) => sum + shiftHours(shiftOf(store, t)), 0);
  const open = shiftHours({ start: store.openingHours.open, end: store.openingHours.close });
  const bayHours = store.bays.filter((b) => b.kind === skill).length * open;
  return round(Math.min(techHours, bayHours));
};

/** Standard hours per skill of catalogue services (codes not in the catalogue need nothing). */
export const needOf = (store: Pick<PlanStore, 'catalogue'>, services: readonly string[]): Record<string, number> => {
  const need: Record<string, number> = {};
  for (const code of services) {
    const item = store.catalogue.find((c) => c.code === code);
    if (item) need[item.bayKind] = round((need[item.bayKind] ?? 0) + item.standardHours);
  }
  return need;
};

/** Minutes a booking of these services holds its bay: their standard hours, at least MIN_SPAN_MINUTES. */
export const durationOf = (store: Pick<PlanStore, 'catalogue'>, services: readonly string[]): number => {
  const hours = Object.values(needOf(store, services)).reduce((a, b) => a + b, 0);
  return Math.max(MIN_SPAN_MINUTES, Math.ceil(hours * 60));
};

/** The time span (ms) a booking holds its bay. */
export const spanOf = (store: Pick<PlanStore, 'catalogue'>, appt: Pick<Appointment, 'at' | 'services' | 'durationMinutes'>): { start: number; end: number } => {
  const start = Date.parse(appt.at);
  return { start, end: start + (appt.durationMinutes ?? durationOf(store, appt.services)) * 60_000 };
};

/** The skill an operation of a repair order needs: its service's bay kind, else its bay's kind, else general. */
const skillOfOperation = (store: PlanStore, op: RepairOrder['operations'][number]): string =>
  store.catalogue.find((c) => c.code === op.code)?.bayKind ?? store.bays.find((b) => b.id === op.bayId)?.kind ?? 'general';

/** Hours per skill open repair orders still need (unfinished operations, less the time worked). */
export const carriedOverHours = (state: Pick<WorkshopState, 'ros'>, store: PlanStore, at: number): Record<string, number> => {
  const carried: Record<string, number> = {};
  for (const ro of state.ros.values()) {
    if (!WORK_STAGES.includes(ro.stage)) continue;
    for (const op of ro.operations) {
      if (op.status === 'done') continue;
      const worked = op.workedMs + (op.runningSince ? Math.max(0, at - Date.parse(op.runningSince)) : 0);
      const left = Math.max(0, op.standardHours - worked / HOUR);
      const skill = skillOfOperation(store, op);
      carried[skill] = (carried[skill] ?? 0) + left;
    }
  }
  return carried;
};

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The store-local dates from `from`, `days` of them. */
export const datesFrom = (from: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(from, i));

/** Booked appointments of a store-local day, and the hours per skill they need (`exceptId` left out). */
const bookedHours = (state: Pick<WorkshopState, 'appointments'>, store: PlanStore, date: string, exceptId?: string): Record<string, number> => {
  const booked: Record<string, number> = {};
  for (const a of state.appointments.values()) {
    if (a.status !== 'booked' || a.id === exceptId || localDate(a.at, store.timezone) !== date) continue;
    for (const [skill, hours] of Object.entries(needOf(store, a.services))) booked[skill] = (booked[skill] ?? 0) + hours;
  }
  return booked;
};

/**
 * Capacity per skill of each store-local date from `from`, as of the instant `at` (which fixes
 * "today" and the carried-over work). Days before today carry nothing over.
 */
export function capacityByDay(
  state: Pick<WorkshopState, 'ros' | 'appointments'>,
  store: PlanStore,
  from: string,
  days: number,
  at: number,
  exceptId?: string,
): DayCapacity[] {
  const today = localDate(at, store.timezone);
  const skills = skillsOf(store);
  const carried = carriedOverHours(state, store, at);
  // What carried-over work is still left when a date begins: today takes what it can hold, the rest spills on.
  const spill = (skill: string, date: string): number => {
    if (date < today) return 0;
    let left = carried[skill] ?? 0;
    for (let d = today; d < date; d = addDays(d, 1)) left = Math.max(0, left - skillCapacityHours(store, skill));
    return left;
  };
  return datesFrom(from, days).map((date) => {
    const booked = bookedHours(state, store, date, exceptId);
    return {
      date,
      skills: skills.map((skill) => {
        const capacityHours = skillCapacityHours(store, skill);
        const carriedHours = round(Math.min(capacityHours, spill(skill, date)));
        const bookedHoursOfSkill = round(booked[skill] ?? 0);
        return { skill, capacityHours, carriedHours, bookedHours: bookedHoursOfSkill, freeHours: round(capacityHours - carriedHours - bookedHoursOfSkill) };
      }),
    };
  });
}

/** Skills a booking would take past their free hours that day: what it needs and what is free. */
export function shortfall(
  state: Pick<WorkshopState, 'ros' | 'appointments'>,
  store: PlanStore,
  booking: Pick<Appointment, 'at' | 'services'>,
  at: number,
  exceptId?: string,
) {
  const date = localDate(booking.at, store.timezone);
  const [day] = capacityByDay(state, store, date, 1, at, exceptId);
  const need = needOf(store, booking.services);
  return Object.entries(need).flatMap(([skill, neededHours]) => {
    const freeHours = day.skills.find((s) => s.skill === skill)?.freeHours ?? 0;
    // A hundredth of an hour of slack: hours are summed as decimals.
    return neededHours > freeHours + 0.005 ? [{ skill, neededHours, freeHours: Math.max(0, freeHours) }] : [];
  });
}

/** The booked appointment holding `bayId` for part of this span, if any (`exceptId` left out). */
export function bayClash(
  state: Pick<WorkshopState, 'appointments'>,
  store: Pick<PlanStore, 'catalogue'>,
  bayId: string,
  span: { start: number; end: number },
  exceptId?: string,
): Appointment | undefined {
  for (const a of state.appointments.values()) {
    if (a.status !== 'booked' || a.bayId !== bayId || a.id === exceptId) continue;
    const other = spanOf(store, a);
    if (other.start < span.end && span.start < other.end) return a;
  }
  return undefined;
}

/** The instant a store-local date begins (re-exported for the planner's grid). */
export const dayStart = localDayStart;

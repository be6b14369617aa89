import type { CatalogueItem, ReminderConfig } from '../domain/shop';

/**
 * 维修提醒: when each car is next due for its services, insurance and annual inspection,
 * projected from its own history. Pure: the server reads the history (server/reminders) and
 * the page shows the answer; nothing here knows a database, a clock or a store's people.
 *
 * A service is due again `interval.km` kilometres or `interval.months` months after it was last
 * done, whichever comes first (the catalogue's `interval`). The kilometres are turned into a date
 * with the car's own kilometres a day, from its first and last mileage readings; a car read once
 * (or whose readings do not climb) is assumed to drive the store's `defaultKmPerDay`.
 */

/** One visit of a car as the history holds it. Dates are the store's local calendar dates. */
export interface VisitRecord {
  roId: string;
  /** When the car came in (ISO time): orders the visits. */
  at: string;
  /** The store-local date of `at`. */
  on: string;
  /** The odometer read at check-in, when it was. */
  mileageKm?: number;
  /** Catalogue codes of the operations finished on this visit. */
  servicesDone: readonly string[];
  insuranceExpiresOn?: string;
  inspectionDueOn?: string;
}

export const REMINDER_TYPES = ['service', 'insurance', 'inspection'] as const;
export type ReminderType = (typeof REMINDER_TYPES)[number];

export interface Reminder {
  /**
   * Stable while the reminder stands, new once it is answered by the car: a service's id names
   * the visit it was last done on (done again, it is another reminder), a date's the visit that
   * first recorded that date. An outcome ("contacted", "not interested") is recorded against it.
   */
  id: string;
  type: ReminderType;
  /** The service's catalogue code (type service). */
  code?: string;
  /** The store-local date it is due. */
  dueOn: string;
  /** What makes it due then: the kilometres, the months since it was done, or a known date. */
  dueBy: 'km' | 'months' | 'date';
  lastDoneOn?: string;
  lastDoneKm?: number;
  /** The odometer reading it is due at (a service with a km interval). */
  dueKm?: number;
  /** The car's estimated odometer today. */
  estimatedKm?: number;
}

export interface ProjectionOptions {
  /** Today in the store's zone (YYYY-MM-DD). */
  today: string;
  defaultKmPerDay: number;
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** `date` plus `days` calendar days. */
export const addDays = (date: string, days: number): string => dateOf(dayNumber(date) + days);
/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** `date` plus `months` calendar months, kept in the month it lands in (Aug 31 + 6 months is Feb 28 or 29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const month = m - 1 + months;
  const year = y + Math.floor(month / 12);
  const inYear = ((month % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, inYear + 1, 0)).getUTCDate();
  return dateOf(Math.round(Date.UTC(year, inYear, Math.min(d, last)) / DAY));
}

export interface KmPerDay {
  value: number;
  /** `readings`: the car's own first and last readings; `default`: the store's assumption. */
  from: 'readings' | 'default';
}

/**
 * The car's kilometres a day: from its first to its last reading, when they are at least a day
 * apart and the odometer went up; otherwise the store's default.
 */
export function kmPerDayOf(readings: readonly { on: string; km: number }[], fallback: number): KmPerDay {
  const sorted = [...readings].sort((a, b) => a.on.localeCompare(b.on) || a.km - b.km);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first && last) {
    const days = daysBetween(first.on, last.on);
    const km = last.km - first.km;
    if (days >= 1 && km > 0) return { value: Math.min(1000, km / days), from: 'readings' };
  }
  return { value: fallback, from: 'default' };
}

/**
 * Every reminder of one car: its services with an interval that it had done here (the last time
 * each), and its insurance expiry and inspection date as last recorded.
 */
export function projectReminders(visits: readonly VisitRecord[], catalogue: readonly CatalogueItem[], options: ProjectionOptions): Reminder[] {
  const ordered = [...visits].sort((a, b) => a.at.localeCompare(b.at));
  const readings = ordered.filter((v) => v.mileageKm !== undefined).map((v) => ({ on: v.on, km: v.mileageKm! }));
  const rate = kmPerDayOf(readings, options.defaultKmPerDay).value;
  const latest = readings.reduce<{ on: string; km: number } | undefined>((a, r) => (!a || r.on > a.on || (r.on === a.on && r.km > a.km) ? r : a), undefined);
  /** The odometer on a date, from the latest reading and the car's rate (never below zero). */
  const kmOn = (date: string) => (latest ? Math.max(0, Math.round(latest.km + rate * daysBetween(latest.on, date))) : undefined);
  const reminders: Reminder[] = [];

  for (const item of catalogue) {
    if (!item.interval) continue;
    const last = ordered.filter((v) => v.servicesDone.includes(item.code)).at(-1);
    if (!last) continue;
    const lastKm = last.mileageKm ?? kmOn(last.on);
    const byMonths = item.interval.months !== undefined ? addMonths(last.on, item.interval.months) : undefined;
    let byKm: string | undefined;
    let dueKm: number | undefined;
    if (item.interval.km !== undefined && lastKm !== undefined && latest) {
      dueKm = lastKm + item.interval.km;
      // The day the car reaches dueKm at its rate, counted from its latest reading; never before it was done.
      const day = addDays(latest.on, Math.ceil((dueKm - latest.km) / rate));
      byKm = day < last.on ? last.on : day;
    }
    const dueOn = byKm !== undefined && (byMonths === undefined || byKm <= byMonths) ? byKm : byMonths;
    if (dueOn === undefined) continue;
    reminders.push(
      compact({
        id: `service:${last.roId}:${item.code}`,
        type: 'service' as const,
        code: item.code,
        dueOn,
        dueBy: dueOn === byKm ? ('km' as const) : ('months' as const),
        lastDoneOn: last.on,
        lastDoneKm: lastKm,
        dueKm: dueOn === byKm ? dueKm : undefined,
        estimatedKm: kmOn(options.today),
      }),
    );
  }
  for (const [type, field] of [
    ['insurance', 'insuranceExpiresOn'],
    ['inspection', 'inspectionDueOn'],
  ] as const) {
    const latestDated = ordered.filter((v) => v[field] !== undefined).at(-1);
    if (!latestDated) continue;
    const date = latestDated[field]!;
    const first = ordered.find((v) => v[field] === date)!;
    reminders.push({ id: `${type}:${first.roId}:${date}`, type, dueOn: date, dueBy: 'date' });
  }
  return reminders;
}

export const URGENCIES = ['overdue', 'urgent', 'soon', 'later'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** How pressing a reminder is today, by its type's thresholds (the store's `reminders.urgency`). */
export function urgencyOf(type: ReminderType, dueOn: string, today: string, config: ReminderConfig): Urgency {
  const days = daysBetween(today, dueOn);
  if (days < 0) return 'overdue';
  const { urgentDays, soonDays } = config.urgency[type];
  if (days <= urgentDays) return 'urgent';
  if (days <= soonDays) return 'soon';
  return 'later';
}

/** The windows the list offers: overdue only, or due within the next 7, 30 or 90 days (overdue included). */
export const REMINDER_WINDOWS = ['overdue', '7', '30', '90'] as const;
export type ReminderWindow = (typeof REMINDER_WINDOWS)[number];

/** Whether a reminder due on `dueOn` is in the window (and not overdue past the store's limit). */
export function inWindow(dueOn: string, window: ReminderWindow, today: string, config: Pick<ReminderConfig, 'maxOverdueDays'>): boolean {
  const days = daysBetween(today, dueOn);
  if (days < -config.maxOverdueDays) return false;
  return window === 'overdue' ? days < 0 : days <= Number(window);
}

const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

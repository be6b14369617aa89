import { localDayStart } from '../../../shared/domain/local-date';

/**
 * Where things sit on the planner's day grid: the day's slots from opening to closing, and the
 * place of a booking in them. Pure, so the page and its tests agree on the geometry.
 */

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const pad = (n: number) => String(n).padStart(2, '0');
export const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** The day's slot starts in minutes after midnight, from opening to the last start before closing. */
export const slotsOf = (open: string, close: string, step: number): number[] => {
  const out: number[] = [];
  for (let m = minutesOf(open); m < minutesOf(close); m += step) out.push(m);
  return out;
};

/** A store-local date and minute of the day as an ISO time with the zone's offset (`2030-05-10T09:30:00+08:00`). */
export const isoAt = (date: string, minutes: number, timeZone: string): string => {
  const start = localDayStart(date, timeZone);
  const offset = Date.parse(`${date}T00:00:00Z`) - start; // the zone's offset that day, in ms
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset) / 60_000;
  return `${date}T${hhmm(minutes)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
};

/** Minutes after the store-local midnight of `date` an instant falls. */
export const minuteOfDay = (iso: string, date: string, timeZone: string): number => Math.round((Date.parse(iso) - localDayStart(date, timeZone)) / 60_000);

/** A booking's place on the grid, as fractions of the open day (clipped to it). */
export const placeOf = (startsAt: string, endsAt: string, date: string, timeZone: string, open: string, close: string) => {
  const o = minutesOf(open);
  const span = minutesOf(close) - o;
  const from = Math.max(0, minuteOfDay(startsAt, date, timeZone) - o);
  const to = Math.min(span, minuteOfDay(endsAt, date, timeZone) - o);
  return { left: from / span, width: Math.max(0, to - from) / span };
};

/** `date` plus `days` (calendar arithmetic on YYYY-MM-DD). */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The Monday of the week `date` is in. */
export const mondayOf = (date: string): string => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

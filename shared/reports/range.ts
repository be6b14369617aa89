import { localDayStart } from '../domain/local-date';

/** A report's dates, store-local and inclusive: `from` 2026-03-01 to `to` 2026-03-31 is March. */
export interface DateRange {
  from: string;
  to: string;
}

/** The instants a range covers in one store's time zone: [start, end) in ms, and its days. */
export interface ZonedRange extends DateRange {
  start: number;
  end: number;
  days: number;
  timeZone: string;
}

/** The longest range a report answers: three years (the bound; a bigger one is a mistake or a scan). */
export const MAX_RANGE_DAYS = 3 * 366;

export type RangeProblem = { parameter: 'from' | 'to'; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
const isDate = (text: string): boolean => {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * Checks a requested range; the answer names the parameter that is wrong. A missing `to` is
 * `from` (one day); a missing `from` is `to`.
 */
export function checkRange(from: string | undefined, to: string | undefined): { ok: true; range: DateRange } | { ok: false; problem: RangeProblem } {
  if (from === undefined && to === undefined)
    return { ok: false, problem: { parameter: 'from', message: 'from is required (YYYY-MM-DD, a store-local date)' } };
  for (const [parameter, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isDate(value))
      return { ok: false, problem: { parameter, message: `${parameter} must be a calendar date written YYYY-MM-DD, not "${value.slice(0, 40)}"` } };
  }
  const range = { from: from ?? to!, to: to ?? from! };
  if (range.to < range.from) return { ok: false, problem: { parameter: 'to', message: `to (${range.to}) is before from (${range.from})` } };
  if (dayNumber(range.to) - dayNumber(range.from) + 1 > MAX_RANGE_DAYS)
    return { ok: false, problem: { parameter: 'to', message: `the range is longer than three years (${MAX_RANGE_DAYS} days); ask for less` } };
  return { ok: true, range };
}

/** The range in a store's time zone: from the start of `from` to the start of the day after `to`. */
export function zoned(range: DateRange, timeZone: string): ZonedRange {
  const after = new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    ...range,
    timeZone,
    start: localDayStart(range.from, timeZone),
    end: localDayStart(after, timeZone),
    days: dayNumber(range.to) - dayNumber(range.from) + 1,
  };
}

/** Every date of the range, in order. */
export function datesOf(range: DateRange): string[] {
  const out: string[] = [];
  for (let d = dayNumber(range.from); d <= dayNumber(range.to); d++) out.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
  return out;
}

/**
 * The page's date ranges: store-local calendar dates `YYYY-MM-DD`, both ends included, as the
 * reports API takes them (shared/reports/range.ts). Presets are worked out on the store's own
 * calendar, whatever the zone of the computer the manager sits at.
 */
export type Preset = 'today' | 'week' | 'last30' | 'month';
export const PRESETS: readonly Preset[] = ['today', 'week', 'last30', 'month'];

export interface Dates {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The store-local date of an instant (sv-SE writes ISO dates). */
export const localDate = (at: number, timeZone: string): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));

/** A preset's dates on the store's calendar at `now`. A week starts on Monday (as in China and ISO 8601). */
export function presetDates(preset: Preset, now: number, timeZone: string): Dates {
  const today = localDate(now, timeZone);
  const n = dayNumber(today);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: dateOf(n - ((new Date(n * DAY).getUTCDay() + 6) % 7)), to: today };
    case 'last30':
      return { from: dateOf(n - 29), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** Which preset, if any, these dates are at `now` (so a reloaded link lights the right button). */
export const presetOf = (dates: Dates, now: number, timeZone: string): Preset | undefined =>
  PRESETS.find((p) => {
    const d = presetDates(p, now, timeZone);
    return d.from === dates.from && d.to === dates.to;
  });

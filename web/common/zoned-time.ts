/**
 * Wall-clock helpers in the store's time zone, which need not be the browser's: a dispatcher's
 * laptop may be set to anything, but "today" and "promised at 17:00" mean the store's day.
 */

// Formatters are costly to build and a page uses one or two zones: keep one per zone.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const partsFormatter = (timeZone: string) => {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallClock = (ms: number, timeZone: string): WallClock => {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as unknown as WallClock;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The store-local calendar date of an instant: `2026-03-10`. */
export const localDateOf = (ms: number, timeZone: string): string => {
  const w = wallClock(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
};

/** Value for an `<input type="datetime-local">` showing this instant on the store's clock. */
export const toZonedInput = (iso: string | number, timeZone: string): string => {
  const w = wallClock(typeof iso === 'number' ? iso : Date.parse(iso), timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
};

/** The instant a `datetime-local` value means on the store's clock, or undefined if it is not one. */
export const fromZonedInput = (value: string, timeZone: string): string | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  // Guess, see how far the zone's clock is off at that instant, correct; twice covers DST edges.
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(guess, timeZone);
    guess += wanted - Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  }
  return Number.isFinite(guess) ? new Date(guess).toISOString() : undefined;
};

/**
 * The store-local calendar day around `ms`, as [start, end) in epoch ms, so "is this today?"
 * is two comparisons instead of a formatter call per timestamp (the dispatch board asks it
 * hundreds of times per update).
 */
export const localDayBounds = (ms: number, timeZone: string): { start: number; end: number } => {
  const [y, m, d] = localDateOf(ms, timeZone).split('-').map(Number);
  const iso = (days: number) => {
    const t = new Date(Date.UTC(y, m - 1, d + days));
    return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T00:00`;
  };
  return { start: Date.parse(fromZonedInput(iso(0), timeZone)!), end: Date.parse(fromZonedInput(iso(1), timeZone)!) };
};

// Building an Intl.DateTimeFormat costs ~100 times more than using one, and counting today's
// repair orders formats every order's date: one formatter per time zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone: what "today" means in a store. */
export const localDate = (at: Date | string | number, timeZone: string): string => {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(typeof at === 'object' ? at : new Date(at));
};

const clockFormats = new Map<string, Intl.DateTimeFormat>();
const clockParts = (at: number, timeZone: string) => {
  let format = clockFormats.get(timeZone);
  if (!format)
    clockFormats.set(
      timeZone,
      (format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      })),
    );
  const p = Object.fromEntries(format.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute };
};

/** How far a time zone is ahead of UTC at an instant, in ms (Asia/Shanghai: 8 h). */
export const zoneOffsetMs = (at: number, timeZone: string): number => {
  const p = clockParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / 60_000) * 60_000;
};

/** The instant a store-local calendar date (`YYYY-MM-DD`) begins, in ms. */
export const localDayStart = (date: string, timeZone: string): number => {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // Twice: the offset at the guess may differ from the one at the answer across a DST switch.
  return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, timeZone), timeZone);
};

// Building an Intl.DateTimeFormat costs ~100 times more than using one, and counting today's
// repair orders formats every order's date: one formatter per time zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone: what "today" means in a store. */
export const localDate = (at: Date | string | number, timeZone: string): string => {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(typeof at === 'object' ? at : new Date(at));
};

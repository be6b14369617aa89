import { randomBytes, randomUUID } from 'node:crypto';

/** Record ids: short, URL-safe, sortable enough to read in logs. */
export const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Tracking tokens are unguessable: 144 random bits. */
export const newTrackingToken = () => randomBytes(18).toString('base64url');

/** `RO20261123-0042`, from the store-local date and the number of repair orders so far. */
export const roNumber = (localDate: string, count: number) =>
  `RO${localDate.replaceAll('-', '')}-${String(count + 1).padStart(4, '0')}`;

// Building an Intl.DateTimeFormat costs ~100 times more than using one, and counting today's
// repair orders formats every order's date: one formatter per time zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDate = (at: Date, timeZone: string) => {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(at);
};

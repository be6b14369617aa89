import { z } from 'zod';

/** Identifiers travel in URLs, room names and Redis keys, so they stay to a safe alphabet. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, "-", "_" or "." only');
export type Id = z.infer<typeof IdSchema>;

/**
 * The id a record has in another system (the DMS's RO number, its appointment id): unique per
 * store, and part of a URL path, so the same safe alphabet as our ids plus "/"-free separators.
 */
export const ExternalIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'use letters, digits, "-", "_", ":" or "." only');

export const IsoTimeSchema = z.iso.datetime({ offset: true });
export type IsoTime = z.infer<typeof IsoTimeSchema>;

export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not): an insurance expiry, an inspection due date. */
export const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((text) => {
    const [y, m, d] = text.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'not a calendar date');

import { z } from 'zod';

/** Identifiers travel in URLs, room names and Redis keys, so they stay to a safe alphabet. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, "-", "_" or "." only');
export type Id = z.infer<typeof IdSchema>;

export const IsoTimeSchema = z.iso.datetime({ offset: true });
export type IsoTime = z.infer<typeof IsoTimeSchema>;

export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

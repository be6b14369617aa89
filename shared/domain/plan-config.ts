import { z } from 'zod';

/** One reason an appointment may be cancelled for: a stable code (counted in reports) and its labels. */
export const CancelReasonSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lower-case letters, digits and _ (e.g. "customer_rescheduled")'),
    label: z.object({ 'zh-CN': z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(60) }),
  })
  .strict();
export type CancelReason = z.infer<typeof CancelReasonSchema>;

export const DEFAULT_CANCEL_REASONS: CancelReason[] = [
  { code: 'customer_rescheduled', label: { 'zh-CN': '客户改约', en: 'Customer rescheduled' } },
  { code: 'customer_busy', label: { 'zh-CN': '客户临时有事', en: 'Customer had something come up' } },
  { code: 'repaired_elsewhere', label: { 'zh-CN': '已在其他店维修', en: 'Repaired elsewhere' } },
  { code: 'price', label: { 'zh-CN': '价格原因', en: 'Price' } },
  { code: 'parts_unavailable', label: { 'zh-CN': '配件无货', en: 'Parts not available' } },
  { code: 'shop_full', label: { 'zh-CN': '本店排不开', en: 'Shop fully booked' } },
  { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
];

/**
 * The advisors' planner (/plan): the reasons an appointment may be cancelled for, and the grid.
 * `slotMinutes`: the step a booking's start snaps to on the page (the API takes any minute).
 */
export const PlanConfigSchema = z
  .object({
    cancelReasons: z
      .array(CancelReasonSchema)
      .min(1)
      .max(30)
      .refine((list) => new Set(list.map((r) => r.code)).size === list.length, 'each cancel reason needs its own code')
      .default(DEFAULT_CANCEL_REASONS),
    slotMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
  })
  .strict()
  .default({ cancelReasons: DEFAULT_CANCEL_REASONS, slotMinutes: 30 });
export type PlanConfig = z.infer<typeof PlanConfigSchema>;

import { z } from 'zod';
import { CountrySchema } from './plate';
import { IdSchema, LocaleSchema } from './ids';
import { AdvisorSchema, StaffMemberSchema, TeamSchema, TechnicianSchema } from './people';
import { ScanConfigSchema } from './scan-config';

export const BayKindSchema = z.enum(['general', 'quick', 'alignment', 'electrical', 'body', 'paint', 'wash', 'inspection']);
export type BayKind = z.infer<typeof BayKindSchema>;

export const BaySchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(30),
  kind: BayKindSchema,
});
export type Bay = z.infer<typeof BaySchema>;

export const CatalogueItemSchema = z.object({
  code: z.string().min(1).max(20),
  title: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  standardHours: z.number().positive().max(100),
  bayKind: BayKindSchema,
});
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;

/** Minutes a repair order may stay in a stage before the dispatch board raises an alarm. */
export const StageLimitsSchema = z.record(z.string(), z.number().int().positive()).default({});

const LimitSchema = z.object({
  max: z.number().int().min(1).max(1000),
  windowSeconds: z.number().int().min(1).max(86_400),
});

/** The self-service check-in kiosk (/kiosk) and the customer's tracking link. */
export const KioskConfigSchema = z.object({
  /** Seconds without a touch before a kiosk screen returns to the start and wipes what was typed. */
  idleSeconds: z.number().int().min(5).max(600).default(60),
  /** Lookups by plate + phone digits (or appointment QR) a kiosk may make per window… */
  lookupsPerKiosk: LimitSchema.default({ max: 20, windowSeconds: 600 }),
  /** …and lookups of one plate from anywhere, so its four phone digits cannot be guessed. */
  lookupsPerPlate: LimitSchema.default({ max: 5, windowSeconds: 900 }),
  /** Origin printed on tickets and QR codes (`https://service.example.com`); default: the kiosk's own. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
}).default({ idleSeconds: 60, lookupsPerKiosk: { max: 20, windowSeconds: 600 }, lookupsPerPlate: { max: 5, windowSeconds: 900 } });
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

/** One service department, as configured in config/shop.json. */
export const StoreSchema = z.object({
  id: IdSchema,
  name: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  brand: z.string().max(30).optional(),
  country: CountrySchema.default('CN'),
  timezone: z.string().default('Asia/Shanghai'),
  locale: LocaleSchema.default('zh-CN'),
  pickupDesk: z.object({ 'zh-CN': z.string(), en: z.string() }).optional(),
  bays: z.array(BaySchema).min(1),
  teams: z.array(TeamSchema).default([]),
  technicians: z.array(TechnicianSchema).default([]),
  advisors: z.array(AdvisorSchema).default([]),
  /** Everyone else who signs in (dispatchers, inspectors, washers, admins), with their roles. */
  staff: z.array(StaffMemberSchema).default([]),
  scan: ScanConfigSchema,
  catalogue: z.array(CatalogueItemSchema).default([]),
  stageLimitsMinutes: StageLimitsSchema,
  announcePickup: z.boolean().default(true),
  pageDwellSeconds: z.number().int().min(3).max(120).default(10),
  allowParallelJobs: z.boolean().default(false),
  /** Days after delivery that a customer's tracking link keeps working (for the survey). */
  trackingExpiryDays: z.number().int().min(0).max(90).default(7),
  kiosk: KioskConfigSchema,
});
export type Store = z.infer<typeof StoreSchema>;

export const ShopConfigSchema = z.object({
  group: z.object({ name: z.string().min(1) }).optional(),
  stores: z.array(StoreSchema).min(1),
});
export type ShopConfig = z.infer<typeof ShopConfigSchema>;

import { z } from 'zod';
import { NotifyConfigSchema } from './notify-config';
import { CountrySchema } from './plate';
import { IdSchema, LocaleSchema } from './ids';
import { AdvisorSchema, StaffMemberSchema, TeamSchema, TechnicianSchema } from './people';
import { ScanConfigSchema } from './scan-config';
import { PlanConfigSchema } from './plan-config';

export const BayKindSchema = z.enum(['general', 'quick', 'alignment', 'electrical', 'body', 'paint', 'wash', 'inspection']);
export type BayKind = z.infer<typeof BayKindSchema>;

export const BaySchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(30),
  /** The bay's name on English pages (`?lang=en`); without it they show `name`. */
  nameEn: z.string().trim().min(1).max(40).optional(),
  kind: BayKindSchema,
});
export type Bay = z.infer<typeof BaySchema>;

export const CatalogueItemSchema = z.object({
  code: z.string().min(1).max(20),
  title: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
  standardHours: z.number().positive().max(100),
  bayKind: BayKindSchema,
  /**
   * How often the service is due again (维修提醒): after `km` more kilometres or `months` months
   * since it was last done, whichever comes first. Without it the service is never reminded of.
   */
  interval: z
    .object({
      km: z.number().int().min(100).max(500_000).optional(),
      months: z.number().int().min(1).max(120).optional(),
    })
    .strict()
    .refine((i) => i.km !== undefined || i.months !== undefined, { message: 'give km, months or both' })
    .optional(),
});
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;

/**
 * Minutes a repair order may stay in a stage before the server raises a `stage_overdue` alarm
 * (`in_service` included). Where the history read model holds enough finished visits of the
 * same service, their p95 for that stage is used instead (see `alarms.stageLimitsFromHistory`).
 */
export const StageLimitsSchema = z.record(z.string(), z.number().int().positive()).default({});

const LimitSchema = z.object({
  max: z.number().int().min(1).max(1000),
  windowSeconds: z.number().int().min(1).max(86_400),
});

/** The self-service check-in kiosk (/kiosk) and the customer's tracking link. */
export const KioskConfigSchema = z
  .object({
    /** Seconds without a touch before a kiosk screen returns to the start and wipes what was typed. */
    idleSeconds: z.number().int().min(5).max(600).default(60),
    /** Lookups by plate + phone digits (or appointment QR) a kiosk may make per window… */
    lookupsPerKiosk: LimitSchema.default({ max: 20, windowSeconds: 600 }),
    /** …and lookups of one plate from anywhere, so its four phone digits cannot be guessed. */
    lookupsPerPlate: LimitSchema.default({ max: 5, windowSeconds: 900 }),
    /** Origin printed on tickets and QR codes (`https://service.example.com`); default: the kiosk's own. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .default({ idleSeconds: 60, lookupsPerKiosk: { max: 20, windowSeconds: 600 }, lookupsPerPlate: { max: 5, windowSeconds: 900 } });
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

/** The live ETA's typical times, used until the store's recent work says otherwise (shared/eta). */
export const EtaConfigSchema = z
  .object({
    /** Minutes from check-in until the car is sent to the workshop. */
    checkInMinutes: z.number().min(0).max(240).default(10),
    /** Minutes a quality check takes. */
    qcMinutes: z.number().min(0).max(240).default(15),
    /** Minutes a wash takes. */
    washMinutes: z.number().min(0).max(240).default(20),
  })
  .default({ checkInMinutes: 10, qcMinutes: 15, washMinutes: 20 });
/** When the server's alarm detector (server/alarms) raises an anomaly alarm. */
export const AlarmConfigSchema = z
  .object({
    /** An operation's worked time past this many times its standard hours. */
    overrunFactor: z.number().min(1).max(10).default(1.5),
    /** A clock still running this many minutes after the technician's shift ended. */
    clockGraceMinutes: z.number().int().min(0).max(240).default(15),
    /** A kiosk's call for an advisor unanswered this many minutes (escalated with a sound). */
    callUnansweredMinutes: z.number().int().min(1).max(120).default(3),
    /** Use the p95 of finished visits of the same service for a stage's limit, when history has enough. */
    stageLimitsFromHistory: z.boolean().default(true),
  })
  .strict()
  .default({ overrunFactor: 1.5, clockGraceMinutes: 15, callUnansweredMinutes: 3, stageLimitsFromHistory: true });
export type AlarmConfig = z.infer<typeof AlarmConfigSchema>;

/** When a reminder of one type counts as urgent or soon: days before its due date (past it, it is overdue). */
const UrgencySchema = z
  .object({
    urgentDays: z.number().int().min(0).max(365),
    soonDays: z.number().int().min(0).max(365),
  })
  .strict()
  .refine((u) => u.soonDays >= u.urgentDays, { message: 'soonDays must be at least urgentDays' });

/** Maintenance, insurance and inspection reminders (/reminders, README: Reminders). */
export const ReminderConfigSchema = z
  .object({
    /** Kilometres a day assumed for a car with a single mileage reading (about 14,600 a year). */
    defaultKmPerDay: z.number().min(1).max(1000).default(40),
    /** A reminder overdue by more than this many days leaves the list (the customer has gone elsewhere). */
    maxOverdueDays: z.number().int().min(1).max(3650).default(365),
    /** Urgency per reminder type: a service is booked a week ahead, insurance is renewed weeks ahead. */
    urgency: z
      .object({
        service: UrgencySchema.default({ urgentDays: 7, soonDays: 30 }),
        insurance: UrgencySchema.default({ urgentDays: 15, soonDays: 45 }),
        inspection: UrgencySchema.default({ urgentDays: 15, soonDays: 60 }),
      })
      .strict()
      .default({ service: { urgentDays: 7, soonDays: 30 }, insurance: { urgentDays: 15, soonDays: 45 }, inspection: { urgentDays: 15, soonDays: 60 } }),
  })
  .strict()
  .default({
    defaultKmPerDay: 40,
    maxOverdueDays: 365,
    urgency: { service: { urgentDays: 7, soonDays: 30 }, insurance: { urgentDays: 15, soonDays: 45 }, inspection: { urgentDays: 15, soonDays: 60 } },
  });
export type ReminderConfig = z.infer<typeof ReminderConfigSchema>;

const HourMinuteSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. "08:30"');
/** Three years, unless a store's `personalDataRetentionDays` says otherwise. */
export const DEFAULT_PERSONAL_DATA_RETENTION_DAYS = 1095;

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
  alarms: AlarmConfigSchema,
  announcePickup: z.boolean().default(true),
  pageDwellSeconds: z.number().int().min(3).max(120).default(10),
  allowParallelJobs: z.boolean().default(false),
  /**
   * How staff sign in at /sign-in: `password` (staff number or name + password), and on shared
   * desk screens also `badge-pin` (scan one's badge with the desk's scanner, then type one's PIN).
   */
  staffSignIn: z
    .array(z.enum(['password', 'badge-pin']))
    .min(1)
    .default(['password']),
  /** Days after delivery that a customer's tracking link keeps working (for the survey). */
  trackingExpiryDays: z.number().int().min(0).max(90).default(7),
  /**
   * Days a customer's name, phone, plate and VIN are kept after their last visit ended
   * (default 1095, three years); then `npm run privacy -- expire` erases them (README:
   * Personal data and retention). At least the tracking link's lifetime.
   */
  personalDataRetentionDays: z.number().int().min(1).max(36_500).default(DEFAULT_PERSONAL_DATA_RETENTION_DAYS),
  kiosk: KioskConfigSchema,
  eta: EtaConfigSchema,
  /**
   * When the workshop's bays are open, store-local 24-hour HH:MM: the capacity bay utilisation is
   * measured against (docs/kpis.md). Every day of a range counts as open.
   */
  openingHours: z
    .object({ open: HourMinuteSchema, close: HourMinuteSchema })
    .refine((h) => h.close > h.open, { message: 'close must be later than open' })
    .default({ open: '08:00', close: '20:00' }),
  /** The advisors' planner (/plan): cancel reasons (zh-CN/en labels) and the booking grid's step. */
  plan: PlanConfigSchema,
  reminders: ReminderConfigSchema,
  /** Messages to customers who agreed: SMS provider, Web Push, quiet hours, texts (README: Messages to customers). */
  notify: NotifyConfigSchema.optional(),
});
export type Store = z.infer<typeof StoreSchema>;

export const ShopConfigSchema = z.object({
  group: z.object({ name: z.string().min(1) }).optional(),
  stores: z.array(StoreSchema).min(1),
});
export type ShopConfig = z.infer<typeof ShopConfigSchema>;

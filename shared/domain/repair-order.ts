import { z } from 'zod';
import { CalendarDateSchema, ExternalIdSchema, IdSchema, IsoTimeSchema, LocaleSchema } from './ids';
import { CustomerSchema } from './people';
import { AddOnSchema } from './add-on';

export const RO_STAGES = [
  'scheduled',
  'checked_in',
  'waiting_dispatch',
  'in_service',
  'quality_check',
  'washing',
  'ready',
  'delivered',
  'no_show',
  'cancelled',
] as const;
export const RoStageSchema = z.enum(RO_STAGES);
export type RoStage = z.infer<typeof RoStageSchema>;

/** Stages after which nothing more happens to a repair order (defined without zod, for browser pages). */
export { TERMINAL_STAGES } from './stages';

export const OPERATION_STATUSES = ['unassigned', 'assigned', 'in_progress', 'paused', 'done'] as const;
export const OperationStatusSchema = z.enum(OPERATION_STATUSES);
export type OperationStatus = z.infer<typeof OperationStatusSchema>;

export const PauseReasonSchema = z.enum(['parts', 'approval', 'break']);
export type PauseReason = z.infer<typeof PauseReasonSchema>;

/** Why an operation is paused; a parts wait names the part and when it is expected. */
export const PauseSchema = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('parts'), part: z.string().trim().min(1).max(80), eta: IsoTimeSchema.optional() }),
  z.object({ reason: z.literal('approval'), note: z.string().max(200).optional() }),
  z.object({ reason: z.literal('break') }),
]);
export type Pause = z.infer<typeof PauseSchema>;

export const VehicleSchema = z.object({
  plate: z.string().min(2).max(20),
  vin: z
    .string()
    .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'a VIN has 17 letters or digits (no I, O or Q)')
    .optional(),
  make: z.string().trim().min(1).max(30),
  model: z.string().trim().max(40).default(''),
  color: z.string().trim().max(20).default(''),
  mileageKm: z.number().int().min(0).max(3_000_000).optional(),
  /** When the car's compulsory insurance (交强险) runs out, a calendar date (from the DMS, or set by an advisor): a reminder (/reminders). */
  insuranceExpiresOn: CalendarDateSchema.optional(),
  /** When its annual inspection (年检) is due, a calendar date: a reminder (/reminders). */
  inspectionDueOn: CalendarDateSchema.optional(),
});
export type Vehicle = z.infer<typeof VehicleSchema>;

export const OperationSchema = z.object({
  id: IdSchema,
  code: z.string().min(1).max(20),
  title: z.string().trim().min(1).max(80),
  standardHours: z.number().positive().max(100),
  bayId: IdSchema.optional(),
  technicianId: IdSchema.optional(),
  status: OperationStatusSchema,
  pause: PauseSchema.optional(),
  /** When the current run of work began (set while in progress). */
  runningSince: IsoTimeSchema.optional(),
  /** Work time already banked by earlier runs, in milliseconds. */
  workedMs: z.number().int().min(0),
  startedAt: IsoTimeSchema.optional(),
  finishedAt: IsoTimeSchema.optional(),
  reworks: z.number().int().min(0),
});
export type Operation = z.infer<typeof OperationSchema>;

export const TimelineEntrySchema = z.object({
  at: IsoTimeSchema,
  stage: RoStageSchema,
  note: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const PrioritySchema = z.enum(['normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;

/**
 * What the customer agreed to be told, and how, recorded where they agreed (kiosk or desk):
 * `sms` — the visit's messages (server/notify) by text message to the order's phone, in
 * `locale`. Absent: nothing was agreed (orders from before consent was recorded), so no SMS
 * goes out. Web Push needs no record here: the customer's own subscribe on the tracking page
 * is the consent.
 */
export const ContactConsentSchema = z.object({
  sms: z.boolean(),
  locale: LocaleSchema,
  via: z.enum(['kiosk', 'desk']),
});
export type ContactConsent = z.infer<typeof ContactConsentSchema>;

export const RepairOrderSchema = z.object({
  id: IdSchema,
  storeId: IdSchema,
  number: z.string(),
  stage: RoStageSchema,
  stageSince: IsoTimeSchema,
  vehicle: VehicleSchema,
  customer: CustomerSchema,
  advisorId: IdSchema.optional(),
  appointmentId: IdSchema.optional(),
  promisedAt: IsoTimeSchema.optional(),
  priority: PrioritySchema,
  wash: z.boolean(),
  description: z.string().max(500).optional(),
  queueNumber: z.string().optional(),
  operations: z.array(OperationSchema),
  reworkCount: z.number().int().min(0),
  qcNote: z.string().optional(),
  cancelReason: z.string().optional(),
  createdAt: IsoTimeSchema,
  checkedInAt: IsoTimeSchema.optional(),
  readyAt: IsoTimeSchema.optional(),
  deliveredAt: IsoTimeSchema.optional(),
  timeline: z.array(TimelineEntrySchema),
  trackingToken: z.string().optional(),
  survey: z.object({ score: z.number().int().min(1).max(5), comment: z.string().optional(), at: IsoTimeSchema }).optional(),
  /** The record's id in the DMS (unique per store) and the source's time of the change last applied. */
  externalId: ExternalIdSchema.optional(),
  externalUpdatedAt: IsoTimeSchema.optional(),
  contactConsent: ContactConsentSchema.optional(),
  /** Add-on work proposed to the customer (./add-on.ts), pending and decided; absent on orders that never had one. */
  addOns: z.array(AddOnSchema).optional(),
});
export type RepairOrder = z.infer<typeof RepairOrderSchema>;

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'no_show', 'cancelled'] as const;
export const AppointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatusSchema>;

export const AppointmentSchema = z.object({
  id: IdSchema,
  storeId: IdSchema,
  at: IsoTimeSchema,
  vehicle: VehicleSchema,
  customer: CustomerSchema,
  services: z.array(z.string().max(20)).max(20),
  advisorId: IdSchema.optional(),
  bayId: IdSchema.optional(),
  note: z.string().max(500).optional(),
  status: AppointmentStatusSchema,
  roId: IdSchema.optional(),
  createdAt: IsoTimeSchema,
  /** The record's id in the DMS (unique per store) and the source's time of the change last applied. */
  externalId: ExternalIdSchema.optional(),
  externalUpdatedAt: IsoTimeSchema.optional(),
  /**
   * How long the booking holds its bay, from the catalogue's standard hours of its services when
   * booked at the desk or through the API. Without it (DMS imports, older bookings) the span is
   * worked out from the services now (see shared/workflow/capacity.ts).
   */
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  /** Booked past a skill's free hours: who allowed it, why, and what was short then. */
  capacityOverride: z
    .object({
      by: z.object({ id: z.string(), name: z.string().optional() }),
      reason: z.string(),
      at: IsoTimeSchema,
      short: z.array(z.object({ skill: z.string(), neededHours: z.number(), freeHours: z.number() })),
    })
    .optional(),
  /** Why it was cancelled: the configured reason's code, and the words recorded. */
  cancelReasonCode: z.string().optional(),
  cancelReason: z.string().optional(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;

export { workedMsAt } from './stages';

/** A wall screen or tablet paired to one board of the store; unpairing revokes its token. */
export const DisplaySchema = z.object({
  id: IdSchema,
  storeId: IdSchema,
  name: z.string(),
  board: z.enum(['customer', 'dispatch', 'bay']),
  bayId: IdSchema.optional(),
  pairedAt: IsoTimeSchema,
});
export type Display = z.infer<typeof DisplaySchema>;

import { z } from 'zod';
import { ExternalIdSchema, IdSchema, IsoTimeSchema, LocaleSchema } from '../domain/ids';
import { CustomerSchema } from '../domain/people';
import { ContactConsentSchema, PauseSchema, PrioritySchema, VehicleSchema } from '../domain/repair-order';
import { AccessCommandSchemas } from './access-commands';
import { ALARM_KINDS } from '../domain/alarm';
import { AddOnChannelSchema, AddOnDeciderSchema, AddOnPhotoIdSchema, AddOnPriceSchema, MAX_ADD_ON_PHOTOS } from '../domain/add-on';

/** What working a reminder can come to. */
export const REMINDER_OUTCOMES = ['contacted', 'not_interested'] as const;
export type ReminderOutcome = (typeof REMINDER_OUTCOMES)[number];
/** `service:<roId>:<code>`, `insurance:<roId>:<date>`, `inspection:<roId>:<date>` (shared/reminders/project.ts). */
export const ReminderIdSchema = z
  .string()
  .max(120)
  .regex(
    /^(service:[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_.-]{1,20}|(insurance|inspection):[A-Za-z0-9_-]{1,64}:\d{4}-\d{2}-\d{2})$/,
    'a reminder id as the reminders list gives it (service:<ro>:<code>, insurance:<ro>:<date>, inspection:<ro>:<date>)',
  );

/**
 * Commands are the facts the workflow accepts. Once accepted, a command is stored verbatim
 * inside an event, so every id, number and token it needs is filled in before it is applied:
 * replaying the log then always reproduces the same state.
 */
export const OperationDraftSchema = z.object({
  id: IdSchema,
  code: z.string().min(1).max(20),
  title: z.string().trim().min(1).max(80),
  standardHours: z.number().positive().max(100),
  bayId: IdSchema.optional(),
  technicianId: IdSchema.optional(),
});
export type OperationDraft = z.infer<typeof OperationDraftSchema>;

const ro = { roId: IdSchema };
/** A record imported from the DMS: its id there (unique per store) and the source's time of the change. */
const external = { externalId: ExternalIdSchema.optional(), externalUpdatedAt: IsoTimeSchema.optional() };
const op = { roId: IdSchema, operationId: IdSchema };

// Patches list only what changes: no defaults, or a parsed patch would reset unnamed fields.
const VehiclePatchSchema = z
  .object({
    plate: z.string().min(2).max(20).optional(),
    vin: VehicleSchema.shape.vin,
    make: z.string().trim().min(1).max(30).optional(),
    model: z.string().trim().max(40).optional(),
    color: z.string().trim().max(20).optional(),
    mileageKm: VehicleSchema.shape.mileageKm,
    insuranceExpiresOn: VehicleSchema.shape.insuranceExpiresOn,
    inspectionDueOn: VehicleSchema.shape.inspectionDueOn,
  })
  .strict();
const CustomerPatchSchema = z
  .object({
    name: CustomerSchema.shape.name.optional(),
    phone: CustomerSchema.shape.phone.optional(),
    salutation: z.enum(['mr', 'ms', 'none']).optional(),
  })
  .strict();

export const RoPatchSchema = z
  .object({
    promisedAt: IsoTimeSchema.nullable().optional(),
    priority: PrioritySchema.optional(),
    wash: z.boolean().optional(),
    description: z.string().max(500).optional(),
    advisorId: IdSchema.optional(),
    vehicle: VehiclePatchSchema.optional(),
    customer: CustomerPatchSchema.optional(),
    /** The DMS's time of the change this patch applies (import by external id). */
    externalUpdatedAt: IsoTimeSchema.optional(),
  })
  .strict();
export type RoPatch = z.infer<typeof RoPatchSchema>;

export const AppointmentPatchSchema = z
  .object({
    at: IsoTimeSchema.optional(),
    services: z.array(z.string().max(20)).max(20).optional(),
    advisorId: IdSchema.optional(),
    bayId: IdSchema.nullable().optional(),
    note: z.string().max(500).optional(),
    vehicle: VehiclePatchSchema.optional(),
    customer: CustomerPatchSchema.optional(),
    externalUpdatedAt: IsoTimeSchema.optional(),
    /** The span the booking now holds its bay for; a patch with it is a planned move, checked for bay and capacity. */
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
  })
  .strict();
export type AppointmentPatch = z.infer<typeof AppointmentPatchSchema>;

/** An advisor's word to book past a skill's free hours: who, and why. */
const CapacityOverrideSchema = z
  .object({
    reason: z.string().trim().min(1).max(200),
    by: z.object({ id: z.string().min(1).max(64), name: z.string().max(80).optional() }),
  })
  .strict();
const planned = {
  /** Set for bookings made at the desk or through the API: the bay is held this long, and the booking is checked (bay, capacity). */
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  capacityOverride: CapacityOverrideSchema.optional(),
};

export const CommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('createRepairOrder'),
    ...ro,
    number: z.string().min(1).max(40),
    stage: z.enum(['scheduled', 'checked_in']),
    vehicle: VehicleSchema,
    customer: CustomerSchema,
    advisorId: IdSchema.optional(),
    appointmentId: IdSchema.optional(),
    promisedAt: IsoTimeSchema.optional(),
    priority: PrioritySchema.default('normal'),
    wash: z.boolean().default(true),
    description: z.string().max(500).optional(),
    queueNumber: z.string().max(10).optional(),
    trackingToken: z.string().min(16).max(64),
    operations: z.array(OperationDraftSchema).max(50),
    ...external,
    contactConsent: ContactConsentSchema.optional(),
  }),
  z.object({ type: z.literal('updateRepairOrder'), ...ro, patch: RoPatchSchema }),
  z.object({ type: z.literal('addOperation'), ...ro, operation: OperationDraftSchema }),
  z.object({ type: z.literal('assignOperation'), ...op, bayId: IdSchema, technicianId: IdSchema.optional() }),
  z.object({ type: z.literal('checkIn'), ...ro, queueNumber: z.string().max(10).optional(), contactConsent: ContactConsentSchema.optional() }),
  z.object({ type: z.literal('sendToWorkshop'), ...ro }),
  z.object({ type: z.literal('startOperation'), ...op, bayId: IdSchema.optional(), technicianId: IdSchema.optional() }),
  z.object({ type: z.literal('pauseOperation'), ...op, pause: PauseSchema }),
  z.object({ type: z.literal('resumeOperation'), ...op }),
  z.object({ type: z.literal('finishOperation'), ...op }),
  z.object({ type: z.literal('qcPass'), ...ro, note: z.string().max(200).optional() }),
  z.object({
    type: z.literal('qcFail'),
    ...ro,
    reason: z.string().trim().min(1).max(200),
    operationIds: z.array(IdSchema).min(1).max(50),
  }),
  z.object({ type: z.literal('washDone'), ...ro }),
  z.object({ type: z.literal('markReady'), ...ro }),
  z.object({ type: z.literal('deliver'), ...ro }),
  z.object({ type: z.literal('cancel'), ...ro, reason: z.string().trim().min(1).max(200) }),
  z.object({ type: z.literal('markNoShow'), ...ro }),
  z.object({ type: z.literal('submitSurvey'), ...ro, score: z.number().int().min(1).max(5), comment: z.string().max(500).optional() }),
  z.object({
    type: z.literal('createAppointment'),
    appointmentId: IdSchema,
    at: IsoTimeSchema,
    vehicle: VehicleSchema,
    customer: CustomerSchema,
    services: z.array(z.string().max(20)).max(20).default([]),
    advisorId: IdSchema.optional(),
    bayId: IdSchema.optional(),
    note: z.string().max(500).optional(),
    ...external,
    ...planned,
  }),
  z.object({
    type: z.literal('updateAppointment'),
    appointmentId: IdSchema,
    patch: AppointmentPatchSchema,
    capacityOverride: CapacityOverrideSchema.optional(),
  }),
  z.object({
    type: z.literal('cancelAppointment'),
    appointmentId: IdSchema,
    reason: z.string().trim().min(1).max(200).optional(),
    /** The store's configured reason (plan.cancelReasons) the words come from. */
    reasonCode: z.string().max(40).optional(),
  }),
  z.object({ type: z.literal('markAppointmentNoShow'), appointmentId: IdSchema }),
  z.object({
    type: z.literal('pairDisplay'),
    displayId: IdSchema,
    name: z.string().trim().min(1).max(40),
    board: z.enum(['customer', 'dispatch', 'bay']),
    bayId: IdSchema.optional(),
  }),
  z.object({ type: z.literal('unpairDisplay'), displayId: IdSchema }),
  ...AccessCommandSchemas,
  /** A customer at a kiosk asks for a person; the dispatch board shows it until acknowledged. */
  z.object({ type: z.literal('callAdvisor'), callId: IdSchema, kioskId: IdSchema, locale: LocaleSchema.optional() }),
  z.object({ type: z.literal('acknowledgeCall'), callId: IdSchema }),
  /** The dispatcher corrects when a part is expected (the operation stays paused for it). */
  z.object({ type: z.literal('correctPartsEta'), ...op, eta: IsoTimeSchema }),
  /** The server's alarm detector (server/alarms): an anomaly began, or was resolved. */
  z.object({
    type: z.literal('raiseAlarm'),
    alarm: z
      .object({
        id: z.string().min(1).max(200),
        kind: z.enum(ALARM_KINDS),
        since: IsoTimeSchema,
        roId: IdSchema.optional(),
        operationId: IdSchema.optional(),
        bayId: IdSchema.optional(),
        technicianId: IdSchema.optional(),
        callId: IdSchema.optional(),
        stage: z.string().max(30).optional(),
        limitMinutes: z.number().positive().optional(),
        limitFrom: z.enum(['config', 'history']).optional(),
        standardHours: z.number().positive().optional(),
        factor: z.number().positive().optional(),
        shiftEnd: IsoTimeSchema.optional(),
        part: z.string().max(80).optional(),
        eta: IsoTimeSchema.optional(),
      })
      .strict(),
  }),
  /**
   * An advisor worked a maintenance reminder (/reminders): called the customer, or was told they
   * are not interested. `reminderId` is the projection's id (shared/reminders/project.ts).
   */
  z.object({
    type: z.literal('recordReminderOutcome'),
    reminderId: ReminderIdSchema,
    outcome: z.enum(REMINDER_OUTCOMES),
    note: z.string().trim().max(200).optional(),
  }),
  /** Found work proposed to the customer (shared/domain/add-on.ts); `by` is the proposer, filled in by the server. */
  z.object({
    type: z.literal('proposeAddOn'),
    ...ro,
    addOnId: IdSchema,
    title: z.string().trim().min(1).max(80),
    price: AddOnPriceSchema,
    hours: z.number().positive().max(100),
    photoIds: z.array(AddOnPhotoIdSchema).max(MAX_ADD_ON_PHOTOS).default([]),
    by: z.string().min(1).max(64),
    bayId: IdSchema.optional(),
    technicianId: IdSchema.optional(),
  }),
  /** The customer's answer (tracking page), or an advisor recording it (`personId`: who recorded it). */
  z.object({
    type: z.literal('approveAddOn'),
    ...ro,
    addOnId: IdSchema,
    by: AddOnDeciderSchema,
    channel: AddOnChannelSchema,
    personId: z.string().min(1).max(64).optional(),
  }),
  z.object({
    type: z.literal('declineAddOn'),
    ...ro,
    addOnId: IdSchema,
    by: AddOnDeciderSchema,
    channel: AddOnChannelSchema,
    personId: z.string().min(1).max(64).optional(),
  }),
  z.object({ type: z.literal('clearAlarm'), alarmId: z.string().min(1).max(200), reason: z.string().max(40) }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

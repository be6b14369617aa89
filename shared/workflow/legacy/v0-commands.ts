// FROZEN with ./v0-rules.ts (see there): the first log format, never changed again.
import { z } from 'zod';
import { IdSchema, IsoTimeSchema, LocaleSchema } from '../../domain/ids';
import { CustomerSchema } from '../../domain/people';
import { PauseSchema, PrioritySchema, VehicleSchema } from '../../domain/repair-order';
import { AccessCommandSchemas } from './v0-access-commands';

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
  })
  .strict();
export type AppointmentPatch = z.infer<typeof AppointmentPatchSchema>;

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
  }),
  z.object({ type: z.literal('updateRepairOrder'), ...ro, patch: RoPatchSchema }),
  z.object({ type: z.literal('addOperation'), ...ro, operation: OperationDraftSchema }),
  z.object({ type: z.literal('assignOperation'), ...op, bayId: IdSchema, technicianId: IdSchema.optional() }),
  z.object({ type: z.literal('checkIn'), ...ro, queueNumber: z.string().max(10).optional() }),
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
  }),
  z.object({ type: z.literal('updateAppointment'), appointmentId: IdSchema, patch: AppointmentPatchSchema }),
  z.object({ type: z.literal('cancelAppointment'), appointmentId: IdSchema }),
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
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

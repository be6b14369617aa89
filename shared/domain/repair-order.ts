import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from './ids';
import { CustomerSchema } from './people';

export const RO_STAGES = [
  'scheduled', 'checked_in', 'waiting_dispatch', 'in_service', 'quality_check',
  'washing', 'ready', 'delivered', 'no_show', 'cancelled',
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
  vin: z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'a VIN has 17 letters or digits (no I, O or Q)').optional(),
  make: z.string().trim().min(1).max(30),
  model: z.string().trim().max(40).default(''),
  color: z.string().trim().max(20).default(''),
  mileageKm: z.number().int().min(0).max(3_000_000).optional(),
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

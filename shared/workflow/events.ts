import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../domain/ids';
import { CommandSchema } from './commands';

export const SourceSchema = z.enum(['kiosk', 'scan', 'dispatch', 'api', 'system']);
export type Source = z.infer<typeof SourceSchema>;

export const ActorSchema = z.object({
  kind: z.enum(['staff', 'technician', 'integration', 'display', 'customer', 'kiosk', 'system']),
  id: z.string().min(1).max(64),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Idempotency keys are chosen by clients; the same key twice is applied once. */
export const IdempotencyKeySchema = z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and - _ . : only');

/** One accepted fact. The event log is the single source of truth; state is a fold of it. */
export const WorkshopEventSchema = z.object({
  seq: z.number().int().positive(),
  storeId: IdSchema,
  at: IsoTimeSchema,
  actor: ActorSchema,
  source: SourceSchema,
  key: IdempotencyKeySchema,
  device: z.string().max(64).optional(),
  command: CommandSchema,
});
export type WorkshopEvent = z.infer<typeof WorkshopEventSchema>;
export type EventDraft = Omit<WorkshopEvent, 'seq'>;

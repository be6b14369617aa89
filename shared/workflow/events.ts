import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../domain/ids';
import { FactSchema, type Fact } from './facts';

export const SourceSchema = z.enum(['kiosk', 'scan', 'dispatch', 'api', 'system']);
export type Source = z.infer<typeof SourceSchema>;

export const ActorSchema = z.object({
  kind: z.enum(['staff', 'technician', 'integration', 'display', 'customer', 'kiosk', 'system']),
  id: z.string().min(1).max(64),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Idempotency keys are chosen by clients; the same key twice is applied once. */
export const IdempotencyKeySchema = z.string().min(8).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and - _ . : only');

/** Who, when, from where and under which key: the part of a stored event every store reads. */
export const EnvelopeSchema = z.object({
  seq: z.number().int().positive(),
  storeId: IdSchema,
  at: IsoTimeSchema,
  actor: ActorSchema,
  source: SourceSchema,
  key: IdempotencyKeySchema,
  device: z.string().max(64).optional(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/**
 * One stored event: a fact the workflow decided (`type`, schema version `v`, `data`: the values
 * that resulted) in its envelope. The event log is the single source of truth; state is the fold
 * of its facts by `evolve`, which never refuses. Stores treat everything but the envelope as
 * opaque JSON and give back exactly what was appended.
 */
export type WorkshopEvent = Envelope & Fact;
export const WorkshopEventSchema = z.intersection(EnvelopeSchema, FactSchema);
export type EventDraft = Omit<Envelope, 'seq'> & Fact;

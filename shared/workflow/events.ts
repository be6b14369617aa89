import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../domain/ids';
import { FACT_TYPES, type Fact, type FactType } from './facts';

export const SourceSchema = z.enum(['kiosk', 'scan', 'dispatch', 'api', 'system']);
export type Source = z.infer<typeof SourceSchema>;

export const ActorKindSchema = z.enum(['staff', 'technician', 'integration', 'display', 'customer', 'kiosk', 'system']);
export type ActorKind = z.infer<typeof ActorKindSchema>;

/**
 * Who did it. `name` is what the actor was called when it acted (a person's name, the
 * integration's INTEGRATION_NAME, a screen's paired name); screens show the name the store's
 * directory gives the id today and fall back to this one, so a renamed person reads right and a
 * person removed from the config still reads at all. Events from before names have none, and
 * an optional field needs no upcaster. Customers are named by nothing personal (`ro:<roId>`).
 * Built in server/actors.ts, the one place that turns a caller into an actor.
 */
export const ActorSchema = z.object({
  kind: ActorKindSchema,
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(80).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Idempotency keys are chosen by clients; the same key twice is applied once. */
export const IdempotencyKeySchema = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and - _ . : only');

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
 * The shape every stored fact has. Facts are written by the server's own `decide`, never taken
 * from a client, so their data is typed at compile time rather than parsed field by field here.
 * (Kept out of facts.ts so that the boards, which fold nothing, carry no zod.)
 */
export const FactSchema = z.object({
  type: z.enum(FACT_TYPES as [FactType, ...FactType[]]),
  v: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()),
});

/**
 * One stored event: a fact the workflow decided (`type`, schema version `v`, `data`: the values
 * that resulted) in its envelope. The event log is the single source of truth; state is the fold
 * of its facts by `evolve`, which never refuses. Stores treat everything but the envelope as
 * opaque JSON and give back exactly what was appended.
 */
export type WorkshopEvent = Envelope & Fact;
export const WorkshopEventSchema = z.intersection(EnvelopeSchema, FactSchema);
export type EventDraft = Omit<Envelope, 'seq'> & Fact;

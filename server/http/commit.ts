import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import type { Appointment, RepairOrder } from '../../shared/domain/repair-order';
import type { Command } from '../../shared/workflow/commands';
import { answers, targetOfFact } from '../../shared/workflow/fact-targets';
import type { Fact } from '../../shared/workflow/facts';
import { IdempotencyKeySchema, SourceSchema, type Actor, type Source } from '../../shared/workflow/events';
import { mayCommit } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { WorkshopService } from '../workshop-service';
import { fieldProblems, fromWorkflow, HttpError, invalidInput } from './errors';
import { data, type Reply } from './route';
import { actorOfPrincipal } from '../actors';

/** Sources a client may claim with `X-Source`; `system` is the server's own. */
const ClientSourceSchema = SourceSchema.exclude(['system']);

const header = (req: Request, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const parseHeader = <T>(req: Request, name: string, schema: z.ZodType<T>): T | undefined => {
  const value = header(req, name);
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(fieldProblems(`headers.${name}`, parsed.error));
  return parsed.data;
};

const actorOf = (principal: Principal): Actor => {
  if (!mayCommit(principal)) throw new HttpError(403, 'forbidden', 'A display cannot change repair orders');
  return actorOfPrincipal(principal);
};

/** The record a stored fact is about; for a create, the id the server chose for it. */
const targetOf = (f: Fact): { kind: 'ro' | 'appointment'; id: string } => {
  const t = targetOfFact(f);
  if (t.roId) return { kind: 'ro', id: t.roId };
  if (t.appointmentId) return { kind: 'appointment', id: t.appointmentId };
  // The API commits only repair-order and appointment commands, and a retry must match its type.
  throw new Error(`no repair order or appointment in a ${f.type} fact`);
};

/**
 * A retried request must be the same request: answered by the same kind of fact about the same
 * record. The server picks fresh ids for creates, so those compare by what the client named.
 */
const sameRequest = (earlier: Fact, now: Command): boolean => {
  if (!answers(earlier, now.type)) return false;
  if (earlier.type === 'appointmentBooked') return true;
  if (earlier.type === 'repairOrderCreated') return earlier.data.appointment?.id === (now as Extract<Command, { type: 'createRepairOrder' }>).appointmentId;
  const t = targetOfFact(earlier);
  const c = now as { roId?: string; operationId?: string; appointmentId?: string };
  return t.roId === c.roId && t.operationId === c.operationId && t.appointmentId === c.appointmentId;
};

/** The record as it was right after event `seq`, so a retry gets the first answer again. */
async function recordAt(
  service: WorkshopService,
  storeId: string,
  seq: number,
  target: { kind: 'ro' | 'appointment'; id: string },
): Promise<RepairOrder | Appointment | undefined> {
  const recent = await service.changesSince(storeId, seq - 1);
  const change = recent?.find((r) => r.seq === seq)?.changes.find((c) => c.kind === target.kind && c.after?.id === target.id);
  if (change?.kind === 'ro' || change?.kind === 'appointment') return change.after;
  // This process no longer remembers that event (long ago, or another process applied it):
  // the record as it is now is the best answer left.
  const state = await service.state(storeId);
  return target.kind === 'ro' ? state.ros.get(target.id) : state.appointments.get(target.id);
}

export interface WriteContext {
  service: WorkshopService;
  req: Request;
  principal: Principal;
  storeId: string;
}

/**
 * Commit one command as the caller and answer `{data: {repairOrder | appointment, seq, duplicate}}`.
 * `Idempotency-Key` makes retries safe (a random key is used when absent); `X-Source` names
 * where the action happened (default `api`). A repeated key answers the first result.
 */
export async function commitWrite(ctx: WriteContext, command: Command, status = 200): Promise<Reply> {
  const key = parseHeader(ctx.req, 'idempotency-key', IdempotencyKeySchema) ?? randomUUID();
  const source: Source = parseHeader(ctx.req, 'x-source', ClientSourceSchema) ?? 'api';
  const result = await ctx.service.commit({ storeId: ctx.storeId, command, actor: actorOf(ctx.principal), source, key });
  if (!result.ok) throw fromWorkflow(result.error);
  const { event, duplicate } = result;
  if (duplicate && !sameRequest(event, command))
    throw new HttpError(422, 'idempotency_key_reused', `Idempotency-Key "${key}" was already used for a different request (${event.type})`, {
      key,
      firstSeq: event.seq,
    });
  const target = targetOf(event);
  const record = await recordAt(ctx.service, ctx.storeId, event.seq, target);
  const name = target.kind === 'ro' ? 'repairOrder' : 'appointment';
  return data({ [name]: record, seq: event.seq, duplicate }, status);
}

/** The success body of a write, for the OpenAPI document. */
export const writeResponseSchema = (name: 'repairOrder' | 'appointment', record: z.ZodType) =>
  z.object({ data: z.object({ [name]: record, seq: z.number().int().positive(), duplicate: z.boolean() }) });

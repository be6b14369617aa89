import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IsoTimeSchema } from '../../shared/domain/ids';
import type { Appointment, RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { AppointmentPatch, Command, RoPatch } from '../../shared/workflow/commands';
import type { Actor, Source } from '../../shared/workflow/events';
import { fromWorkflow } from '../http/errors';
import { createRepairOrder, type NewRepairOrder } from '../http/new-repair-order';
import { createBody as appointmentCreateBody } from '../http/appointments';
import { createBody as roCreateBody } from '../http/repair-orders';
import { compact } from '../http/schemas';
import { newId } from '../ids';
import { storeQueue } from '../store-queue';
import type { WorkshopService } from '../workshop-service';

/**
 * Create-or-update by the DMS's id (PUT …/by-external-id/{externalId}, and every line of an
 * import). The body is the create body plus the source's `updatedAt`:
 *
 * - no record with that external id → it is created;
 * - the same body again → nothing is committed (`unchanged`);
 * - an `updatedAt` older than the one last applied → nothing is committed (`stale`): deliveries
 *   that arrive out of order settle on the newest;
 * - otherwise only the fields that differ are committed. Fields left out stay as they are (a DMS
 *   that does not send the advisor does not clear it); operations are added by code, never removed.
 *
 * Idempotency keys are derived from the store, external id and body, so a retry after a lost
 * answer is a duplicate at the event store too.
 */

export type UpsertOutcome = 'created' | 'updated' | 'unchanged' | 'stale';

const updatedAt = { updatedAt: IsoTimeSchema.optional().describe("The source system's time of this change; an older one than the last applied is ignored") };
export const roUpsertBody = (store: Store) => roCreateBody(store).extend(updatedAt);
export const appointmentUpsertBody = (store: Store) => appointmentCreateBody(store).extend(updatedAt);
export type RoUpsert = z.output<ReturnType<typeof roUpsertBody>>;
export type AppointmentUpsert = z.output<ReturnType<typeof appointmentUpsertBody>>;

export interface UpsertContext {
  service: WorkshopService;
  store: Store;
  actor: Actor;
  source: Source;
}

export interface UpsertResult<T> {
  outcome: UpsertOutcome;
  record: T;
  /** The store's seq after the last commit this made (absent when nothing was committed). */
  seq?: number;
  /** For `stale`: the source time that was applied before. */
  appliedUpdatedAt?: string;
}

// One upsert per store at a time in this process: two deliveries of one external id in flight
// must not both create. (Across processes the workflow refuses a second create of one external id.)
const serialise = storeQueue();

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);

const isOlder = (incoming: string | undefined, applied: string | undefined) =>
  incoming !== undefined && applied !== undefined && Date.parse(incoming) < Date.parse(applied);

/** The fields of `given` whose value differs from `current`'s (undefined in `given` means "not sent"). */
function changed<T extends object>(given: T, current: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(given) as [keyof T, T[keyof T]][]) {
    if (v === undefined) continue;
    if (JSON.stringify(v) !== JSON.stringify(current[k])) out[k] = v;
  }
  return out;
}

const nonEmpty = (o: object | undefined) => o !== undefined && Object.keys(o).length > 0;

async function commitOrThrow(ctx: UpsertContext, command: Command, key: string): Promise<number> {
  const result = await ctx.service.commit({ storeId: ctx.store.id, command, actor: ctx.actor, source: ctx.source, key });
  if (!result.ok) throw fromWorkflow(result.error);
  return result.event.seq;
}

export function upsertRepairOrder(ctx: UpsertContext, externalId: string, body: RoUpsert): Promise<UpsertResult<RepairOrder>> {
  return serialise(ctx.service, ctx.store.id, async () => {
    const keyBase = `ext:ro:${digest([ctx.store.id, externalId, body])}`;
    const find = async () => [...(await ctx.service.state(ctx.store.id)).ros.values()].find((r) => r.externalId === externalId);
    const existing = await find();
    const { updatedAt: sourceTime, contactConsent, ...rest } = body;
    // Consent the DMS recorded was given at its service desk.
    const input = { ...rest, ...(contactConsent ? { contactConsent: { ...contactConsent, via: 'desk' as const } } : {}) };
    if (!existing) {
      const draft: NewRepairOrder = compact({ ...input, externalId, externalUpdatedAt: sourceTime });
      const seq = await createRepairOrder(ctx.service, ctx.store, draft, (command) => commitOrThrow(ctx, command, `${keyBase}:create`));
      return { outcome: 'created', record: (await find())!, seq };
    }
    if (isOlder(sourceTime, existing.externalUpdatedAt)) return { outcome: 'stale', record: existing, appliedUpdatedAt: existing.externalUpdatedAt };
    const patch: RoPatch = compact({
      ...changed(
        { promisedAt: input.promisedAt, priority: input.priority, wash: input.wash, description: input.description, advisorId: input.advisorId },
        existing,
      ),
      vehicle: nonEmpty(changed(input.vehicle, existing.vehicle)) ? changed(input.vehicle, existing.vehicle) : undefined,
      customer: nonEmpty(changed(input.customer, existing.customer)) ? changed(input.customer, existing.customer) : undefined,
    });
    // Operations by code: what the body lists beyond what the order has (a code twice counts twice).
    const have = existing.operations.map((o) => o.code);
    const added = input.operations.filter((op) => {
      const i = have.indexOf(op.code);
      if (i < 0) return true;
      have.splice(i, 1);
      return false;
    });
    const newerTime = sourceTime !== undefined && sourceTime !== existing.externalUpdatedAt;
    if (!nonEmpty(patch) && added.length === 0 && !newerTime) return { outcome: 'unchanged', record: existing };
    let seq: number | undefined;
    if (nonEmpty(patch) || newerTime)
      seq = await commitOrThrow(
        ctx,
        { type: 'updateRepairOrder', roId: existing.id, patch: compact({ ...patch, externalUpdatedAt: newerTime ? sourceTime : undefined }) },
        `${keyBase}:patch`,
      );
    for (const [i, op] of added.entries())
      seq = await commitOrThrow(ctx, { type: 'addOperation', roId: existing.id, operation: { id: newId('op'), ...op } }, `${keyBase}:op${i}`);
    return { outcome: nonEmpty(patch) || added.length ? 'updated' : 'unchanged', record: (await find())!, seq };
  });
}

export function upsertAppointment(ctx: UpsertContext, externalId: string, body: AppointmentUpsert): Promise<UpsertResult<Appointment>> {
  return serialise(ctx.service, ctx.store.id, async () => {
    const keyBase = `ext:appt:${digest([ctx.store.id, externalId, body])}`;
    const find = async () => [...(await ctx.service.state(ctx.store.id)).appointments.values()].find((a) => a.externalId === externalId);
    const existing = await find();
    const { updatedAt: sourceTime, ...input } = body;
    if (!existing) {
      const seq = await commitOrThrow(
        ctx,
        compact({
          type: 'createAppointment' as const,
          appointmentId: newId('appt'),
          ...input,
          externalId,
          externalUpdatedAt: sourceTime,
        }),
        `${keyBase}:create`,
      );
      return { outcome: 'created', record: (await find())!, seq };
    }
    if (isOlder(sourceTime, existing.externalUpdatedAt)) return { outcome: 'stale', record: existing, appliedUpdatedAt: existing.externalUpdatedAt };
    const sameTime = Date.parse(input.at) === Date.parse(existing.at);
    const patch: AppointmentPatch = compact({
      ...changed({ services: input.services, advisorId: input.advisorId, bayId: input.bayId, note: input.note }, existing),
      at: sameTime ? undefined : input.at,
      vehicle: nonEmpty(changed(input.vehicle, existing.vehicle)) ? changed(input.vehicle, existing.vehicle) : undefined,
      customer: nonEmpty(changed(input.customer, existing.customer)) ? changed(input.customer, existing.customer) : undefined,
    });
    const newerTime = sourceTime !== undefined && sourceTime !== existing.externalUpdatedAt;
    if (!nonEmpty(patch) && !newerTime) return { outcome: 'unchanged', record: existing };
    const seq = await commitOrThrow(
      ctx,
      {
        type: 'updateAppointment',
        appointmentId: existing.id,
        patch: compact({ ...patch, externalUpdatedAt: newerTime ? sourceTime : undefined }),
      },
      `${keyBase}:patch`,
    );
    return { outcome: nonEmpty(patch) ? 'updated' : 'unchanged', record: (await find())!, seq };
  });
}

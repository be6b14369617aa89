import { z } from 'zod';
import { IdSchema, IsoTimeSchema, LocaleSchema } from '../../shared/domain/ids';
import { normalisePlate } from '../../shared/domain/plate';
import { PrioritySchema, RepairOrderSchema, RoStageSchema, TERMINAL_STAGES, type RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import { newId } from '../ids';
import { commitWrite, writeResponseSchema } from './commit';
import { HttpError } from './errors';
import { createRepairOrder } from './new-repair-order';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import { data, defineRoute } from './route';
import { csvOf, customerInput, customerPatchInput, nonEmpty, operationInput, page, paging, plateFilter, vehicleInput, vehiclePatchInput } from './schemas';

const BASE = '/api/stores/:storeId/repair-orders';
const storeParams = z.strictObject({ storeId: IdSchema });
export const roParams = z.strictObject({ storeId: IdSchema, roId: IdSchema });
const tag = 'Repair orders';

export const roWritten = writeResponseSchema('repairOrder', RepairOrderSchema);

export const createBody = (store: Store) =>
  z.strictObject({
    vehicle: vehicleInput(store.country),
    customer: customerInput,
    advisorId: IdSchema.optional(),
    promisedAt: IsoTimeSchema.optional(),
    priority: PrioritySchema.optional(),
    wash: z.boolean().optional(),
    description: z.string().max(500).optional(),
    stage: z.enum(['scheduled', 'checked_in']).default('checked_in'),
    appointmentId: IdSchema.optional(),
    operations: z.array(operationInput(store)).max(50).default([]),
    /** What the customer agreed at the desk: `sms: true` lets server/notify text them the visit's messages. */
    contactConsent: z.strictObject({ sms: z.boolean(), locale: LocaleSchema.default(store.locale) }).optional(),
  });

const patchBody = (store: Store) =>
  z
    .strictObject({
      promisedAt: IsoTimeSchema.nullable().optional(),
      priority: PrioritySchema.optional(),
      wash: z.boolean().optional(),
      description: z.string().max(500).optional(),
      advisorId: IdSchema.optional(),
      vehicle: vehiclePatchInput(store.country).refine(nonEmpty, 'give at least one vehicle field').optional(),
      customer: customerPatchInput.refine(nonEmpty, 'give at least one customer field').optional(),
    })
    .refine(nonEmpty, 'give at least one field to change');

const listQuery = z.strictObject({
  stage: csvOf(RoStageSchema).optional(),
  bayId: IdSchema.optional(),
  technicianId: IdSchema.optional(),
  advisorId: IdSchema.optional(),
  plate: plateFilter.optional(),
  q: z.string().trim().min(1).max(40).optional(),
  open: z.enum(['true', 'false']).optional(),
  ...paging,
});
type ListQuery = z.infer<typeof listQuery>;

const matches = (ro: RepairOrder, q: ListQuery): boolean => {
  if (q.stage && !q.stage.includes(ro.stage)) return false;
  if (q.bayId && !ro.operations.some((o) => o.bayId === q.bayId)) return false;
  if (q.technicianId && !ro.operations.some((o) => o.technicianId === q.technicianId)) return false;
  if (q.advisorId && ro.advisorId !== q.advisorId) return false;
  if (q.plate && ro.vehicle.plate !== q.plate) return false;
  if (q.open !== undefined && (q.open === 'true') === TERMINAL_STAGES.includes(ro.stage)) return false;
  if (q.q) {
    const needle = normalisePlate(q.q);
    if (!ro.vehicle.plate.includes(needle) && !normalisePlate(ro.number).includes(needle)) return false;
  }
  return true;
};

/** Repair orders: create, find, read, edit, cancel, add work. Stage and operation actions are in repair-order-actions.ts. */
export const repairOrderRoutes = [
  defineRoute({
    name: 'createRepairOrder',
    method: 'post',
    path: BASE,
    access: rolesFor('createRepairOrder'),
    tag,
    summary: 'Open a repair order (checked in unless stage is "scheduled"); catalogue codes fill operation titles and hours',
    params: storeParams,
    body: createBody,
    response: { status: 201, description: 'The new repair order', schema: roWritten },
    run: async ({ body: { contactConsent, ...body } }, { deps, req, principal, store }) =>
      createRepairOrder(
        deps.service,
        store,
        { ...body, ...(contactConsent ? { contactConsent: { ...contactConsent, via: 'desk' as const } } : {}) },
        (command) => commitWrite({ service: deps.service, req, principal, storeId: store.id }, command, 201),
      ),
  }),
  defineRoute({
    name: 'listRepairOrders',
    method: 'get',
    path: BASE,
    access: READS.staffData,
    tag,
    summary: 'Repair orders, newest first, filtered by stage (comma-separated), bay, technician, advisor, plate, text or open',
    params: storeParams,
    query: listQuery,
    response: {
      status: 200,
      description: 'One page of repair orders and the total that matched',
      schema: z.object({ data: z.array(RepairOrderSchema), total: z.number().int() }),
    },
    run: async ({ query }, { deps, store }) => {
      const state = await deps.service.state(store.id);
      const found = [...state.ros.values()]
        .filter((ro) => matches(ro, query))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number.localeCompare(a.number));
      return { status: 200, body: page(found, query) };
    },
  }),
  defineRoute({
    name: 'getRepairOrder',
    method: 'get',
    path: `${BASE}/:roId`,
    access: READS.staffData,
    tag,
    summary: 'One repair order',
    params: roParams,
    response: { status: 200, description: 'The repair order', schema: z.object({ data: RepairOrderSchema }) },
    run: async ({ params }, { deps, store }) => {
      const ro = (await deps.service.state(store.id)).ros.get(params.roId);
      if (!ro) throw new HttpError(404, 'not_found', `There is no repair order "${params.roId}"`, { roId: params.roId });
      return data(ro);
    },
  }),
  defineRoute({
    name: 'updateRepairOrder',
    method: 'patch',
    path: `${BASE}/:roId`,
    access: rolesFor('updateRepairOrder'),
    tag,
    summary: 'Change promised time (null clears it), priority, wash, description, advisor, vehicle or customer details',
    params: roParams,
    body: patchBody,
    response: { status: 200, description: 'The updated repair order', schema: roWritten },
    run: async ({ params, body }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id }, { type: 'updateRepairOrder', roId: params.roId, patch: body }),
  }),
  defineRoute({
    name: 'cancelRepairOrder',
    method: 'post',
    path: `${BASE}/:roId/cancel`,
    access: rolesFor('cancel'),
    tag,
    summary: 'Cancel a repair order that is not yet being worked on',
    params: roParams,
    body: z.strictObject({ reason: z.string().trim().min(1).max(200) }),
    response: { status: 200, description: 'The cancelled repair order', schema: roWritten },
    run: async ({ params, body }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id }, { type: 'cancel', roId: params.roId, reason: body.reason }),
  }),
  defineRoute({
    name: 'addOperation',
    method: 'post',
    path: `${BASE}/:roId/operations`,
    access: rolesFor('addOperation'),
    tag,
    summary: 'Add an operation (a catalogue code, or a code with title and standard hours)',
    params: roParams,
    body: (store: Store) => operationInput(store),
    response: { status: 201, description: 'The repair order with the new operation last', schema: roWritten },
    run: async ({ params, body }, { deps, req, principal, store }) =>
      commitWrite(
        { service: deps.service, req, principal, storeId: store.id },
        {
          type: 'addOperation',
          roId: params.roId,
          operation: { id: newId('op'), ...body },
        },
        201,
      ),
  }),
];

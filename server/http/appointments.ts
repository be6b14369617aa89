import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../../shared/domain/ids';
import { AppointmentSchema, AppointmentStatusSchema, PrioritySchema, type Appointment } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import { localDate, newId } from '../ids';
import { commitWrite, writeResponseSchema, type WriteContext } from './commit';
import { HttpError } from './errors';
import { createRepairOrder } from './new-repair-order';
import { roWritten } from './repair-orders';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import { data, defineRoute } from './route';
import {
  compact, csvOf, customerInput, customerPatchInput, nonEmpty, page, paging, plateFilter, serviceCode, vehicleInput, vehiclePatchInput,
} from './schemas';

const BASE = '/api/stores/:storeId/appointments';
const storeParams = z.strictObject({ storeId: IdSchema });
const apptParams = z.strictObject({ storeId: IdSchema, appointmentId: IdSchema });
const tag = 'Appointments';
const written = writeResponseSchema('appointment', AppointmentSchema);

const createBody = (store: Store) =>
  z.strictObject({
    at: IsoTimeSchema,
    vehicle: vehicleInput(store.country),
    customer: customerInput,
    services: z.array(serviceCode(store)).max(20).default([]),
    advisorId: IdSchema.optional(),
    bayId: IdSchema.optional(),
    note: z.string().max(500).optional(),
  });

const patchBody = (store: Store) =>
  z.strictObject({
    at: IsoTimeSchema.optional(),
    services: z.array(serviceCode(store)).max(20).optional(),
    advisorId: IdSchema.optional(),
    bayId: IdSchema.nullable().optional(),
    note: z.string().max(500).optional(),
    vehicle: vehiclePatchInput(store.country).refine(nonEmpty, 'give at least one vehicle field').optional(),
    customer: customerPatchInput.refine(nonEmpty, 'give at least one customer field').optional(),
  }).refine(nonEmpty, 'give at least one field to change');

const listQuery = z.strictObject({
  status: csvOf(AppointmentStatusSchema).optional(),
  date: z.iso.date().optional(),
  plate: plateFilter.optional(),
  ...paging,
});

const checkInBody = z.strictObject({
  promisedAt: IsoTimeSchema.optional(),
  priority: PrioritySchema.optional(),
  wash: z.boolean().optional(),
  description: z.string().max(500).optional(),
});

async function findAppointment(ctx: { service: WriteContext['service'] }, storeId: string, id: string): Promise<Appointment> {
  const appointment = (await ctx.service.state(storeId)).appointments.get(id);
  if (!appointment) throw new HttpError(404, 'not_found', `There is no appointment "${id}"`, { appointmentId: id });
  return appointment;
}

/** Appointments: book, find, read, change, cancel, no-show, and check in (which opens the repair order). */
export const appointmentRoutes = [
  defineRoute({
    name: 'createAppointment', method: 'post', path: BASE, access: rolesFor('createAppointment'), tag,
    summary: 'Book an appointment; services are catalogue codes',
    params: storeParams,
    body: createBody,
    response: { status: 201, description: 'The new appointment', schema: written },
    run: async ({ body }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id },
        compact({ type: 'createAppointment' as const, appointmentId: newId('appt'), ...body }), 201),
  }),
  defineRoute({
    name: 'listAppointments', method: 'get', path: BASE, access: READS.staffData, tag,
    summary: 'Appointments in time order, filtered by status (comma-separated), store-local date (YYYY-MM-DD) or plate',
    params: storeParams,
    query: listQuery,
    response: { status: 200, description: 'One page of appointments and the total that matched', schema: z.object({ data: z.array(AppointmentSchema), total: z.number().int() }) },
    run: async ({ query }, { deps, store }) => {
      const state = await deps.service.state(store.id);
      const found = [...state.appointments.values()]
        .filter((a) => (!query.status || query.status.includes(a.status))
          && (!query.date || localDate(new Date(a.at), store.timezone) === query.date)
          && (!query.plate || a.vehicle.plate === query.plate))
        .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
      return { status: 200, body: page(found, query) };
    },
  }),
  defineRoute({
    name: 'getAppointment', method: 'get', path: `${BASE}/:appointmentId`, access: READS.staffData, tag,
    summary: 'One appointment',
    params: apptParams,
    response: { status: 200, description: 'The appointment', schema: z.object({ data: AppointmentSchema }) },
    run: async ({ params }, { deps, store }) => data(await findAppointment(deps, store.id, params.appointmentId)),
  }),
  defineRoute({
    name: 'updateAppointment', method: 'patch', path: `${BASE}/:appointmentId`, access: rolesFor('updateAppointment'), tag,
    summary: 'Change a booked appointment (bayId null releases the reserved bay)',
    params: apptParams,
    body: patchBody,
    response: { status: 200, description: 'The updated appointment', schema: written },
    run: async ({ params, body }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id }, { type: 'updateAppointment', appointmentId: params.appointmentId, patch: body }),
  }),
  defineRoute({
    name: 'cancelAppointment', method: 'delete', path: `${BASE}/:appointmentId`, access: rolesFor('cancelAppointment'), tag,
    summary: 'Cancel a booked appointment (it stays on record as cancelled)',
    params: apptParams,
    response: { status: 200, description: 'The cancelled appointment', schema: written },
    run: async ({ params }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id }, { type: 'cancelAppointment', appointmentId: params.appointmentId }),
  }),
  defineRoute({
    name: 'markAppointmentNoShow', method: 'post', path: `${BASE}/:appointmentId/no-show`, access: rolesFor('markAppointmentNoShow'), tag,
    summary: 'The customer did not come',
    params: apptParams,
    body: z.strictObject({}),
    response: { status: 200, description: 'The appointment, now no_show', schema: written },
    run: async ({ params }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id }, { type: 'markAppointmentNoShow', appointmentId: params.appointmentId }),
  }),
  defineRoute({
    name: 'checkInAppointment', method: 'post', path: `${BASE}/:appointmentId/check-in`, access: rolesFor('createRepairOrder'), tag,
    summary: "Check in an appointment: opens a repair order from its vehicle, customer and services (at the reserved bay)",
    params: apptParams,
    body: checkInBody,
    response: { status: 201, description: 'The new repair order', schema: roWritten },
    run: async ({ params, body }, { deps, req, principal, store }) => {
      const appt = await findAppointment(deps, store.id, params.appointmentId);
      // Codes that left the catalogue since booking cannot become operations; keep them readable.
      const known = appt.services.flatMap((code) => store.catalogue.filter((c) => c.code === code));
      const dropped = appt.services.filter((code) => !store.catalogue.some((c) => c.code === code));
      const description = [body.description ?? appt.note, dropped.length ? `Requested: ${dropped.join(', ')}` : undefined]
        .filter(Boolean).join('\n') || undefined;
      return createRepairOrder(deps.service, store, {
        ...body,
        stage: 'checked_in',
        appointmentId: appt.id,
        vehicle: appt.vehicle,
        customer: appt.customer,
        advisorId: appt.advisorId,
        description,
        operations: known.map((c) => compact({ code: c.code, title: c.title[store.locale], standardHours: c.standardHours, bayId: appt.bayId })),
      }, (command) => commitWrite({ service: deps.service, req, principal, storeId: store.id }, command, 201));
    },
  }),
];

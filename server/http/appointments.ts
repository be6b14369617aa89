import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../../shared/domain/ids';
import { AppointmentSchema, AppointmentStatusSchema, PrioritySchema, type Appointment } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import { localDate, newId } from '../ids';
import { actorOfPrincipal } from '../actors';
import type { Principal } from '../auth/principal';
import { durationOf } from '../../shared/workflow/capacity';
import { commitWrite, writeResponseSchema, type WriteContext } from './commit';
import { HttpError, invalidInput } from './errors';
import { createRepairOrder } from './new-repair-order';
import { roWritten } from './repair-orders';
import { READS, rolesFor } from '../../shared/workflow/permissions';
import { data, defineRoute } from './route';
import {
  compact,
  csvOf,
  customerInput,
  customerPatchInput,
  nonEmpty,
  page,
  paging,
  plateFilter,
  serviceCode,
  vehicleInput,
  vehiclePatchInput,
} from './schemas';

const BASE = '/api/stores/:storeId/appointments';
const storeParams = z.strictObject({ storeId: IdSchema });
const apptParams = z.strictObject({ storeId: IdSchema, appointmentId: IdSchema });
const tag = 'Appointments';
const written = writeResponseSchema('appointment', AppointmentSchema);

export const createBody = (store: Store) =>
  z.strictObject({
    at: IsoTimeSchema,
    vehicle: vehicleInput(store.country),
    customer: customerInput,
    services: z.array(serviceCode(store)).max(20).default([]),
    advisorId: IdSchema.optional(),
    bayId: IdSchema.optional(),
    note: z.string().max(500).optional(),
  });

const durationMinutes = z
  .number()
  .int()
  .min(15)
  .max(12 * 60)
  .describe("Minutes the booking holds its bay; default: its services' standard hours (at least 30)");
/** Book past a skill's free hours anyway; who overrode is the caller. Without it such a booking is refused with 409 over_capacity. */
const overrideInput = z.strictObject({ reason: z.string().trim().min(1).max(200) });

const bookBody = (store: Store) => createBody(store).extend({ durationMinutes: durationMinutes.optional(), override: overrideInput.optional() });

/** The caller as the override's author ("who"), with their name when the session has one. */
const overrideBy = (principal: Principal, override?: { reason: string }) => {
  if (!override) return undefined;
  const actor = actorOfPrincipal(principal);
  return { reason: override.reason, by: compact({ id: actor.id, name: actor.name }) };
};

const patchBody = (store: Store) =>
  z
    .strictObject({
      at: IsoTimeSchema.optional(),
      services: z.array(serviceCode(store)).max(20).optional(),
      advisorId: IdSchema.optional(),
      bayId: IdSchema.nullable().optional(),
      note: z.string().max(500).optional(),
      vehicle: vehiclePatchInput(store.country).refine(nonEmpty, 'give at least one vehicle field').optional(),
      customer: customerPatchInput.refine(nonEmpty, 'give at least one customer field').optional(),
      durationMinutes: durationMinutes.optional(),
      override: overrideInput.optional(),
    })
    .refine(({ override: _o, ...rest }) => nonEmpty(rest), 'give at least one field to change');

const cancelQuery = z.strictObject({
  reason: z.string().max(40).describe("A code from the store's plan.cancelReasons (GET …/plan lists them with their labels)").optional(),
});

/** The store's configured cancel reason (plan.cancelReasons) a code names; 400 naming query.reason for any other. */
const cancelReasonOf = (store: Store, code: string | undefined) => {
  if (code === undefined) return undefined;
  const reason = store.plan.cancelReasons.find((r) => r.code === code);
  if (!reason)
    throw invalidInput([
      { path: 'query.reason', message: `not one of this store's cancel reasons: ${store.plan.cancelReasons.map((r) => r.code).join(', ')}` },
    ]);
  return reason;
};

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
    name: 'createAppointment',
    method: 'post',
    path: BASE,
    access: rolesFor('createAppointment'),
    tag,
    summary:
      "Book an appointment; services are catalogue codes. It holds `bayId` for its span (409 conflict naming the booking already there) and takes its services' standard hours from the day's capacity (409 over_capacity unless `override.reason` is given; the override is recorded with who gave it)",
    params: storeParams,
    body: bookBody,
    response: { status: 201, description: 'The new appointment', schema: written },
    run: async ({ body }, { deps, req, principal, store }) => {
      const { override, durationMinutes: asked, ...rest } = body;
      return commitWrite(
        { service: deps.service, req, principal, storeId: store.id },
        compact({
          type: 'createAppointment' as const,
          appointmentId: newId('appt'),
          ...rest,
          durationMinutes: asked ?? durationOf(store, rest.services),
          capacityOverride: overrideBy(principal, override),
        }),
        201,
      );
    },
  }),
  defineRoute({
    name: 'listAppointments',
    method: 'get',
    path: BASE,
    access: READS.staffData,
    tag,
    summary: 'Appointments in time order, filtered by status (comma-separated), store-local date (YYYY-MM-DD) or plate',
    params: storeParams,
    query: listQuery,
    response: {
      status: 200,
      description: 'One page of appointments and the total that matched',
      schema: z.object({ data: z.array(AppointmentSchema), total: z.number().int() }),
    },
    run: async ({ query }, { deps, store }) => {
      const state = await deps.service.state(store.id);
      const found = [...state.appointments.values()]
        .filter(
          (a) =>
            (!query.status || query.status.includes(a.status)) &&
            (!query.date || localDate(new Date(a.at), store.timezone) === query.date) &&
            (!query.plate || a.vehicle.plate === query.plate),
        )
        .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
      return { status: 200, body: page(found, query) };
    },
  }),
  defineRoute({
    name: 'getAppointment',
    method: 'get',
    path: `${BASE}/:appointmentId`,
    access: READS.staffData,
    tag,
    summary: 'One appointment',
    params: apptParams,
    response: { status: 200, description: 'The appointment', schema: z.object({ data: AppointmentSchema }) },
    run: async ({ params }, { deps, store }) => data(await findAppointment(deps, store.id, params.appointmentId)),
  }),
  defineRoute({
    name: 'updateAppointment',
    method: 'patch',
    path: `${BASE}/:appointmentId`,
    access: rolesFor('updateAppointment'),
    tag,
    summary:
      'Change a booked appointment (bayId null releases the reserved bay). A move (at, bayId, services or durationMinutes) is checked again like a booking: 409 conflict or over_capacity, `override.reason` to book past capacity',
    params: apptParams,
    body: patchBody,
    response: { status: 200, description: 'The updated appointment', schema: written },
    run: async ({ params, body }, { deps, req, principal, store }) => {
      const { override, ...patch } = body;
      const moves = patch.at !== undefined || patch.bayId !== undefined || patch.services !== undefined || patch.durationMinutes !== undefined;
      if (moves && patch.durationMinutes === undefined) {
        const appt = await findAppointment(deps, store.id, params.appointmentId);
        patch.durationMinutes = patch.services ? durationOf(store, patch.services) : (appt.durationMinutes ?? durationOf(store, appt.services));
      }
      return commitWrite(
        { service: deps.service, req, principal, storeId: store.id },
        compact({ type: 'updateAppointment' as const, appointmentId: params.appointmentId, patch, capacityOverride: overrideBy(principal, override) }),
      );
    },
  }),
  defineRoute({
    name: 'cancelAppointment',
    method: 'delete',
    path: `${BASE}/:appointmentId`,
    access: rolesFor('cancelAppointment'),
    tag,
    summary:
      "Cancel a booked appointment (it stays on record as cancelled); `reason` is a code from the store's plan.cancelReasons, recorded with its label in the store's language and counted in the cancellation report and GET /plan",
    params: apptParams,
    query: cancelQuery,
    response: { status: 200, description: 'The cancelled appointment', schema: written },
    run: async ({ params, query }, { deps, req, principal, store }) => {
      const reason = cancelReasonOf(store, query.reason);
      return commitWrite(
        { service: deps.service, req, principal, storeId: store.id },
        compact({
          type: 'cancelAppointment' as const,
          appointmentId: params.appointmentId,
          reason: reason?.label[store.locale],
          reasonCode: reason?.code,
        }),
      );
    },
  }),
  defineRoute({
    name: 'markAppointmentNoShow',
    method: 'post',
    path: `${BASE}/:appointmentId/no-show`,
    access: rolesFor('markAppointmentNoShow'),
    tag,
    summary: 'The customer did not come',
    params: apptParams,
    body: z.strictObject({}),
    response: { status: 200, description: 'The appointment, now no_show', schema: written },
    run: async ({ params }, { deps, req, principal, store }) =>
      commitWrite({ service: deps.service, req, principal, storeId: store.id }, { type: 'markAppointmentNoShow', appointmentId: params.appointmentId }),
  }),
  defineRoute({
    name: 'checkInAppointment',
    method: 'post',
    path: `${BASE}/:appointmentId/check-in`,
    access: rolesFor('createRepairOrder'),
    tag,
    summary: 'Check in an appointment: opens a repair order from its vehicle, customer and services (at the reserved bay)',
    params: apptParams,
    body: checkInBody,
    response: { status: 201, description: 'The new repair order', schema: roWritten },
    run: async ({ params, body }, { deps, req, principal, store }) => {
      const appt = await findAppointment(deps, store.id, params.appointmentId);
      // Codes that left the catalogue since booking cannot become operations; keep them readable.
      const known = appt.services.flatMap((code) => store.catalogue.filter((c) => c.code === code));
      const dropped = appt.services.filter((code) => !store.catalogue.some((c) => c.code === code));
      const description =
        [body.description ?? appt.note, dropped.length ? `Requested: ${dropped.join(', ')}` : undefined].filter(Boolean).join('\n') || undefined;
      return createRepairOrder(
        deps.service,
        store,
        {
          ...body,
          stage: 'checked_in',
          appointmentId: appt.id,
          vehicle: appt.vehicle,
          customer: appt.customer,
          advisorId: appt.advisorId,
          description,
          operations: known.map((c) => compact({ code: c.code, title: c.title[store.locale], standardHours: c.standardHours, bayId: appt.bayId })),
        },
        (command) => commitWrite({ service: deps.service, req, principal, storeId: store.id }, command, 201),
      );
    },
  }),
];

import type { Appointment } from '../domain/repair-order';
import type { CommandOf } from './commands';
import { fact, type FactOf } from './facts';
import {
  canMoveStage, changeRo, checkBay, compact, fail, withStage, type Change, type DecideContext, type Decision, type EventContext, type WorkshopState,
} from './rules';

/** Appointments (预约): booking, changing, cancelling and no-shows, with the prepared repair order they may have. */

export type AppointmentCommand = CommandOf<'createAppointment' | 'updateAppointment' | 'cancelAppointment' | 'markAppointmentNoShow'>;

export function decideAppointment(state: WorkshopState, c: AppointmentCommand, ctx: DecideContext): Decision {
  if (c.type === 'createAppointment') {
    if (state.appointments.has(c.appointmentId)) return fail('conflict', `Appointment "${c.appointmentId}" already exists`);
    const bad = checkBay(ctx, c.bayId);
    if (bad) return bad;
    const { type: _t, appointmentId, ...rest } = c;
    const appointment: Appointment = compact({ ...rest, id: appointmentId, storeId: ctx.storeId, status: 'booked' as const, createdAt: ctx.at });
    return { ok: true, fact: fact('appointmentBooked', { appointment }) };
  }
  const appt = state.appointments.get(c.appointmentId);
  if (!appt) return fail('not_found', `There is no appointment "${c.appointmentId}"`, { appointmentId: c.appointmentId });
  const requested = c.type === 'updateAppointment' ? 'update' : c.type === 'cancelAppointment' ? 'cancelled' : 'no_show';
  if (appt.status !== 'booked')
    return fail('illegal_transition', `Appointment ${appt.id} is ${appt.status}, and ${appt.status} → ${requested} is not allowed`, { current: appt.status, requested });
  if (c.type === 'updateAppointment') return { ok: true, fact: fact('appointmentUpdated', { appointmentId: appt.id, patch: c.patch }) };
  // The prepared repair order goes with it while it is still only scheduled.
  const ro = appt.roId ? state.ros.get(appt.roId) : undefined;
  const stage = requested === 'cancelled' ? 'cancelled' : 'no_show';
  const roId = ro && ro.stage === 'scheduled' && canMoveStage(ro.stage, stage) ? ro.id : undefined;
  return {
    ok: true,
    fact: requested === 'cancelled'
      ? fact('appointmentCancelled', compact({ appointmentId: appt.id, roId }))
      : fact('appointmentNoShow', compact({ appointmentId: appt.id, roId })),
  };
}

const changeAppt = (state: WorkshopState, id: string, update: (a: Appointment) => Appointment): Change[] => {
  const appt = state.appointments.get(id);
  return appt ? [{ kind: 'appointment', value: update(appt) }] : [];
};

type AppointmentFactType = 'appointmentBooked' | 'appointmentUpdated' | 'appointmentCancelled' | 'appointmentNoShow';

/** Record what an appointment fact says. Never refuses. */
export const evolveAppointment: { [T in AppointmentFactType]: (state: WorkshopState, data: FactOf<T>['data'], e: EventContext) => Change[] } = {
  appointmentBooked: (_state, { appointment }) => [{ kind: 'appointment', value: appointment }],
  appointmentUpdated: (state, { appointmentId, patch }) => changeAppt(state, appointmentId, (appt) => {
    const { vehicle, customer, bayId, ...simple } = patch;
    const next: Appointment = { ...appt, ...simple, vehicle: { ...appt.vehicle, ...vehicle }, customer: { ...appt.customer, ...customer } };
    if (bayId === null) delete next.bayId;
    else if (bayId !== undefined) next.bayId = bayId;
    return next;
  }),
  appointmentCancelled: (state, { appointmentId, roId }, { at }) => [
    ...changeAppt(state, appointmentId, (appt) => ({ ...appt, status: 'cancelled' })),
    ...(roId ? changeRo(state, roId, (ro) => withStage(ro, 'cancelled', at)) : []),
  ],
  appointmentNoShow: (state, { appointmentId, roId }, { at }) => [
    ...changeAppt(state, appointmentId, (appt) => ({ ...appt, status: 'no_show' })),
    ...(roId ? changeRo(state, roId, (ro) => withStage(ro, 'no_show', at)) : []),
  ],
};

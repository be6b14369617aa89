import { localDate } from '../domain/local-date';
import type { Appointment } from '../domain/repair-order';
import { bayClash, shortfall, spanOf, type PlanStore } from './capacity';
import type { CommandOf } from './commands';
import { fact, type CapacityOverride, type FactOf } from './facts';
import {
  canMoveStage,
  changeRo,
  checkBay,
  compact,
  fail,
  withStage,
  type Change,
  type DecideContext,
  type Decision,
  type EventContext,
  type WorkshopState,
} from './rules';

/**
 * Appointments (预约): booking, changing, cancelling and no-shows, with the prepared repair order they may have.
 * A planned booking (one that names its `durationMinutes`) reserves its bay for that span and
 * takes its services' hours from the day's capacity (./capacity.ts): a bay held by another
 * booking for part of the span is refused (`conflict`, naming it), and a skill taken past its free
 * hours is refused (`over_capacity`) unless an advisor overrides with a reason, which the fact keeps.
 */

export type AppointmentCommand = CommandOf<'createAppointment' | 'updateAppointment' | 'cancelAppointment' | 'markAppointmentNoShow'>;

export function decideAppointment(state: WorkshopState, c: AppointmentCommand, ctx: DecideContext): Decision {
  if (c.type === 'createAppointment') {
    if (state.appointments.has(c.appointmentId)) return fail('conflict', `Appointment "${c.appointmentId}" already exists`);
    const holder = c.externalId ? [...state.appointments.values()].find((a) => a.externalId === c.externalId) : undefined;
    if (holder)
      return fail('conflict', `External id "${c.externalId}" is already appointment ${holder.id}`, { externalId: c.externalId, appointmentId: holder.id });
    const bad = checkBay(ctx, c.bayId);
    if (bad) return bad;
    const { type: _t, appointmentId, capacityOverride: asked, ...rest } = c;
    const planned = checkPlan(state, ctx, { ...rest, id: appointmentId }, asked);
    if (!planned.ok) return planned;
    const appointment: Appointment = compact({
      ...rest,
      id: appointmentId,
      storeId: ctx.storeId,
      status: 'booked' as const,
      createdAt: ctx.at,
      capacityOverride: planned.override,
    });
    return { ok: true, fact: fact('appointmentBooked', { appointment }) };
  }
  const appt = state.appointments.get(c.appointmentId);
  if (!appt) return fail('not_found', `There is no appointment "${c.appointmentId}"`, { appointmentId: c.appointmentId });
  const requested = c.type === 'updateAppointment' ? 'update' : c.type === 'cancelAppointment' ? 'cancelled' : 'no_show';
  if (appt.status !== 'booked')
    return fail('illegal_transition', `Appointment ${appt.id} is ${appt.status}, and ${appt.status} → ${requested} is not allowed`, {
      current: appt.status,
      requested,
    });
  if (c.type === 'updateAppointment') {
    const bad = checkBay(ctx, c.patch.bayId ?? undefined);
    if (bad) return bad;
    const moved = {
      ...appt,
      ...(c.patch.at ? { at: c.patch.at } : {}),
      ...(c.patch.services ? { services: c.patch.services } : {}),
      durationMinutes: c.patch.durationMinutes,
    };
    if (c.patch.bayId === null) delete moved.bayId;
    else if (c.patch.bayId) moved.bayId = c.patch.bayId;
    const planned = checkPlan(state, ctx, moved, c.capacityOverride);
    if (!planned.ok) return planned;
    return { ok: true, fact: fact('appointmentUpdated', compact({ appointmentId: appt.id, patch: c.patch, capacityOverride: planned.override })) };
  }
  // The prepared repair order goes with it while it is still only scheduled.
  const ro = appt.roId ? state.ros.get(appt.roId) : undefined;
  const stage = requested === 'cancelled' ? 'cancelled' : 'no_show';
  const roId = ro && ro.stage === 'scheduled' && canMoveStage(ro.stage, stage) ? ro.id : undefined;
  return {
    ok: true,
    fact:
      requested === 'cancelled'
        ? fact(
            'appointmentCancelled',
            compact({
              appointmentId: appt.id,
              roId,
              reason: c.type === 'cancelAppointment' ? c.reason : undefined,
              reasonCode: c.type === 'cancelAppointment' ? c.reasonCode : undefined,
            }),
          )
        : fact('appointmentNoShow', compact({ appointmentId: appt.id, roId })),
  };
}

const planStoreOf = (ctx: DecideContext): PlanStore | undefined => {
  const s = ctx.store;
  return s?.catalogue && s.openingHours && s.timezone ? { ...s, catalogue: s.catalogue, openingHours: s.openingHours, timezone: s.timezone } : undefined;
};

const clock = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

/**
 * The checks a planned booking (one with `durationMinutes`) must pass: its bay is free for its
 * span, and no skill goes past its free hours that day (days before today are not checked) unless
 * overridden. Answers the override to record, when one was needed.
 */
function checkPlan(
  state: WorkshopState,
  ctx: DecideContext,
  booking: Pick<Appointment, 'id' | 'at' | 'services' | 'bayId' | 'durationMinutes'>,
  asked?: { reason: string; by: CapacityOverride['by'] },
): { ok: true; override?: CapacityOverride } | { ok: false; error: ReturnType<typeof fail>['error'] } {
  const store = planStoreOf(ctx);
  if (!store || !booking.durationMinutes) return { ok: true };
  const span = spanOf(store, booking);
  if (booking.bayId) {
    const other = bayClash(state, store, booking.bayId, span, booking.id);
    if (other) {
      const o = spanOf(store, other);
      return fail(
        'conflict',
        `Bay ${booking.bayId} is already booked ${clock(o.start, store.timezone)}–${clock(o.end, store.timezone)} by appointment ${other.id} (${other.vehicle.plate})`,
        {
          bayId: booking.bayId,
          appointmentId: other.id,
          from: new Date(o.start).toISOString(),
          to: new Date(o.end).toISOString(),
        },
      );
    }
  }
  const at = Date.parse(ctx.at);
  if (localDate(booking.at, store.timezone) < localDate(at, store.timezone)) return { ok: true };
  const short = shortfall(state, store, booking, at, booking.id);
  if (!short.length) return { ok: true };
  if (!asked) {
    const words = short.map((s) => `${s.skill} needs ${s.neededHours} h, ${s.freeHours} h free`).join('; ');
    return fail('over_capacity', `${localDate(booking.at, store.timezone)} is fully booked: ${words}. An advisor may override with a reason.`, { short });
  }
  return { ok: true, override: { by: compact(asked.by), reason: asked.reason, at: ctx.at, short } };
}

const changeAppt = (state: WorkshopState, id: string, update: (a: Appointment) => Appointment): Change[] => {
  const appt = state.appointments.get(id);
  return appt ? [{ kind: 'appointment', value: update(appt) }] : [];
};

type AppointmentFactType = 'appointmentBooked' | 'appointmentUpdated' | 'appointmentCancelled' | 'appointmentNoShow';

/** Record what an appointment fact says. Never refuses. */
export const evolveAppointment: { [T in AppointmentFactType]: (state: WorkshopState, data: FactOf<T>['data'], e: EventContext) => Change[] } = {
  appointmentBooked: (_state, { appointment }) => [{ kind: 'appointment', value: appointment }],
  appointmentUpdated: (state, { appointmentId, patch, capacityOverride }) =>
    changeAppt(state, appointmentId, (appt) => {
      const { vehicle, customer, bayId, ...simple } = patch;
      const next: Appointment = { ...appt, ...simple, vehicle: { ...appt.vehicle, ...vehicle }, customer: { ...appt.customer, ...customer } };
      if (capacityOverride) next.capacityOverride = capacityOverride;
      if (bayId === null) delete next.bayId;
      else if (bayId !== undefined) next.bayId = bayId;
      return next;
    }),
  appointmentCancelled: (state, { appointmentId, roId, reason, reasonCode }, { at }) => [
    ...changeAppt(state, appointmentId, (appt) => compact({ ...appt, status: 'cancelled' as const, cancelReason: reason, cancelReasonCode: reasonCode })),
    ...(roId ? changeRo(state, roId, (ro) => ({ ...withStage(ro, 'cancelled', at), ...(reason ? { cancelReason: reason } : {}) })) : []),
  ],
  appointmentNoShow: (state, { appointmentId, roId }, { at }) => [
    ...changeAppt(state, appointmentId, (appt) => ({ ...appt, status: 'no_show' })),
    ...(roId ? changeRo(state, roId, (ro) => withStage(ro, 'no_show', at)) : []),
  ],
};

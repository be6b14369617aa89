import { maskName, maskPhone } from '../../shared/domain/mask';
import { formatPlate } from '../../shared/domain/plate';
import type { Appointment, RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { StoreState } from '../../shared/workflow/state';
import type { BookingSummary, ServiceLine } from '../../shared/kiosk/payloads';
import { localDate } from '../ids';

/**
 * Finding a customer's own booking at the kiosk. Every function here is given BOTH facts (the
 * plate and the last four phone digits, or a signed appointment code) and answers only about
 * records that match both, so nothing it says reveals whether a plate alone is known.
 */

/** Something booked that a check-in moves on: an appointment (maybe with a prepared order) or a prepared order alone. */
export type Booking = { kind: 'appointment'; appointment: Appointment; prepared?: RepairOrder } | { kind: 'prepared'; ro: RepairOrder };

export type Lookup =
  | { found: Booking }
  /** Both facts match a booking on another day. */
  | { notToday: string }
  /** Both facts match a car that is already checked in. */
  | { alreadyIn: RepairOrder }
  | { none: true };

const OPEN_STAGES = ['checked_in', 'waiting_dispatch', 'in_service', 'quality_check', 'washing', 'ready'];

export const phoneEndsWith = (phone: string, last4: string) => phone.replace(/\D/g, '').endsWith(last4);

const owns = (plate: string, last4: string) => (r: { vehicle: { plate: string }; customer: { phone: string } }) =>
  r.vehicle.plate === plate && phoneEndsWith(r.customer.phone, last4);

/** The prepared (scheduled) repair order an appointment already has, if any. */
const preparedOf = (state: StoreState, appointment: Appointment) => {
  const ro = appointment.roId ? state.ros.get(appointment.roId) : undefined;
  return ro?.stage === 'scheduled' ? ro : undefined;
};

/** Today's booking for this plate and phone, or why there is none. */
export function findBooking(state: StoreState, store: Store, plate: string, last4: string, now: Date): Lookup {
  const today = localDate(now, store.timezone);
  const mine = owns(plate, last4);
  const appointments = [...state.appointments.values()].filter((a) => a.status === 'booked' && mine(a)).sort((a, b) => a.at.localeCompare(b.at));
  const todays = appointments.find((a) => localDate(new Date(a.at), store.timezone) === today);
  if (todays) return { found: bookingOf(state, todays) };
  const prepared = [...state.ros.values()].find((ro) => ro.stage === 'scheduled' && !ro.appointmentId && mine(ro));
  if (prepared) return { found: { kind: 'prepared', ro: prepared } };
  const open = [...state.ros.values()].find((ro) => OPEN_STAGES.includes(ro.stage) && mine(ro));
  if (open) return { alreadyIn: open };
  const upcoming = appointments.find((a) => Date.parse(a.at) > now.getTime()) ?? appointments[0];
  if (upcoming) return { notToday: upcoming.at };
  return { none: true };
}

/** Whether the store expects this plate (a booking, a prepared or an open order), whatever the phone: a walk-in with other digits is then a wrong guess. */
export const plateIsExpected = (state: StoreState, plate: string): boolean =>
  [...state.appointments.values()].some((a) => a.status === 'booked' && a.vehicle.plate === plate) ||
  [...state.ros.values()].some((ro) => (ro.stage === 'scheduled' || OPEN_STAGES.includes(ro.stage)) && ro.vehicle.plate === plate);

export const bookingOf = (state: StoreState, appointment: Appointment): Booking => ({
  kind: 'appointment',
  appointment,
  prepared: preparedOf(state, appointment),
});

/** The id a check-in ticket carries: the appointment, or the prepared order when there is no appointment. */
export const bookingId = (b: Booking) => (b.kind === 'appointment' ? b.appointment.id : b.ro.id);

/** Look a ticket's id up again (the booking may have moved on since the ticket was issued). */
export function bookingById(state: StoreState, id: string): Booking | undefined {
  const appointment = state.appointments.get(id);
  if (appointment) return bookingOf(state, appointment);
  const ro = state.ros.get(id);
  return ro && !ro.appointmentId ? { kind: 'prepared', ro } : undefined;
}

/** Whether a booking can still be checked in, and if not, what became of it. */
export function bookingState(state: StoreState, b: Booking): 'open' | { alreadyIn: RepairOrder } | 'closed' {
  if (b.kind === 'prepared') return b.ro.stage === 'scheduled' ? 'open' : OPEN_STAGES.includes(b.ro.stage) ? { alreadyIn: b.ro } : 'closed';
  const a = b.appointment;
  if (a.status === 'booked') return 'open';
  const ro = a.roId ? state.ros.get(a.roId) : undefined;
  return a.status === 'checked_in' && ro && OPEN_STAGES.includes(ro.stage) ? { alreadyIn: ro } : 'closed';
}

export const serviceLines = (store: Store, codes: readonly string[]): ServiceLine[] =>
  codes.map((code) => {
    const item = store.catalogue.find((c) => c.code === code);
    return item ? { code, title: item.title, standardHours: item.standardHours } : { code, title: { 'zh-CN': code, en: code } };
  });

export function summaryOf(store: Store, b: Booking): BookingSummary {
  const source = b.kind === 'appointment' ? b.appointment : b.ro;
  const advisorId = b.kind === 'appointment' ? b.appointment.advisorId : b.ro.advisorId;
  const advisor = store.advisors.find((a) => a.id === advisorId);
  const lines =
    b.kind === 'appointment'
      ? serviceLines(store, b.appointment.services)
      : b.ro.operations.map((o) => ({
          code: o.code,
          title: store.catalogue.find((c) => c.code === o.code)?.title ?? { 'zh-CN': o.title, en: o.title },
          standardHours: o.standardHours,
        }));
  return {
    at: b.kind === 'appointment' ? b.appointment.at : b.ro.promisedAt,
    plate: formatPlate(source.vehicle.plate, store.country),
    customer: maskName(source.customer.name, source.customer.salutation),
    phone: maskPhone(source.customer.phone.replace(/\D/g, '')),
    services: lines,
    ...(advisor ? { advisor: advisor.desk ? { name: advisor.name, desk: advisor.desk } : { name: advisor.name } } : {}),
  };
}

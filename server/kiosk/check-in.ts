import { UNKNOWN_MAKE } from '../../shared/domain/vehicle-makes';
import type { Salutation } from '../../shared/domain/people';
import type { ContactConsent, RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { Command } from '../../shared/workflow/commands';
import { targetOfFact } from '../../shared/workflow/fact-targets';
import type { Fact } from '../../shared/workflow/facts';
import { queueDay } from '../../shared/workflow/lifecycle';
import type { StoreState } from '../../shared/workflow/state';
import { fromWorkflow } from '../http/errors';
import { createRepairOrder } from '../http/new-repair-order';
import { compact } from '../http/schemas';
import { localDate } from '../ids';
import type { WorkshopService } from '../workshop-service';
import { pickAgainWhileTaken, storeQueue } from '../store-queue';
import type { Booking } from './bookings';
import type { Actor } from '../../shared/workflow/events';

/**
 * Kiosk check-ins, through the same core API as the front desk: `createRepairOrder` (an
 * appointment without an order yet, or a walk-in) or `checkIn` (an order the advisor prepared),
 * both committed by `service.commit` as the kiosk. The result is a repair order in checked_in
 * with a queue number, which every board receives as the next delta.
 */
export interface KioskWrite {
  service: WorkshopService;
  store: Store;
  /** The kiosk as the events name it (server/actors.ts: kioskActor). */
  as: { actor: Actor; device: string };
  /** Idempotency key: a retried check-in (same key) answers the first one's order. */
  key: string;
  /** What the customer ticked at the kiosk, recorded on the order (server/notify sends only with it). */
  contactConsent?: ContactConsent;
}

export interface WalkIn {
  plate: string;
  phone: string;
  name: string;
  salutation: Salutation;
  /** The make the customer chose at the kiosk, if any. */
  make?: string;
  services: string[];
  mileageKm?: number;
  description?: string;
}

// Queue numbers count the day's kiosk tickets, so two check-ins in flight must not pick the same
// one: they queue here per store. That holds within one process; across processes the workflow
// refuses a number given out today and withQueueNumber picks again.
const serialise = storeQueue();

/** `A007`: A for appointments, W for walk-ins, counted per store-local day. */
export function nextQueueNumber(state: StoreState, store: Store, prefix: 'A' | 'W', now: Date): string {
  const today = localDate(now, store.timezone);
  let used = 0;
  for (const ro of state.ros.values()) {
    if (ro.queueNumber?.startsWith(prefix) && queueDay(ro, store.timezone) === today) used = Math.max(used, Number(ro.queueNumber.slice(1)) || 0);
  }
  return `${prefix}${String(used + 1).padStart(3, '0')}`;
}

/** Check in with the next queue number, picking again if another process gave it out first. */
const withQueueNumber = <T>(w: KioskWrite, prefix: 'A' | 'W', checkIn: (queueNumber: string) => Promise<T>): Promise<T> =>
  pickAgainWhileTaken('queue_number_taken', 10, async () => checkIn(nextQueueNumber(await w.service.state(w.store.id), w.store, prefix, new Date())));

const roIdOf = (f: Fact): string => targetOfFact(f).roId ?? '';

async function commitAsKiosk(w: KioskWrite, command: Command): Promise<{ roId: string; duplicate: boolean }> {
  const result = await w.service.commit({
    storeId: w.store.id,
    command,
    actor: w.as.actor,
    source: 'kiosk',
    key: w.key,
    device: w.as.device,
  });
  if (!result.ok) throw fromWorkflow(result.error);
  // A retry answers the first request's order, whatever ids this attempt picked.
  return { roId: roIdOf(result.event), duplicate: result.duplicate };
}

async function orderOf(w: KioskWrite, done: { roId: string; duplicate: boolean }) {
  const ro = (await w.service.state(w.store.id)).ros.get(done.roId);
  if (!ro) throw new Error(`check-in committed but repair order ${done.roId} is not in the state`);
  return { ro, duplicate: done.duplicate };
}

/** The order an earlier request with this idempotency key checked in, if there was one. */
export async function earlierCheckIn(w: KioskWrite): Promise<RepairOrder | undefined> {
  const event = await w.service.events.findByKey(w.store.id, w.key);
  if (!event || event.source !== 'kiosk' || (event.type !== 'repairOrderCreated' && event.type !== 'repairOrderCheckedIn')) return undefined;
  return (await w.service.state(w.store.id)).ros.get(roIdOf(event));
}

/** Check in a booking found by plate + phone digits or by its QR code. */
export function checkInBooking(w: KioskWrite, booking: Booking): Promise<{ ro: RepairOrder; duplicate: boolean }> {
  const { service, store } = w;
  return serialise(service, store.id, () =>
    withQueueNumber(w, 'A', async (queueNumber) => {
      const prepared = booking.kind === 'prepared' ? booking.ro : booking.prepared;
      if (prepared)
        return orderOf(w, await commitAsKiosk(w, compact({ type: 'checkIn' as const, roId: prepared.id, queueNumber, contactConsent: w.contactConsent })));
      const appt = (booking as Extract<Booking, { kind: 'appointment' }>).appointment;
      // As the front desk's check-in (appointments.ts): catalogue codes become operations, at the reserved bay.
      const known = appt.services.flatMap((code) => store.catalogue.filter((c) => c.code === code));
      const dropped = appt.services.filter((code) => !store.catalogue.some((c) => c.code === code));
      const description = [appt.note, dropped.length ? `Requested: ${dropped.join(', ')}` : undefined].filter(Boolean).join('\n') || undefined;
      const done = await createRepairOrder(
        service,
        store,
        {
          stage: 'checked_in',
          appointmentId: appt.id,
          vehicle: appt.vehicle,
          customer: appt.customer,
          advisorId: appt.advisorId,
          description,
          contactConsent: w.contactConsent,
          operations: known.map((c) => compact({ code: c.code, title: c.title[store.locale], standardHours: c.standardHours, bayId: appt.bayId })),
        },
        (command) => commitAsKiosk(w, { ...command, queueNumber }),
      );
      return orderOf(w, done);
    }),
  );
}

/** Open a repair order for a customer without an appointment. */
export function checkInWalkIn(w: KioskWrite, input: WalkIn): Promise<{ ro: RepairOrder; duplicate: boolean }> {
  const { service, store } = w;
  return serialise(service, store.id, () =>
    withQueueNumber(w, 'W', async (queueNumber) => {
      const items = input.services.flatMap((code) => store.catalogue.filter((c) => c.code === code));
      const done = await createRepairOrder(
        service,
        store,
        {
          stage: 'checked_in',
          // The make the customer tapped, else "—" until the advisor fills it in: never the store's
          // own brand, which put "Audi" on a walk-in's BMW on the lobby board.
          vehicle: compact({ plate: input.plate, make: input.make ?? UNKNOWN_MAKE, model: '', color: '', mileageKm: input.mileageKm }),
          customer: { name: input.name, phone: input.phone, salutation: input.salutation },
          description: input.description,
          contactConsent: w.contactConsent,
          operations: items.map((c) => ({ code: c.code, title: c.title[store.locale], standardHours: c.standardHours })),
        },
        (command) => commitAsKiosk(w, { ...command, queueNumber }),
      );
      return orderOf(w, done);
    }),
  );
}

import { localDate } from '../../shared/domain/local-date';
import { TERMINAL_STAGES } from '../../shared/domain/stages';
import type { Store } from '../../shared/domain/shop';
import type { DueCar, DueList, DueReminder } from '../../shared/reminders/list';
import {
  addDays,
  inWindow,
  kmPerDayOf,
  projectReminders,
  URGENCIES,
  urgencyOf,
  type ReminderType,
  type ReminderWindow,
  type VisitRecord,
} from '../../shared/reminders/project';
import type { ReminderOutcome } from '../../shared/workflow/commands';
import type { HistoryDb, VehicleReadingRow } from '../history/schema';

/**
 * The due list of one store: every car the history knows (its visits, the odometer read at each,
 * the services finished), projected by shared/reminders/project.ts, kept to the window, with the
 * outcomes the front desk recorded. Cars with an open visit (booked or in the shop) are left out:
 * nobody needs to call them.
 */
export async function dueList(db: HistoryDb, store: Store, options: { window: ReminderWindow; type: ReminderType | 'all'; now: number }): Promise<DueList> {
  const today = localDate(options.now, store.timezone);
  const config = store.reminders;
  const [readings, visits, done, outcomes] = await Promise.all([
    db.selectFrom('history_vehicle_readings').selectAll().where('store_id', '=', store.id).where('vehicle_ref', 'is not', null).execute(),
    db.selectFrom('history_visits').select(['ro_id', 'stage']).where('store_id', '=', store.id).where('vehicle_ref', 'is not', null).execute(),
    db.selectFrom('history_operations').select(['ro_id', 'code']).where('store_id', '=', store.id).where('status', '=', 'done').execute(),
    db.selectFrom('history_reminder_outcomes').selectAll().where('store_id', '=', store.id).orderBy('at').execute(),
  ]);
  const stageOf = new Map(visits.map((v) => [v.ro_id, v.stage]));
  const doneOn = new Map<string, string[]>();
  for (const o of done) doneOn.set(o.ro_id, [...(doneOn.get(o.ro_id) ?? []), o.code]);
  const latestOutcome = new Map(outcomes.map((o) => [o.reminder_id, o]));
  const byCar = new Map<string, VehicleReadingRow[]>();
  for (const r of readings) byCar.set(r.vehicle_ref!, [...(byCar.get(r.vehicle_ref!) ?? []), r]);

  const cars: DueCar[] = [];
  const hidden = { open: 0, notInterested: 0 };
  for (const rows of byCar.values()) {
    // A cancelled or no-show visit read no odometer and did no work; it does not move the car.
    const kept = rows.filter((r) => !['cancelled', 'no_show'].includes(stageOf.get(r.ro_id) ?? ''));
    if (!kept.length) continue;
    kept.sort((a, b) => a.read_at.localeCompare(b.read_at));
    const visitsOfCar: VisitRecord[] = kept.map((r) => ({
      roId: r.ro_id,
      at: r.read_at,
      on: localDate(r.read_at, store.timezone),
      servicesDone: doneOn.get(r.ro_id) ?? [],
      ...(r.mileage_km !== null ? { mileageKm: r.mileage_km } : {}),
      ...(r.insurance_expires_on ? { insuranceExpiresOn: r.insurance_expires_on } : {}),
      ...(r.inspection_due_on ? { inspectionDueOn: r.inspection_due_on } : {}),
    }));
    const due = projectReminders(visitsOfCar, store.catalogue, { today, defaultKmPerDay: config.defaultKmPerDay }).filter(
      (r) => (options.type === 'all' || r.type === options.type) && inWindow(r.dueOn, options.window, today, config),
    );
    if (!due.length) continue;
    if (kept.some((r) => !TERMINAL_STAGES.includes(stageOf.get(r.ro_id) as never))) {
      hidden.open++;
      continue;
    }
    const reminders: DueReminder[] = [];
    for (const r of due) {
      const o = latestOutcome.get(r.id);
      if (o?.outcome === 'not_interested') continue;
      reminders.push({
        ...r,
        urgency: urgencyOf(r.type, r.dueOn, today, config),
        ...(o ? { outcome: { outcome: o.outcome as ReminderOutcome, at: o.at, by: o.actor_name ?? o.actor_id, ...(o.note ? { note: o.note } : {}) } } : {}),
      });
    }
    if (!reminders.length) {
      hidden.notInterested++;
      continue;
    }
    reminders.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    const last = kept[kept.length - 1];
    const readingsOfCar = visitsOfCar.filter((v) => v.mileageKm !== undefined).map((v) => ({ on: v.on, km: v.mileageKm! }));
    const estimatedKm = reminders.find((r) => r.estimatedKm !== undefined)?.estimatedKm;
    const car: Omit<DueCar, 'bookHref'> = {
      lastRoId: last.ro_id,
      lastVisitOn: localDate(last.read_at, store.timezone),
      plate: last.plate,
      make: last.make,
      model: last.model,
      customer: { name: last.customer_name, phone: last.customer_phone },
      kmPerDay: kmPerDayOf(readingsOfCar, config.defaultKmPerDay),
      ...(estimatedKm !== undefined ? { estimatedKm } : {}),
      reminders,
      urgency: URGENCIES.find((u) => reminders.some((r) => r.urgency === u))!,
      dueOn: reminders[0].dueOn,
    };
    cars.push({ ...car, bookHref: bookHref(store, car, today) });
  }
  // Most pressing first; then the earliest due; contacted ones after those still to call.
  const contacted = (c: DueCar) => (c.reminders.every((r) => r.outcome) ? 1 : 0);
  cars.sort(
    (a, b) =>
      contacted(a) - contacted(b) ||
      URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency) ||
      a.dueOn.localeCompare(b.dueOn) ||
      a.plate.localeCompare(b.plate),
  );
  return { storeId: store.id, today, window: options.window, type: options.type, cars, hidden };
}

/**
 * The planner's prefill (/plan, the planning page's contract): the day (the due date, or
 * tomorrow for what is due or overdue now), the car, the customer and the services due.
 */
export function bookHref(store: Store, car: Pick<DueCar, 'plate' | 'customer' | 'reminders'>, today: string): string {
  const tomorrow = addDays(today, 1);
  const first = car.reminders[0]?.dueOn ?? tomorrow;
  const services = [...new Set(car.reminders.filter((r) => r.type === 'service' && r.code).map((r) => r.code!))];
  const q = new URLSearchParams({
    store: store.id,
    date: first > tomorrow ? first : tomorrow,
    plate: car.plate,
    services: services.join(','),
    customer: car.customer.name,
    phone: car.customer.phone,
  });
  return `/plan?${q.toString().replaceAll('%2C', ',')}`;
}

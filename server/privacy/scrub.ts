/**
 * The rewrite itself: a stored event (or a snapshot) with the personal fields of the chosen
 * records replaced by the tombstone. Everything else — ids, stages, times, operations, bays,
 * technicians, the make and model, the survey score — stays, so the visit still counts in
 * statistics and still folds to the same stages. The envelope (seq, store, key, time, actor)
 * is never changed: the store's order, its idempotency keys and the regression guard's identity
 * check (key and time) are those of the log as it was.
 */
import { TOMBSTONE, type ErasurePlan } from './customers';
import { ValueFinder } from './finder';

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Vehicle and customer objects (whole, or a patch): personal fields to the tombstone, the VIN dropped. */
function scrubPerson(holder: Data): void {
  const vehicle = holder.vehicle;
  if (isObject(vehicle)) {
    if ('plate' in vehicle) vehicle.plate = TOMBSTONE;
    delete vehicle.vin;
  }
  const customer = holder.customer;
  if (isObject(customer)) {
    if ('name' in customer) customer.name = TOMBSTONE;
    if ('phone' in customer) customer.phone = TOMBSTONE;
  }
}

/**
 * The safety net behind the named fields: any string of the record that still contains one of
 * the customer's values (a plate quoted in a note, say) becomes the tombstone. Only records
 * already chosen for erasure are walked, so another customer's text is never touched.
 */
export function scrubStrings(value: unknown, finder: ValueFinder): unknown {
  if (typeof value === 'string') return finder.holds(value) ? TOMBSTONE : value;
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, finder));
  if (isObject(value)) {
    // Ids, times and states are what the fold and the statistics keep; a short plate could
    // otherwise turn up inside an id by chance.
    for (const [k, v] of Object.entries(value)) if (!KEPT_KEYS.test(k)) value[k] = scrubStrings(v, finder);
    return value;
  }
  return value;
}
const KEPT_KEYS = /^(id|at|type|v|number|code|status|stage|board|kind)$|(Id|At|Since|Ms)$/;

const finders = new WeakMap<object, ValueFinder>();
/** One finder per store of a plan (or for the whole plan), made once. */
export function finderOf(values: { values: Set<string> } | ErasurePlan): ValueFinder {
  let finder = finders.get(values);
  if (!finder) {
    const all = 'stores' in values ? [...values.stores.values()].flatMap((p) => [...p.values]) : values.values;
    finders.set(values, (finder = new ValueFinder(all)));
  }
  return finder;
}

/** One repair order or appointment record (in a fact or a snapshot), scrubbed in place. */
function scrubRecord(record: Data, finder: ValueFinder): void {
  scrubPerson(record);
  if (isObject(record.survey)) delete record.survey.comment;
  // The customer's link stops working: nothing new (a survey comment) can reach an erased visit.
  delete record.trackingToken;
  scrubStrings(record, finder);
}

/**
 * The stored event rewritten, or undefined when it holds nothing of the plan. `event` is a
 * parsed stored record (not changed: a copy is returned).
 */
export function scrubEvent(event: Data, plan: ErasurePlan): Data | undefined {
  const storePlan = typeof event.storeId === 'string' ? plan.stores.get(event.storeId) : undefined;
  if (!storePlan || !isObject(event.data)) return undefined;
  const d = event.data;
  const ro = (id: unknown) => typeof id === 'string' && storePlan.ros.has(id);
  const appointment = (id: unknown) => typeof id === 'string' && storePlan.appointments.has(id);
  const concerns = (isObject(d.ro) && ro(d.ro.id)) || (isObject(d.appointment) && appointment(d.appointment.id)) || ro(d.roId) || appointment(d.appointmentId);
  if (!concerns) return undefined;
  const copy = structuredClone(event);
  const data = copy.data as Data;
  const finder = finderOf(storePlan);
  switch (copy.type) {
    case 'repairOrderCreated':
      if (isObject(data.ro)) scrubRecord(data.ro, finder);
      break;
    case 'appointmentBooked':
      if (isObject(data.appointment)) scrubRecord(data.appointment, finder);
      break;
    case 'repairOrderUpdated':
    case 'appointmentUpdated':
      if (isObject(data.patch)) scrubPerson(data.patch);
      break;
    case 'surveySubmitted':
      delete data.comment;
      break;
  }
  copy.data = scrubStrings(data, finder);
  return JSON.stringify(copy) === JSON.stringify(event) ? undefined : copy;
}

/** A store's snapshot (as stored) with the plan's records scrubbed; undefined when none of them is in it. */
export function scrubSnapshot(storeId: string, snapshot: Data, plan: ErasurePlan): Data | undefined {
  const storePlan = plan.stores.get(storeId);
  if (!storePlan) return undefined;
  const finder = finderOf(storePlan);
  let changed = false;
  const copy = structuredClone(snapshot);
  for (const [list, ids] of [
    [copy.ros, storePlan.ros],
    [copy.appointments, storePlan.appointments],
  ] as const) {
    if (!Array.isArray(list)) continue;
    for (const record of list) {
      if (!isObject(record) || typeof record.id !== 'string' || !ids.has(record.id)) continue;
      scrubRecord(record, finder);
      changed = true;
    }
  }
  return changed ? copy : undefined;
}

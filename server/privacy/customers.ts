/**
 * Who the log holds personal data about, read from the stored facts alone (no fold, no rules), so
 * that erasure finds every record whatever state retention left in memory.
 *
 * A customer is a vehicle: the repair orders and appointments that carry one plate (compared
 * normalised, so `京A·12345`, `京a12345` and `京A12345` are one). A record whose plate was
 * corrected belongs to both plates. What is personal about a record: the customer's name and
 * phone, the plate (in every spelling stored) and the VIN; the survey comment, free text the
 * customer wrote, goes with them.
 */
import { formatPlate, normalisePlate } from '../../shared/domain/plate';
import type { Vehicle } from '../../shared/domain/repair-order';
import type { Customer } from '../../shared/domain/people';

/** One repair order or appointment, as far as personal data and its end are concerned. */
export interface PersonalRecord {
  kind: 'ro' | 'appointment';
  id: string;
  storeId: string;
  /** Normalised plates it ever carried. */
  plates: Set<string>;
  /** Every stored string that identifies the customer: plates as stored, names, phones, VINs. */
  values: Set<string>;
  /** When it ended (delivered, cancelled, no-show, checked in for an appointment); undefined while open. */
  closedAt?: string;
  /** An appointment's booked time. */
  bookedFor?: string;
  /** Its personal fields already hold the tombstone (an earlier erasure). */
  erased: boolean;
}

/** What erasure writes where a personal value was. */
export const TOMBSTONE = '已删除';

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Collects every repair order and appointment of the log, one stored event at a time (`observe`). */
export class PersonalRecords {
  readonly records = new Map<string, PersonalRecord>();

  /** Feed stored events in seq order per store (records as stored: JSON objects). */
  observe(event: Data): void {
    const storeId = str(event.storeId);
    const at = str(event.at);
    const data = event.data;
    if (!storeId || !isObject(data)) return;
    switch (event.type) {
      case 'repairOrderCreated': {
        const ro = isObject(data.ro) ? data.ro : undefined;
        if (!ro || !str(ro.id)) return;
        this.#touch(storeId, 'ro', ro.id as string, ro.vehicle, ro.customer);
        const appointment = isObject(data.appointment) ? str(data.appointment.id) : undefined;
        if (appointment && (data.appointment as Data).status === 'checked_in') this.#close(storeId, 'appointment', appointment, at);
        return;
      }
      case 'appointmentBooked': {
        const a = isObject(data.appointment) ? data.appointment : undefined;
        if (!a || !str(a.id)) return;
        this.#touch(storeId, 'appointment', a.id as string, a.vehicle, a.customer);
        this.#record(storeId, 'appointment', a.id as string).bookedFor = str(a.at);
        return;
      }
      case 'repairOrderUpdated':
      case 'appointmentUpdated': {
        const id = str(data.roId) ?? str(data.appointmentId);
        const patch = isObject(data.patch) ? data.patch : undefined;
        if (!id || !patch) return;
        this.#touch(storeId, event.type === 'repairOrderUpdated' ? 'ro' : 'appointment', id, patch.vehicle, patch.customer);
        if (event.type === 'appointmentUpdated' && str(patch.at)) this.#record(storeId, 'appointment', id).bookedFor = str(patch.at);
        return;
      }
      case 'repairOrderDelivered':
      case 'repairOrderCancelled':
      case 'repairOrderNoShow':
        this.#close(storeId, 'ro', str(data.roId), at);
        this.#close(storeId, 'appointment', str(data.appointmentId), at);
        return;
      case 'repairOrderCheckedIn':
        this.#close(storeId, 'appointment', str(data.appointmentId), at);
        return;
      case 'appointmentCancelled':
      case 'appointmentNoShow':
        this.#close(storeId, 'appointment', str(data.appointmentId), at);
        this.#close(storeId, 'ro', str(data.roId), at);
        return;
    }
  }

  #record(storeId: string, kind: PersonalRecord['kind'], id: string): PersonalRecord {
    const key = recordKey(storeId, kind, id);
    let record = this.records.get(key);
    if (!record) this.records.set(key, (record = { kind, id, storeId, plates: new Set(), values: new Set(), erased: false }));
    return record;
  }

  #touch(storeId: string, kind: PersonalRecord['kind'], id: string, vehicle: unknown, customer: unknown): void {
    const record = this.#record(storeId, kind, id);
    const v = (isObject(vehicle) ? vehicle : {}) as Partial<Vehicle>;
    const c = (isObject(customer) ? customer : {}) as Partial<Customer>;
    if (v.plate === TOMBSTONE || c.phone === TOMBSTONE) record.erased = true;
    for (const value of [v.plate, v.vin, c.name, c.phone]) if (typeof value === 'string' && value && value !== TOMBSTONE) record.values.add(value);
    if (typeof v.plate === 'string' && v.plate !== TOMBSTONE) {
      const plate = normalisePlate(v.plate);
      record.plates.add(plate);
      // The spellings the code writes or shows: normalised, and with the dot (京A·12345).
      record.values.add(plate).add(formatPlate(plate));
    }
  }

  #close(storeId: string, kind: PersonalRecord['kind'], id: string | undefined, at: string | undefined): void {
    if (!id || !at) return;
    const record = this.records.get(recordKey(storeId, kind, id));
    if (record) record.closedAt = at;
  }
}

export const recordKey = (storeId: string, kind: PersonalRecord['kind'], id: string) => `${storeId}|${kind}|${id}`;

/** The records erasure rewrites, per store, and the values to look for. */
export interface ErasurePlan {
  stores: Map<string, { ros: Set<string>; appointments: Set<string>; values: Set<string> }>;
  /** Every record chosen, for the report. */
  records: PersonalRecord[];
}

export function planOf(records: Iterable<PersonalRecord>): ErasurePlan {
  const plan: ErasurePlan = { stores: new Map(), records: [] };
  for (const record of records) {
    let store = plan.stores.get(record.storeId);
    if (!store) plan.stores.set(record.storeId, (store = { ros: new Set(), appointments: new Set(), values: new Set() }));
    (record.kind === 'ro' ? store.ros : store.appointments).add(record.id);
    for (const v of record.values) store.values.add(v);
    plan.records.push(record);
  }
  return plan;
}

/** A request: every record of one plate (in one store when given) not yet erased. */
export function recordsOfPlate(all: PersonalRecords, plate: string, storeId?: string): PersonalRecord[] {
  const wanted = normalisePlate(plate);
  return [...all.records.values()].filter((r) => !r.erased && r.plates.has(wanted) && (!storeId || r.storeId === storeId));
}

export const isOpen = (record: PersonalRecord) => record.closedAt === undefined;

/**
 * Retention: the records of customers whose last visit ended more than their store's retention
 * ago. A customer (a plate of one store) who still has an open visit, or came back since, keeps
 * every record; a record with two plates goes only when both customers' time is up. A booking
 * nobody closed (no check-in, no-show or cancellation) counts as ended at its booked time, or a
 * forgotten one would keep its customer for ever; an order never closed keeps them.
 */
export function expiredRecords(all: PersonalRecords, retentionDays: (storeId: string) => number, now: number, storeId?: string): PersonalRecord[] {
  const lastSeen = new Map<string, number>();
  for (const r of all.records.values()) {
    if (r.erased || (storeId && r.storeId !== storeId)) continue;
    const end = r.closedAt ?? r.bookedFor;
    const ended = end === undefined ? Infinity : Date.parse(end);
    for (const plate of r.plates) {
      const key = `${r.storeId}|${plate}`;
      lastSeen.set(key, Math.max(lastSeen.get(key) ?? -Infinity, Number.isNaN(ended) ? Infinity : ended));
    }
  }
  const expired = (r: PersonalRecord) => {
    const cutoff = now - retentionDays(r.storeId) * 86_400_000;
    return [...r.plates].every((plate) => lastSeen.get(`${r.storeId}|${plate}`)! < cutoff);
  };
  return [...all.records.values()].filter((r) => !r.erased && r.plates.size > 0 && (!storeId || r.storeId === storeId) && expired(r));
}

import type { Appointment, Operation, Priority, RepairOrder } from '../../shared/domain/repair-order';
import type { Bay, BayKind, Store } from '../../shared/domain/shop';
import type { Technician } from '../../shared/domain/people';
import type { StaffRo, StaffView } from '../../shared/projections/views';

/**
 * Reading a staff view: repair orders and appointments out of its keyed entries, lookups into
 * the store config, and the one order in which jobs queue everywhere on the board.
 */

export interface Records {
  ros: StaffRo[];
  appointments: Appointment[];
}

const isRo = (e: unknown): e is StaffRo =>
  !!e && typeof e === 'object' && Array.isArray((e as RepairOrder).operations) && typeof (e as RepairOrder).stage === 'string';

/** Entries by kind. A malformed entry is skipped, not allowed to take the board down. */
export function recordsOf(view: StaffView | undefined): Records {
  const ros: StaffRo[] = [];
  const appointments: Appointment[] = [];
  if (!view) return { ros, appointments };
  for (const [key, entry] of Object.entries(view.entries)) {
    if (key.startsWith('ro:') && isRo(entry)) ros.push(entry);
    else if (key.startsWith('appointment:') && entry && typeof entry === 'object') appointments.push(entry as Appointment);
  }
  return { ros, appointments };
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2 };
const timeOr = (iso: string | undefined, fallback: number) => (iso ? Date.parse(iso) : fallback);

/** Queue order: urgent first, then the earliest promise, then who arrived first. */
export function compareRos(a: StaffRo, b: StaffRo): number {
  return (
    (PRIORITY_RANK[a.priority] ?? 2) - (PRIORITY_RANK[b.priority] ?? 2) ||
    timeOr(a.promisedAt, Infinity) - timeOr(b.promisedAt, Infinity) ||
    timeOr(a.checkedInAt ?? a.createdAt, Infinity) - timeOr(b.checkedInAt ?? b.createdAt, Infinity) ||
    a.number.localeCompare(b.number)
  );
}

export interface StoreIndex {
  bay(id: string | undefined): Bay | undefined;
  technician(id: string | undefined): Technician | undefined;
  /** The bay kind an operation needs, from the service catalogue. */
  kindOf(op: Pick<Operation, 'code'>): BayKind | undefined;
}

const indexes = new WeakMap<Store, StoreIndex>();

/** Lookups into the store config, built once per config object. */
export function storeIndex(store: Store): StoreIndex {
  let index = indexes.get(store);
  if (!index) {
    const bays = new Map(store.bays.map((b) => [b.id, b]));
    const techs = new Map(store.technicians.map((t) => [t.id, t]));
    const kinds = new Map(store.catalogue.map((c) => [c.code, c.bayKind]));
    index = {
      bay: (id) => (id ? bays.get(id) : undefined),
      technician: (id) => (id ? techs.get(id) : undefined),
      kindOf: (op) => kinds.get(op.code),
    };
    indexes.set(store, index);
  }
  return index;
}

/**
 * What one erasure is asked for and what it reports, whichever store holds the log
 * (journal-erasure.ts for the embedded journal, postgres-erasure.ts for PostgreSQL).
 */
import { expiredRecords, isOpen, recordsOfPlate, type ErasurePlan, type PersonalRecord, type PersonalRecords } from './customers';
import { finderOf, scrubEvent, scrubSnapshot } from './scrub';
import { ERASURE_TARGETS, type ErasedCustomer, type ErasureTarget } from './targets';

export type Selection =
  /** One customer's request: every visit of this plate (in one store when given). */
  | { kind: 'plate'; plate: string; storeId?: string }
  /** Retention: customers whose last visit ended more than their store's retention before `now`. */
  | { kind: 'expired'; now: number; retentionDays: (storeId: string) => number; storeId?: string };

export interface StoreErasure {
  storeId: string;
  repairOrders: number;
  appointments: number;
  /** Stored events rewritten (with dryRun: that would be). */
  events: number;
  snapshots: number;
}

export interface ErasureReport {
  dryRun: boolean;
  reason: 'request' | 'expired';
  stores: StoreErasure[];
  /** Records chosen. 0 for a plate: unknown, or erased before (the log keeps no trace of which). */
  records: number;
  /** A request refused because these visits are still open (the car is in the workshop, or booked). */
  openVisits: number;
  /** Embedded: segments re-sealed. */
  segments?: number;
  /** Other files of the data dir that held the values and were scrubbed (old-format and repair copies). */
  otherFiles: string[];
  /** Files of the data dir, or PostgreSQL tables, that still hold a value and that erasure does not know how to edit: the erasure is incomplete. */
  unknownFiles: string[];
  targets: { name: string; rows: number }[];
  /** Events of other records that still hold one of the values (the same phone on another car, say). */
  elsewhere: number;
}

/** The records a selection chooses, and the open ones that stop a request. */
export function choose(records: PersonalRecords, selection: Selection): { chosen: PersonalRecord[]; open: PersonalRecord[] } {
  if (selection.kind === 'plate') {
    const matched = recordsOfPlate(records, selection.plate, selection.storeId);
    return { chosen: matched, open: matched.filter(isOpen) };
  }
  return { chosen: expiredRecords(records, selection.retentionDays, selection.now, selection.storeId), open: [] };
}

export const reasonOf = (selection: Selection) => (selection.kind === 'plate' ? 'request' : 'expired');

/** A report before anything is rewritten: records per store, events and snapshots counted as they are rewritten. */
export function emptyReport(selection: Selection, plan: ErasurePlan, dryRun: boolean, openVisits: number): ErasureReport {
  const stores = [...plan.stores].map(([storeId, p]) => ({ storeId, repairOrders: p.ros.size, appointments: p.appointments.size, events: 0, snapshots: 0 }));
  return { dryRun, reason: reasonOf(selection), stores, records: plan.records.length, openVisits, otherFiles: [], unknownFiles: [], targets: [], elsewhere: 0 };
}

/** scrubEvent / scrubSnapshot that count into the report. */
export function counting(plan: ErasurePlan, report: ErasureReport) {
  const of = (storeId: unknown) => report.stores.find((s) => s.storeId === storeId);
  return {
    event(record: Record<string, unknown>) {
      const changed = scrubEvent(record, plan);
      if (changed) of(record.storeId)!.events++;
      return changed;
    },
    snapshot(storeId: string, snapshot: Record<string, unknown>) {
      const changed = scrubSnapshot(storeId, snapshot, plan);
      if (changed) of(storeId)!.snapshots++;
      return changed;
    },
  };
}

export const customersOf = (plan: ErasurePlan, reason: ErasureReport['reason']): ErasedCustomer[] =>
  [...plan.stores].map(([storeId, p]) => ({ storeId, repairOrderIds: [...p.ros], appointmentIds: [...p.appointments], values: [...p.values], reason }));

/** Runs every registered read model's erasure (before the log is rewritten: see targets.ts). */
export async function eraseTargets(
  where: { dataDir: string; databaseUrl?: string },
  customers: ErasedCustomer[],
  dryRun: boolean,
): Promise<ErasureReport['targets']> {
  const done: ErasureReport['targets'] = [];
  for (const factory of ERASURE_TARGETS) {
    const target: ErasureTarget | undefined = await factory(where);
    if (!target) continue;
    try {
      done.push({ name: target.name, rows: await target.erase(customers, { dryRun }) });
    } finally {
      await target.close?.();
    }
  }
  return done;
}

/** Whether a stored record (as JSON text) still holds one of the plan's values. */
export const holdsAny = (json: string, plan: ErasurePlan): boolean => finderOf(plan).holds(json);

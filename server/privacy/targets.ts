import { historyErasureTarget } from '../history/erasure-target';
import { notifyErasureTarget } from '../notify/erasure-target';
import { webhooksErasureTarget } from '../webhooks/erasure-target';
import { photoErasureTarget } from '../add-ons/photo-store';

/**
 * Where else personal data of the log is kept, and how erasure reaches it.
 *
 * The event log (journal or PostgreSQL) and its snapshots are rewritten by erasure itself. Any
 * other copy — a read model of reports or history, a cache in SQL — registers an ErasureTarget
 * here; `npm run privacy` calls every one before it rewrites the log (so a target that fails can
 * be run again: the log still names the customer until the rewrite) and prints what each erased.
 *
 * To add one: write a factory that opens your tables for a deployment (`databaseUrl` when scaled
 * out, else `dataDir`) or answers undefined when it has none there, push it onto ERASURE_TARGETS,
 * and make `erase` idempotent (a second call for the same customer changes nothing).
 */
export interface ErasedCustomer {
  storeId: string;
  repairOrderIds: readonly string[];
  appointmentIds: readonly string[];
  /** The customer's values as the log stored them (plates in every spelling, name, phone, VIN): replace or delete rows holding them. */
  values: readonly string[];
  reason: 'request' | 'expired';
}

export interface ErasureTarget {
  /** Shown in the report: `history read model (SQLite)`. */
  readonly name: string;
  /** Erase (or with dryRun only count) what it holds of these customers; answers the rows changed. */
  erase(customers: readonly ErasedCustomer[], options: { dryRun: boolean }): Promise<number>;
  close?(): Promise<void>;
}

export type ErasureTargetFactory = (where: { dataDir: string; databaseUrl?: string }) => Promise<ErasureTarget | undefined>;

/** Every read model that holds customer data besides the log and its snapshots. */
export const ERASURE_TARGETS: ErasureTargetFactory[] = [historyErasureTarget, notifyErasureTarget, webhooksErasureTarget, photoErasureTarget];

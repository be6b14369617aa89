import type { Envelope } from './events';
import { FACT_VERSIONS, type Fact, type FactType } from './facts';

/**
 * Stored facts of an older shape, brought to the current one as they are read. When a fact's
 * shape changes: bump its version in FACT_VERSIONS, add `[type]: { [oldV]: (data) => newData }`
 * here, and a test in upcasters.test.ts that reads a stored line of the old version.
 * Journals from before facts are handled by ./legacy.
 */
type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;
export const UPCASTERS: Partial<Record<FactType, Record<number, Upcaster>>> = {
  // v2 added an optional `reason`; a v1 cancellation recorded none, so its data reads unchanged.
  appointmentCancelled: { 1: (data) => data },
};

/** Thrown for a fact this code cannot read: written by a newer version of the server. */
export class UnknownFactError extends Error {
  constructor(event: { type: string; v: number; seq?: number; storeId?: string }) {
    super(
      `store ${event.storeId}: event ${event.seq} is "${event.type}" version ${event.v}, which this version of the server does not know; it was written by a newer one: run that version (or newer)`,
    );
    this.name = 'UnknownFactError';
  }
}

/** The event with its fact at the current version. */
export function upcast<E extends Partial<Envelope> & Fact>(event: E): E {
  const current = (FACT_VERSIONS as Record<string, number>)[event.type];
  if (current === undefined || event.v > current) throw new UnknownFactError(event);
  if (event.v === current) return event;
  let data = event.data as Record<string, unknown>;
  for (let v = event.v; v < current; v++) {
    const step = UPCASTERS[event.type as FactType]?.[v];
    if (!step) throw new UnknownFactError(event);
    data = step(data);
  }
  return { ...event, v: current, data } as E;
}

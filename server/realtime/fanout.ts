import type { Store } from '../../shared/domain/shop';
import { type Audience, roomOf } from '../../shared/projections/audience';
import { deltaFor, isEmptyDelta, type EtaLookup } from '../../shared/projections/project';
import type { Delta } from '../../shared/projections/views';
import type { EntityChange } from '../../shared/workflow/state';

/** One emit: a delta and every room that gets exactly that delta. */
export interface Emission {
  rooms: string[];
  delta: Delta;
}

/**
 * The deltas one committed event sends, grouped so that each distinct payload is encoded once
 * and, with Redis, published once — not once per room:
 *
 *  - the customer and dispatch boards of the store: one delta each;
 *  - the bay boards: a projected delta for each bay the change touches (a repair order with an
 *    operation at that bay, before or after); every other bay gets the same empty delta in a
 *    single emit, without projecting anything for it;
 *  - tracking pages: one room per repair order changed, and only when its delta is not empty.
 *
 * Every board room of the store gets a delta for every event (possibly empty), so sequence
 * numbers stay gap-free in each room. fanout.test.ts checks that this sends exactly what
 * projecting `deltaFor` room by room would; if a bay board starts showing another kind of
 * record, extend `touchedBays` and that test will say so.
 */
export function planFanOut(store: Store, seq: number, changes: readonly EntityChange[], now: number, etas?: EtaLookup): Emission[] {
  const storeId = store.id;
  const projected = (audience: Audience): Emission => ({ rooms: [roomOf(audience)], delta: deltaFor(audience, store, seq, changes, now, etas) });
  const out: Emission[] = [projected({ kind: 'customer', storeId }), projected({ kind: 'dispatch', storeId })];

  const touched = touchedBays(changes);
  const quiet: string[] = [];
  for (const bay of store.bays) {
    const audience: Audience = { kind: 'bay', storeId, bayId: bay.id };
    if (touched.has(bay.id)) out.push(projected(audience));
    else quiet.push(roomOf(audience));
  }
  if (quiet.length) out.push({ rooms: quiet, delta: { seq, set: {}, del: [] } });

  const tracked = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'ro' || tracked.has(change.after.id)) continue;
    tracked.add(change.after.id);
    // Tracking pages hear only about their own car, and every delta carries it whole.
    const emission = projected({ kind: 'tracking', storeId, roId: change.after.id });
    if (!isEmptyDelta(emission.delta)) out.push(emission);
  }
  return out;
}

/**
 * Bays whose board may show one of these changes: repair orders appear there by an operation's
 * bay, alarms by the bay they name (raised or cleared while the board is open).
 */
function touchedBays(changes: readonly EntityChange[]): Set<string> {
  const bays = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'alarm') {
      for (const a of [change.before, change.after]) if (a?.bayId) bays.add(a.bayId);
      continue;
    }
    if (change.kind !== 'ro') continue;
    for (const ro of [change.before, change.after]) for (const op of ro?.operations ?? []) if (op.bayId) bays.add(op.bayId);
  }
  return bays;
}

/**
 * An ETA revision as the clock moves (no event): the entries whose ETA changed, at the seq
 * every room already has, marked `revision` so screens apply it; rooms with nothing to hear get nothing.
 */
export function planRevision(store: Store, seq: number, changes: readonly EntityChange[], now: number, etas: EtaLookup): Emission[] {
  return planFanOut(store, seq, changes, now, etas)
    .filter((e) => !isEmptyDelta(e.delta))
    .map((e) => ({ rooms: e.rooms, delta: { ...e.delta, revision: true } }));
}

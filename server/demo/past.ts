import type { Store } from '../../shared/domain/shop';
import { systemActor } from '../actors';
import { silentLogger } from '../log';
import type { EventStore } from '../store/event-store';
import { WorkshopService } from '../workshop-service';
import { planPast } from './past-plan';
import { Pipelined } from './pipelined-store';
import { seededRng } from './simulate';

/**
 * A demo with a past: `days` days of plausible history for each store, committed as real
 * events through WorkshopService.commit with a clock that walks through those days (every
 * event carries the instant it happened at). Written once into an empty store; a store that has
 * events is left alone, so a restart does not write it twice.
 */

export interface PastSummary {
  storeId: string;
  events: number;
  repairOrders: number;
  appointments: number;
}

export interface PastOptions {
  days?: number;
  /** The same seed gives the same history (ids, plates and tokens included). */
  seed?: number;
}

export const PAST_DAYS = 90;
const PAST_ACTOR = systemActor('demo-history');
/** Write the past of every store in `stores` whose log is empty. */
export async function writeDemoPast(events: EventStore, stores: readonly Store[], now: Date, options: PastOptions = {}): Promise<PastSummary[]> {
  const empty: Store[] = [];
  for (const store of stores) if ((await events.lastSeq(store.id)) === 0) empty.push(store);
  if (!empty.length) return [];
  const pipe = new Pipelined(events);
  let clock = 0;
  const service = new WorkshopService(pipe.store(), stores, silentLogger, () => new Date(clock), { liveEtas: false });
  const summaries: PastSummary[] = [];
  try {
    for (const [index, store] of empty.entries()) {
      const plan = planPast(store, now, options.days ?? PAST_DAYS, seededRng((options.seed ?? 20_261_207) + index * 7919), `${index}`);
      const summary: PastSummary = { storeId: store.id, events: 0, repairOrders: 0, appointments: 0 };
      for (const [step, { at, command }] of plan.entries()) {
        clock = at;
        const result = await service.commit({ storeId: store.id, command, actor: PAST_ACTOR, source: 'system', key: `past:${store.id}:${step + 1}` });
        if (!result.ok)
          throw new Error(
            `demo history of ${store.id}, step ${step + 1} (${command.type} at ${new Date(at).toISOString()}) was refused: ${result.error.message}`,
          );
        summary.events++;
        if (command.type === 'createRepairOrder') summary.repairOrders++;
        if (command.type === 'createAppointment') summary.appointments++;
        await pipe.drain();
      }
      summaries.push(summary);
    }
  } finally {
    // Hands each store's fold over as its snapshot, so the server's own service starts from it, not from seq 0.
    await service.close();
    await pipe.close();
  }
  return summaries;
}

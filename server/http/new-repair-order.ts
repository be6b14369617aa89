import type { Store } from '../../shared/domain/shop';
import type { CommandOf, OperationDraft } from '../../shared/workflow/commands';
import { localDate, newId, newTrackingToken, roNumber } from '../ids';
import type { WorkshopService } from '../workshop-service';
import { pickAgainWhileTaken, storeQueue } from '../store-queue';
import { HttpError } from './errors';
import { compact } from './schemas';

export type NewRepairOrder = Omit<CommandOf<'createRepairOrder'>, 'type' | 'roId' | 'number' | 'trackingToken' | 'operations' | 'priority' | 'wash'> &
  Partial<Pick<CommandOf<'createRepairOrder'>, 'priority' | 'wash'>> & { operations: Omit<OperationDraft, 'id'>[] };

// RO numbers count the store's ROs of the day, so two creates in flight would pick the same
// number. Creates of one store queue here; this is per process (see the report on numbering).
const serialise = storeQueue();

/**
 * Build the createRepairOrder command (server-chosen id, number, tracking token and operation
 * ids) and commit it with `commit`. Also checks the advisor, which the workflow does not know.
 */
export function createRepairOrder<T>(
  service: WorkshopService,
  store: Store,
  input: NewRepairOrder,
  commit: (command: CommandOf<'createRepairOrder'>) => Promise<T>,
): Promise<T> {
  if (input.advisorId && store.advisors.length > 0 && !store.advisors.some((a) => a.id === input.advisorId))
    throw new HttpError(422, 'invalid_reference', `There is no advisor "${input.advisorId}" in this store`, { advisorId: input.advisorId });
  // Another process may take the same number first (the workflow refuses a number in use):
  // count again from the caught-up state and try the next one.
  return serialise(service, store.id, () =>
    pickAgainWhileTaken('number_taken', 6, async (attempt) => {
      const state = await service.state(store.id);
      const today = localDate(new Date(), store.timezone);
      // The next number after the highest of today's in use: counting orders created today would
      // reuse one given to an order opened just before midnight under today's date (the demo's seed).
      const prefix = roNumber(today, 0).slice(0, -4);
      let count = 0;
      for (const ro of state.ros.values()) if (ro.number.startsWith(prefix)) count = Math.max(count, Number(ro.number.slice(prefix.length)) || 0);
      const command: CommandOf<'createRepairOrder'> = compact({
        ...input,
        type: 'createRepairOrder' as const,
        roId: newId('ro'),
        number: roNumber(today, count + attempt),
        trackingToken: newTrackingToken(),
        priority: input.priority ?? 'normal',
        wash: input.wash ?? true,
        operations: input.operations.map((op) => ({ id: newId('op'), ...op })),
      });
      return commit(command);
    }),
  );
}

import { peopleOf } from '../../shared/domain/people-directory';
import type { Store } from '../../shared/domain/shop';
import { pinKey, type PinAccess } from '../../shared/workflow/access';
import type { WorkshopService } from '../workshop-service';
import { hashPin } from './pins';
import { systemActor } from '../actors';

/** In the demo everyone signs in to the scan page with this PIN (or their printed badge). */
export const DEMO_PIN = '2580';

/** Give everyone without a PIN the demo PIN, so the scan page can be tried at once. Demo mode only. */
export async function setDemoPins(service: WorkshopService, store: Store): Promise<number> {
  const state = await service.state(store.id);
  let set = 0;
  // One hash for everyone (scrypt is slow on purpose; a demo group has dozens of people).
  let hash: string | undefined;
  for (const person of peopleOf(store)) {
    if ((state.access.get(pinKey(person.id)) as PinAccess | undefined)?.hash) continue;
    hash ??= await hashPin(DEMO_PIN);
    const result = await service.commit({
      storeId: store.id,
      actor: systemActor('demo'),
      source: 'system',
      key: `demo-pin:${person.id}`,
      command: { type: 'setPin', personId: person.id, pinHash: hash },
    });
    if (result.ok && !result.duplicate) set++;
  }
  return set;
}

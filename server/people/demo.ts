import { peopleOf } from '../../shared/domain/people-directory';
import type { ShopConfig } from '../../shared/domain/shop';
import { accountOf } from '../../shared/workflow/accounts';
import { hashPassword } from './accounts';
import { homeStoreOf } from './directory';
import type { WorkshopService } from '../workshop-service';
import { systemActor } from '../actors';

/** In the demo everyone signs in at /sign-in with their staff number and this password. */
export const DEMO_PASSWORD = 'workshop-demo';

/**
 * Give everyone of the config without a password the demo password, in their home store's log,
 * so /sign-in can be tried at once. Demo mode only. One hash serves everyone: hashing is meant
 * to be slow, and a demo start should not be.
 */
export async function setDemoPasswords(service: WorkshopService, shop: ShopConfig): Promise<number> {
  let hash: string | undefined;
  let set = 0;
  for (const store of shop.stores) {
    const state = await service.state(store.id);
    for (const person of peopleOf(store)) {
      if (homeStoreOf(shop, person.id, store).id !== store.id || accountOf(state, person.id)?.passwordHash) continue;
      hash ??= await hashPassword(DEMO_PASSWORD);
      const result = await service.commit({
        storeId: store.id,
        actor: systemActor('demo'),
        source: 'system',
        key: `demo-password:${person.id}`,
        command: { type: 'setPassword', personId: person.id, passwordHash: hash },
      });
      if (result.ok && !result.duplicate) set++;
    }
  }
  return set;
}

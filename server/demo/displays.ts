import type { Store } from '../../shared/domain/shop';
import { systemActor } from '../actors';
import type { WorkshopService } from '../workshop-service';

export type DemoScreen = { id: string; name: string; board: 'dispatch' | 'bay'; bayId?: string };

/** The screens the demo's console links open: the dispatch wall and one board per bay. */
export const demoScreens = (store: Store): DemoScreen[] => [
  { id: 'demo-dispatch', name: '调度看板 (demo)', board: 'dispatch' },
  ...store.bays.map((bay) => ({ id: `demo-bay-${bay.id}`, name: `${bay.name} (demo)`.slice(0, 40), board: 'bay' as const, bayId: bay.id })),
];

/**
 * Pair the demo's screens as any screen is paired (a `displayPaired` fact), so they are on the
 * fleet page with their online state and can be reloaded or unpaired there like real ones; the
 * console then prints their tokens. Once per data dir: a screen already paired (or unpaired by
 * an admin since, which keeps its id out of the list only until the next start) is left alone.
 */
export async function pairDemoDisplays(service: WorkshopService, store: Store): Promise<number> {
  const state = await service.state(store.id);
  let paired = 0;
  for (const screen of demoScreens(store)) {
    if (state.displays.has(screen.id)) continue;
    const { id, ...rest } = screen;
    const result = await service.commit({
      storeId: store.id,
      actor: systemActor('demo'),
      source: 'system',
      key: `demo-display:${id}`,
      command: { type: 'pairDisplay', displayId: id, ...rest },
    });
    if (result.ok && !result.duplicate) paired++;
  }
  return paired;
}

import { z } from 'zod';
import type { AppDeps } from '../deps';
import { readLiveRoFacts } from '../ro-history';
import type { PartsWaitLine } from '../../shared/projections/views';
import { data, defineRoute, type AnyRoute } from './route';
import { trackedOrder } from './tracking';

/**
 * A tracked car's parts waits, for its timeline: when each job stopped for a part (which one)
 * and when it went on. The live state keeps only a wait in progress, so the finished ones are
 * read from the log, as the order's history is. Job titles and part names only: nothing about
 * who did what, and no internal notes.
 */
export async function partsWaitsOf(deps: AppDeps, storeId: string, roId: string): Promise<PartsWaitLine[]> {
  const facts = (await readLiveRoFacts(deps.service, storeId, roId)) ?? [];
  const ro = deps.service.cachedState(storeId)?.ros.get(roId);
  const titleOf = (operationId: string) => ro?.operations.find((o) => o.id === operationId)?.title ?? '';
  const waiting = new Map<string, string>();
  const lines: PartsWaitLine[] = [];
  for (const e of facts) {
    if (e.type === 'operationPaused' && e.data.pause.reason === 'parts') {
      waiting.set(e.data.operationId, e.data.pause.part);
      lines.push({ at: e.at, kind: 'paused', title: titleOf(e.data.operationId), part: e.data.pause.part });
    } else if (e.type === 'operationResumed' && waiting.has(e.data.operationId)) {
      lines.push({ at: e.at, kind: 'resumed', title: titleOf(e.data.operationId), part: waiting.get(e.data.operationId)! });
      waiting.delete(e.data.operationId);
    }
  }
  return lines;
}

export const trackingWaitRoutes: AnyRoute[] = [
  defineRoute({
    name: 'trackingPartsWaits',
    method: 'get',
    path: '/api/track/:token/parts-waits',
    access: 'public',
    tag: 'Tracking',
    summary: "A tracked car's parts waits (paused for which part, and resumed), oldest first",
    params: z.strictObject({ token: z.string().max(200) }),
    response: { status: 200, description: 'The waits: at, kind (paused | resumed), job title, part' },
    run: async ({ params }, { deps }) => {
      const { storeId, roId } = await trackedOrder(deps, params.token);
      return data({ waits: await partsWaitsOf(deps, storeId, roId) });
    },
  }),
];

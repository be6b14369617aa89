import { z } from 'zod';
import { ActorKindSchema, SourceSchema } from '../../shared/workflow/events';
import { READS } from '../../shared/workflow/permissions';
import { mayReadRoHistory } from '../auth/policy';
import { HISTORY_DEFAULT_LIMIT, HISTORY_MAX_LIMIT, readRoHistory } from '../ro-history';
import { HttpError } from './errors';
import { roParams } from './repair-orders';
import { data, defineRoute } from './route';

const tag = 'Repair orders';

const HistoryEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  type: z.string().describe('The fact: repairOrderCreated, operationStarted, qcFailed, …'),
  summary: z.object({ 'zh-CN': z.string(), en: z.string() }).describe('The line in words; no customer data'),
  actor: z.object({
    kind: ActorKindSchema,
    id: z.string(),
    name: z
      .string()
      .nullable()
      .describe("The store's name for the person (or screen) today, else the name recorded when it acted; null for events from before names"),
  }),
  source: SourceSchema,
  device: z.string().nullable().describe('The scan phone, kiosk or screen (dispatch-board, bay-board:<bayId>) it came from'),
});

const historyQuery = z.strictObject({
  afterSeq: z.coerce.number().int().min(0).default(0).describe('Only events after this seq: the `next` of the page before'),
  limit: z.coerce.number().int().min(1).max(HISTORY_MAX_LIMIT).default(HISTORY_DEFAULT_LIMIT),
});

/** A repair order's history (issue 13): who did what, when, from where. Reading is in server/ro-history.ts. */
export const roHistoryRoutes = [
  defineRoute({
    name: 'getRepairOrderHistory',
    method: 'get',
    path: '/api/stores/:storeId/repair-orders/:roId/history',
    access: 'signed-in',
    tag,
    summary: `Who did what to a repair order, when and from where, oldest first, ${HISTORY_DEFAULT_LIMIT} events a page (limit up to ${HISTORY_MAX_LIMIT}; pass next as afterSeq). Also for orders no longer open, while the log has them. Roles: ${READS.roHistory.join(', ')}, admin; the API key; the store's dispatch screen`,
    params: roParams,
    query: historyQuery,
    response: {
      status: 200,
      description: 'One page of history and the cursor of the next (null: this is the last)',
      schema: z.object({ data: z.object({ roId: z.string(), entries: z.array(HistoryEntrySchema), next: z.number().int().nullable() }) }),
    },
    run: async ({ params, query }, { deps, principal, store }) => {
      if (!mayReadRoHistory(principal))
        throw new HttpError(
          403,
          'forbidden',
          principal.kind === 'display'
            ? "Only the dispatch board may read a repair order's history"
            : `This needs one of the roles: ${READS.roHistory.join(', ')}, admin`,
        );
      const page = await readRoHistory(deps.service, store, params.roId, query);
      if (!page) throw new HttpError(404, 'not_found', `There is no repair order "${params.roId}"`, { roId: params.roId });
      return data({ roId: params.roId, ...page });
    },
  }),
];

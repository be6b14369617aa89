import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { READS } from '../../shared/workflow/permissions';
import type { AppDeps } from '../deps';
import { maySeeStore } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { OPT_IN_TYPES, WEBHOOK_EVENT_TYPES, type EndpointView, type Webhooks } from '../webhooks';
import { HttpError } from './errors';
import { data, defineRoute } from './route';
import { requestLog } from './security';

/**
 * Webhook endpoints (Standard Webhooks, server/webhooks): the DMS registers a URL and gets its
 * signing secret once; /admin/webhooks shows the same with recent deliveries. API key or admin.
 */
const tag = 'Webhooks';
const params = z.strictObject({ webhookId: IdSchema });
const EventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
const UrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

const EndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  storeId: z.string().nullable().describe('null: every store'),
  events: z.array(z.string()).nullable().describe('null: every event type but customer.message (named only)'),
  description: z.string().nullable(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable().describe('Why it was disabled: 410 Gone, days of failure, or by hand'),
  disabledAt: z.string().nullable(),
  failingSince: z.string().nullable(),
  createdAt: z.string(),
  pending: z.number().int(),
});
const DeliverySchema = z.object({
  msgId: z.string(),
  endpointId: z.string(),
  storeId: z.string(),
  seq: z.number().int(),
  type: z.string(),
  status: z.enum(['pending', 'sent']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});

const webhooksOf = (deps: AppDeps): Webhooks => {
  if (!deps.webhooks) throw new HttpError(503, 'webhooks_unavailable', 'The webhook outbox is not open on this server');
  return deps.webhooks;
};

/** Staff admins of some stores manage only those stores' endpoints; an all-store endpoint needs every store. */
const mayManage = (p: Principal, storeId: string | null) =>
  p.kind === 'integration' || (p.kind === 'staff' && (p.storeIds === '*' || (storeId !== null && maySeeStore(p, storeId))));

const checkStore = (deps: AppDeps, p: Principal, storeId: string | null | undefined) => {
  if (storeId && !deps.service.storeConfig(storeId)) throw new HttpError(422, 'invalid_reference', `There is no store "${storeId}"`, { storeId });
  if (!mayManage(p, storeId ?? null))
    throw new HttpError(
      403,
      'forbidden',
      storeId ? `You may not manage webhooks of store "${storeId}"` : 'An endpoint for every store needs an admin of every store',
    );
};

async function findEndpoint(deps: AppDeps, p: Principal, id: string): Promise<EndpointView> {
  const endpoint = await webhooksOf(deps).endpoints.get(id);
  if (!endpoint || !mayManage(p, endpoint.storeId)) throw new HttpError(404, 'not_found', `There is no webhook endpoint "${id}"`, { webhookId: id });
  return endpoint;
}

export const webhookRoutes = [
  defineRoute({
    name: 'createWebhook',
    method: 'post',
    path: '/api/webhooks',
    access: READS.admin,
    tag,
    summary: `Register an endpoint (no storeId: every store; no events: all of ${WEBHOOK_EVENT_TYPES.filter((t) => !OPT_IN_TYPES.includes(t)).join(', ')}; ${OPT_IN_TYPES.join(', ')} (a message to a customer, with their phone and name, for a store whose notify config hands its messages to its CRM) only when named in events). The answer is the only time the secret (whsec_…) is shown`,
    body: z.strictObject({
      url: UrlSchema,
      storeId: IdSchema.optional(),
      events: z.array(EventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length).optional(),
      description: z.string().trim().max(200).optional(),
    }),
    response: {
      status: 201,
      description: 'The endpoint and its signing secret',
      schema: z.object({ data: z.object({ id: z.string(), secret: z.string(), endpoint: EndpointSchema }) }),
    },
    run: async ({ body }, { deps, principal, req }) => {
      checkStore(deps, principal, body.storeId);
      const created = await webhooksOf(deps).endpoints.create(body);
      requestLog(deps.log, req).info({ by: principal.id, webhookId: created.id, storeId: body.storeId }, 'registered a webhook endpoint');
      return data(created, 201);
    },
  }),
  defineRoute({
    name: 'listWebhooks',
    method: 'get',
    path: '/api/webhooks',
    access: READS.admin,
    tag,
    summary: 'Registered endpoints (never their secrets), whether each is enabled, and how many deliveries wait',
    response: { status: 200, description: 'Endpoints', schema: z.object({ data: z.array(EndpointSchema) }) },
    run: async (_input, { deps, principal }) => data((await webhooksOf(deps).endpoints.list()).filter((e) => mayManage(principal, e.storeId))),
  }),
  defineRoute({
    name: 'getWebhook',
    method: 'get',
    path: '/api/webhooks/:webhookId',
    access: READS.admin,
    tag,
    summary: 'One endpoint with its latest deliveries',
    params,
    response: {
      status: 200,
      description: 'The endpoint',
      schema: z.object({ data: z.object({ endpoint: EndpointSchema, deliveries: z.array(DeliverySchema) }) }),
    },
    run: async ({ params: p }, { deps, principal }) => {
      const endpoint = await findEndpoint(deps, principal, p.webhookId);
      return data({ endpoint, deliveries: await webhooksOf(deps).endpoints.recentDeliveries({ endpointId: endpoint.id, limit: 50 }) });
    },
  }),
  defineRoute({
    name: 'updateWebhook',
    method: 'patch',
    path: '/api/webhooks/:webhookId',
    access: READS.admin,
    tag,
    summary:
      'Change url, store (null: every store), events (null: all), description; enabled: true re-enables a disabled endpoint and its waiting deliveries resume in order',
    params,
    body: z
      .strictObject({
        url: UrlSchema.optional(),
        storeId: IdSchema.nullable().optional(),
        events: z.array(EventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length).nullable().optional(),
        description: z.string().trim().max(200).optional(),
        enabled: z.boolean().optional(),
      })
      .refine((b) => Object.keys(b).length > 0, 'give at least one field to change'),
    response: { status: 200, description: 'The endpoint', schema: z.object({ data: EndpointSchema }) },
    run: async ({ params: p, body }, { deps, principal }) => {
      await findEndpoint(deps, principal, p.webhookId);
      if (body.storeId !== undefined) checkStore(deps, principal, body.storeId);
      return data(await webhooksOf(deps).endpoints.update(p.webhookId, body));
    },
  }),
  defineRoute({
    name: 'deleteWebhook',
    method: 'delete',
    path: '/api/webhooks/:webhookId',
    access: READS.admin,
    tag,
    summary: 'Remove an endpoint; its waiting deliveries are dropped',
    params,
    response: { status: 204, description: 'Removed' },
    run: async ({ params: p }, { deps, principal, res }) => {
      await findEndpoint(deps, principal, p.webhookId);
      await webhooksOf(deps).endpoints.remove(p.webhookId);
      res.status(204).end();
    },
  }),
];

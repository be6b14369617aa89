import { z } from 'zod';
import type { StoreStatus } from '../store/event-store';
import { defineRoute } from './route';

const tag = 'System';

const HealthSchema = z.object({
  version: z.string(),
  store: z.object({
    ok: z.boolean(),
    kind: z.enum(['embedded', 'postgres']).optional().describe('Only with the API key'),
    detail: z.string().optional().describe('Only with the API key; may name a file or a host'),
  }),
  stores: z.array(z.string()).optional().describe('Configured store ids; only with the API key'),
});

/**
 * Health for load balancers and the API document; both public and free of business data. An
 * anonymous caller (a probe) learns only whether the store is ok: the detail may hold the
 * journal's absolute path or a database host, and the store list how big the group is.
 */
export const systemRoutes = (openApi: () => object) => [
  defineRoute({
    name: 'health',
    method: 'get',
    path: '/healthz',
    access: 'public',
    tag,
    summary: 'Version and whether the event store is ok (with the API key also its kind, detail and the store ids); 503 when it is not ok',
    // Probes and cache-busters add their own parameters; they are harmless here.
    query: z.object({}),
    response: { status: 200, description: 'Healthy (the same body with 503 when not)', schema: HealthSchema },
    run: async (_input, { deps, principal }) => {
      const store: StoreStatus = await deps.service.events.status().catch((err: unknown) => {
        deps.log.warn({ err }, 'event store status failed');
        return { kind: deps.service.events.kind, ok: false, detail: 'status check failed' };
      });
      const status = store.ok ? 200 : 503;
      if (principal?.kind !== 'integration') return { status, body: { version: deps.version, store: { ok: store.ok } } };
      return { status, body: { version: deps.version, store, stores: deps.service.storeConfigs.map((s) => s.id) } };
    },
  }),
  defineRoute({
    name: 'openApi',
    method: 'get',
    path: '/api/openapi.json',
    access: 'public',
    tag,
    summary: 'This API as an OpenAPI 3.1 document',
    response: { status: 200, description: 'The OpenAPI document', schema: z.object({ openapi: z.string() }).loose() },
    run: async () => ({ status: 200, body: openApi() }),
  }),
];

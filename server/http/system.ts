import { z } from 'zod';
import type { StoreStatus } from '../store/event-store';
import { defineRoute } from './route';

const tag = 'System';

const HealthSchema = z.object({
  version: z.string(),
  store: z.object({ kind: z.enum(['embedded', 'postgres']), ok: z.boolean(), detail: z.string().optional() }),
  stores: z.array(z.string()),
});

/** Health for load balancers and the API document; both public and free of business data. */
export const systemRoutes = (openApi: () => object) => [
  defineRoute({
    name: 'health', method: 'get', path: '/healthz', access: 'public', tag,
    summary: 'Version, event store status and configured store ids; 503 when the event store is not ok',
    // Probes and cache-busters add their own parameters; they are harmless here.
    query: z.object({}),
    response: { status: 200, description: 'Healthy (the same body with 503 when not)', schema: HealthSchema },
    run: async (_input, { deps }) => {
      const store: StoreStatus = await deps.service.events.status().catch((err: unknown) => {
        deps.log.warn({ err }, 'event store status failed');
        return { kind: deps.service.events.kind, ok: false, detail: 'status check failed' };
      });
      const body = { version: deps.version, store, stores: deps.service.storeConfigs.map((s) => s.id) };
      return { status: store.ok ? 200 : 503, body };
    },
  }),
  defineRoute({
    name: 'openApi', method: 'get', path: '/api/openapi.json', access: 'public', tag,
    summary: 'This API as an OpenAPI 3.1 document',
    response: { status: 200, description: 'The OpenAPI document', schema: z.object({ openapi: z.string() }).loose() },
    run: async () => ({ status: 200, body: openApi() }),
  }),
];

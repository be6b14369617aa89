import { secretMatcher } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { HttpError } from './errors';
import { defineRoute } from './route';

/**
 * `/metrics` for Prometheus: the API key (an integration) or `Authorization: Bearer
 * <METRICS_TOKEN>`, so a scraper need not hold the key that can change repair orders.
 */
export const metricsRoutes = (deps: AppDeps) => {
  const isMetricsToken = deps.metricsToken ? secretMatcher(deps.metricsToken) : () => false;
  return [
    defineRoute({
      name: 'metrics',
      method: 'get',
      path: '/metrics',
      access: 'public',
      tag: 'System',
      summary: 'Process and workshop metrics in the Prometheus text format (API key or METRICS_TOKEN)',
      response: { status: 200, description: 'Prometheus text exposition format', contentType: 'text/plain; version=0.0.4' },
      run: async (_input, { deps, req, res, principal }) => {
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
        if (principal?.kind !== 'integration' && !(bearer && isMetricsToken(bearer)))
          throw new HttpError(401, 'unauthenticated', 'Send Authorization: Bearer <API key or METRICS_TOKEN>');
        const metrics = deps.metrics;
        if (!metrics) throw new HttpError(404, 'not_found', 'Metrics are not collected by this server');
        res
          .status(200)
          .type(metrics.registry.contentType)
          .set('Cache-Control', 'no-store')
          .send(await metrics.registry.metrics());
      },
    }),
  ];
};

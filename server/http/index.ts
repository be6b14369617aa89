import express, { type Router } from 'express';
import type { AppDeps } from '../deps';
import { appointmentRoutes } from './appointments';
import { displayRoutes } from './displays';
import { dmsRoutes } from './dms';
import { discoveryRoutes } from './discovery';
import { webhookRoutes } from './webhooks';
import { authRoutes } from './auth';
import { peopleRoutes } from './people';
import { errorMiddleware, HttpError, sendError } from './errors';
import { kioskRoutes } from './kiosk';
import { kioskStaffRoutes } from './kiosk-staff';
import { buildOpenApi } from './openapi';
import { repairOrderActionRoutes } from './repair-order-actions';
import { repairOrderRoutes } from './repair-orders';
import { roHistoryRoutes } from './ro-history';
import { reportRoutes } from './reports';
import { reminderRoutes } from './reminders';
import { scanAdminRoutes } from './scan-admin';
import { scanRoutes } from './scan';
import { toHandler, type AnyRoute } from './route';
import { systemRoutes } from './system';
import { metricsRoutes } from './metrics';
import { trackingRoutes } from './tracking';
import { trackingWaitRoutes } from './tracking-waits';
import { notifyRoutes } from './notify';
import { addOnRoutes } from './add-ons';
import { planRoutes } from './plan';

/**
 * Every HTTP route of the API. Each comes from a `defineRoute({...})` spec that carries its
 * schemas, access rule and docs; the same list builds the router and the OpenAPI document.
 *
 * To add a route: write `defineRoute({name, method, path, access, params, query, body,
 * response, run})` in the feature's file (or a new `server/http/<feature>.ts` whose array
 * is listed below), have `run` return `data(...)` or `commitWrite(...)`, and add a test in
 * `<feature>.test.ts`. The docs follow by themselves; the OpenAPI test fails for a route
 * registered any other way.
 */
export function apiRoutes(openApi: () => object): AnyRoute[] {
  return [
    ...systemRoutes(openApi),
    ...authRoutes,
    ...discoveryRoutes,
    ...peopleRoutes,
    ...repairOrderRoutes,
    ...repairOrderActionRoutes,
    ...roHistoryRoutes,
    ...appointmentRoutes,
    ...planRoutes,
    ...dmsRoutes,
    ...scanRoutes,
    ...scanAdminRoutes,
    ...displayRoutes,
    ...kioskRoutes,
    ...kioskStaffRoutes,
    ...trackingRoutes,
    ...reportRoutes,
    ...reminderRoutes,
    ...trackingWaitRoutes,
    ...webhookRoutes,
    ...notifyRoutes,
    ...addOnRoutes,
  ];
}

/**
 * The order the router tries the routes in: the actions on one operation (start, pause, resume…:
 * a technician's scan, the busiest write there is) first, so express does not match ~20 other
 * paths before each of them; the rest as listed. Express paths match whole (no wildcards here),
 * so no request can match two routes of one method and the order decides nothing else
 * (index.test.ts checks that).
 */
export const routerOrder = (routes: AnyRoute[]): AnyRoute[] => {
  const hot = routes.filter((r) => r.path.includes('/operations/:opId/'));
  return [...hot, ...routes.filter((r) => !hot.includes(r))];
};

/** The express router for the API, sign-in and health; mounted by createApplication. */
export function httpRoutes(deps: AppDeps): Router {
  const router = express.Router();
  const routes = [...apiRoutes(() => document), ...metricsRoutes(deps)];
  const document = buildOpenApi(routes, { version: deps.version });
  for (const route of routerOrder(routes)) router[route.method](route.path, toHandler(route, deps));
  // Unknown API paths answer in the API's error shape; other paths fall through to the pages.
  router.use('/api', (req, res) => sendError(res, new HttpError(404, 'not_found', `There is no ${req.method} ${req.originalUrl.split('?')[0]}`)));
  router.use(errorMiddleware(deps.log));
  return router;
}

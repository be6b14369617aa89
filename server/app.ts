import { createServer, IncomingMessage, ServerResponse, type Server as HttpServer } from 'node:http';
import express from 'express';
import { httpRoutes } from './http';
import { attachRealtime } from './realtime/gateway';
import { pageRoutes } from './pages';
import { pageErrorMiddleware } from './pages/error-page';
import { createRateLimiter } from './kiosk/rate-limit';
import { createSessionEnds } from './auth/session-ends';
import { Metrics } from './metrics';
import { framableHeaders, requestIds, securityHeaders } from './http/security';
import { PUBLIC_URL_SETTING } from './http/public-url';
import type { AppDeps } from './deps';

export interface Application {
  app: express.Express;
  close(): Promise<void>;
}

/** The request and response classes of servers made by createHttpServer; createApplication makes their prototypes the app's. */
const serverClasses = new WeakMap<HttpServer, { Request: { prototype: object }; Response: { prototype: object } }>();

/**
 * The HTTP server to hand to createApplication: its requests and responses are born with the
 * express app's prototypes.
 *
 * Express otherwise moves every request and response onto its own prototypes with
 * `Object.setPrototypeOf`. That cost ~4 µs per object here, and V8 then kept those objects, with
 * everything they reach (the router's closures, the body, the answer), alive through
 * young-generation collections: at 500 scan actions a second the server promoted ~6 MB a second
 * of dead requests into the old generation, whose collections then cost seconds of helper-thread
 * CPU on a full machine (BENCHMARKS.md, ceiling). Born with the right prototype, a request is left alone.
 * A plain `createServer()` works too, without that saving.
 */
export function createHttpServer(): HttpServer {
  class Request extends IncomingMessage {}
  class Response extends ServerResponse {}
  const server = createServer({ IncomingMessage: Request, ServerResponse: Response });
  serverClasses.set(server, { Request, Response });
  return server;
}

/**
 * Make `app.request` (and `app.response`) the prototype the server's class gives its instances:
 * express builds it as an object inheriting express's request methods with the app as `app`;
 * here the class's prototype takes that place, so express's `setPrototypeOf` changes nothing.
 */
function adoptPrototype(app: express.Express, key: 'request' | 'response', Class: { prototype: object }): void {
  Object.setPrototypeOf(Class.prototype, Object.getPrototypeOf(app[key]));
  Object.defineProperty(Class.prototype, 'app', { configurable: true, enumerable: true, writable: true, value: app });
  (app as unknown as Record<typeof key, object>)[key] = Class.prototype;
}

/**
 * Wires HTTP routes and the realtime gateway around an injected service, so tests start the
 * real server on port 0 with whatever store they like.
 */
export async function createApplication(httpServer: HttpServer, deps: AppDeps): Promise<Application> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  app.set(PUBLIC_URL_SETTING, deps.publicUrl);
  app.use(requestIds(), securityHeaders());
  const framable = framableHeaders(deps.frameAncestors);
  if (framable) app.get(['/display/customer', '/kiosk'], framable);
  const classes = serverClasses.get(httpServer);
  if (classes) {
    adoptPrototype(app, 'request', classes.Request);
    adoptPrototype(app, 'response', classes.Response);
  }
  // Ended sessions are read on every request: before any route or socket can ask.
  const sessionEnds = await createSessionEnds({ redisUrl: deps.redisUrl, redisPrefix: deps.redisPrefix, dataDir: deps.auth.dataDir, log: deps.log });
  deps.auth.useSessionEnds(sessionEnds);
  const metrics = deps.metrics ?? new Metrics();
  deps.service.instrument(metrics.probe);
  if (deps.webhooks) metrics.watchWebhooks(deps.webhooks.outbox);
  const realtime = await attachRealtime(httpServer, { ...deps, metrics });
  const limiter = deps.limiter ?? (await createRateLimiter(deps));
  const wired = { ...deps, fleet: realtime.fleet, limiter, metrics };
  app.use(httpRoutes(wired));
  app.use(pageRoutes(wired));
  app.use(pageErrorMiddleware(deps.log));
  httpServer.on('request', app);
  return {
    app,
    async close() {
      await realtime.close();
      await sessionEnds.close();
      if (!deps.limiter) await limiter.close();
      httpServer.off('request', app);
    },
  };
}

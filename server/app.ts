import type { Server as HttpServer } from 'node:http';
import express from 'express';
import type { ShopConfig } from '../shared/domain/shop';
import type { Logger } from './log';
import type { WorkshopService } from './workshop-service';
import type { Auth } from './auth';
import { httpRoutes } from './http';
import { attachRealtime } from './realtime/gateway';
import { pageRoutes } from './pages';
import type { Fleet } from './realtime/fleet';
import { createRateLimiter, type RateLimiter } from './kiosk/rate-limit';

export interface AppDeps {
  service: WorkshopService;
  shop: ShopConfig;
  auth: Auth;
  log: Logger;
  version: string;
  /** Redis URL when scaled out; the socket.io adapter uses it too. */
  redisUrl?: string;
  redisPrefix?: string;
  /** Demo mode: display tokens with a `demo-` id need no pairing; main prints sign-in links. */
  demo?: boolean;
  /** Wall-screen pairing and health; created with the realtime gateway. */
  fleet?: Fleet;
  /** Counts kiosk lookups (in Redis when scaled out); created with the application. */
  kioskLimiter?: RateLimiter;
}

export interface Application {
  app: express.Express;
  close(): Promise<void>;
}

/**
 * Wires HTTP routes and the realtime gateway around an injected service, so tests start the
 * real server on port 0 with whatever store they like.
 */
export async function createApplication(httpServer: HttpServer, deps: AppDeps): Promise<Application> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const realtime = await attachRealtime(httpServer, deps);
  const kioskLimiter = deps.kioskLimiter ?? (await createRateLimiter(deps));
  const wired = { ...deps, fleet: realtime.fleet, kioskLimiter };
  app.use(httpRoutes(wired));
  app.use(pageRoutes(wired));
  httpServer.on('request', app);
  return {
    app,
    async close() {
      await realtime.close();
      if (!deps.kioskLimiter) await kioskLimiter.close();
      httpServer.off('request', app);
    },
  };
}

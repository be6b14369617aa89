import type { Server as HttpServer } from 'node:http';
import express from 'express';
import type { ShopConfig } from '../shared/domain/shop';
import type { Logger } from './log';
import type { WorkshopService } from './workshop-service';
import type { Secrets } from './auth/secrets';

export interface AppDeps {
  service: WorkshopService;
  shop: ShopConfig;
  secrets: Secrets;
  log: Logger;
  version: string;
  /** Redis URL when scaled out; the socket.io adapter uses it too. */
  redisUrl?: string;
  /** Demo mode prints sign-in links and accepts demo display tokens. */
  demo?: boolean;
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
  httpServer.on('request', app);
  return {
    app,
    async close() {
      httpServer.off('request', app);
    },
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShopConfig } from '../../shared/domain/shop';
import { createApplication, createHttpServer, type AppDeps } from '../../server/app';
import { Auth } from '../../server/auth';
import { loadShopConfig } from '../../server/config';
import { silentLogger, type Logger } from '../../server/log';
import { createEventStore } from '../../server/store';
import type { RateLimiter } from '../../server/kiosk/rate-limit';
import { WorkshopService } from '../../server/workshop-service';

export interface TestServerOptions {
  /** Default: config/shop.json, as the real server loads it. */
  shop?: ShopConfig;
  /** Default: a fresh temporary folder, removed on close. */
  dataDir?: string;
  /** Use this PostgreSQL database instead of the embedded journal. */
  databaseUrl?: string;
  /** Fan out (and count rate limits) through this Redis. */
  redisUrl?: string;
  redisPrefix?: string;
  demo?: boolean;
  /** Extra environment for Auth (API_KEY, SIGNING_KEY); default none, so keys are generated into dataDir. */
  env?: NodeJS.ProcessEnv;
  /** The service's clock, for tests about time (link expiry); default the real one. */
  now?: () => Date;
  /** The build the server reports to its screens; default 'test'. */
  version?: string;
  /** Default silentLogger; pass createLogger({destination}) to read the lines. */
  log?: Logger;
  /** PUBLIC_URL; default none, so links name the server's own socket address. */
  publicUrl?: string;
  /** A bearer token that may read /metrics besides the API key. */
  metricsToken?: string;
  /** FRAME_ANCESTORS; default none. */
  frameAncestors?: string;
  /** NODE_ENV while express builds the app (it picks its error pages by it); default as the process has it. */
  nodeEnv?: string;
  /** The rate limiter (e.g. a MemoryRateLimiter on a test clock); default: made by createApplication. */
  limiter?: RateLimiter;
  /** Realtime connections one address may hold (MAX_SOCKETS_PER_ADDRESS); default the server's. */
  maxSocketsPerAddress?: number;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestServer {
  url: string;
  port: number;
  service: WorkshopService;
  auth: Auth;
  apiKey: string;
  deps: AppDeps;
  /**
   * A JSON request as the integration (Bearer API key) unless `headers` says otherwise; pass
   * `{authorization: ''}`… or any header to replace the defaults (see `asNobody`).
   */
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string | undefined>): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** Headers that remove the default API key: the request carries no credentials at all. */
export const asNobody = { authorization: undefined };

/**
 * The real server on a free port: real event store in a fresh data dir (or PostgreSQL), the real
 * shop config, real auth and createApplication, quiet logs.
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'tw-test-')));
  const shop = opts.shop ?? loadShopConfig();
  const log = opts.log ?? (process.env.TEST_LOG ? { ...silentLogger, error: (c: object, m: string) => console.error(m, c) } : silentLogger);
  const events = await createEventStore({ dataDir, databaseUrl: opts.databaseUrl, log });
  const service = new WorkshopService(events, shop.stores, log, opts.now);
  await service.init();
  const auth = await Auth.create({ dataDir, env: opts.env ?? {}, shop, log, demo: opts.demo });
  const deps: AppDeps = { service, shop, auth, log, version: opts.version ?? 'test', redisUrl: opts.redisUrl, redisPrefix: opts.redisPrefix, demo: opts.demo,
    publicUrl: opts.publicUrl, frameAncestors: opts.frameAncestors, metricsToken: opts.metricsToken,
    ...(opts.limiter ? { limiter: opts.limiter } : {}), maxSocketsPerAddress: opts.maxSocketsPerAddress };
  const httpServer = createHttpServer();
  const nodeEnv = process.env.NODE_ENV;
  if (opts.nodeEnv !== undefined) process.env.NODE_ENV = opts.nodeEnv;
  const application = await createApplication(httpServer, deps).finally(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const api: TestServer['api'] = async (method, path, body, headers = {}) => {
    const merged: Record<string, string | undefined> = {
      authorization: `Bearer ${auth.apiKey}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    };
    const res = await fetch(`${url}${path}`, {
      method,
      redirect: 'manual',
      headers: Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined)),
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as any };
  };

  return {
    url, port, service, auth, apiKey: auth.apiKey, deps, api,
    async close() {
      await application.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await service.close();
      await events.close();
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

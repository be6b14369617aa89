import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShopConfig } from '../../shared/domain/shop';
import { createApplication, createHttpServer } from '../../server/app';
import type { AppDeps } from '../../server/deps';
import { Auth } from '../../server/auth';
import { loadShopConfig } from '../../server/config';
import { silentLogger, type Logger } from '../../server/log';
import { createEventStore } from '../../server/store';
import type { EventStore } from '../../server/store/event-store';
import { openNotify } from '../../server/notify';
import { openPhotoStore } from '../../server/add-ons/photo-store';
import { openHistory } from '../../server/history';
import { openWebhooks, type Webhooks } from '../../server/webhooks';
import { ImportJobs } from '../../server/dms/import-jobs';
import type { RateLimiter } from '../../server/kiosk/rate-limit';
import { WorkshopService } from '../../server/workshop-service';
import { AlarmDetector } from '../../server/alarms/alarm-detector';

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
  /** Open the history read model (SQLite in dataDir, or the PostgreSQL database) and follow the service, as main does. */
  history?: boolean;
  /** Whether the history is all written (main: false while the demo's past is written in the background); default always. */
  historyComplete?: () => boolean;
  /** Open the webhook outbox in dataDir (or the PostgreSQL database), as main does; pass options to drive its clock or sender. */
  webhooks?: boolean | Partial<import('../../server/webhooks').WebhooksOptions>;
  /** An alarm detector on the service's clock, not ticking by itself: the test calls `alarms.tick()`. */
  alarms?: boolean;
  /** Open the notifier (server/notify) for the stores with a `notify` config, as main does; `env` holds the SMS keys. */
  notify?: { env?: NodeJS.ProcessEnv; baseUrl?: string; pushAgent?: import('node:https').Agent };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestServer {
  url: string;
  /** With `notify`: the notifier (call `idle()` before reading its log). */
  notify?: import('../../server/notify').OpenedNotify;
  /** With `history: true`: the read model's projector (await `idle()` before reading a report). */
  history?: import('../../server/history').History;
  /** With `webhooks`: the outbox (not following the service: tests feed and tick it) and its endpoints. */
  webhooks?: Webhooks;
  port: number;
  service: WorkshopService;
  auth: Auth;
  apiKey: string;
  deps: AppDeps;
  /** With `alarms: true`: the detector main runs, ticked by the test. */
  alarms?: AlarmDetector;
  /** The event store under the service, to read the log as stored. */
  events: EventStore;
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
  const auth = await Auth.create({ dataDir, env: opts.env ?? {}, shop, log, demo: opts.demo, integrationName: opts.env?.INTEGRATION_NAME });
  const deps: AppDeps = {
    service,
    shop,
    auth,
    log,
    version: opts.version ?? 'test',
    redisUrl: opts.redisUrl,
    redisPrefix: opts.redisPrefix,
    demo: opts.demo,
    publicUrl: opts.publicUrl,
    frameAncestors: opts.frameAncestors,
    metricsToken: opts.metricsToken,
    ...(opts.limiter ? { limiter: opts.limiter } : {}),
    maxSocketsPerAddress: opts.maxSocketsPerAddress,
    ...(opts.historyComplete ? { historyComplete: opts.historyComplete } : {}),
  };
  const history = opts.history ? await openHistory({ dataDir, databaseUrl: opts.databaseUrl, events, signingKey: auth.signingKey, log }) : undefined;
  const stopHistory = history?.projector.follow(
    service,
    shop.stores.map((s) => s.id),
  );
  if (history) deps.history = history.db;
  const webhookOptions = opts.webhooks === true ? {} : opts.webhooks || undefined;
  const webhooks = webhookOptions
    ? await openWebhooks({ dataDir, databaseUrl: opts.databaseUrl, events, log, allowLoopback: true, stateOf: (id) => service.state(id), ...webhookOptions })
    : undefined;
  if (webhooks) {
    await webhooks.outbox.start(shop.stores.map((s) => s.id));
    deps.webhooks = webhooks;
  }
  // DMS import jobs in a table of the data dir (or the PostgreSQL database), as main keeps them.
  const imports = await ImportJobs.open({ dataDir, databaseUrl: opts.databaseUrl, log });
  deps.imports = imports;
  const notify = opts.notify
    ? await openNotify({
        shop,
        dataDir,
        databaseUrl: opts.databaseUrl,
        env: opts.notify.env ?? {},
        baseUrl: opts.notify.baseUrl ?? 'http://127.0.0.1',
        log,
        service,
        pushAgent: opts.notify.pushAgent,
        webhooks: webhooks?.outbox,
      })
    : undefined;
  if (notify) {
    deps.notifier = notify.notifier;
    deps.vapidPublicKey = notify.vapidPublicKey;
  }
  // Add-on photos as main keeps them: files in dataDir, or the PostgreSQL table.
  const photos = await openPhotoStore({ dataDir, databaseUrl: opts.databaseUrl, log });
  deps.photos = photos;
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
    url,
    port,
    service,
    auth,
    apiKey: auth.apiKey,
    deps,
    events,
    api,
    history,
    webhooks,
    notify,
    ...(opts.alarms ? { alarms: new AlarmDetector(service, { log, now: () => service.time().getTime() }) } : {}),
    async close() {
      await application.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await imports.close();
      await service.close();
      stopHistory?.();
      await history?.close();
      await webhooks?.close();
      await notify?.close();
      await photos.close();
      await events.close();
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

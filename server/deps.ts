import type { ShopConfig } from '../shared/domain/shop';
import type { Auth } from './auth';
import type { HistoryDb } from './history/schema';
import type { RateLimiter } from './kiosk/rate-limit';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { Notifier } from './notify/notifier';
import type { Fleet } from './realtime/fleet';
import type { Webhooks } from './webhooks';
import type { WorkshopService } from './workshop-service';
import type { PhotoStore } from './add-ons/photo-store';

/**
 * What the application is built from (createApplication in app.ts), and what every route,
 * page and the realtime gateway are handed. Its own module, so routes depend on what they are
 * given, not on the app that mounts them (and app.ts can import the routes without a cycle).
 */
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
  /** What /metrics shows; created with the application unless given. */
  metrics?: Metrics;
  /** A bearer token that may read /metrics besides the API key. */
  metricsToken?: string;
  /** Wall-screen pairing and health; created with the realtime gateway. */
  fleet?: Fleet;
  /**
   * Counts kiosk lookups and uses of one-time sign-in links (in Redis when scaled out, so every
   * process sees the same counts); created with the application.
   */
  limiter?: RateLimiter;
  /** Express's `trust proxy` (TRUST_PROXY); default `loopback`. */
  trustProxy?: number | string | false;
  /**
   * The origin links are built with (PUBLIC_URL). Without it (demo, tests), the address of the
   * server's own socket the request arrived on — never the Host header, which the client writes.
   */
  publicUrl?: string;
  /** Origins that may frame the lobby board and the kiosk (FRAME_ANCESTORS); default none. */
  frameAncestors?: string;
  /** MAX_SOCKETS_PER_ADDRESS: socket.io connections one client address may hold (server/realtime/connection-cap.ts). */
  maxSocketsPerAddress?: number;
  /** The history read model the reports read (server/history); without it they answer 503. */
  history?: HistoryDb;
  /** False until the history has caught up with the log after a start (a first demo start projects 90 days): the reports then say their figures are partial. */
  historyComplete?: () => boolean;
  /** DMS import jobs, kept in a table (server/dms/job-store.ts); without it they are kept in memory (unit tests). */
  imports?: import('./dms/import-jobs').ImportJobs;
  /** The webhook outbox and its endpoints (server/webhooks); without it the webhook routes answer 503. */
  webhooks?: Webhooks;
  /** Messages to customers (server/notify); absent when no store configures `notify`. */
  notifier?: Notifier;
  /** The VAPID public key the tracking page subscribes with (when a store has Web Push). */
  vapidPublicKey?: string;
  /**
   * Where add-on photos are kept (server/add-ons/photo-store.ts): PostgreSQL when scaled out;
   * without one, files under the data directory.
   */
  photos?: PhotoStore;
}

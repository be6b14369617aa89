import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { childLogger, type Logger } from '../log';

/**
 * Response headers every answer carries, set by helmet: a Content-Security-Policy our pages
 * work under (scripts only from our own files, never inline; styles may be inline because
 * the shells and print pages carry a `<style>` block; images also as `data:` for QR codes;
 * connections only back to us, which covers the socket's WebSocket), nosniff, and
 * `Referrer-Policy: no-referrer` — tokens travel in URLs (`/t/…`, `?display=`, sign-in links)
 * and must not leak to another site through a Referer.
 *
 * No page may be framed (`frame-ancestors 'none'`, `X-Frame-Options: DENY`), except the lobby
 * customer board and the kiosk by the origins in FRAME_ANCESTORS (signage players that embed
 * them). `upgrade-insecure-requests` is left out: a workshop LAN often serves plain HTTP and
 * the upgrade would break every asset.
 */
const DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  mediaSrc: ["'self'", 'data:', 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

const headers = (frameAncestors: string[] | undefined) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...DIRECTIVES, ...(frameAncestors ? { frameAncestors } : {}) } },
    referrerPolicy: { policy: 'no-referrer' },
    // Frame-ancestors decides where framing is allowed; X-Frame-Options (for old browsers) can only say DENY or same origin.
    xFrameOptions: frameAncestors ? false : { action: 'deny' },
    // Whether to force HTTPS is the load balancer's decision, not the app's.
    strictTransportSecurity: false,
  });

/**
 * API answers are JSON, never rendered as a document: they get only what still matters for
 * them — nosniff, no-referrer, and a policy that forbids everything including framing. Four
 * headers instead of twelve keeps the scan action's path cheap (setHeader is ~0.3 µs each).
 */
const apiHeaders = () =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    originAgentCluster: false,
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xPoweredBy: false,
    xXssProtection: false,
  });

/** The headers for every response: the API's few under `/api/`, the pages' full set elsewhere. */
export const securityHeaders = (): RequestHandler => {
  const pages = headers(undefined);
  const api = apiHeaders();
  return (req, res, next) => (req.url.startsWith('/api/') ? api : pages)(req, res, next);
};

/**
 * For the pages that may be framed (lobby board, kiosk), registered after securityHeaders: it
 * sets their own policy over the default one when FRAME_ANCESTORS names origins, else nothing.
 */
export const framableHeaders = (origins: string | undefined): RequestHandler | undefined => {
  if (!origins) return undefined;
  const framable = headers(origins.split(/\s+/).filter(Boolean));
  return (req, res, next) => {
    res.removeHeader('X-Frame-Options');
    framable(req, res, next);
  };
};

/** A client's own request id is kept when it is short and plain, so a proxy's id follows the request through. */
const CLIENT_ID = /^[A-Za-z0-9._:-]{8,64}$/;
/** Unique per process start; the counter after it is per request. Cheaper than a random id per request. */
const PREFIX = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}-`;
let counter = 0;

const LOG = Symbol('requestLog');
type WithId = Request & { id?: string; [LOG]?: Logger };

/**
 * Gives every request an id (the client's `X-Request-Id` if it sent a plain one), echoed as
 * `X-Request-Id`. Its logger (`requestLog`) is made only when something logs, so a request
 * that logs nothing — a scan action — costs one header.
 */
export const requestIds = (): RequestHandler => (req: WithId, res: Response, next: NextFunction) => {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && CLIENT_ID.test(given) ? given : PREFIX + (++counter).toString(36);
  req.id = id;
  res.setHeader('X-Request-Id', id);
  next();
};

/** The logger of one request: each line carries its `reqId`. */
export const requestLog = (log: Logger, req: Request): Logger => {
  const r = req as WithId;
  if (!r.id) return log;
  return (r[LOG] ??= childLogger(log, { reqId: r.id }));
};

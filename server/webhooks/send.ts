import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { AddressRefused, guardedLookup, refusedAddress } from './addresses';

/** What one attempt came to: an HTTP status (any, 2xx is success) or an error before there was one. */
export interface SendResult {
  status?: number;
  /** Retry-After in milliseconds, when the receiver sent one. */
  retryAfterMs?: number;
  error?: string;
  /** The address was refused (SSRF): not worth retrying until the endpoint changes. */
  refused?: boolean;
}

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type Sender = (request: SendRequest) => Promise<SendResult>;

/** The spec's recommendation, and our ceiling. */
export const SEND_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 16 * 1024;

/** `Retry-After: 120` or an HTTP date → milliseconds from `now`. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * POST one webhook: no redirects followed (a 3xx is an answer like any other non-2xx), the whole
 * exchange bounded by `timeoutMs`, the response body read only to its first 16 kB and dropped,
 * and the connection refused to loopback, link-local and metadata addresses (./addresses.ts).
 */
export function httpSender(options: { allowLoopback: boolean; timeoutMs?: number; now?: () => number }): Sender {
  const timeoutMs = Math.min(options.timeoutMs ?? SEND_TIMEOUT_MS, SEND_TIMEOUT_MS);
  return ({ url, headers, body }) =>
    new Promise<SendResult>((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return resolve({ error: 'not a URL', refused: true });
      }
      const host = target.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) {
        const why = refusedAddress(host, options.allowLoopback);
        if (why) return resolve({ error: why, refused: true });
      }
      const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
      if (!client) return resolve({ error: 'only http and https URLs', refused: true });
      let settled = false;
      const done = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'transparent-workshop-webhooks' },
          lookup: guardedLookup(options.allowLoopback) as never,
          agent: false,
        },
        (res) => {
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) res.destroy();
          });
          const answer = () => done({ status: res.statusCode, retryAfterMs: retryAfterMs(res.headers['retry-after'], (options.now ?? Date.now)()) });
          res.on('end', answer).on('close', answer).on('error', answer);
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        done({ error: `no answer within ${timeoutMs / 1000} s` });
      }, timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) =>
        done(err instanceof AddressRefused ? { error: err.message, refused: true } : { error: err.code ?? err.message }),
      );
      req.end(body);
    });
}

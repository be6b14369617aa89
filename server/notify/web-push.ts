import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Agent } from 'node:https';
import { dirname, join } from 'node:path';
import webpush from 'web-push';
import { z } from 'zod';
import { DEFAULT_TIMEOUT_MS, unreachable, type SendOutcome } from './channels';

/** A browser's push subscription as PushSubscription.toJSON() gives it. */
export const PushSubscriptionSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'the p256dh key is a base64url P-256 public key'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,30}$/, 'the auth secret is 16 bytes in base64url'),
  }),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionSchema>;

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const VapidFileSchema = z.object({ publicKey: z.string().min(80), privateKey: z.string().min(40) });
export const vapidPath = (dataDir: string) => join(dataDir, 'vapid.json');

/**
 * The VAPID key pair this deployment signs push requests with: generated once into
 * `DATA_DIR/vapid.json` (mode 0600) and reused, because every browser subscription is bound to
 * the public key it was made with — new keys would silence every subscribed phone. Processes
 * that share PostgreSQL share one data directory's file or VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY.
 */
export async function loadVapidKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<VapidKeys> {
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  const path = vapidPath(dataDir);
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (text !== undefined) {
    const parsed = VapidFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new Error(
        `${path} is not a VAPID key file (publicKey, privateKey); remove it to generate new keys — subscribed browsers must then subscribe again`,
      );
    return parsed.data;
  }
  const keys = webpush.generateVAPIDKeys();
  await mkdir(dirname(path), { recursive: true });
  // wx: two processes starting together must not both write; the loser reads the winner's.
  try {
    await writeFile(path, JSON.stringify(keys), { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadVapidKeys(dataDir, env);
    throw err;
  }
  return keys;
}

export interface PushMessage {
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  title: string;
  body: string;
  /** Where a tap on the notification leads (the tracking page). */
  url: string;
  /** Replaces an earlier notification of the same kind on the phone. */
  tag: string;
}

/**
 * Web Push through the `web-push` library: it encrypts the payload for the browser's keys
 * (RFC 8291, aes128gcm) and signs a VAPID JWT (RFC 8292) with our key. A 404 or 410 from the
 * push service means the browser dropped the subscription: `gone`, and it is removed.
 */
export class WebPushSender {
  constructor(
    private readonly keys: VapidKeys,
    private readonly subject: string,
    private readonly o: { timeoutMs?: number; /** Tests: an agent that trusts the stand-in's certificate. */ agent?: Agent } = {},
  ) {}

  async send(m: PushMessage): Promise<SendOutcome> {
    const payload = JSON.stringify({ title: m.title, body: m.body, url: m.url, tag: m.tag });
    try {
      const res = await webpush.sendNotification(m.subscription, payload, {
        vapidDetails: { subject: this.subject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
        TTL: 24 * 3600,
        urgency: 'normal',
        timeout: this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        contentEncoding: 'aes128gcm',
        ...(this.o.agent ? { agent: this.o.agent } : {}),
      });
      return { ok: true, providerId: typeof res.headers?.location === 'string' ? res.headers.location.slice(0, 200) : undefined };
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (typeof status !== 'number') return unreachable(err);
      if (status === 404 || status === 410)
        return { ok: false, retry: false, gone: true, error: `push ${status}: the browser no longer has this subscription` };
      return {
        ok: false,
        retry: status >= 500 || status === 429,
        error: `push ${status} ${String((err as { body?: string }).body ?? '').slice(0, 120)}`.trim(),
      };
    }
  }
}

import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, spec/standard-webhooks.md): a
 * secret is `whsec_` + base64 of 24–64 random bytes; the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`; the header carries `v1,` + base64 HMAC-SHA256 of
 * it keyed with the decoded bytes.
 */

const PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes. */
export const newWebhookSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

const keyOf = (secret: string): Buffer => Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');

/** The `webhook-signature` header value for one attempt. */
export const signWebhook = (secret: string, id: string, timestampSeconds: number, body: string): string =>
  `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;

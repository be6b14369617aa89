import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/**
 * Stateless signed tokens: `base64url(JSON payload) + '.' + base64url(HMAC-SHA256)`.
 *
 * The MAC covers a purpose label as well as the payload, so a token minted for one use (a
 * staff session) can never be replayed as another (a display token) even if the payloads
 * happened to parse.
 */
export type TokenPurpose = 'session' | 'display' | 'scan-device' | 'sign-in-link' | 'kiosk';

const mac = (key: Buffer, purpose: TokenPurpose, body: string) => createHmac('sha256', key).update(`${purpose}.${body}`).digest();

/** Sign a JSON payload for one purpose. */
export const signToken = (key: Buffer, purpose: TokenPurpose, payload: object): string => {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(key, purpose, body).toString('base64url')}`;
};

/** The payload of a token signed with `key` for `purpose` that matches `schema`, else undefined. */
export const verifyToken = <T>(key: Buffer, purpose: TokenPurpose, token: string, schema: z.ZodType<T>): T | undefined => {
  if (token.length > 4096) return undefined;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(key, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
};

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * A secret kept hashed, for checking many guesses against it (the API key on every request): the
 * comparison takes constant time whatever the lengths, since hashing evens them out.
 */
export const secretMatcher = (secret: string) => {
  const digest = sha256(secret);
  return (guess: string): boolean => timingSafeEqual(sha256(guess), digest);
};

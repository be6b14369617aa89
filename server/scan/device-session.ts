import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import { readCookie } from '../auth/cookies';
import { signToken, verifyToken } from '../auth/tokens';

/**
 * A scan-page sign-in lives in two cookies: `tw_device` names the phone (random, kept for a
 * year, so an admin can see and revoke it), `tw_scan` is the signed sign-in itself. The
 * signature proves the server issued it; the store's `device:<id>` record decides whether it
 * still holds (same person and start, not signed out or revoked, shift not over).
 */
export const DEVICE_COOKIE = 'tw_device';
export const SCAN_COOKIE = 'tw_scan';
const DEVICE_MAX_AGE_S = 400 * 24 * 3600;

const ClaimsSchema = z.object({
  v: z.literal(1),
  dev: IdSchema,
  store: IdSchema,
  sub: IdSchema,
  /** When the sign-in was recorded (ms): a newer sign-in on the device replaces this one. */
  since: z.number().int(),
  exp: z.number().int(),
});
export type DeviceClaims = z.infer<typeof ClaimsSchema>;

export const newDeviceId = () => `dev-${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;

const cookie = (name: string, value: string, maxAgeS: number, secure: boolean) =>
  [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(maxAgeS))}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');

export class DeviceSessions {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
  ) {}

  /** The device id this browser already has, if it sent a well-formed one. */
  deviceIdOf(headers: IncomingHttpHeaders): string | undefined {
    const id = readCookie(first(headers.cookie), DEVICE_COOKIE);
    return id && /^dev-[A-Za-z0-9]{12}$/.test(id) ? id : undefined;
  }

  /** The signed sign-in claims of a request (signature and expiry only; the store record decides the rest). */
  claimsOf(headers: IncomingHttpHeaders): DeviceClaims | undefined {
    const token = readCookie(first(headers.cookie), SCAN_COOKIE);
    if (!token) return undefined;
    const claims = verifyToken(this.key, 'scan-device', token, ClaimsSchema);
    return claims && claims.exp > this.now() ? claims : undefined;
  }

  /** `Set-Cookie` values for a new sign-in. */
  cookies(claims: Omit<DeviceClaims, 'v'>, secure: boolean): string[] {
    const token = signToken(this.key, 'scan-device', { v: 1, ...claims });
    return [cookie(DEVICE_COOKIE, claims.dev, DEVICE_MAX_AGE_S, secure), cookie(SCAN_COOKIE, token, (claims.exp - this.now()) / 1000, secure)];
  }

  /** `Set-Cookie` value that ends the sign-in on this browser (the device id stays). */
  clearCookie(secure: boolean): string {
    return cookie(SCAN_COOKIE, '', 0, secure);
  }
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A short description of the device for the admin's list: "Android · Chrome". */
export function deviceLabel(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : undefined;
  const browser = /MicroMessenger/.test(userAgent)
    ? 'WeChat'
    : /EdgA?\//.test(userAgent)
      ? 'Edge'
      : /HeadlessChrome/.test(userAgent)
        ? 'Headless Chrome'
        : /Chrome\//.test(userAgent)
          ? 'Chrome'
          : /Firefox\//.test(userAgent)
            ? 'Firefox'
            : /Safari\//.test(userAgent)
              ? 'Safari'
              : undefined;
  const label = [os, browser].filter(Boolean).join(' · ');
  return label || userAgent.slice(0, 60);
}

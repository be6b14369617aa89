import type { Request } from 'express';
import { z } from 'zod';
import { IdSchema } from '../../shared/domain/ids';
import type { Store } from '../../shared/domain/shop';
import { signToken, verifyToken } from '../auth/tokens';
import { HttpError } from '../http/errors';
import type { Limit, RateLimiter } from './rate-limit';

/**
 * Who is asking at the kiosk API, and how many failed lookups they may make.
 *
 * A **paired kiosk** sends its kiosk key (`X-Kiosk-Key`, signed by this server for one store and
 * kiosk name; an admin mints it, the kiosk page passes it on). Its failed lookups count per
 * kiosk and plate only, so the right plate + digits at a paired kiosk is never refused because
 * of failures at another kiosk or address; the key cannot be forged or multiplied.
 *
 * **Anyone else** (an unpaired kiosk, a script) is known only by its address, `req.ip` under the
 * app's `trust proxy` setting. With the default `loopback`, express believes `X-Forwarded-For`
 * from 127.0.0.1, as it must behind a proxy on the same machine — so a client on loopback can
 * name any address it likes. Anonymous failures therefore count per address, *and* for all
 * anonymous clients of the store together (three kiosks' worth) and per plate: rotating
 * addresses buys no more guesses, it only spends the shared counts — which then refuse every
 * caller without a key, never a paired kiosk.
 *
 * Only failures count (a lookup is counted before it is answered and given back unless it was a
 * wrong plate + digits), and a valid booking QR or a walk-in is never refused.
 */
export const KIOSK_KEY_HEADER = 'x-kiosk-key';

const KeySchema = z.object({ v: z.literal(1), store: IdSchema, kiosk: IdSchema });

/** The key a kiosk sends to be treated as that kiosk (no expiry; rotate SIGNING_KEY to withdraw every key). */
export const kioskKey = (signingKey: Buffer, storeId: string, kioskId: string) => signToken(signingKey, 'kiosk', { v: 1, store: storeId, kiosk: kioskId });

/** The kiosk a key names, if it is this server's key for this store. */
export function pairedKiosk(signingKey: Buffer, storeId: string, key: unknown): string | undefined {
  if (typeof key !== 'string' || !key) return undefined;
  const claims = verifyToken(signingKey, 'kiosk', key, KeySchema);
  return claims?.store === storeId ? claims.kiosk : undefined;
}

export type KioskCaller = { paired: true; kioskId: string } | { paired: false; kioskId: string; address: string };

/** A paired kiosk (by its key; the body's kioskId is ignored then), else the address. */
export function callerOf(signingKey: Buffer, req: Request, store: Store, bodyKioskId: string): KioskCaller {
  const paired = pairedKiosk(signingKey, store.id, req.headers[KIOSK_KEY_HEADER]);
  return paired ? { paired: true, kioskId: paired } : { paired: false, kioskId: bodyKioskId, address: req.ip ?? 'unknown' };
}

/** Failed lookups all callers without a kiosk key may make together per window. */
export const anonymousLookups = (store: Store): Limit => ({
  max: store.kiosk.lookupsPerKiosk.max * 3,
  windowSeconds: store.kiosk.lookupsPerKiosk.windowSeconds,
});

const countsOf = (store: Store, who: KioskCaller, plate?: string): [string, string, Limit][] =>
  who.paired
    ? plate
      ? [['kiosk-plate', `${store.id}|${who.kioskId}|${plate}`, store.kiosk.lookupsPerPlate]]
      : []
    : [
        ['kiosk-addr', `${store.id}|${who.address}`, store.kiosk.lookupsPerKiosk],
        ['anon-store', store.id, anonymousLookups(store)],
        ...(plate ? [['anon-plate', `${store.id}|${plate}`, store.kiosk.lookupsPerPlate] as [string, string, Limit]] : []),
      ];

export type Reservation = { ok: true; giveBack(): Promise<void> } | { ok: false; retryAfterMs: number };

/** Count one lookup as if it will fail; `giveBack` once it did not. */
export async function reserveLookup(limiter: RateLimiter, store: Store, who: KioskCaller, plate?: string): Promise<Reservation> {
  const taken: [string, string][] = [];
  const giveBack = async () => {
    await Promise.all(taken.map(([scope, s]) => limiter.refund(scope, s)));
  };
  for (const [scope, subject, limit] of countsOf(store, who, plate)) {
    const take = await limiter.take(scope, subject, limit);
    if (!take.ok) {
      await giveBack();
      return { ok: false, retryAfterMs: take.retryAfterMs };
    }
    taken.push([scope, subject]);
  }
  return { ok: true, giveBack };
}

export const tooManyLookups = (retryAfterMs: number, res: { set(name: string, value: string): unknown }) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  res.set('Retry-After', String(seconds));
  return new HttpError(
    429,
    'rate_limited',
    `Too many wrong tries from this kiosk or for this plate. Please wait ${Math.ceil(seconds / 60)} min or ask an advisor.`,
    {
      retryAfterSeconds: seconds,
    },
  );
};

/**
 * Run a plate + digits lookup under the caller's limits: refused (429) only by the caller's own
 * failures (or, for anonymous callers, the plate's shared anonymous count); counted only when it
 * ends in `no_match`.
 */
export async function limitedLookup<T>(
  limiter: RateLimiter,
  store: Store,
  who: KioskCaller,
  plate: string,
  res: Parameters<typeof tooManyLookups>[1],
  run: () => Promise<T>,
): Promise<T> {
  const reserved = await reserveLookup(limiter, store, who, plate);
  if (!reserved.ok) throw tooManyLookups(reserved.retryAfterMs, res);
  try {
    const answer = await run();
    await reserved.giveBack();
    return answer;
  } catch (err) {
    if (!(err instanceof HttpError && err.code === 'no_match')) await reserved.giveBack();
    throw err;
  }
}

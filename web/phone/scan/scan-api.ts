import type { ScanActionRequest, ScanActionResult, ScanJobList, ScanMe, ScanResolved } from '../../../shared/projections/scan-view';

/**
 * Every request the scan page makes. The device's sign-in travels as its HttpOnly cookie;
 * page scripts never see it. A request that never reached the server says so with
 * `offline: true`, which the action queue treats as "keep it and try again".
 */
export interface ApiError {
  code: string;
  message: string;
  details?: Record<string, unknown> | null;
}
export type Answer<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError; offline?: true };

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    return { ok: false, status: 0, offline: true, error: { code: 'offline', message: err instanceof Error ? err.message : String(err) } };
  }
  const payload = (await res.json().catch(() => undefined)) as { data?: T; error?: ApiError } | undefined;
  if (res.ok) return { ok: true, status: res.status, data: payload?.data as T };
  return { ok: false, status: res.status, error: payload?.error ?? { code: `http_${res.status}`, message: res.statusText || `HTTP ${res.status}` } };
}

const seg = encodeURIComponent;

export const getSession = () => call<ScanMe | null>('GET', '/api/scan/session');

export const resolveCode = (token: string, bay?: string) => call<ScanResolved>('GET', `/api/scan/codes/${seg(token)}${bay ? `?bay=${seg(bay)}` : ''}`);

/** The signed-in person's own open work (and that at `bay`). */
export const myJobs = (bay?: string) => call<ScanJobList>('GET', `/api/scan/my-jobs${bay ? `?bay=${seg(bay)}` : ''}`);

export const signInWithBadge = (token: string) => call<ScanMe>('POST', '/api/scan/sign-in/badge', { token });

export const signInWithPin = (storeId: string, personId: string, pin: string) => call<ScanMe>('POST', '/api/scan/sign-in/pin', { storeId, personId, pin });

export const signOut = () => call<void>('POST', '/api/scan/sign-out');

/** One action; `id` is the page's action id, sent as Idempotency-Key so a retry applies once. */
export const sendAction = (id: string, request: ScanActionRequest) => call<ScanActionResult>('POST', '/api/scan/actions', request, { 'Idempotency-Key': id });

/** Each tap's id (also its Idempotency-Key); works on plain-http phones too. */
export { newIdempotencyKey as newActionId } from '../../common/actions';

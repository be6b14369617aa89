import type { Priority } from '../../shared/domain/repair-order';
import type { HistoryEntry } from '../../shared/projections/ro-history';

/**
 * Every change a board asks for goes through here, as REST calls with the staff session
 * cookie and a fresh idempotency key. Components call these and show the error they return;
 * nothing else in the browser talks to the API. To add an action: one exported function here.
 */

export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}
export type ApiResult<T = unknown> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface Me {
  kind?: string;
  id?: string;
  name?: string;
  roles?: string[];
}

/**
 * crypto.randomUUID exists only in secure contexts; a workshop PC on http://10.x.x.x is not
 * one, so fall back to getRandomValues (available everywhere) for a v4 UUID.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const seg = encodeURIComponent;

/**
 * One JSON request with the session cookie and a fresh idempotency key; `data` is the whole
 * response body. `source` is sent as X-Source, so the event records the screen it came from
 * (a repair order's history shows "调度看板").
 */
export async function call<T>(method: string, path: string, body?: unknown, source?: 'dispatch'): Promise<ApiResult<T>> {
  return send<T>(method, path, { 'Content-Type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body), source);
}

/**
 * One multipart/form-data POST (the browser sets its boundary), otherwise as `call`: the session
 * cookie, a fresh idempotency key, X-Source, and the server's error (naming the field) on a 4xx.
 */
export const callForm = <T>(path: string, form: FormData, source?: 'dispatch'): Promise<ApiResult<T>> => send<T>('POST', path, {}, form, source);

async function send<T>(method: string, path: string, headers: Record<string, string>, body: BodyInit | undefined, source?: 'dispatch'): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...headers,
        Accept: 'application/json',
        'Idempotency-Key': newIdempotencyKey(),
        ...(source ? { 'X-Source': source } : {}),
      },
      body,
    });
  } catch (err) {
    return { ok: false, error: { code: 'network', message: err instanceof Error ? err.message : String(err) } };
  }
  const payload: unknown = await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, data: payload as T };
  const error = (payload as { error?: ApiError } | undefined)?.error;
  return {
    ok: false,
    error:
      error && typeof error.message === 'string'
        ? error
        : {
            code: res.status === 401 ? 'unauthorized' : res.status === 403 ? 'forbidden' : `http_${res.status}`,
            message: res.statusText || `HTTP ${res.status}`,
          },
  };
}

/** The signed-in staff member, or undefined (not signed in, or the server is unreachable). */
export async function whoAmI(): Promise<Me | undefined> {
  try {
    const res = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.status !== 200) return undefined;
    const body = (await res.json().catch(() => ({}))) as { data?: Me };
    return body.data ?? {};
  } catch {
    return undefined;
  }
}

/** Propose add-on work on a repair order at the desk (the form from `addOnForm`, ./add-on-form.ts). */
export const proposeAddOn = (storeId: string, roId: string, form: FormData) =>
  callForm<{ data: { addOnId: string; photoIds: string[] } }>(`/api/stores/${seg(storeId)}/repair-orders/${seg(roId)}/add-ons`, form, 'dispatch');

/** Give an operation to a bay (and a technician). Reassigning is the same call. */
export const assignOperation = (storeId: string, roId: string, operationId: string, input: { bayId: string; technicianId?: string }) =>
  call('POST', `/api/stores/${seg(storeId)}/repair-orders/${seg(roId)}/operations/${seg(operationId)}/assign`, input, 'dispatch');

/** Change a repair order's priority and/or promised time (null clears the promise). */
export const updateRepairOrder = (storeId: string, roId: string, patch: { priority?: Priority; promisedAt?: string | null }) =>
  call('PATCH', `/api/stores/${seg(storeId)}/repair-orders/${seg(roId)}`, patch, 'dispatch');

/** Correct when a part is expected (the operation stays paused for it); an ETA in the past is refused. */
export const correctPartsEta = (storeId: string, roId: string, operationId: string, eta: string) =>
  call('POST', `/api/stores/${seg(storeId)}/repair-orders/${seg(roId)}/operations/${seg(operationId)}/parts-eta`, { eta }, 'dispatch');

/** Someone is on the way to the kiosk that called for an advisor: the alert leaves the board. */
export const acknowledgeAdvisorCall = (storeId: string, callId: string) =>
  call('POST', `/api/stores/${seg(storeId)}/advisor-calls/${seg(callId)}/acknowledge`, {});

/** A repair order's history, oldest first (the whole of it: an order has a few hundred events at most, the page holds 500). */
/** One message of an order's delivery log (GET …/notifications, server/http/notify.ts). */
export interface DeliveryLogMessage {
  messageId: string;
  kind: string;
  channel: 'sms' | 'push';
  to: string | null;
  status: string;
  attempts: number;
  dueAt: string;
  lastError: string | null;
  preview: string;
  lines: { at: string; status: string; detail: string | null }[];
}

export const repairOrderNotifications = (storeId: string, roId: string) =>
  call<{ data: { messages: DeliveryLogMessage[] } }>('GET', `/api/stores/${seg(storeId)}/repair-orders/${seg(roId)}/notifications`);

export const repairOrderHistory = (storeId: string, roId: string) =>
  call<{ data: { entries: HistoryEntry[]; next: number | null } }>('GET', `/api/stores/${seg(storeId)}/repair-orders/${seg(roId)}/history?limit=500`);

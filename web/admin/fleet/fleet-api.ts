import type { Display } from '../../../shared/domain/repair-order';
import type { ReloadReason } from '../../../shared/live/reload-reasons';
import { call as request, type ApiResult, type Me } from '../../common/actions';

/**
 * Every REST call of the fleet admin page (admin session cookie). Components call these and
 * show the error they return. Shapes are the server's (server/http/displays.ts), typed here
 * without zod.
 */

export interface DisplayRow extends Display {
  online: boolean;
  lastSeen?: string;
  version?: string;
  page?: string;
  shownSeq?: number;
  lastReload?: { at: string; reason: ReloadReason };
  speech?: 'ok' | 'unavailable';
}

export type BoardKind = Display['board'];

const seg = encodeURIComponent;
const base = (storeId: string) => `/api/stores/${seg(storeId)}/displays`;

/** A request through the boards' one API helper, unwrapping the server's `{data}` envelope. */
async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const result = await request<{ data?: T }>(method, path, body);
  return result.ok ? { ok: true, data: result.data?.data as T } : result;
}

/** Who is signed in: `signed-out` on 401, `unreachable` when the server does not answer. */
export async function signedIn(): Promise<{ state: 'ok'; me: Me } | { state: 'signed-out' | 'unreachable' }> {
  const result = await call<Me>('GET', '/api/me');
  if (result.ok) return { state: 'ok', me: result.data ?? {} };
  return { state: result.error.code === 'network' || result.error.code.startsWith('http_5') ? 'unreachable' : 'signed-out' };
}

export const listDisplays = (storeId: string) => call<DisplayRow[]>('GET', base(storeId));

export const pairDisplay = (storeId: string, input: { code: string; name: string; board: BoardKind; bayId?: string }) =>
  call<Display>('POST', base(storeId), input);

export const unpairDisplay = (storeId: string, displayId: string) => call<{ unpaired: string }>('DELETE', `${base(storeId)}/${seg(displayId)}`);

export const reloadDisplay = (storeId: string, displayId: string) => call<{ reloading: string }>('POST', `${base(storeId)}/${seg(displayId)}/reload`);

import { randomUUID } from 'node:crypto';
import { scanServiceOf } from '../../server/scan/scan-service';
import type { CodeSubject } from '../../server/scan/codes';
import type { ScanActionInput } from '../../shared/projections/scan-view';
import type { ApiResponse, TestServer } from './server';

/** A signed code as the print pages would issue it. */
export const issueCode = (server: TestServer, subject: CodeSubject) => scanServiceOf(server.deps).issue(subject);

/**
 * A phone with its own cookie jar, talking to the scan API the way the scan page does: no API
 * key, only the cookies the server set.
 */
export class Phone {
  readonly cookies = new Map<string, string>();
  constructor(readonly server: TestServer) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.server.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const parsed = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body: parsed };
  }

  /** Scan a badge: signs this phone in as its person. */
  async signInWithBadge(storeId: string, personId: string) {
    const token = await issueCode(this.server, { kind: 'badge', storeId, personId });
    const res = await this.request('POST', '/api/scan/sign-in/badge', { token });
    if (res.status !== 200) throw new Error(`badge sign-in refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  /** One action on a scanned code, with a fresh (or given) action id. */
  act(token: string | undefined, action: ScanActionInput, opts: { id?: string; roId?: string; operationId?: string } = {}) {
    const { id = randomUUID(), ...target } = opts;
    return this.request('POST', '/api/scan/actions', { ...(token ? { token } : {}), ...target, action }, { 'idempotency-key': id });
  }
}

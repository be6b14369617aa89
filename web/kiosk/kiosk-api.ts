import type { Locale } from '../../shared/domain/ids';
import type { CallAnswer, CallStatus, CheckInDone, FoundBooking, KioskSetup, SurveyVisit } from '../../shared/kiosk/payloads';

/**
 * Every request the kiosk makes, one function each (server/http/kiosk.ts answers them). They
 * never throw: a refusal or a lost connection comes back as `{ok: false, error}` for the screen
 * to word. To add one: a function here and a route there.
 */
export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** crypto.randomUUID needs a secure context; a kiosk on http://10.x.x.x is not one. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, key?: string, kioskKey?: string): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'omit',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(key ? { 'Idempotency-Key': key } : {}),
        ...(kioskKey ? { 'X-Kiosk-Key': kioskKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    return { ok: false, error: { code: 'network', message: err instanceof Error ? err.message : String(err) } };
  }
  const payload = (await res.json().catch(() => undefined)) as { data?: T; error?: ApiError } | undefined;
  if (res.ok && payload && 'data' in payload) return { ok: true, data: payload.data as T };
  return { ok: false, error: payload?.error ?? { code: res.status >= 500 ? 'server_error' : `http_${res.status}`, message: res.statusText } };
}

export class KioskApi {
  readonly #base: string;

  constructor(
    storeId: string,
    readonly kioskId: string,
    private readonly kioskKey = '',
  ) {
    this.#base = `/api/kiosk/${encodeURIComponent(storeId)}`;
  }

  /** Every request carries the kiosk's key, when it has one. */
  #call = <T>(method: 'GET' | 'POST', path: string, body?: unknown, key?: string) => call<T>(method, path, body, key, this.kioskKey);

  setup = () => this.#call<KioskSetup>('GET', `${this.#base}/setup`);

  findAppointment = (plate: string, phoneLast4: string) =>
    this.#call<FoundBooking>('POST', `${this.#base}/appointments/find`, { kioskId: this.kioskId, plate, phoneLast4 });

  scanAppointment = (code: string) => this.#call<FoundBooking>('POST', `${this.#base}/appointments/scan`, { kioskId: this.kioskId, code });

  checkIn = (ticket: string, key: string, locale: Locale) =>
    this.#call<CheckInDone>('POST', `${this.#base}/check-in`, { kioskId: this.kioskId, ticket, consent: true, locale }, key);

  walkIn = (
    input: {
      plate: string;
      phone: string;
      surname?: string;
      make?: string;
      salutation: string;
      services: string[];
      mileageKm?: number;
      description?: string;
      locale: Locale;
    },
    key: string,
  ) => this.#call<CheckInDone>('POST', `${this.#base}/walk-in`, { kioskId: this.kioskId, ...input, consent: true }, key);

  callAdvisor = (locale: Locale) => this.#call<CallAnswer>('POST', `${this.#base}/call-advisor`, { kioskId: this.kioskId, locale }, newKey());

  callStatus = (callId: string, since: number) => this.#call<CallStatus>('GET', `${this.#base}/calls/${encodeURIComponent(callId)}?since=${since}`);

  findSurvey = (plate: string, phoneLast4: string) =>
    this.#call<SurveyVisit>('POST', `${this.#base}/survey/find`, { kioskId: this.kioskId, plate, phoneLast4 });

  submitSurvey = (ticket: string, score: number, comment?: string) =>
    this.#call<{ thanks: true }>('POST', `${this.#base}/survey`, { kioskId: this.kioskId, ticket, score, ...(comment ? { comment } : {}) });
}

import type { Locale } from '../../shared/domain/ids';
import type { MessageKind } from '../../shared/domain/notify-config';

/** One text message as a provider adapter sends it: an approved template and its values. */
export interface OutgoingSms {
  /** As the order stores it: 11 mainland digits, `00` + country code + number, or `+` E.164. */
  phone: string;
  templateId: string;
  /** The template's values by name ({plate}, {link}…) in the order the kind lists them (PARAMS_OF). */
  params: readonly (readonly [string, string])[];
  /** The outbox's idempotency key; providers that take a caller's serial get it (Aliyun OutId, Tencent SessionContext). */
  key: string;
  locale: Locale;
  kind: MessageKind;
}

/**
 * What a send came to. `retry`: worth trying again later (5xx, 429, timeouts, the network, a
 * provider's rate limit); otherwise the message failed for good (a bad number, a template the
 * provider refuses, wrong keys, no CRM endpoint to hand it to). `gone`: a push subscription the push service no longer knows.
 */
export type SendOutcome =
  | { ok: true; providerId?: string; /** The delivery log's line instead of "attempt n". */ detail?: string }
  | { ok: false; retry: boolean; error: string; gone?: boolean };

export interface SmsSender {
  readonly provider: 'aliyun' | 'tencent';
  send(message: OutgoingSms): Promise<SendOutcome>;
}

/** E.164 (`+8613800138000`) from the order's phone: mainland numbers are stored without +86. */
export function e164(phone: string): string {
  if (phone.startsWith('+')) return phone;
  if (phone.startsWith('00')) return `+${phone.slice(2)}`;
  if (/^1[0-9]{10}$/.test(phone)) return `+86${phone}`;
  return `+${phone}`;
}

/** How a fetch that did not answer failed: always worth a retry. */
export const unreachable = (err: unknown): SendOutcome => {
  const name = (err as { name?: string })?.name;
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  return { ok: false, retry: true, error: timedOut ? 'timeout: the provider did not answer in time' : `network: ${(err as Error)?.message ?? String(err)}` };
};

/** Status codes worth trying again: the provider's fault or its rate limit, not ours. */
export const retryableStatus = (status: number) => status >= 500 || status === 429 || status === 408;

/** How long one provider call may take before it counts as a timeout (and is retried). */
export const DEFAULT_TIMEOUT_MS = 10_000;

import { createHmac, randomUUID } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS, e164, retryableStatus, unreachable, type OutgoingSms, type SendOutcome, type SmsSender } from './channels';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** https://dysmsapi.aliyuncs.com/ unless the config names another (tests: a local stand-in). */
  endpoint: string;
  regionId: string;
  timeoutMs?: number;
  /** For tests: the clock the Timestamp is taken from and the nonce. */
  now?: () => Date;
  nonce?: () => string;
}

/** Alibaba Cloud's percent-encoding for signing: RFC 3986 unreserved characters stay, all else is %XX (space as %20). */
export const aliyunEncode = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Signature (v1.0, HMAC-SHA1) of an RPC request: the parameters sorted by name, each name and
 * value encoded, joined with `&`; the string to sign is `METHOD&%2F&` + that string encoded once
 * more; the key is the AccessKey secret followed by `&`; the result is base64.
 */
export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunEncode(k)}=${aliyunEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Mainland numbers as 11 digits; others as country code + number, no `+` or `00` (as SendSms documents PhoneNumbers). */
const aliyunPhone = (phone: string) => {
  const full = e164(phone);
  return full.startsWith('+86') ? full.slice(3) : full.slice(1);
};

/** Business codes that say "later": rate limits per number or account, and the provider being busy. */
const RETRY_CODES = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'Throttling.User', 'ServiceUnavailable', 'InternalError']);

/**
 * Alibaba Cloud SMS (dysmsapi 2017-05-25) SendSms through its documented RPC HTTP API, signed
 * here with node:crypto and sent with fetch: the official SDK (@alicloud/dysmsapi20170525 with
 * its tea runtime) brings dozens of packages for this one signed POST.
 */
export class AliyunSms implements SmsSender {
  readonly provider = 'aliyun';
  constructor(private readonly o: AliyunSmsOptions) {}

  async send(m: OutgoingSms): Promise<SendOutcome> {
    const params: Record<string, string> = {
      AccessKeyId: this.o.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: this.o.regionId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: this.o.nonce?.() ?? randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: (this.o.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      PhoneNumbers: aliyunPhone(m.phone),
      SignName: this.o.signName,
      TemplateCode: m.templateId,
      TemplateParam: JSON.stringify(Object.fromEntries(m.params)),
      OutId: m.key.slice(0, 64),
    };
    const body = new URLSearchParams({ ...params, Signature: aliyunSignature('POST', params, this.o.accessKeySecret) });
    let res: Response;
    try {
      res = await fetch(this.o.endpoint, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (err) {
      return unreachable(err);
    }
    const text = await res.text().catch(() => '');
    let answer: { Code?: string; Message?: string; BizId?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      /* not JSON: judged by the status */
    }
    if (res.ok && answer.Code === 'OK') return { ok: true, providerId: answer.BizId };
    const error = `aliyun ${res.status} ${answer.Code ?? ''} ${answer.Message ?? text.slice(0, 120)}`.trim();
    return { ok: false, retry: retryableStatus(res.status) || RETRY_CODES.has(answer.Code ?? ''), error };
  }
}

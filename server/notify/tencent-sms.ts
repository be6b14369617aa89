import { createHash, createHmac } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS, e164, retryableStatus, unreachable, type OutgoingSms, type SendOutcome, type SmsSender } from './channels';

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** https://sms.tencentcloudapi.com/ unless the config names another (tests: a local stand-in). */
  endpoint: string;
  region: string;
  timeoutMs?: number;
  now?: () => Date;
}

const SERVICE = 'sms';
const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * The TC3-HMAC-SHA256 Authorization header of a POST with a JSON body: a canonical request
 * (method, path `/`, empty query, the signed headers content-type and host, the body's SHA-256),
 * a string to sign (algorithm, timestamp, `date/sms/tc3_request`, the canonical request's
 * SHA-256), and a key derived from "TC3" + SecretKey through the date, the service and
 * `tc3_request`.
 */
export function tc3Authorization(o: { secretId: string; secretKey: string; host: string; contentType: string; body: string; timestamp: number }): string {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${o.contentType.toLowerCase()}\nhost:${o.host.toLowerCase()}\n`,
    signedHeaders,
    sha256hex(o.body),
  ].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256hex(canonicalRequest)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${o.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Error codes that say "later": rate limits and the service being busy. */
const RETRY_CODES = /^(RequestLimitExceeded|InternalError|LimitExceeded)/;

interface TencentAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { SerialNo?: string; Code?: string; Message?: string }[];
  };
}

/**
 * Tencent Cloud SMS SendSms (API version 2021-01-11) through its documented HTTP API with the
 * TC3-HMAC-SHA256 signature, done here with node:crypto and fetch instead of tencentcloud-sdk-nodejs
 * (which carries every Tencent Cloud product's client).
 */
export class TencentSms implements SmsSender {
  readonly provider = 'tencent';
  constructor(private readonly o: TencentSmsOptions) {}

  async send(m: OutgoingSms): Promise<SendOutcome> {
    const body = JSON.stringify({
      PhoneNumberSet: [e164(m.phone)],
      SmsSdkAppId: this.o.sdkAppId,
      SignName: this.o.signName,
      TemplateId: m.templateId,
      // Tencent templates number their values {1} {2}…: given in the order the kind lists them.
      TemplateParamSet: m.params.map(([, value]) => value),
      SessionContext: m.key.slice(0, 512),
    });
    const url = new URL(this.o.endpoint);
    const contentType = 'application/json; charset=utf-8';
    const timestamp = Math.floor((this.o.now?.() ?? new Date()).getTime() / 1000);
    const headers = {
      Authorization: tc3Authorization({ secretId: this.o.secretId, secretKey: this.o.secretKey, host: url.host, contentType, body, timestamp }),
      'Content-Type': contentType,
      Host: url.host,
      'X-TC-Action': 'SendSms',
      'X-TC-Version': '2021-01-11',
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': this.o.region,
    };
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
    } catch (err) {
      return unreachable(err);
    }
    const text = await res.text().catch(() => '');
    let answer: TencentAnswer = {};
    try {
      answer = JSON.parse(text) as TencentAnswer;
    } catch {
      /* judged by the status */
    }
    if (!res.ok) return { ok: false, retry: retryableStatus(res.status), error: `tencent ${res.status} ${text.slice(0, 120)}`.trim() };
    const error = answer.Response?.Error;
    if (error) return { ok: false, retry: RETRY_CODES.test(error.Code ?? ''), error: `tencent ${error.Code ?? ''} ${error.Message ?? ''}`.trim() };
    const status = answer.Response?.SendStatusSet?.[0];
    if (status?.Code === 'Ok') return { ok: true, providerId: status.SerialNo };
    const code = status?.Code ?? 'no SendStatusSet';
    return { ok: false, retry: RETRY_CODES.test(code), error: `tencent ${code} ${status?.Message ?? ''}`.trim() };
  }
}

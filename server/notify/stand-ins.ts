/**
 * Local stand-ins for the providers, for tests: each checks a request the way its provider's
 * documentation describes it, written from that documentation and not from our adapters (so a
 * mistake in an adapter is not repeated here), and answers as the provider does.
 *
 * - Alibaba Cloud SendSms (RPC, signature v1.0 HMAC-SHA1: help.aliyun.com "签名机制")
 * - Tencent Cloud SendSms 2021-01-11 (signature v3 TC3-HMAC-SHA256: cloud.tencent.com "签名方法 v3")
 * - A Web Push service (RFC 8030 with VAPID, RFC 8292, and aes128gcm payloads, RFC 8291/8188)
 *
 * `behave` sets what the next requests get: an HTTP status, `hang` (never answer: a timeout),
 * or `ok`; when the list is used up every request is `ok`.
 */
import { createECDH, createHash, createHmac, createPublicKey, createDecipheriv, hkdfSync, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export type Behaviour = 'ok' | 'hang' | number;

export interface Received {
  /** Whether the request was right by the documentation; `problems` says what was not. */
  valid: boolean;
  problems: string[];
  /** The documented request parameters as received (Alibaba form fields, Tencent JSON body, push: the decrypted payload). */
  params: Record<string, unknown>;
  answered: Behaviour;
}

export interface StandIn {
  url: string;
  received: Received[];
  behave(...next: Behaviour[]): void;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, body: Buffer) => { status: number; json: unknown; record: Omit<Received, 'answered'> };

/** Called with every request a stand-in took (the demo writes them to a log file: server/demo/notify.ts). */
export type OnReceive = (received: Received) => void;

async function start(handle: Handler, tls?: { key: Buffer; cert: Buffer }, onReceive?: OnReceive): Promise<StandIn> {
  const received: Received[] = [];
  let plan: Behaviour[] = [];
  const hanging = new Set<ServerResponse>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const behaviour = plan.shift() ?? 'ok';
      const answer = handle(req, Buffer.concat(chunks));
      received.push({ ...answer.record, answered: behaviour });
      onReceive?.(received[received.length - 1]!);
      // A long-running stand-in (the demo's) must not grow without end.
      if (onReceive && received.length > 200) received.splice(0, received.length - 200);
      if (behaviour === 'hang') {
        hanging.add(res);
        return;
      }
      const status = behaviour === 'ok' ? answer.status : behaviour;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(behaviour === 'ok' ? answer.json : { error: 'stand-in told to fail' }));
    });
  };
  const server: Server = tls ? createTlsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    received,
    behave: (...next) => void (plan = next),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- Alibaba Cloud -------------------------------------------------------------------------

/** As the documentation's table says: A–Z a–z 0–9 - _ . ~ stay; every other UTF-8 byte is %XY, upper-case hex. */
function percentEncodeByDoc(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function aliyunStandIn(o: { accessKeyId: string; accessKeySecret: string; onReceive?: OnReceive }): Promise<StandIn> {
  const nonces = new Set<string>();
  let serial = 0;
  return start(
    (req, body) => {
      const problems: string[] = [];
      const form = new URLSearchParams(body.toString('utf8'));
      const params: Record<string, string> = {};
      for (const [k, v] of form) params[k] = v;
      if (req.method !== 'POST') problems.push(`method ${req.method}`);
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) problems.push(`content-type ${req.headers['content-type']}`);
      const expect: Record<string, string> = {
        Action: 'SendSms',
        Version: '2017-05-25',
        Format: 'JSON',
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        AccessKeyId: o.accessKeyId,
      };
      for (const [k, v] of Object.entries(expect)) if (params[k] !== v) problems.push(`${k}=${params[k]} (want ${v})`);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(params.Timestamp ?? '')) problems.push(`Timestamp ${params.Timestamp} is not yyyy-MM-ddTHH:mm:ssZ`);
      if (!params.SignatureNonce || nonces.has(params.SignatureNonce)) problems.push('SignatureNonce missing or used before');
      nonces.add(params.SignatureNonce ?? '');
      for (const k of ['PhoneNumbers', 'SignName', 'TemplateCode']) if (!params[k]) problems.push(`${k} missing`);
      if (params.TemplateParam !== undefined) {
        try {
          JSON.parse(params.TemplateParam);
        } catch {
          problems.push('TemplateParam is not JSON');
        }
      }
      // Step 1: every parameter but Signature, sorted by name, name=value each encoded, joined by &.
      const names = Object.keys(params)
        .filter((k) => k !== 'Signature')
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const canonical = names.map((k) => `${percentEncodeByDoc(k)}=${percentEncodeByDoc(params[k]!)}`).join('&');
      // Step 2: StringToSign = HTTPMethod & percentEncode("/") & percentEncode(CanonicalizedQueryString).
      const stringToSign = `${req.method}&${percentEncodeByDoc('/')}&${percentEncodeByDoc(canonical)}`;
      // Step 3: HMAC-SHA1 with key AccessKeySecret + "&", base64.
      const want = createHmac('sha1', `${o.accessKeySecret}&`).update(Buffer.from(stringToSign, 'utf8')).digest('base64');
      const signed = params.Signature === want;
      if (!signed) problems.push('Signature does not match');
      const valid = problems.length === 0;
      return {
        status: signed ? 200 : 400,
        json: signed
          ? { Code: 'OK', Message: 'OK', BizId: `${900000 + ++serial}^0`, RequestId: randomBytes(8).toString('hex') }
          : { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: randomBytes(8).toString('hex') },
        record: { valid, problems, params },
      };
    },
    undefined,
    o.onReceive,
  );
}

// ---- Tencent Cloud -------------------------------------------------------------------------

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export function tencentStandIn(o: { secretId: string; secretKey: string; sdkAppId: string; onReceive?: OnReceive }): Promise<StandIn> {
  let serial = 0;
  return start(
    (req, body) => {
      const problems: string[] = [];
      const h = req.headers;
      const header = (name: string) => String(h[name] ?? '');
      if (req.method !== 'POST') problems.push(`method ${req.method}`);
      if (header('x-tc-action') !== 'SendSms') problems.push(`X-TC-Action ${header('x-tc-action')}`);
      if (header('x-tc-version') !== '2021-01-11') problems.push(`X-TC-Version ${header('x-tc-version')}`);
      if (!header('x-tc-region')) problems.push('X-TC-Region missing');
      const timestamp = Number(header('x-tc-timestamp'));
      if (!Number.isInteger(timestamp) || timestamp <= 0) problems.push('X-TC-Timestamp is not a UNIX time in seconds');
      if (header('content-type') !== 'application/json; charset=utf-8' && header('content-type') !== 'application/json')
        problems.push(`Content-Type ${header('content-type')}`);
      let params: Record<string, unknown> = {};
      try {
        params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch {
        problems.push('body is not JSON');
      }
      const phones = params.PhoneNumberSet;
      if (!Array.isArray(phones) || !phones.length || !phones.every((p) => typeof p === 'string' && /^\+[1-9][0-9]{6,14}$/.test(p)))
        problems.push('PhoneNumberSet is not a list of E.164 numbers');
      if (params.SmsSdkAppId !== o.sdkAppId) problems.push(`SmsSdkAppId ${String(params.SmsSdkAppId)}`);
      if (typeof params.SignName !== 'string' || !params.SignName) problems.push('SignName missing');
      if (typeof params.TemplateId !== 'string' || !params.TemplateId) problems.push('TemplateId missing');
      if (params.TemplateParamSet !== undefined && !(Array.isArray(params.TemplateParamSet) && params.TemplateParamSet.every((p) => typeof p === 'string')))
        problems.push('TemplateParamSet is not a list of strings');
      // Authorization: TC3-HMAC-SHA256 Credential=SecretId/Date/Service/tc3_request, SignedHeaders=..., Signature=...
      const auth =
        /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
          header('authorization'),
        );
      let signed = false;
      if (!auth) problems.push(`Authorization not in TC3 form: ${header('authorization')}`);
      else {
        const [, id, date, service, signedHeaders, signature] = auth;
        if (id !== o.secretId) problems.push('unknown SecretId');
        if (service !== 'sms') problems.push(`service ${service}`);
        if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) problems.push('credential date is not the UTC date of X-TC-Timestamp');
        const names = signedHeaders!.split(';');
        if (!names.includes('content-type') || !names.includes('host')) problems.push('SignedHeaders must include content-type and host');
        const canonicalHeaders = names.map((n) => `${n}:${header(n).trim().toLowerCase()}\n`).join('');
        // The documentation: header names and values both in lower case, trimmed, one per line.
        const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(body)}`;
        const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256Hex(canonicalRequest)}`;
        const kDate = createHmac('sha256', `TC3${o.secretKey}`).update(date!).digest();
        const kService = createHmac('sha256', kDate).update(service!).digest();
        const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
        signed = createHmac('sha256', kSigning).update(stringToSign).digest('hex') === signature;
        if (!signed) problems.push('Signature does not match');
      }
      const requestId = randomBytes(8).toString('hex');
      return {
        status: 200,
        json: signed
          ? {
              Response: {
                SendStatusSet: (phones as string[]).map((p) => ({
                  SerialNo: `2028:${++serial}`,
                  PhoneNumber: p,
                  Fee: 1,
                  SessionContext: params.SessionContext ?? '',
                  Code: 'Ok',
                  Message: 'send success',
                  IsoCode: 'CN',
                })),
                RequestId: requestId,
              },
            }
          : {
              Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' }, RequestId: requestId },
            },
        record: { valid: problems.length === 0, problems, params },
      };
    },
    undefined,
    o.onReceive,
  );
}

// ---- Web Push ------------------------------------------------------------------------------

/** A browser's side of a subscription: its P-256 key pair and auth secret, as a test's "phone". */
export function aBrowserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    json: { endpoint, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } },
  };
}

const b64url = (s: string) => Buffer.from(s, 'base64url');

/** RFC 8291 §3.4 and RFC 8188: the browser's decryption of an aes128gcm push message. */
function decryptAes128gcm(body: Buffer, browser: ReturnType<typeof aBrowserSubscription>): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (rs < 18 || record.length > rs) throw new Error('record size');
  const ecdhSecret = browser.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, browser.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 and zero padding.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('no last-record delimiter');
  return plain.subarray(0, end).toString('utf8');
}

/**
 * A push service: checks the VAPID Authorization (`vapid t=<JWT>, k=<public key>`, the JWT's ES256
 * signature made with that key, its `aud` the endpoint's origin, `exp` within 24 h, `sub` a
 * mailto: or https: contact), the TTL, Content-Encoding: aes128gcm, and decrypts the payload with
 * the browser's keys. Answers 201 Created as push services do.
 */
export async function pushStandIn(
  o: { now?: () => number; onReceive?: OnReceive } = {},
): Promise<StandIn & { ca: Buffer; browser(path: string): ReturnType<typeof aBrowserSubscription> }> {
  // Push services speak HTTPS only (web-push refuses anything else): a throwaway certificate for 127.0.0.1.
  const dir = mkdtempSync(join(tmpdir(), 'push-stand-in-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  const browsers = new Map<string, ReturnType<typeof aBrowserSubscription>>();
  let base = '';
  const standIn = await start(
    (req, body) => {
      const problems: string[] = [];
      const params: Record<string, unknown> = {};
      const browser = browsers.get(req.url ?? '');
      if (!browser) problems.push(`no subscription at ${req.url}`);
      if (req.method !== 'POST') problems.push(`method ${req.method}`);
      if (!/^\d+$/.test(String(req.headers.ttl ?? ''))) problems.push('TTL header missing');
      if (req.headers['content-encoding'] !== 'aes128gcm') problems.push(`Content-Encoding ${req.headers['content-encoding']}`);
      const vapid = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(String(req.headers.authorization ?? ''));
      if (!vapid) problems.push(`Authorization not "vapid t=…, k=…": ${req.headers.authorization}`);
      else {
        const [, jwt, k] = vapid;
        const [h, c, s] = jwt!.split('.');
        const header = JSON.parse(b64url(h!).toString('utf8')) as { alg?: string; typ?: string };
        const claims = JSON.parse(b64url(c!).toString('utf8')) as { aud?: string; exp?: number; sub?: string };
        if (header.alg !== 'ES256') problems.push(`JWT alg ${header.alg}`);
        const point = b64url(k!);
        if (point.length !== 65 || point[0] !== 4) problems.push('k is not an uncompressed P-256 point');
        else {
          const key = createPublicKey({
            key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
            format: 'jwk',
          });
          if (!verify('sha256', Buffer.from(`${h}.${c}`), { key, dsaEncoding: 'ieee-p1363' }, b64url(s!)))
            problems.push('JWT signature does not verify with k');
        }
        if (claims.aud !== new URL(base).origin) problems.push(`aud ${claims.aud}`);
        const now = Math.floor((o.now?.() ?? Date.now()) / 1000);
        if (typeof claims.exp !== 'number' || claims.exp <= now - 600 || claims.exp > now + 24 * 3600 + 600) problems.push(`exp ${claims.exp} not within 24 h`);
        if (!/^(mailto:|https:)/.test(claims.sub ?? '')) problems.push(`sub ${claims.sub}`);
      }
      if (browser) {
        try {
          params.payload = JSON.parse(decryptAes128gcm(body, browser));
        } catch (err) {
          problems.push(`payload does not decrypt: ${(err as Error).message}`);
        }
      }
      return { status: 201, json: {}, record: { valid: problems.length === 0, problems, params } };
    },
    tls,
    o.onReceive,
  );
  base = standIn.url;
  return {
    ...standIn,
    ca: tls.cert,
    browser: (path: string) => {
      const b = aBrowserSubscription(new URL(path, standIn.url).toString());
      browsers.set(new URL(b.json.endpoint).pathname, b);
      return b;
    },
  };
}

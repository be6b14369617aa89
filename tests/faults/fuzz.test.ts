import { io, type Socket } from 'socket.io-client';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { apiRoutes } from '../../server/http';
import type { AnyRoute } from '../../server/http/route';
import { seededRng } from '../../server/demo/simulate';
import { silentLogger } from '../../server/log';
import { clientEventSchemas } from '../../shared/protocol';
import { anAppointmentInput, createRo } from '../helpers/build';
import { LiveClient } from '../helpers/live-client';
import { NotifyConfigSchema } from '../../shared/domain/notify-config';
import { startTestServer, type TestServer } from '../helpers/server';
import { aTestShop } from '../helpers/shop';

/**
 * 10,000 random and malformed payloads at every REST route (the list the router is built from)
 * and every socket event (the protocol's schema list): wrong types, huge strings, deep nesting,
 * unknown fields, `__proto__`/`constructor`/`prototype` keys, broken JSON, odd content types and
 * credentials. The server must never crash, never answer 5xx, never log a bug, never let a key
 * reach Object.prototype, and never change state on a refused request.
 * Set FUZZ_SEED to replay a run; the seed is in every failure message.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const HTTP_CASES = Number(process.env.FUZZ_HTTP ?? 8500);
const SOCKET_CASES = 1500;
const STORES = ['store-a', 'store-b'];

const random = seededRng(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];
const chance = (p: number) => random() < p;

const EVIL_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\n\r\t',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../../etc/passwd',
  '%00',
  '%',
  '%E0%A4%A',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x1F',
  'true',
  'null',
  'undefined',
  '{}',
  '[]',
  '😀'.repeat(40),
  '\u202e\u0635\u0648\u0631',
  '京A·12345',
  '粤BD12345',
  'x'.repeat(65),
  'x'.repeat(5000),
  '\ud800',
  'store-a',
  'bay-1',
  '2030-02-30T25:61:00Z',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

function randomValue(depth = 0): unknown {
  switch (int(depth > 3 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return chance(0.5);
    case 2:
      return pick([0, -1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 4.5, 2 ** 31, -(2 ** 53)]);
    case 3:
      return pick(EVIL_STRINGS);
    case 4:
      return 'y'.repeat(int(3) === 0 ? 150_000 : int(300));
    case 5:
      return String(int(1000));
    case 6:
      return Array.from({ length: int(5) }, () => randomValue(depth + 1));
    case 7:
      return randomObject([], depth + 1);
    default:
      return Array.from({ length: 10_000 }, (_, i) => i);
  }
}

function randomObject(known: string[], depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of known) if (chance(0.6)) out[key] = randomValue(depth);
  for (let i = int(3); i > 0; i--) out[pick(['x', 'extra', 'id', 'seq', 'storeId', 'kind', 'type', ...EVIL_STRINGS.slice(0, 12)])] = randomValue(depth);
  return out;
}

/** JSON text with `__proto__` / `constructor` / `prototype` as real keys (JSON.stringify would drop a __proto__ property). */
const protoJson = (base: Record<string, unknown>) => {
  const inner = JSON.stringify(base).slice(1, -1);
  const evil = PROTO_KEYS.map((k) => `"${k}":${pick(['{"polluted":"yes"}', '{"prototype":{"polluted":"yes"}}', '"yes"', 'null', '[1]'])}`).join(',');
  return `{${evil}${inner ? `,${inner}` : ''}}`;
};

const deepJson = (depth: number) => (chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

const BROKEN_JSON = ['{', '{"a":', 'nul', '[1,2', '{"a":1,}', "{'a':1}", '\ufeff{}', '{"a":"\\u00"}', '1 2', '"', ']', '{"a":NaN}'];

/** Field names a route's body schema knows, so fuzzed bodies reach past "unknown field". */
function knownKeys(route: AnyRoute, server: TestServer): string[] {
  let schema: unknown = route.body;
  if (typeof schema === 'function') schema = (schema as (s: unknown) => unknown)(server.service.storeConfig('store-a'));
  const keys = new Set<string>();
  const visit = (s: unknown, depth: number) => {
    if (!s || typeof s !== 'object' || depth > 6) return;
    const z = s as { shape?: Record<string, unknown>; options?: unknown[]; def?: Record<string, unknown> };
    if (z.shape) for (const k of Object.keys(z.shape)) keys.add(k);
    for (const o of z.options ?? []) visit(o, depth + 1);
    for (const inner of ['in', 'innerType', 'schema', 'out']) visit(z.def?.[inner], depth + 1);
  };
  visit(schema, 0);
  return [...keys];
}

interface Fixture {
  roId: string;
  opId: string;
  appointmentId: string;
}

/** encodeURIComponent, but a lone surrogate (which it refuses) is sent as its raw UTF-8-ish bytes. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

function paramValue(name: string, fx: Fixture): string {
  if (chance(0.35)) return enc(pick(EVIL_STRINGS)).slice(0, 3000) || '%20';
  switch (name) {
    case 'storeId':
      return pick(STORES);
    case 'roId':
      return fx.roId;
    case 'opId':
      return fx.opId;
    case 'appointmentId':
      return fx.appointmentId;
    case 'bayId':
      return pick(['bay-1', 'bay-2', 'bay-w']);
    case 'personId':
      return 'tech-1';
    default:
      return pick(['x1', 'abc-def', 'tech-1', 'bay-1']);
  }
}

function randomQuery(): string {
  if (chance(0.6)) return '';
  const parts: string[] = [];
  for (let i = 1 + int(3); i > 0; i--) {
    const key = pick(['limit', 'offset', 'stage', 'open', 'q', 'plate', 'date', 'x', ...PROTO_KEYS, 'a[b]', 'limit']);
    const value = randomValue(3);
    parts.push(`${enc(key)}=${enc((typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 2000))}`);
  }
  return `?${parts.join('&')}`;
}

function randomHeaders(apiKey: string): Record<string, string> {
  const h: Record<string, string> = {};
  const auth = int(10);
  if (auth < 7) h.authorization = `Bearer ${apiKey}`;
  else if (auth === 7) h.authorization = pick(['Bearer', 'Bearer ', 'Basic YTpi', `Bearer ${'k'.repeat(5000)}`, 'Bearer __proto__']);
  else if (auth === 8) h.cookie = pick(['tw_session=', 'tw_session=__proto__', `tw_session=${'x'.repeat(3000)}`, 'a=b; tw_session=%E0%A4%A']);
  if (chance(0.3)) h['idempotency-key'] = pick(['short', 'x'.repeat(101), 'has space', '__proto__', 'ok-key-123456', '%E9%94%AE%E5%80%BC']);
  if (chance(0.2)) h['x-source'] = pick(['scan', 'system', 'nonsense', '', '__proto__']);
  return h;
}

function randomBody(route: AnyRoute, server: TestServer): { body?: string | Uint8Array; type?: string } {
  const keys = knownKeys(route, server);
  const type = pick([
    'application/json',
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/json; charset=koi8-r',
    'multipart/form-data; boundary=x',
    undefined,
  ]);
  switch (int(8)) {
    case 0:
      return { body: pick(BROKEN_JSON), type };
    case 1:
      return { body: deepJson(pick([100, 2000, 20_000])), type };
    case 2:
      return { body: protoJson(randomObject(keys)), type };
    case 3:
      return { body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) as unknown as string, type }; // {"\xff\xfe":1}: not UTF-8
    case 4:
      return { body: JSON.stringify(randomValue()), type };
    case 5:
      return {};
    default:
      return { body: JSON.stringify(randomObject(keys)), type };
  }
}

/** With FUZZ_TRACE set, a failure is printed at once (uvu prints them only at the end of the file). */
const traced = (run: () => Promise<void>) => async () => {
  try {
    await run();
  } catch (err) {
    if (process.env.FUZZ_TRACE) console.log((err as Error).message);
    throw err;
  }
};

let server: TestServer;
let fixture: Fixture;
const errors: { ctx: object; msg: string }[] = [];
const originalError = silentLogger.error;
const prototypeKeys = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join());

test.before(async () => {
  // Any error the server logs is a bug it caught (a 500, a failed handler): collect them.
  silentLogger.error = (ctx, msg) => errors.push({ ctx, msg });
  // Every feature on, so that a route answers for its input, not with "this server has it off" (503).
  const shop = aTestShop();
  shop.stores[0]!.notify = NotifyConfigSchema.parse({ push: { subject: 'mailto:service@store-a.example' } });
  server = await startTestServer({ shop, history: true, webhooks: true, notify: { baseUrl: 'https://a.example' } });
  const ro = await createRo(server, 'store-a', { operations: [{ code: 'OIL', bayId: 'bay-2' }] });
  const appt = (await server.api('POST', '/api/stores/store-a/appointments', anAppointmentInput())).body.data.appointment;
  fixture = { roId: ro.id, opId: ro.operations[0].id, appointmentId: appt.id };
});

test.after(async () => {
  silentLogger.error = originalError;
  await server?.close();
});

const seqs = () => STORES.map((s) => server.service.cachedState(s)?.seq ?? 0);
const snapshots = () => STORES.map((s) => JSON.stringify(server.service.cachedState(s)?.toSnapshot()));

test(
  `${HTTP_CASES} random and malformed requests at every REST route (seed ${SEED})`,
  traced(async () => {
    const routes = apiRoutes(() => ({}));
    assert.ok(routes.length > 20, "the route list is the router's");
    const protoBefore = prototypeKeys();
    const stateBefore = snapshots();
    const statuses = new Map<number, number>();
    let accepted = 0;
    for (let i = 0; i < HTTP_CASES; i++) {
      if (process.env.FUZZ_TRACE && i % 500 === 0) console.log('http case', i);
      const route = routes[i % routes.length];
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => paramValue(name, fixture)) + randomQuery();
      const method = chance(0.05) ? pick(['PUT', 'OPTIONS', 'PATCH', 'DELETE', 'POST']) : route.method.toUpperCase();
      const { body, type } = method === 'GET' || method === 'HEAD' ? {} : randomBody(route, server);
      const headers = randomHeaders(server.apiKey);
      if (type) headers['content-type'] = type;
      const before = seqs();
      let status: number;
      try {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers,
          body: body as string | undefined,
          redirect: 'manual',
          signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        await res.arrayBuffer();
      } catch (err) {
        assert.unreachable(
          `seed ${SEED}: ${method} ${path.slice(0, 200)} got no answer: ${(err as Error).message} ${(err as { cause?: Error }).cause?.message ?? ''}`,
        );
        return;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const at = `seed ${SEED}, case ${i}: ${method} ${path.slice(0, 200)} (${route.name}) with ${String(body ?? '').slice(0, 200)}`;
      assert.ok(status < 500, `${at} answered ${status}`);
      if (status >= 400) assert.equal(seqs(), before, `${at} was refused (${status}) yet changed the store`);
      else if (seqs().join() !== before.join()) accepted++;
    }
    assert.equal(errors, [], `seed ${SEED}: the server logged errors (bugs it caught)`);
    assert.equal(prototypeKeys(), protoBefore, 'no key reached Object/Array/Function.prototype');
    assert.is(({} as Record<string, unknown>).polluted, undefined);
    // Refusals changed nothing; when nothing was accepted the whole state is what it was.
    if (accepted === 0) assert.equal(snapshots(), stateBefore, 'state afterwards equals state before');
    const refused = [...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    assert.ok(refused > HTTP_CASES / 2, `most fuzz was refused (${JSON.stringify([...statuses])})`);
  }),
);

test(
  `${SOCKET_CASES} random and malformed payloads at every socket event (seed ${SEED})`,
  traced(async () => {
    const events = [...Object.keys(clientEventSchemas), 'unknown', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(500)];
    const seqBefore = seqs();
    const stateBefore = snapshots();
    let socket: Socket | undefined;
    const auths = [{ token: server.apiKey }, {}, { token: 42 }, { token: { a: 1 } }, { session: [] }, { token: 'x'.repeat(10_000) }, { token: '__proto__' }];
    const open = async () => {
      socket?.disconnect();
      socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: pick(auths) as Record<string, unknown> });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`seed ${SEED}: a new socket did not connect within 20 s`)), 20_000);
        socket!.once('connect', () => (clearTimeout(timer), resolve()));
        socket!.once('connect_error', (err) => (clearTimeout(timer), reject(err)));
      });
    };
    let answered = 0;
    let noAnswer = 0;
    for (let i = 0; i < SOCKET_CASES; i++) {
      if (process.env.FUZZ_TRACE && i % 100 === 0) console.log('socket case', i, new Date().toISOString(), { answered, noAnswer });
      const caseStarted = Date.now();
      const slow = (what: string) => process.env.FUZZ_TRACE && Date.now() - caseStarted > 500 && console.log('slow case', i, what, Date.now() - caseStarted);
      if (!socket?.connected || chance(0.02)) await open();
      const at = `seed ${SEED}, socket case ${i}`;
      if (chance(0.1)) {
        // Raw socket.io frames, some not valid at all.
        const frame = pick([
          '42[',
          '4',
          '42["join"',
          '45-["join",{"_placeholder":true,"num":0}]',
          '42["join",' + deepJson(3000) + ']',
          '43',
          '41/x,',
          '2',
          '6',
          `42${protoJson({ audience: { kind: 'customer', storeId: 'store-a' } })}`,
          '42["__proto__",{}]',
          '40/admin,',
          '4x',
        ]);
        socket!.io.engine.send(frame);
        continue;
      }
      const event = pick(events);
      const known = Object.hasOwn(clientEventSchemas, event);
      const payload = chance(0.15)
        ? JSON.parse(protoJson(randomObject(['audience', 'fromSeq', 'version', 'shownSeq', 'page'])))
        : chance(0.1)
          ? JSON.parse(deepJson(500))
          : randomValue();
      const args = chance(0.2) ? [payload, randomValue()] : [payload];
      if (!known || args.length > 1) {
        // Nobody answers an event the server does not know, nor one whose ack slot holds junk.
        socket!.emit(event, ...args);
        continue;
      }
      try {
        const answer = (await socket!.timeout(2000).emitWithAck(event, ...args)) as { ok: boolean; error?: { code: string } };
        answered++;
        assert.not.equal(answer?.error?.code, 'server_error', `${at}: ${event} answered server_error`);
      } catch {
        // No answer: an oversized frame closed the link, or a raw frame left the parser waiting for
        // attachments. Fine, as long as the server lives; carry on with a new connection.
        noAnswer++;
        slow(`no answer to ${event} ${JSON.stringify(args).slice(0, 100)}`);
        await open();
        slow('reopen');
      }
    }
    socket?.disconnect();
    assert.ok(answered > noAnswer, `the server answered events (${answered} answered, ${noAnswer} not)`);
    assert.equal(errors, [], `seed ${SEED}: the server logged errors (bugs it caught)`);
    assert.equal(seqs(), seqBefore, 'socket events never change the store');
    assert.equal(snapshots(), stateBefore, 'state afterwards equals state before');
    // And it still serves a screen properly.
    const screen = new LiveClient(server.url, { kind: 'dispatch', storeId: 'store-a' }, { token: server.apiKey });
    assert.ok((await screen.connect()).ok);
    assert.ok(screen.entries()[`ro:${fixture.roId}`], 'a screen joining afterwards sees the store');
    screen.disconnect();
  }),
);

test.run();

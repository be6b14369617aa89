import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aPlate, asStaff, createRo } from '../../tests/helpers/build';
import { aKioskShop } from '../../tests/helpers/kiosk';
import { issueCode } from '../../tests/helpers/scan';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { createLogger } from '../log';

/**
 * The HTTP findings of the red-team review, one test each: headers on every page type, a body
 * that lies about its Content-Encoding, bad percent-encoding on page routes, the tracking page
 * during a store outage, what /healthz tells a stranger, links that never come from the Host
 * header, and a request's log lines (its id, no personal data).
 */
const S = 'store-a';

/** A request whose Host (and X-Forwarded-Host) the test writes itself; fetch does not allow that. */
function rawRequest(url: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const cspOf = (headers: Headers) => headers.get('content-security-policy') ?? '';
const directive = (csp: string, name: string) =>
  csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

// ---------------------------------------------------------------------------------------------
const Headers_ = suite('security headers on every route type the README lists');
let server: TestServer;
let routes: Record<string, string> = {};
let staff: Record<string, string | undefined>;
Headers_.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
  staff = asStaff(server.auth, { roles: ['admin'] });
  const ro = await createRo(server, S);
  const display = server.auth.issueDisplayToken({ id: 'd-1', storeId: S, board: 'dispatch' });
  const bayDisplay = server.auth.issueDisplayToken({ id: 'd-2', storeId: S, board: 'bay', bayId: 'bay-1' });
  const code = await issueCode(server, { kind: 'ro', storeId: S, roId: ro.id });
  routes = {
    customerBoard: '/display/customer',
    dispatchBoard: `/display/dispatch?display=${display}`,
    bayBoard: `/display/bay/bay-1?display=${bayDisplay}`,
    signIn: `/auth/one-time/${server.auth.issueOneTimeLogin({ id: 'a', name: 'A', roles: ['admin'], storeIds: '*' })}`,
    pairing: '/display',
    fleet: '/admin/displays',
    kiosk: '/kiosk?kiosk=entrance',
    tracking: `/t/${ro.trackingToken ?? 'x'.repeat(24)}`,
    scanPage: '/s',
    scanCode: `/s/${code}`,
    jobCard: `/print/job-card/${ro.id}`,
    badges: '/print/badges',
    bays: '/print/bays',
    scanAdmin: '/admin/scan',
    passwordSignIn: '/sign-in',
    people: '/admin/people',
    reports: '/reports',
    plan: '/plan',
    ownPassword: '/account/password',
    history: `/api/stores/${S}/repair-orders/${ro.id}/history`,
    openApi: '/api/openapi.json',
    health: '/healthz',
    api: `/api/stores/${S}/repair-orders`,
  };
});
Headers_.after(async () => server.close());

Headers_('every route answers with a CSP that forbids inline script and framing, nosniff and no-referrer', async () => {
  for (const [name, path] of Object.entries(routes)) {
    const res = await server.api('GET', path, undefined, staff);
    assert.ok(res.status < 500, `${name} ${path} answered ${res.status}`);
    const csp = cspOf(res.headers);
    if (path.startsWith('/api/')) {
      // JSON is never rendered as a document: a policy that forbids everything.
      assert.is(directive(csp, 'default-src'), "default-src 'none'", `${name}: ${csp}`);
    } else {
      assert.is(directive(csp, 'script-src'), "script-src 'self'", `${name}: script-src only our own files (${csp})`);
      assert.is(directive(csp, 'object-src'), "object-src 'none'", `${name}: object-src`);
    }
    assert.is(directive(csp, 'frame-ancestors'), "frame-ancestors 'none'", `${name}: frame-ancestors`);
    assert.is(res.headers.get('x-frame-options'), 'DENY', `${name}: X-Frame-Options`);
    assert.is(res.headers.get('x-content-type-options'), 'nosniff', `${name}: nosniff`);
    assert.is(res.headers.get('referrer-policy'), 'no-referrer', `${name}: Referrer-Policy`);
  }
});

Headers_('the pages hold no inline script or inline event handler the CSP would block', async () => {
  for (const [name, path] of Object.entries(routes)) {
    const res = await server.api('GET', path, undefined, staff);
    if (typeof res.body !== 'string') continue;
    assert.not.match(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, `${name}: every <script> has a src`);
    assert.not.match(res.body, /\son[a-z]+="/, `${name}: no onclick= style handlers`);
  }
});

Headers_('the lobby board and the kiosk may be framed only by the configured origins; staff pages never', async () => {
  const framed = await startTestServer({ shop: aTestShop(), frameAncestors: 'https://signage.example.com' });
  try {
    for (const path of ['/display/customer', '/kiosk']) {
      const res = await framed.api('GET', path, undefined, { authorization: undefined });
      assert.is(directive(cspOf(res.headers), 'frame-ancestors'), 'frame-ancestors https://signage.example.com', path);
      assert.is(res.headers.get('x-frame-options'), null, `${path}: no X-Frame-Options to contradict it`);
      assert.is(directive(cspOf(res.headers), 'script-src'), "script-src 'self'", `${path}: still no inline script`);
    }
    for (const path of ['/display/dispatch', '/admin/displays', '/admin/scan', '/print/badges', '/s', '/display']) {
      const res = await framed.api('GET', path, undefined, { authorization: undefined });
      assert.is(directive(cspOf(res.headers), 'frame-ancestors'), "frame-ancestors 'none'", path);
      assert.is(res.headers.get('x-frame-options'), 'DENY', path);
    }
  } finally {
    await framed.close();
  }
});

// ---------------------------------------------------------------------------------------------
const Encoding = suite('Content-Encoding that does not match the body');
Encoding.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
});
Encoding.after(async () => server.close());

Encoding('a body sent as "gzip" that is not gzip answers 400 in the API error shape, and nothing is written', async () => {
  const before = (await server.service.state(S)).seq;
  for (const encoding of ['gzip', 'deflate', 'br']) {
    const res = await server.api('POST', `/api/stores/${S}/repair-orders`, '{"vehicle":{}}', {
      'content-type': 'application/json',
      'content-encoding': encoding,
    });
    assert.is(res.status, 400, `${encoding}: ${JSON.stringify(res.body)}`);
    assert.is(res.body.error.code, 'invalid_content_encoding');
    assert.type(res.body.error.message, 'string');
  }
  assert.is((await server.service.state(S)).seq, before);
});

// ---------------------------------------------------------------------------------------------
const Percent = suite('bad percent-encoding on page routes');
const BAD_PATHS = ['/display/bay/%E0%A4%A', '/t/%', '/s/%zz', '/print/job-card/%'];

for (const mode of [
  { name: 'demo', demo: true, nodeEnv: 'development' },
  { name: 'production', demo: false, nodeEnv: 'production' },
]) {
  Percent(`answers a friendly 400 page in both languages, never a stack trace (${mode.name})`, async () => {
    const s = await startTestServer({ shop: aTestShop(), demo: mode.demo, nodeEnv: mode.nodeEnv });
    try {
      for (const path of BAD_PATHS) {
        const res = await rawRequest(s.url, path);
        assert.is(res.status, 400, `${path}: ${res.body.slice(0, 200)}`);
        assert.match(String(res.headers['content-type']), 'text/html', path);
        assert.match(res.body, '链接有误', `${path}: Chinese`);
        assert.match(res.body, 'This link is not right', `${path}: English`);
        assert.not.match(res.body, /URIError|at |node_modules|\/work\/|Failed to decode/, `${path}: nothing internal`);
        assert.is(res.headers['x-content-type-options'], 'nosniff', path);
      }
    } finally {
      await s.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
const Outage = suite('the tracking page while the event store is down');

Outage('answers a friendly 503 page in both languages, not a 500', async () => {
  const s = await startTestServer({ shop: aKioskShop() });
  try {
    const ro = await createRo(s, S);
    const token = ro.trackingToken ?? 'a'.repeat(24);
    await s.service.events.close();
    for (const query of ['', '?lang=en']) {
      const res = await rawRequest(s.url, `/t/${token}${query}`);
      assert.is(res.status, 503, res.body.slice(0, 300));
      assert.match(String(res.headers['content-type']), 'text/html');
      assert.match(res.body, '暂时无法显示');
      assert.match(res.body, 'Not available right now');
      assert.not.match(res.body, /journal|tw-test-|Error/);
      assert.is(res.headers['retry-after'], '10');
    }
  } finally {
    await s.close().catch(() => undefined);
  }
});

// ---------------------------------------------------------------------------------------------
const Health = suite('GET /healthz: anonymous vs the API key');

Health('shows an anonymous caller only the version and whether the store is ok; the API key sees kind, detail and stores', async () => {
  const s = await startTestServer({ shop: aTestShop() });
  try {
    const anonymous = await s.api('GET', '/healthz', undefined, { authorization: undefined });
    assert.is(anonymous.status, 200);
    assert.equal(anonymous.body, { version: 'test', store: { ok: true } });
    const staffOnly = await s.api('GET', '/healthz', undefined, asStaff(s.auth, { roles: ['advisor'] }));
    assert.equal(staffOnly.body, { version: 'test', store: { ok: true } });
    const integration = await s.api('GET', '/healthz');
    assert.is(integration.body.store.kind, 'embedded');
    assert.equal(integration.body.stores, ['store-a', 'store-b']);

    await s.service.events.close();
    const down = await s.api('GET', '/healthz', undefined, { authorization: undefined });
    assert.is(down.status, 503);
    assert.equal(down.body, { version: 'test', store: { ok: false } });
    assert.not.match(JSON.stringify(down.body), /tw-test-|journal|\//);
    const downDetail = await s.api('GET', '/healthz');
    assert.is(downDetail.status, 503);
    assert.is(downDetail.body.store.ok, false);
    assert.ok(downDetail.body.store.kind);
  } finally {
    await s.close().catch(() => undefined);
  }
});

// ---------------------------------------------------------------------------------------------
const Links = suite('links are built from PUBLIC_URL, never the Host header');
const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

Links('sign-in links, job-card QR codes and tracking links use PUBLIC_URL even with a forged Host', async () => {
  const s = await startTestServer({ shop: aKioskShop(), publicUrl: 'https://workshop.example.com' });
  try {
    const auth = { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' };
    const link = await rawRequest(s.url, '/api/sign-in-links', { method: 'POST', headers: { ...FORGED, ...auth }, body: '{"personId":"adv-1"}' });
    assert.is(link.status, 201, link.body);
    assert.match(JSON.parse(link.body).data.url, /^https:\/\/workshop\.example\.com\/auth\/one-time\//);

    const ro = await createRo(s, S);
    const codes = await rawRequest(s.url, `/api/stores/${S}/repair-orders/${ro.id}/scan-codes`, { headers: { ...FORGED, ...auth } });
    assert.match(JSON.parse(codes.body).data.repairOrder.url, /^https:\/\/workshop\.example\.com\/s\//);

    const walkIn = await rawRequest(s.url, `/api/kiosk/${S}/walk-in`, {
      method: 'POST',
      headers: { ...FORGED, 'content-type': 'application/json', 'idempotency-key': `walk-${Date.now()}` },
      body: JSON.stringify({ kioskId: 'entrance', plate: aPlate(), phone: '13655557777', services: ['OIL'], mileageKm: 1000, consent: true }),
    });
    assert.is(walkIn.status, 201, walkIn.body);
    assert.match(JSON.parse(walkIn.body).data.trackingUrl, /^https:\/\/workshop\.example\.com\/t\//);
    for (const body of [link.body, codes.body, walkIn.body]) assert.not.match(body, 'evil.example');
  } finally {
    await s.close();
  }
});

Links('without PUBLIC_URL (demo, tests) links name the server socket the request reached, still not the Host header', async () => {
  const s = await startTestServer({ shop: aTestShop() });
  try {
    const link = await rawRequest(s.url, '/api/sign-in-links', {
      method: 'POST',
      headers: { ...FORGED, authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' },
      body: '{"personId":"adv-1"}',
    });
    assert.is(link.status, 201, link.body);
    assert.ok(JSON.parse(link.body).data.url.startsWith(`${s.url}/auth/one-time/`), link.body);
  } finally {
    await s.close();
  }
});

// ---------------------------------------------------------------------------------------------
const Logs = suite("a request's log lines");

Logs('carry its request id (echoed as X-Request-Id) and no phone or plate, even in an error message', async () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const s = await startTestServer({ shop: aTestShop(), log: createLogger({ level: 'info', destination }) });
  try {
    const plate = aPlate();
    const phone = '13812345678';
    // A failure deep in the service whose message quotes the customer's input, as thrown messages do.
    s.service.commit = async () => {
      throw new Error(`append refused for ${plate}, phone ${phone}`);
    };
    const res = await s.api('POST', `/api/stores/${S}/repair-orders`, {
      vehicle: { plate, make: 'Audi', model: 'A6L', color: 'Black' },
      customer: { name: '张伟', phone, salutation: 'mr' },
      operations: [{ code: 'OIL' }],
    });
    assert.is(res.status, 500);
    const id = res.headers.get('x-request-id');
    assert.ok(id, 'X-Request-Id is echoed');
    await new Promise((r) => setTimeout(r, 50));
    const mine = lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === id);
    assert.ok(
      mine.some((l) => l.msg === 'request failed'),
      `the failure is logged with the request id: ${lines.join('\n')}`,
    );
    const text = lines.join('\n');
    assert.not.match(text, plate.slice(2), 'no plate');
    assert.not.match(text, phone, 'no phone');

    // A client's own id follows the request through.
    const given = await s.api('GET', '/healthz', undefined, { 'x-request-id': 'lb-4f9a2c7e' });
    assert.is(given.headers.get('x-request-id'), 'lb-4f9a2c7e');
    const other = await s.api('GET', '/healthz');
    assert.is.not(other.headers.get('x-request-id'), id, 'each request gets its own id');
  } finally {
    await s.close();
  }
});

Headers_.run();
Encoding.run();
Percent.run();
Outage.run();
Health.run();
Links.run();
Logs.run();

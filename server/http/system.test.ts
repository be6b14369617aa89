import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrderInput } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { httpRoutes } from './index';

let server: TestServer;

const Health = suite('GET /healthz');
Health.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
});
Health.after(async () => server.close());

Health('answers version and whether the store is ok without signing in; kind and store ids with the API key', async () => {
  const anonymous = await server.api('GET', '/healthz', undefined, { authorization: undefined });
  assert.is(anonymous.status, 200);
  assert.equal(anonymous.body, { version: 'test', store: { ok: true } });
  const res = await server.api('GET', '/healthz');
  assert.is(res.status, 200);
  assert.is(res.body.version, 'test');
  assert.is(res.body.store.kind, 'embedded');
  assert.is(res.body.store.ok, true);
  assert.equal(res.body.stores, ['store-a', 'store-b']);
});

Health('answers 503 once the event store is no longer ok', async () => {
  const other = await startTestServer({ shop: aTestShop() });
  try {
    await other.service.events.close();
    const res = await other.api('GET', '/healthz');
    assert.is(res.status, 503);
    assert.is(res.body.store.ok, false);
  } finally {
    await other.close().catch(() => undefined);
  }
});

const Docs = suite('GET /api/openapi.json');
Docs.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
});
Docs.after(async () => server.close());

Docs('is a public OpenAPI 3.1 document with security schemes and the shared error shape', async () => {
  const res = await server.api('GET', '/api/openapi.json', undefined, { authorization: undefined });
  assert.is(res.status, 200);
  const doc = res.body;
  assert.is(doc.openapi, '3.1.0');
  assert.is(doc.info.version, 'test');
  assert.equal(Object.keys(doc.components.securitySchemes).sort(), ['bearerAuth', 'displayToken', 'sessionCookie']);
  assert.is(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
  assert.is(doc.components.securitySchemes.sessionCookie.in, 'cookie');
  assert.ok(doc.components.schemas.Error.properties.error);
  assert.ok(doc.components.schemas.RepairOrder.properties.operations);
});

Docs('documents every route the router serves, with its method, parameters and body', async () => {
  const doc = (await server.api('GET', '/api/openapi.json')).body;
  const router = httpRoutes(server.deps);
  const served = (router.stack as { route?: { path: string; methods: Record<string, boolean> } }[])
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`))
    .sort();
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  assert.equal(documented, served);
  assert.ok(served.length >= 30, `expected the whole API, saw ${served.length} routes`);

  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(ops)) {
      const inPath = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
      assert.equal(inPath.sort(), [...names].sort(), `${method} ${path} documents its path parameters`);
      assert.ok(op.operationId && op.summary, `${method} ${path} has an operationId and a summary`);
      assert.ok(Object.keys(op.responses).length >= 1);
    }
  }
  const create = doc.paths['/api/stores/{storeId}/repair-orders'].post;
  assert.ok(create.requestBody.content['application/json'].schema.properties.vehicle);
  assert.is(create.requestBody.content['application/json'].schema.additionalProperties, false);
  assert.equal(create.security, [{ bearerAuth: [] }, { sessionCookie: [] }]);
  const list = doc.paths['/api/stores/{storeId}/repair-orders'].get;
  assert.ok(list.parameters.some((p: any) => p.in === 'query' && p.name === 'stage'));
  assert.equal(doc.paths['/healthz'].get.security, []);
});

Docs('every $ref points at a component that exists', async () => {
  const doc = (await server.api('GET', '/api/openapi.json')).body;
  const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
  assert.ok(refs.length > 0);
  for (const ref of new Set(refs)) {
    const [, kind, name] = /#\/components\/(\w+)\/([^"]+)"/.exec(ref) ?? [];
    assert.ok(kind && doc.components[kind]?.[name], `${ref} resolves`);
  }
});

const Unavailable = suite('event store unavailable');

Unavailable('reads and writes answer 503 store_unavailable, with nothing internal in the body', async () => {
  const other = await startTestServer({ shop: aTestShop() });
  try {
    await other.service.events.close();
    for (const [method, path, body] of [
      ['GET', '/api/stores/store-a/repair-orders'],
      ['POST', '/api/stores/store-a/repair-orders', aRepairOrderInput()],
    ] as const) {
      const res = await other.api(method, path, body);
      assert.is(res.status, 503, `${method} ${path}: ${JSON.stringify(res.body)}`);
      assert.is(res.body.error.code, 'store_unavailable');
      assert.not.match(res.body.error.message, /tw-test-|journal/);
    }
  } finally {
    await other.close().catch(() => undefined);
  }
});

const Unknown = suite('unknown API paths');
Unknown.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
});
Unknown.after(async () => server.close());

Unknown('answer 404 in the API error shape', async () => {
  const res = await server.api('GET', '/api/no-such-thing');
  assert.is(res.status, 404);
  assert.is(res.body.error.code, 'not_found');
});

Health.run();
Docs.run();
Unavailable.run();
Unknown.run();

/**
 * createHttpServer: requests and responses are born with the express app's prototypes, so
 * express has nothing to move (see createHttpServer for why that matters), and every express
 * feature the routes use still works on them.
 */
import { createServer, IncomingMessage, ServerResponse, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer, type TestServer } from '../tests/helpers/server';
import { createApplication, type Application } from './app';

let server: TestServer;
let plain: HttpServer;
let plainApp: Application;

test.before(async () => {
  server = await startTestServer();
  plain = createServer();
  plainApp = await createApplication(plain, server.deps);
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
});

test.after(async () => {
  await plainApp?.close();
  plain?.closeAllConnections();
  await new Promise<void>((resolve) => (plain ? plain.close(() => resolve()) : resolve()));
  await server?.close();
});

/** Watch Object.setPrototypeOf on requests and responses while `run` goes: how many calls, and how many changed a prototype. */
async function prototypeMoves(run: () => Promise<unknown>): Promise<{ calls: number; moved: number }> {
  const original = Object.setPrototypeOf;
  const seen = { calls: 0, moved: 0 };
  Object.setPrototypeOf = (target: object, proto: object | null) => {
    if (target instanceof IncomingMessage || target instanceof ServerResponse) {
      seen.calls++;
      if (Object.getPrototypeOf(target) !== proto) seen.moved++;
    }
    return original(target, proto);
  };
  try {
    await run();
  } finally {
    Object.setPrototypeOf = original;
  }
  return seen;
}

test('express finds every request and response already on its prototypes', async () => {
  const seen = await prototypeMoves(async () => {
    assert.is((await server.api('GET', '/api/openapi.json')).status, 200);
    assert.is((await server.api('GET', '/api/no-such-route')).status, 404);
  });
  assert.ok(seen.calls >= 4, `express set the prototypes of each request and response (${seen.calls} calls seen)`);
  assert.is(seen.moved, 0);
});

test('the check can fail: on a plain createServer express moves each request and response', async () => {
  const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  const seen = await prototypeMoves(async () => {
    assert.is((await fetch(`${url}/api/openapi.json`)).status, 200);
  });
  assert.is(seen.moved, 2);
});

test('express request and response features work on the born objects', async () => {
  // req.ip with 'trust proxy' (the kiosk's rate limit), req.is (the JSON body check), res.status/res.set
  // (errors), req.query (query validation): an unknown query field is refused in the API's error shape.
  const refused = await server.api('GET', '/api/openapi.json?unknown=1');
  assert.is(refused.status, 400);
  assert.is(refused.body.error.code, 'invalid_input');
  const storeId = server.deps.shop.stores[0].id;
  const wrongType = await server.api('POST', `/api/stores/${storeId}/repair-orders`, 'plain text', { 'content-type': 'text/plain' });
  assert.is(wrongType.status, 415);
  assert.is(wrongType.body.error.code, 'unsupported_media_type');
});

test.run();

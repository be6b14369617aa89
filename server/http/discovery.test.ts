import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { asStaff } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';

let server: TestServer;
const S = 'store-a';
const Discovery = suite('discovery: stores, bays, people, catalogue');
Discovery.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
});
Discovery.after(() => server.close());

Discovery('an integration sees every store; staff only their own', async () => {
  const all = await server.api('GET', '/api/stores');
  assert.is(all.status, 200);
  assert.equal(
    all.body.data.map((s: any) => s.id),
    server.deps.shop.stores.map((s) => s.id),
  );
  assert.is(all.body.data[0].timezone, 'Asia/Shanghai');
  const own = await server.api('GET', '/api/stores', undefined, asStaff(server.auth, { roles: ['advisor'], storeIds: [S] }));
  assert.equal(
    own.body.data.map((s: any) => s.id),
    [S],
  );
  assert.is((await server.api('GET', '/api/stores', undefined, { authorization: undefined })).status, 401);
});

Discovery('bays with teams and technicians, and the catalogue (filtered by bay kind)', async () => {
  const bays = await server.api('GET', `/api/stores/${S}/bays`);
  assert.is(bays.status, 200);
  assert.equal(
    bays.body.data.bays.map((b: any) => b.id),
    server.deps.shop.stores[0]!.bays.map((b) => b.id),
  );
  assert.ok(bays.body.data.technicians.every((t: any) => Array.isArray(t.skills)));
  const catalogue = await server.api('GET', `/api/stores/${S}/catalogue`);
  assert.ok(catalogue.body.data.some((c: any) => c.code === 'OIL' && c.standardHours === 0.5));
  const quick = await server.api('GET', `/api/stores/${S}/catalogue?bayKind=quick`);
  assert.ok(quick.body.data.length > 0 && quick.body.data.every((c: any) => c.bayKind === 'quick'));
  assert.is((await server.api('GET', `/api/stores/${S}/catalogue?bayKind=garden`)).status, 400);
  assert.is((await server.api('GET', '/api/stores/store-nope/bays')).status, 404);
});

Discovery('people carry no secrets: no PIN or password hash, however the accounts are set', async () => {
  const pin = await server.api('POST', `/api/stores/${S}/people/tech-1/pin`, { pin: '482913' });
  assert.ok(pin.status < 300, JSON.stringify(pin.body));
  const state = await server.service.state(S);
  const hashes = JSON.stringify([...(state.access?.values() ?? [])]).match(/scrypt[^"]*/g) ?? [];
  assert.ok(hashes.length > 0, 'the PIN hash is in the state');
  const people = await server.api('GET', `/api/stores/${S}/people`);
  assert.is(people.status, 200);
  const text = JSON.stringify(people.body);
  for (const hash of hashes) assert.not.ok(text.includes(hash), 'no hash in the answer');
  assert.not.match(text, /pin|hash|secret|scrypt/i);
  assert.ok(people.body.data.some((p: any) => p.id === 'tech-1'));
});

Discovery.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { asStaff } from '../../tests/helpers/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { demoScreens, pairDemoDisplays } from './displays';

let server: TestServer;
test.before(async () => {
  server = await startTestServer({ demo: true });
});
test.after(async () => {
  await server?.close();
});

test("the demo's screens are ordinary paired displays: listed on the fleet page, paired once", async () => {
  const store = server.deps.shop.stores[0]!;
  assert.is(await pairDemoDisplays(server.service, store), store.bays.length + 1);
  assert.is(await pairDemoDisplays(server.service, store), 0, 'a second start pairs nothing again');
  const res = await server.api('GET', `/api/stores/${store.id}/displays`, undefined, asStaff(server.auth, { roles: ['admin'] }));
  assert.is(res.status, 200, JSON.stringify(res.body));
  const ids = (res.body.data as { id: string; board: string; bayId?: string }[]).map((d) => d.id);
  for (const screen of demoScreens(store)) assert.ok(ids.includes(screen.id), `${screen.id} is on the fleet page`);
  const bay = (res.body.data as { id: string; board: string; bayId?: string }[]).find((d) => d.id === `demo-bay-${store.bays[0]!.id}`)!;
  assert.is(bay.board, 'bay');
  assert.is(bay.bayId, store.bays[0]!.id);
});

test('a demo screen an admin unpairs stops being paired, like any other', async () => {
  const store = server.deps.shop.stores[0]!;
  const del = await server.api('DELETE', `/api/stores/${store.id}/displays/demo-dispatch`, undefined, asStaff(server.auth, { roles: ['admin'] }));
  assert.ok([200, 204].includes(del.status), JSON.stringify(del.body));
  const state = await server.service.state(store.id);
  assert.not.ok(state.displays.has('demo-dispatch'));
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CustomerRow, StaffRo, TrackingRo } from '../../shared/projections/views';
import { act, createRo } from '../helpers/build';
import { aKioskShop, aPlate, kiosk } from '../helpers/kiosk';
import { LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 15: one ETA per car, computed on the server, shown identically on every surface. A
 * walk-in checks in at the kiosk behind a busy bay; the kiosk's answer, the lobby board's row,
 * the dispatch board's entry and the customer's tracking page — each read from what the server
 * sends that audience — give the same time, and still agree after another car's event moves it.
 */
const S = 'store-a';
let server: TestServer;
const clients: LiveClient[] = [];

const Surfaces = suite('the ETA on every surface');
Surfaces.before(async () => {
  server = await startTestServer({ shop: aKioskShop() });
});
Surfaces.after(async () => {
  for (const c of clients) c.disconnect();
  await server.close();
});

const live = async (audience: ConstructorParameters<typeof LiveClient>[1], auth: Record<string, string> = {}) => {
  const c = new LiveClient(server.url, audience, auth);
  clients.push(c);
  assert.equal(await c.connect(), { ok: true });
  return c;
};
const entry = <T>(c: LiveClient, roId: string) => c.sync.view!.entries[`ro:${roId}`] as T;

Surfaces('the kiosk, the lobby, the dispatch board and the tracking page show the same ETA, before and after the queue moves', async () => {
  const base = `/api/stores/${S}/repair-orders`;
  // A car in the general bay, and one waiting for it, promised too soon.
  const inBay = await createRo(server, S, { operations: [{ code: 'BRK' }] });
  await act(server, `${base}/${inBay.id}/operations/${inBay.operations[0].id}/start`, { bayId: 'bay-1' });
  const promisedAt = new Date(Date.now() + 30 * 60_000).toISOString();
  const waiting = await createRo(server, S, { operations: [{ code: 'BRK' }], promisedAt });

  const plate = aPlate();
  const res = await kiosk(server, S)('POST', '/walk-in', {
    kioskId: 'entrance',
    plate,
    phone: '13655557777',
    surname: '王',
    salutation: 'mr',
    services: ['BRK'],
    consent: true,
  });
  assert.is(res.status, 201, JSON.stringify(res.body));
  const done = res.body.data;
  const ro = [...(await server.service.state(S)).ros.values()].find((r) => r.vehicle.plate === plate)!;
  assert.ok(done.estimate.readyAt, 'the kiosk gives a ready time');
  assert.ok(done.estimate.waitMinutes > 0, 'a car waits behind the busy bay');
  assert.is(done.estimate.carsAhead, 1);

  const lobby = await live({ kind: 'customer', storeId: S });
  const dispatch = await live({ kind: 'dispatch', storeId: S }, { token: server.apiKey });
  const tracking = await live({ kind: 'tracking', token: done.trackingUrl.split('/t/')[1] });
  const shown = () => ({
    lobby: entry<CustomerRow>(lobby, ro.id).etaAt,
    dispatch: entry<StaffRo>(dispatch, ro.id).eta?.p50,
    tracking: entry<TrackingRo>(tracking, ro.id).etaAt,
  });
  assert.equal(shown(), { lobby: done.estimate.readyAt, dispatch: done.estimate.readyAt, tracking: done.estimate.readyAt });
  assert.is(entry<TrackingRo>(tracking, ro.id).etaLatestAt, done.estimate.readyLatestAt);

  // The car promised in 30 minutes waits for a 1.2-hour job: the dispatch board is warned, the lobby shows the later time.
  const late = entry<StaffRo>(dispatch, waiting.id).eta!;
  assert.ok(late.lateMinutes! > 0, JSON.stringify(late));
  assert.is(Math.round((Date.parse(late.p50) - Date.parse(promisedAt)) / 60_000), late.lateMinutes);
  assert.equal([entry<CustomerRow>(lobby, waiting.id).etaAt, entry<CustomerRow>(lobby, waiting.id).promisedAt], [late.p50, promisedAt]);

  // Another car's job finishes early: the bay frees, and the walk-in's ETA moves on every screen though its own order did not change.
  const before = shown().dispatch;
  await act(server, `${base}/${inBay.id}/operations/${inBay.operations[0].id}/finish`);
  const seq = (await server.service.state(S)).seq;
  // The tracking room hears of this event too: the walk-in's ETA moved with it.
  await Promise.all([lobby.waitForSeq(seq), dispatch.waitForSeq(seq), tracking.waitForSeq(seq)]);
  const after = shown();
  assert.is.not(after.dispatch, before);
  assert.equal(after, { lobby: after.dispatch, dispatch: after.dispatch, tracking: after.dispatch });
  assert.is(after.dispatch, server.service.etas(S)(ro.id)?.p50);
});

Surfaces.run();

import { io, type Socket } from 'socket.io-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { snapshotView } from '../../shared/projections/project';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { LiveClient } from '../../tests/helpers/live-client';
import { aNewRepairOrder, aPairedDisplayToken, commitOk } from '../../tests/helpers/workshop';
import { seedDemoDay } from '../demo/seed';

let server: TestServer;
let storeId: string;
const clients: LiveClient[] = [];
const sockets: Socket[] = [];
const client = (audience: ConstructorParameters<typeof LiveClient>[1], auth: Record<string, string> = {}) => {
  const c = new LiveClient(server.url, audience, auth);
  clients.push(c);
  return c;
};
const staff = () => ({ token: server.apiKey });
const freshView = async (audience: Parameters<typeof snapshotView>[2]) =>
  snapshotView(await server.service.state(storeId), server.service.storeConfig(storeId)!, audience, Date.now(), server.service.etas(storeId)).entries;

const Protocol = suite('realtime protocol');

Protocol.before(async () => {
  server = await startTestServer();
  storeId = server.service.storeConfigs[0]!.id;
});
Protocol.after(async () => {
  for (const c of clients) c.disconnect();
  for (const socket of sockets) socket.disconnect();
  await server.close();
});

Protocol('a client gets a snapshot on join, then every delta in order', async () => {
  await commitOk(server.service, storeId, aNewRepairOrder());
  const c = client({ kind: 'dispatch', storeId }, staff());
  assert.equal(await c.connect(), { ok: true });
  const start = c.sync.seq;
  assert.ok(start >= 1);
  for (let i = 0; i < 5; i++) await commitOk(server.service, storeId, aNewRepairOrder());
  await c.waitForSeq(start + 5);
  const seqs = c.frames.filter((f) => f.event === 'delta').map((f) => (f.payload as { seq: number }).seq);
  assert.equal(seqs, [start + 1, start + 2, start + 3, start + 4, start + 5]);
  assert.equal(c.entries(), await freshView({ kind: 'dispatch', storeId }));
});

Protocol('a join is one question and one answer: the server sends nothing unasked, and the answer holds its version and the snapshot', async () => {
  await commitOk(server.service, storeId, aNewRepairOrder());
  const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  const unasked: string[] = [];
  socket.onAny((event) => unasked.push(event));
  await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
  const answer = await socket.emitWithAck('join', { audience: { kind: 'customer', storeId } });
  assert.equal(unasked, [], 'no hello, snapshot or delta before the answer');
  assert.ok(answer.ok);
  if (!answer.ok || answer.data.kind !== 'snapshot') return assert.unreachable('a snapshot answer');
  assert.is(answer.data.version, 'test');
  assert.ok(answer.data.heartbeatMs > 0);
  const state = await server.service.state(storeId);
  assert.is(answer.data.seq, state.seq);
  assert.is(answer.data.snapshot.seq, state.seq);
  assert.equal(answer.data.snapshot.view.entries, await freshView({ kind: 'customer', storeId }));
});

Protocol('after a disconnect, resync brings exactly the changes missed meanwhile', async () => {
  const first = aNewRepairOrder();
  await commitOk(server.service, storeId, first);
  const c = client({ kind: 'dispatch', storeId }, staff());
  await c.connect();
  const seenSeq = c.sync.seq;
  c.disconnect();

  const missed = [aNewRepairOrder(), aNewRepairOrder()];
  for (const command of missed) await commitOk(server.service, storeId, command);
  await commitOk(server.service, storeId, { type: 'sendToWorkshop', roId: first.roId });

  c.frames.length = 0;
  await c.connect();
  const resync = c.frames.find((f) => f.event === 'delta' && (f.payload as { from?: number }).from === seenSeq + 1);
  assert.ok(resync, 'the resync answer is one merged delta from the first missed seq');
  const keys = Object.keys((resync!.payload as { set: object }).set).sort();
  assert.equal(keys, [`ro:${first.roId}`, ...missed.map((m) => `ro:${m.roId}`)].sort());
  assert.equal(c.entries(), await freshView({ kind: 'dispatch', storeId }));
});

Protocol('a client that sees a gap asks for resync and catches up', async () => {
  const c = client({ kind: 'dispatch', storeId }, staff());
  await c.connect();
  // Pretend the client missed a delta: it then gets seq+2 first and must ask for the rest.
  c.sync.seq -= 1;
  const target = c.sync.seq + 3;
  await commitOk(server.service, storeId, aNewRepairOrder());
  await commitOk(server.service, storeId, aNewRepairOrder());
  await c.waitForSeq(target);
  assert.equal(c.entries(), await freshView({ kind: 'dispatch', storeId }));
});

Protocol('staff boards refuse a client without a session, key or display token', async () => {
  for (const audience of [
    { kind: 'dispatch' as const, storeId },
    { kind: 'bay' as const, storeId, bayId: server.service.storeConfig(storeId)!.bays[0]!.id },
  ]) {
    const c = client(audience);
    const answer = await c.connect();
    assert.is(answer.ok, false);
    assert.is(answer.error?.code, 'unauthenticated');
    assert.is(c.frames.filter((f) => f.event === 'snapshot').length, 0, 'no data before the refusal');
  }
});

Protocol('a bay display token opens its own bay board but not another bay or the dispatch board', async () => {
  const [bay1, bay2] = server.service.storeConfig(storeId)!.bays;
  const token = await aPairedDisplayToken(server, { id: 'disp-1', storeId, board: 'bay', bayId: bay1!.id });
  assert.ok((await client({ kind: 'bay', storeId, bayId: bay1!.id }, { token }).connect()).ok);
  assert.is((await client({ kind: 'bay', storeId, bayId: bay2!.id }, { token }).connect()).error?.code, 'forbidden');
  assert.is((await client({ kind: 'dispatch', storeId }, { token }).connect()).error?.code, 'forbidden');
});

Protocol('a signed display token whose screen was never paired, or was unpaired, is refused', async () => {
  const bayId = server.service.storeConfig(storeId)!.bays[0]!.id;
  const forged = server.auth.issueDisplayToken({ id: 'disp-never', storeId, board: 'bay', bayId });
  assert.is((await client({ kind: 'bay', storeId, bayId }, { token: forged }).connect()).error?.code, 'revoked');
  const token = await aPairedDisplayToken(server, { id: 'disp-gone', storeId, board: 'bay', bayId });
  assert.ok((await client({ kind: 'bay', storeId, bayId }, { token }).connect()).ok);
  await commitOk(server.service, storeId, { type: 'unpairDisplay', displayId: 'disp-gone' });
  assert.is((await client({ kind: 'bay', storeId, bayId }, { token }).connect()).error?.code, 'revoked');
});

Protocol('malformed join and resync payloads get a clear error and the connection stays usable', async () => {
  const c = client({ kind: 'customer', storeId });
  await c.connect();
  const bad = await c.socket.emitWithAck('join', { audience: { kind: 'customer', storeId: '../etc', extra: 1 } });
  assert.is(bad.ok, false);
  if (!bad.ok) assert.is(bad.error.code, 'invalid_input');
  const badResync = await c.socket.emitWithAck('resync', { fromSeq: 'soon' });
  assert.is(badResync.ok, false);
  const good = await c.socket.emitWithAck('resync', { fromSeq: c.sync.seq + 1 });
  assert.ok(good.ok);
});

Protocol('a tracking link shows its own car only, and an unknown link is refused', async () => {
  const mine = aNewRepairOrder();
  await commitOk(server.service, storeId, mine);
  await commitOk(server.service, storeId, aNewRepairOrder());
  const c = client({ kind: 'tracking', token: mine.trackingToken });
  assert.ok((await c.connect()).ok);
  assert.equal(Object.keys(c.entries()), [`ro:${mine.roId}`]);
  await commitOk(server.service, storeId, { type: 'sendToWorkshop', roId: mine.roId });
  await c.waitForSeq(c.sync.seq + 1);
  assert.is((c.entries()[`ro:${mine.roId}`] as { stage: string }).stage, 'waiting_dispatch');
  await commitOk(server.service, storeId, {
    type: 'startOperation',
    roId: mine.roId,
    operationId: mine.operations[0]!.id,
    bayId: server.service.storeConfig(storeId)!.bays[1]!.id,
  });
  await commitOk(server.service, storeId, { type: 'finishOperation', roId: mine.roId, operationId: mine.operations[0]!.id });
  await commitOk(server.service, storeId, {
    type: 'qcFail',
    roId: mine.roId,
    reason: 'internal: torque wrench left in bay',
    operationIds: [mine.operations[0]!.id],
  });
  await c.waitForSeq((await server.service.state(storeId)).seq);
  assert.not.ok(JSON.stringify(c.frames).includes('torque wrench'), 'internal QC remarks stay with staff');
  assert.is((c.entries()[`ro:${mine.roId}`] as { stage: string }).stage, 'in_service');
  const stranger = client({ kind: 'tracking', token: 'x'.repeat(24) });
  assert.is((await stranger.connect()).error?.code, 'unknown_token');
});

const Privacy = suite('customer audience privacy');
let privacyServer: TestServer;

Privacy.before(async () => {
  privacyServer = await startTestServer();
});
Privacy.after(async () => {
  await privacyServer.close();
});

Privacy('no message to the lobby board carries a full plate, a phone number or a name', async () => {
  const service = privacyServer.service;
  const id = service.storeConfigs[0]!.id;
  await seedDemoDay(service, id, new Date());
  const lobby = new LiveClient(privacyServer.url, { kind: 'customer', storeId: id });
  await lobby.connect();
  // Move some cars so the lobby receives deltas as well as the snapshot.
  const state = await service.state(id);
  let moved = 0;
  for (const ro of state.ros.values()) {
    if (ro.stage === 'washing') {
      await commitOk(service, id, { type: 'washDone', roId: ro.id });
      moved++;
    }
    if (ro.stage === 'checked_in' && ro.operations.length) {
      await commitOk(service, id, { type: 'sendToWorkshop', roId: ro.id });
      moved++;
    }
  }
  assert.ok(moved > 0, 'the demo day has cars to move');
  await lobby.waitForSeq(state.seq);
  const secrets = [...state.ros.values(), ...state.appointments.values()].flatMap((r) => [
    r.vehicle.plate,
    r.customer.phone,
    r.customer.name,
    ...(r.vehicle.vin ? [r.vehicle.vin] : []),
  ]);
  const wire = JSON.stringify(lobby.frames);
  assert.ok(
    lobby.frames.some((f) => f.event === 'delta'),
    'deltas were inspected too',
  );
  for (const secret of new Set(secrets)) assert.not.ok(wire.includes(secret), `lobby received "${secret}"`);
  assert.ok(Object.keys(lobby.entries()).length > 0, 'the lobby still shows cars');
  lobby.disconnect();
});

Protocol.run();
Privacy.run();

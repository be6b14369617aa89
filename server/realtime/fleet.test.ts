import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, PairedPayload, ServerToClientEvents } from '../../shared/protocol';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { LiveClient } from '../../tests/helpers/live-client';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: TestServer;
let storeId: string;
let bayId: string;
const sockets: ClientSocket[] = [];

const connect = async (auth: Record<string, string> = {}): Promise<ClientSocket> => {
  const socket: ClientSocket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
  return socket;
};
const next = <E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E) =>
  new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve) => socket.once(event, ((payload: unknown) => resolve(payload as never)) as never));

const Fleet = suite('display pairing and fleet');

Fleet.before(async () => {
  server = await startTestServer();
  const store = server.service.storeConfigs[0]!;
  storeId = store.id;
  bayId = store.bays[0]!.id;
});
Fleet.after(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

Fleet('a new screen gets a code; binding it hands the screen a token for exactly that board', async () => {
  const screen = await connect();
  const answer = await screen.emitWithAck('pair', {});
  assert.ok(answer.ok);
  if (!answer.ok) return;
  assert.match(answer.data.code, /^[A-Z0-9]{6}$/);

  const paired = next(screen, 'paired');
  const res = await server.api('POST', `/api/stores/${storeId}/displays`, { code: answer.data.code.toLowerCase(), name: 'Bay 1 tablet', board: 'bay', bayId });
  assert.is(res.status, 201, JSON.stringify(res.body));
  const { token, url } = (await paired) as PairedPayload;
  assert.ok(url.startsWith(`/display/bay/${bayId}?`), url);
  assert.ok(url.includes(encodeURIComponent(token)));

  const board = new LiveClient(server.url, { kind: 'bay', storeId, bayId }, { token });
  assert.ok((await board.connect()).ok);
  const other = new LiveClient(server.url, { kind: 'dispatch', storeId }, { token });
  assert.is((await other.connect()).error?.code, 'forbidden');
  board.disconnect();
  other.disconnect();
});

Fleet('the fleet list shows each screen online with its heartbeat, and offline with last seen', async () => {
  const screen = await connect();
  const code = await screen.emitWithAck('pair', {});
  const paired = next(screen, 'paired');
  const res = await server.api('POST', `/api/stores/${storeId}/displays`, { code: code.ok ? code.data.code : '', name: 'Lounge TV', board: 'customer' });
  const { token } = (await paired) as PairedPayload;
  const id = res.body.data.id as string;

  const tv = await connect({ token });
  tv.emit('heartbeat', { version: '9.9.9', shownSeq: 3, page: 'customer-board' });
  let listed: { id: string; online: boolean; version?: string; lastSeen?: string }[] = [];
  for (let i = 0; i < 50; i++) {
    listed = (await server.api('GET', `/api/stores/${storeId}/displays`)).body.data;
    if (listed.find((d) => d.id === id)?.version) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const row = listed.find((d) => d.id === id)!;
  assert.is(row.online, true);
  assert.is(row.version, '9.9.9');

  tv.disconnect();
  for (let i = 0; i < 50 && listed.find((d) => d.id === id)?.online; i++) {
    await new Promise((r) => setTimeout(r, 50));
    listed = (await server.api('GET', `/api/stores/${storeId}/displays`)).body.data;
  }
  const offline = listed.find((d) => d.id === id)!;
  assert.is(offline.online, false);
  assert.ok(offline.lastSeen, 'last seen is kept');
});

Fleet('an admin can reload a screen, and unpairing sends it back to a pairing code for good', async () => {
  const screen = await connect();
  const code = await screen.emitWithAck('pair', {});
  const paired = next(screen, 'paired');
  const res = await server.api('POST', `/api/stores/${storeId}/displays`, { code: code.ok ? code.data.code : '', name: 'Wall', board: 'dispatch' });
  const id = res.body.data.id as string;
  const { token } = (await paired) as PairedPayload;
  const wall = await connect({ token });
  // Let the server put the socket in its display room before asking.
  await wall.emitWithAck('join', { audience: { kind: 'dispatch', storeId } });

  const reload = next(wall, 'reload');
  assert.is((await server.api('POST', `/api/stores/${storeId}/displays/${id}/reload`)).status, 202);
  await reload;

  const unpaired = next(wall, 'unpaired');
  assert.is((await server.api('DELETE', `/api/stores/${storeId}/displays/${id}`)).status, 200);
  await unpaired;
  const again = new LiveClient(server.url, { kind: 'dispatch', storeId }, { token });
  assert.is((await again.connect()).error?.code, 'revoked');
  again.disconnect();
  assert.is((await server.api('DELETE', `/api/stores/${storeId}/displays/${id}`)).status, 404, 'unpairing twice is a clear 404');
  const me = await server.api('GET', `/api/me?display=${encodeURIComponent(token)}`, undefined, { authorization: undefined });
  assert.is(me.status, 401, 'the revoked token no longer identifies anyone over HTTP either');
});

Fleet('a wrong or malformed code is refused clearly and pairs nothing', async () => {
  const before = (await server.service.state(storeId)).seq;
  const unknown = await server.api('POST', `/api/stores/${storeId}/displays`, { code: 'ZZZZZZ', name: 'x', board: 'customer' });
  assert.is(unknown.status, 404);
  assert.is(unknown.body.error.code, 'unknown_code');
  const malformed = await server.api('POST', `/api/stores/${storeId}/displays`, { code: '12', name: 'x', board: 'hall' });
  assert.is(malformed.status, 400);
  const paths = malformed.body.error.details.map((d: { path: string }) => d.path);
  assert.ok(paths.includes('body.code') && paths.includes('body.board'), JSON.stringify(paths));
  assert.is((await server.service.state(storeId)).seq, before);
});

Fleet('only admins manage the fleet', async () => {
  const res = await server.api('GET', `/api/stores/${storeId}/displays`, undefined, { authorization: undefined });
  assert.is(res.status, 401);
});

Fleet.run();

/**
 * LiveConnection as a paired screen uses it, in Node against the real server: heartbeats that
 * the fleet list shows, and going back to pairing when the screen is unpaired or its token is
 * found revoked at join. (The rest of the live path is covered through the boards.)
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { io } from 'socket.io-client';
import type { PairedPayload } from '../../shared/protocol';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { tcpProxy } from '../../tests/helpers/tcp-proxy';
import { LiveConnection } from './live-connection';

let server: TestServer;
let storeId: string;
const links: LiveConnection[] = [];

/** Pair a screen the way /display does: a socket asks for a code, the API binds it. */
async function pairScreen(board: 'dispatch' | 'customer' = 'dispatch'): Promise<{ id: string; token: string }> {
  const screen = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  const answer = await screen.emitWithAck('pair', {});
  if (!answer.ok) throw new Error(answer.error.message);
  const paired = new Promise<PairedPayload>((resolve) => screen.once('paired', resolve));
  const res = await server.api('POST', `/api/stores/${storeId}/displays`, { code: answer.data.code, name: 'Wall', board });
  const { token } = await paired;
  screen.disconnect();
  return { id: res.body.data.id, token };
}

/** Polls; the deadline only turns a hang into a failure (generous: CI machines can be busy). */
const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 2400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
};

const open = (token: string | undefined, onUnpaired: () => void, board: 'dispatch' | 'customer' = 'dispatch', url = server.url) => {
  const link = new LiveConnection({ audience: { kind: board, storeId }, token, url, onUnpaired, backoff: { min: 50, max: 200 } });
  links.push(link);
  link.start();
  return link;
};

const Paired = suite('LiveConnection for a paired screen');
Paired.before(async () => {
  server = await startTestServer();
  storeId = server.service.storeConfigs[0]!.id;
});
Paired.after(async () => {
  for (const link of links) link.stop();
  await server.close();
});

Paired('reports a heartbeat as soon as it has joined, so the fleet list shows it online with its page', async () => {
  const { id, token } = await pairScreen();
  open(token, () => assert.unreachable('not unpaired'));
  await until(async () => {
    const row = (await server.api('GET', `/api/stores/${storeId}/displays`)).body.data.find((d: { id: string }) => d.id === id);
    return row?.online && row.page === 'dispatch' && row.version === 'test';
  }, 'the heartbeat in the fleet list');
});

Paired('after a lost link with nothing missed meanwhile, the screen is live again at once (not left "reconnecting")', async () => {
  const proxy = await tcpProxy(server.port);
  try {
    const link = open(undefined, () => assert.unreachable('not unpaired'), 'customer', proxy.url);
    const seen: string[] = [];
    link.subscribe(() => seen.push(link.status.state));
    await until(() => link.status.state === 'live', 'the board to go live');
    const seq = link.sync.seq;
    proxy.cutAll();
    await until(() => seen.includes('reconnecting'), 'the loss to be noticed');
    await until(() => link.status.state === 'live', 'live again without any new change');
    assert.is(link.sync.seq, seq, 'nothing was missed, nothing changed');
  } finally {
    await proxy.close();
  }
});

Paired('a board that reconnects to a server running a new build reloads at a quiet moment, after showing its data', async () => {
  const proxy = await tcpProxy(server.port);
  const upgraded = await startTestServer({ version: 'next-build' });
  try {
    let reloads = 0;
    const link = new LiveConnection({ audience: { kind: 'customer', storeId }, url: proxy.url, reload: () => reloads++, backoff: { min: 50, max: 200 } });
    links.push(link);
    link.start();
    await until(() => link.status.state === 'live', 'the board to go live');
    proxy.retarget(upgraded.port);
    proxy.cutAll();
    await until(() => reloads > 0, 'the reload for the new build');
    assert.is(link.status.state, 'live', "it showed the new server's data while it waited for a quiet moment");
    assert.is(reloads, 1);
  } finally {
    await proxy.close();
    await upgraded.close();
  }
});

Paired('goes back to pairing when an admin unpairs the screen it is showing', async () => {
  const { id, token } = await pairScreen('customer');
  let unpaired = 0;
  const link = open(token, () => unpaired++, 'customer');
  await until(() => link.status.state === 'live', 'the board to go live');
  const res = await server.api('DELETE', `/api/stores/${storeId}/displays/${id}`);
  assert.is(res.status, 200);
  await until(() => unpaired > 0, 'onUnpaired');
  assert.is(unpaired, 1);
  assert.is(link.status.error?.code, 'revoked');
});

Paired('goes back to pairing when its token turns out to be revoked on the way in', async () => {
  const { id, token } = await pairScreen();
  await server.api('DELETE', `/api/stores/${storeId}/displays/${id}`);
  let unpaired = 0;
  open(token, () => unpaired++);
  await until(() => unpaired > 0, 'onUnpaired');
  await new Promise((r) => setTimeout(r, 300));
  assert.is(unpaired, 1, 'once, although both the unpaired event and the refused join say so');
});

Paired('a browser without a display token never leaves its page over a refusal', async () => {
  let unpaired = 0;
  const link = open(undefined, () => unpaired++);
  await until(() => link.status.state === 'refused', 'the refusal');
  assert.is(link.status.error?.code, 'unauthenticated');
  assert.is(unpaired, 0);
});

Paired.run();

/**
 * The one reconnect loop, in Node against the real server through a relay that can cut, refuse
 * and go silent. Its two users are covered in their own files against the same relay:
 * live-connection.test.ts ("after a lost link … live again") and pairing-link.test.ts ("after
 * losing the server it … reconnects by itself") — each fails if its page stopped reconnecting.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { tcpProxy } from '../../tests/helpers/tcp-proxy';
import { ReconnectingSocket } from './reconnecting-socket';

let server: TestServer;
const loops: ReconnectingSocket[] = [];

/** Polls; the deadline only turns a hang into a failure (generous: CI machines can be busy). */
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 2400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`gave up waiting for ${what}`);
};

/** A loop that counts its sockets' connects and its losses. */
function aLoop(url: string) {
  const seen = { connects: 0, losses: 0 };
  const loop = new ReconnectingSocket({
    url,
    backoff: { min: 20, max: 80 },
    attach: (socket) =>
      void socket.on('connect', () => {
        seen.connects++;
        loop.succeeded();
      }),
    onLost: () => seen.losses++,
  });
  loops.push(loop);
  loop.start();
  return { loop, seen };
}

const Loop = suite('ReconnectingSocket');
Loop.before(async () => {
  server = await startTestServer();
});
Loop.after(async () => {
  for (const loop of loops) loop.stop();
  await server.close();
});

Loop('connects again by itself after the link is cut, and keeps trying while the server refuses', async () => {
  const proxy = await tcpProxy(server.port);
  try {
    const { loop, seen } = aLoop(proxy.url);
    await until(() => seen.connects === 1, 'the first connect');
    proxy.refuse(true);
    proxy.cutAll();
    await until(() => seen.losses >= 3, 'several refused attempts');
    assert.is(seen.connects, 1, 'nothing got through while refused');
    assert.is(loop.socket, undefined, 'no socket held between attempts');
    proxy.refuse(false);
    await until(() => seen.connects === 2, 'connected again once the server answers');
    assert.ok(loop.socket?.connected);
  } finally {
    await proxy.close();
  }
});

Loop('drops a link that has gone silent for 2.5 heartbeats (a half-open link never says closed) and connects afresh', async () => {
  const proxy = await tcpProxy(server.port);
  try {
    const { loop, seen } = aLoop(proxy.url);
    loop.heartbeatMs = 200;
    await until(() => seen.connects === 1, 'the first connect');
    const first = loop.socket;
    proxy.holdAnswers();
    await until(() => seen.connects === 2, 'a fresh connection after the silence');
    assert.is(seen.losses, 1, 'the silence counted as one loss');
    assert.is.not(loop.socket, first, 'a new socket');
  } finally {
    await proxy.close();
  }
});

Loop('stop() ends the loop: no attempt after it', async () => {
  const proxy = await tcpProxy(server.port);
  try {
    const { loop, seen } = aLoop(proxy.url);
    await until(() => seen.connects === 1, 'the first connect');
    loop.stop();
    proxy.cutAll();
    const before = { ...seen };
    const check = aLoop(server.url);
    await until(() => check.seen.connects === 1, 'another loop to connect (time for a stray retry to show)');
    assert.equal(seen, before, 'the stopped loop neither lost nor connected');
    assert.is(loop.socket, undefined);
  } finally {
    await proxy.close();
  }
});

Loop.run();

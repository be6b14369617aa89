/**
 * Sessions that end: a sign-out ends the session for REST and for open sockets, on every process
 * and across a restart; ending a person's sessions (disabled, new password) disconnects their
 * screens; an unpaired display stops receiving deltas, its resync is refused and its socket is
 * let go. Real servers on free ports, real socket.io clients, real Redis for two processes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LiveClient } from '../helpers/live-client';
import { deleteKeys, findRedis, reportNoRedis, uniquePrefix } from '../helpers/redis';
import { asNobody, startTestServer, type TestServer } from '../helpers/server';
import { aTestShop } from '../helpers/shop';
import { aNewRepairOrder, aPairedDisplayToken, commitOk } from '../helpers/workshop';

const S = 'store-a';
const shop = aTestShop();
const cookieFor = (token: string) => ({ authorization: undefined, cookie: `tw_session=${token}` });
const aSession = (server: TestServer, id = 'adv-1') => server.auth.issueSession({ id, name: '赵顾问', roles: ['advisor', 'dispatcher'], storeIds: [S] });

/** Resolves when the server lets go of the socket (a failure deadline, not a speed bound). */
const disconnected = (client: LiveClient, timeoutMs = 20_000) =>
  new Promise<string>((resolve, reject) => {
    if (!client.socket.connected) return resolve('already');
    const timer = setTimeout(() => reject(new Error('the socket was not disconnected')), timeoutMs);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });

const Local = suite('sessions that end, one process');
let server: TestServer;
Local.before(async () => {
  server = await startTestServer({ shop });
});
Local.after(async () => server.close());

Local('after sign-out the same session cookie is refused by the API', async () => {
  const token = aSession(server);
  assert.is((await server.api('GET', '/api/me', undefined, cookieFor(token))).status, 200);
  assert.is((await server.api('POST', '/auth/sign-out', undefined, cookieFor(token))).status, 204);
  const again = await server.api('GET', '/api/me', undefined, cookieFor(token));
  assert.is(again.status, 401);
  assert.is((await server.api('GET', `/api/stores/${S}/repair-orders`, undefined, cookieFor(token))).status, 401);
});

Local('signing out disconnects the open socket of that session, which cannot join again', async () => {
  const token = aSession(server);
  const other = aSession(server, 'adv-2');
  const board = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { session: token });
  const colleague = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { session: other });
  assert.ok((await board.connect()).ok);
  assert.ok((await colleague.connect()).ok);
  const gone = disconnected(board);
  assert.is((await server.api('POST', '/auth/sign-out', undefined, cookieFor(token))).status, 204);
  assert.is(await gone, 'io server disconnect');
  assert.ok(colleague.socket.connected, "another person's session is untouched");

  const retry = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { session: token });
  const answer = await retry.connect();
  assert.is(answer.ok, false);
  assert.is(answer.error?.code, 'unauthenticated');
  retry.disconnect();
  colleague.disconnect();
});

Local('an admin disabling a person mid-socket disconnects their open board, and the board cannot join again', async () => {
  const token = aSession(server, 'adv-1');
  const board = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { session: token });
  assert.ok((await board.connect()).ok);
  const gone = disconnected(board);
  const disabled = await server.api('POST', `/api/stores/${S}/people/adv-1/disable`);
  assert.is(disabled.status, 204, JSON.stringify(disabled.body));
  assert.is(await gone, 'io server disconnect');
  const retry = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { session: token });
  assert.is((await retry.connect()).error?.code, 'unauthenticated');
  retry.disconnect();
  assert.is((await server.api('POST', `/api/stores/${S}/people/adv-1/enable`)).status, 204);
});

Local("ending a person's sessions (disabled, new password) disconnects their screens; a session issued afterwards works", async () => {
  const token = aSession(server, 'tech-9');
  const board = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { session: token });
  assert.ok((await board.connect()).ok);
  const gone = disconnected(board);
  await new Promise((r) => setTimeout(r, 5)); // a later session must be issued after the cut-off's millisecond
  await server.auth.endSessionsOf('tech-9');
  await gone;
  assert.is((await server.api('GET', '/api/me', undefined, cookieFor(token))).status, 401);
  await new Promise((r) => setTimeout(r, 5));
  const fresh = aSession(server, 'tech-9');
  assert.is((await server.api('GET', '/api/me', undefined, cookieFor(fresh))).status, 200);
});

Local('an unpaired display gets no more deltas, its resync is refused, and its socket is let go', async () => {
  const token = await aPairedDisplayToken(server, { id: 'disp-wall', storeId: S, board: 'dispatch' });
  const wall = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { token });
  assert.ok((await wall.connect()).ok);
  const first = await commitOk(server.service, S, aNewRepairOrder());
  await wall.waitForSeq(first.seq);

  const unpaired = new Promise<void>((resolve) => wall.socket.once('unpaired', () => resolve()));
  const gone = disconnected(wall);
  const res = await server.api('DELETE', `/api/stores/${S}/displays/disp-wall`);
  assert.is(res.status, 200, JSON.stringify(res.body));
  const resync = await wall.socket.emitWithAck('resync', { fromSeq: 1 });
  assert.is(resync.ok, false, 'no history for an unpaired screen');
  assert.is(!resync.ok && resync.error.code, 'revoked');
  const deltasBefore = wall.frames.filter((f) => f.event === 'delta').length;
  await commitOk(server.service, S, aNewRepairOrder());
  await commitOk(server.service, S, aNewRepairOrder());
  await unpaired;
  await gone;
  assert.is(wall.frames.filter((f) => f.event === 'delta').length, deltasBefore, 'no delta after unpairing');
});

Local.run();

const Restart = suite('a sign-out survives a restart (embedded store)');
Restart('the ended session is still refused after the server restarts on the same data dir', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tw-sessions-'));
  try {
    const first = await startTestServer({ shop, dataDir });
    const token = aSession(first);
    assert.is((await first.api('POST', '/auth/sign-out', undefined, cookieFor(token))).status, 204);
    await first.close();
    const second = await startTestServer({ shop, dataDir });
    try {
      assert.is((await second.api('GET', '/api/me', undefined, cookieFor(token))).status, 401);
      assert.is((await second.api('GET', '/api/me', undefined, cookieFor(aSession(second)))).status, 200, 'other sessions still work');
    } finally {
      await second.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
Restart.run();

const redis = await findRedis();
if ('reason' in redis) {
  reportNoRedis('sessions on two processes', redis.reason);
} else {
  const Scaled = suite('sessions on two processes sharing Redis');
  const prefix = uniquePrefix('sessions').replaceAll(':', '-');
  const env = { SIGNING_KEY: randomBytes(32).toString('hex'), API_KEY: randomBytes(16).toString('hex') };
  let a: TestServer;
  let b: TestServer;
  Scaled.before(async () => {
    [a, b] = await Promise.all([0, 1].map(() => startTestServer({ shop, env, redisUrl: redis.url, redisPrefix: prefix })));
  });
  Scaled.after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await deleteKeys(redis.url, prefix);
    await redis.stop();
  });

  Scaled('a sign-out on one process ends the session on the other, REST and socket', async () => {
    const token = aSession(a);
    assert.is((await b.api('GET', '/api/me', undefined, cookieFor(token))).status, 200, 'the session works on both');
    const board = new LiveClient(b.url, { kind: 'dispatch', storeId: S }, { session: token });
    assert.ok((await board.connect()).ok);
    const gone = disconnected(board);
    assert.is((await a.api('POST', '/auth/sign-out', undefined, cookieFor(token))).status, 204);
    await gone;
    assert.is((await b.api('GET', '/api/me', undefined, cookieFor(token))).status, 401);
    assert.is((await b.api('GET', '/api/me', undefined, asNobody)).status, 401);
  });
  Scaled.run();
}

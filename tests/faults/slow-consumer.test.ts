import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Auth } from '../../server/auth';
import { silentLogger } from '../../server/log';
import { attachRealtime } from '../../server/realtime/gateway';
import { SLOW_CONSUMER_LIMITS } from '../../server/realtime/slow-consumers';
import { WorkshopService } from '../../server/workshop-service';
import { LiveClient } from '../helpers/live-client';
import { MemoryEventStore } from '../helpers/memory-store';
import { aTestShop } from '../helpers/shop';
import { aNewRepairOrder, commitOk } from '../helpers/workshop';

/**
 * A screen that stops reading must not make the server queue for it without end: once its queue
 * passes the bound the server cuts the connection, and the screen resyncs when it reads again.
 * The real gateway runs here on its own (no HTTP routes) so the test can look at engine.io's
 * per-connection queue directly.
 */
const STORE = 'store-a';
const MAX_EVENTS = 6000;

interface EngineConn {
  id: string;
  writeBuffer: unknown[];
  on(event: 'packetCreate', fn: () => void): void;
  on(event: 'close', fn: (reason: string) => void): void;
}

let httpServer: HttpServer;
let realtime: Awaited<ReturnType<typeof attachRealtime>>;
let service: WorkshopService;
let dataDir: string;
let url: string;
let apiKey: string;
const clients: LiveClient[] = [];

test.before(async () => {
  const shop = aTestShop();
  dataDir = await mkdtemp(join(tmpdir(), 'tw-slow-'));
  service = new WorkshopService(new MemoryEventStore(), shop.stores, silentLogger);
  await service.init();
  const auth = await Auth.create({ dataDir, env: {}, shop, log: silentLogger });
  apiKey = auth.apiKey;
  httpServer = createServer();
  realtime = await attachRealtime(httpServer, { service, shop, auth, log: silentLogger, version: 'test' });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

test.after(async () => {
  for (const c of clients) {
    tcpOf(c)?.resume();
    c.disconnect();
  }
  await realtime?.close();
  httpServer?.closeAllConnections();
  await new Promise<void>((resolve) => httpServer?.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

/** The TCP socket under a socket.io-client connection (Node's `ws` transport). */
const tcpOf = (client: LiveClient) => (client.socket?.io.engine?.transport as unknown as { ws?: { _socket?: NetSocket } } | undefined)?.ws?._socket;

test('a screen that stops reading is cut off at the bound, the server queues no more, and the screen resyncs when it reads again', async () => {
  // A big repair order: every change to it sends the dispatch board some 12 kB.
  const operations = Array.from({ length: 50 }, (_, i) => ({
    id: `op-${i}`,
    code: 'OIL',
    title: `${'检查并更换'.repeat(14)} ${i}`.slice(0, 80),
    standardHours: 0.5,
  }));
  const ro = aNewRepairOrder({ operations, description: '长'.repeat(400) });
  await commitOk(service, STORE, ro);

  const conns = new Map<string, { maxQueued: number; closed?: string }>();
  realtime.io.engine.on('connection', (conn: EngineConn) => {
    const seen = { maxQueued: 0 } as { maxQueued: number; closed?: string };
    conns.set(conn.id, seen);
    conn.on('packetCreate', () => (seen.maxQueued = Math.max(seen.maxQueued, conn.writeBuffer.length)));
    conn.on('close', (reason) => (seen.closed = reason));
  });

  // Dispatch boards: each change to that order sends them the whole order.
  const staff = { token: apiKey };
  const healthy = new LiveClient(url, { kind: 'dispatch', storeId: STORE }, staff);
  const slow = new LiveClient(url, { kind: 'dispatch', storeId: STORE }, staff);
  clients.push(healthy, slow);
  assert.ok((await healthy.connect()).ok);
  assert.ok((await slow.connect()).ok);
  const slowId = slow.socket.io.engine.id;
  assert.ok(conns.has(slowId));

  tcpOf(slow)!.pause();
  let bytes = 0;
  let events = 0;
  for (; events < MAX_EVENTS && !conns.get(slowId)!.closed; events++) {
    await commitOk(service, STORE, { type: 'updateRepairOrder', roId: ro.roId, patch: { description: `${events % 2 ? '甲' : '乙'}${'长'.repeat(400)}` } });
    bytes += JSON.stringify(healthy.entries()[`ro:${ro.roId}`] ?? {}).length;
    // Let the sockets breathe, as a real event loop between commits would.
    await new Promise((r) => setImmediate(r));
  }
  const seen = conns.get(slowId)!;
  assert.ok(seen.closed, `the slow screen was cut off after ${events} events (~${Math.round(bytes / 1e6)} MB)`);
  // The cut happens on the next turn of the event loop after the bound is passed: a packet or two more.
  assert.ok(seen.maxQueued <= SLOW_CONSUMER_LIMITS.packets + 2, `its queue stayed within the bound (${seen.maxQueued} ≤ ${SLOW_CONSUMER_LIMITS.packets} + 2)`);
  assert.ok(seen.maxQueued >= SLOW_CONSUMER_LIMITS.packets, 'its queue reached the bound before the cut');
  assert.is.not(seen.closed, 'ping timeout', 'cut by the bound (the link is destroyed), not by a ping timeout');
  assert.not.ok(conns.get(healthy.socket.io.engine.id)!.closed, 'a screen that reads is left alone');

  // It reads again: it finds the link gone, reconnects and resyncs.
  const gone = new Promise<void>((resolve) => slow.socket.once('disconnect', () => resolve()));
  tcpOf(slow)!.resume();
  await gone;
  assert.ok((await slow.connect()).ok);
  const last = (await service.state(STORE)).seq;
  await Promise.all([slow.waitForSeq(last), healthy.waitForSeq(last)]);
  assert.equal(slow.entries(), healthy.entries(), 'it shows what a screen that never stopped shows');
});

test.run();

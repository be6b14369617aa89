/**
 * The baseline of the fan-out benchmark: a bare socket.io server with nothing of ours in it.
 * Screens join a room by name (the same room names the gateway uses) and get an empty snapshot;
 * each `POST /emit {store, bay, seq}` emits a delta with that seq to each of the store's rooms,
 * padded to the size the real server's deltas had for that kind of room, then answers `{seq}`
 * (the caller numbers each store's events and has one in flight per store, as the real server's
 * per-store commit queue would). Measured exactly like the real server: from the API call to each delta's arrival.
 *
 *   node --import tsx bench/fanout/bare-server.ts <port> <config JSON>
 *   config: {stores, bays, sizes: {customer, dispatch, bayHit, bayEmpty}, redisUrl?, workers?}
 *
 * With `workers` > 1 it runs that many processes on one port through node:cluster and fans out
 * through the socket.io Redis adapter, as scripts/cluster.ts does for the real server.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { bayIdOf, storeIdOf } from './shop';

export interface BareConfig {
  stores: number;
  bays: number;
  /** JSON size of a delta per kind of room, as the real server sent them. */
  sizes: { customer: number; dispatch: number; bayHit: number; bayEmpty: number };
  redisUrl?: string;
  redisPrefix?: string;
  workers?: number;
}

const port = Number(process.argv[2]);
const config = JSON.parse(process.argv[3]) as BareConfig;

/** `{seq, set: {pad: 'xxx…'}, del: []}` whose JSON is about `size` characters long. */
const padded = (seq: number, size: number) => {
  const bare = JSON.stringify({ seq, set: { pad: '' }, del: [] }).length;
  return size <= bare ? { seq, set: {}, del: [] } : { seq, set: { pad: 'x'.repeat(size - bare) }, del: [] };
};

async function serve() {
  const httpServer = createServer();
  const io = new Server(httpServer, { transports: ['websocket'], serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
  const clients: { close(): Promise<unknown> }[] = [];
  if (config.redisUrl) {
    const pub = createClient({ url: config.redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', () => undefined);
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub, { key: `${config.redisPrefix ?? 'bare'}:io` }));
    clients.push(pub, sub);
  }
  io.on('connection', (socket) => {
    socket.on('join', async ({ room }: { room: string }, ack: (a: unknown) => void) => {
      await socket.join(room);
      // Answered as the workshop server answers a join: with the snapshot in the answer.
      ack({ ok: true, data: { seq: 0, kind: 'snapshot', snapshot: { seq: 0, view: { header: {}, entries: {} } } } });
    });
  });

  httpServer.on('request', (req, res) => {
    if (req.method !== 'POST' || req.url !== '/emit') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { store, bay, seq } = JSON.parse(body) as { store: number; bay: number; seq: number };
      const storeId = storeIdOf(store);
      const { sizes } = config;
      io.to(`s:${storeId}:customer`).emit('delta', padded(seq, sizes.customer));
      io.to(`s:${storeId}:dispatch`).emit('delta', padded(seq, sizes.dispatch));
      for (let b = 1; b <= config.bays; b++) io.to(`s:${storeId}:bay:${bayIdOf(b)}`).emit('delta', padded(seq, b === bay ? sizes.bayHit : sizes.bayEmpty));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { seq } }));
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  console.log(`bare socket.io listening on ${port}`);
  const stop = async () => {
    io.disconnectSockets(true);
    await new Promise<void>((resolve) => io.close(() => resolve()));
    for (const c of clients) await c.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

const workers = config.workers ?? 1;
if (workers > 1 && cluster.isPrimary) {
  cluster.setupPrimary({ execArgv: process.execArgv });
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('listening', () => {
      if (++listening === workers) console.log(`bare socket.io listening on ${port} (${workers} workers)`);
    });
  }
  const stop = () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    let left = Object.keys(cluster.workers ?? {}).length;
    if (!left) process.exit(0);
    cluster.on('exit', () => --left === 0 && process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await serve();
}

import { io, type Socket } from 'socket.io-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer, type TestServer } from '../../tests/helpers/server';

let server: TestServer;
const sockets: Socket[] = [];

/** A real socket.io client, its address given as a loopback proxy would (express believes XFF from loopback). */
const connectFrom = (address: string) =>
  new Promise<{ ok: true; socket: Socket } | { ok: false; message: string; data: unknown }>((resolve) => {
    const socket = io(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { 'x-forwarded-for': address } });
    sockets.push(socket);
    socket.once('connect', () => resolve({ ok: true, socket }));
    socket.once('connect_error', (err: Error & { data?: unknown }) => resolve({ ok: false, message: err.message, data: err.data }));
  });

const Cap = suite('socket connections per address');
Cap.before(async () => {
  server = await startTestServer({ maxSocketsPerAddress: 3 });
});
Cap.after(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

Cap('refuses the N+1th connection from one address with a clear message; other addresses and freed places still connect', async () => {
  const first = [await connectFrom('10.6.0.1'), await connectFrom('10.6.0.1'), await connectFrom('10.6.0.1')];
  assert.ok(
    first.every((c) => c.ok),
    JSON.stringify(first.filter((c) => !c.ok)),
  );
  const fourth = await connectFrom('10.6.0.1');
  assert.is(fourth.ok, false);
  if (!fourth.ok) {
    assert.match(fourth.message, /Too many connections from this address \(3\)/);
    assert.equal(fourth.data, { code: 'too_many_connections', max: 3 });
  }
  assert.ok((await connectFrom('10.6.0.2')).ok, 'another address is not affected');
  const gone = first[0]!;
  if (gone.ok) gone.socket.disconnect();
  // The server hears of the close a moment later: try again until it has (a deadline, not a speed bound).
  let again = await connectFrom('10.6.0.1');
  for (let i = 0; !again.ok && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    again = await connectFrom('10.6.0.1');
  }
  assert.ok(again.ok, 'a closed connection frees its place');
});

Cap.run();

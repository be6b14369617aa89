import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP relay in front of the server whose connections a test can cut, like a flaky network. */
export async function tcpProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    cutAll: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise<void>((resolve) => { sockets.forEach((s) => s.destroy()); relay.close(() => resolve()); }),
  };
}

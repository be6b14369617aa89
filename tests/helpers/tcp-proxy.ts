import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP relay in front of the server whose connections a test can cut, like a flaky network, and
 * point at another server, like a restart into a new build.
 */
export async function tcpProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  const upstreams = new Map<Socket, Socket>();
  let target = targetPort;
  const relay = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    upstreams.set(upstream, client);
    upstream.on('close', () => upstreams.delete(upstream));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    cutAll: () => sockets.forEach((s) => s.destroy()),
    /** Stop passing the server's answers back on open connections (requests still go through). */
    holdAnswers: () => upstreams.forEach((client, upstream) => upstream.unpipe(client)),
    /** New connections go to this port from now on (open ones stay where they are). */
    retarget: (port: number) => void (target = port),
    close: () => new Promise<void>((resolve) => { sockets.forEach((s) => s.destroy()); relay.close(() => resolve()); }),
  };
}

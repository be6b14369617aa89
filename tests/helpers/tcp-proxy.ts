import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP relay in front of a server whose connections a test can cut, like a flaky network, and
 * point at another server, like a restart into a new build. In front of PostgreSQL it stands in
 * for a database that went away: `refuse(true)` + `cutAll()` is an outage, `refuse(false)` the end of it.
 */
export async function tcpProxy(targetPort: number, targetHost = '127.0.0.1') {
  const sockets = new Set<Socket>();
  const upstreams = new Map<Socket, Socket>();
  let target = targetPort;
  let refusing = false;
  const relay = createServer((client) => {
    if (refusing) {
      client.on('error', () => undefined);
      client.destroy();
      return;
    }
    const upstream = connect(target, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    upstreams.set(upstream, client);
    upstream.on('close', () => upstreams.delete(upstream));
    // Either side gone (the server refused or went away, the client hung up): so is the other,
    // or a client would hold a connection that leads nowhere.
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    port: (relay.address() as AddressInfo).port,
    cutAll: () => sockets.forEach((s) => s.destroy()),
    /** While on, every new connection is closed at once (open ones are left alone: cutAll them). */
    refuse: (on: boolean) => void (refusing = on),
    /** Stop passing the server's answers back on open connections (requests still go through). */
    holdAnswers: () => upstreams.forEach((client, upstream) => upstream.unpipe(client)),
    /** New connections go to this port from now on (open ones stay where they are). */
    retarget: (port: number) => void (target = port),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        relay.close(() => resolve());
      }),
  };
}

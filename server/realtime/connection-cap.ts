import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';

/** A wall of screens behind one NAT, a dealer's whole showroom, fits well under it. */
export const DEFAULT_MAX_SOCKETS_PER_ADDRESS = 200;
export const TOO_MANY_CONNECTIONS = 'too_many_connections';

/**
 * The client's address as express computes it under its `trust proxy` setting. A request born
 * from createHttpServer has express's request prototype, so `ip` is express's own getter; a
 * plain node server's request falls back to the TCP peer.
 */
export const clientAddress = (req: IncomingMessage): string => (req as IncomingMessage & { ip?: string }).ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Refuse a new socket.io connection from an address that already holds `max` in this process,
 * with `connect_error` carrying a message and `data.code`. Per process: behind `npm run cluster`
 * one address may hold up to `max` on each worker. Register it after the other middleware, so
 * that every connection it counts reaches `disconnect`.
 */
export function capConnectionsPerAddress(io: Server, max: number): void {
  const open = new Map<string, number>();
  io.use((socket, next) => {
    const address = clientAddress(socket.request);
    const n = open.get(address) ?? 0;
    if (n >= max) {
      const err = new Error(
        `Too many connections from this address (${max}); close some screens or ask the administrator to raise MAX_SOCKETS_PER_ADDRESS`,
      ) as Error & { data?: unknown };
      err.data = { code: TOO_MANY_CONNECTIONS, max };
      return next(err);
    }
    open.set(address, n + 1);
    socket.once('disconnect', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    next();
  });
}

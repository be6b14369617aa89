import type { Server } from 'socket.io';
import type { Logger } from '../log';

/**
 * What the server keeps queued for one client, beyond the kernel's socket buffers, before it
 * decides the client has stopped reading. A healthy screen has a packet or two in flight; these
 * allow minutes of a busy store's deltas.
 */
export const SLOW_CONSUMER_LIMITS = { packets: 256, bytes: 4 * 1024 * 1024 };

/** The parts of an engine.io connection this looks at (its types keep them internal). */
interface EngineConnection {
  id: string;
  writeBuffer: unknown[];
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
  on(event: 'packetCreate', listener: () => void): void;
  close(discard?: boolean): void;
}

/**
 * Cut off clients that stop reading (a frozen tab, a screen whose network died without a
 * reset), so one of them cannot make the server buffer without end. When a client stops reading,
 * the kernel's buffers fill first; then the WebSocket transport waits for its last write and
 * engine.io queues every later packet in `writeBuffer`. Each time a packet is about to be queued
 * we check that queue and the bytes `ws` still holds; past either limit the TCP connection is
 * destroyed at once — a closing handshake would only wait behind the same backlog. The display
 * reconnects by itself and resyncs from the last seq it showed.
 */
export function dropSlowConsumers(io: Server, log: Logger, limits = SLOW_CONSUMER_LIMITS, onDrop: () => void = () => undefined): void {
  io.engine.on('connection', (conn: EngineConnection) => {
    let dropped = false;
    conn.on('packetCreate', () => {
      if (dropped) return;
      const queued = conn.writeBuffer.length;
      const bytes = conn.transport?.socket?.bufferedAmount ?? 0;
      if (queued < limits.packets && bytes < limits.bytes) return;
      dropped = true;
      onDrop();
      log.warn({ sid: conn.id, queued, bytes }, 'disconnecting a client that stopped reading');
      // Not from inside engine.io's send path: it is about to push this very packet.
      setImmediate(() => {
        const ws = conn.transport?.socket;
        if (typeof ws?.terminate === 'function') ws.terminate();
        else conn.close(true);
      });
    });
  });
}

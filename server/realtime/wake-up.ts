import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import type { WorkshopService } from '../workshop-service';
import { planFanOut } from './fanout';
import type { WorkshopIo } from './gateway';

/** The parts of a node-redis client the wake-ups use. */
interface RedisClient {
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  on(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

/** What travels on the wake-up channel (JSON). */
type WakeUp =
  /** `from` published the delta of `seq` just before this, on the same connection. */
  | { from: string; storeId: string; seq: number }
  /** `from`'s link to Redis broke: these are the last seqs it published; some may not have arrived. */
  | { from: string; check: Record<string, number> };

/**
 * Wakes screens that missed a delta while Redis was away. The socket.io Redis adapter drops a
 * delta published while a process's link is down, and a screen only notices at the next delta,
 * which on a quiet store may be hours away.
 *
 * After each delta it publishes, a process publishes `{storeId, seq}` on the wake-up channel on
 * the adapter's own connection, so every other process receives it after the delta itself and
 * learns, without reading the log, that its screens got that seq. Its connection to Redis coming
 * back then tells each process what to do:
 *  - its subscriber reconnected (it may have missed anything): catch up every store that has
 *    screens here, and where the log is past the last seq known to have reached them, send them
 *    the latest event's delta, locally only;
 *  - its publisher reconnected (what it published may not have arrived): it publishes its last
 *    seq per store, and each process that has not heard of that seq does the same for that store.
 * A screen that was at the seq before applies that delta; one further behind sees the gap and
 * resyncs as for any other gap, so there is no second delta path. A screen that already had it
 * ignores it. Reading the log on every wake-up instead would cost each process a query per
 * append anywhere.
 */
export async function attachWakeUps(o: { io: WorkshopIo; service: WorkshopService; log: Logger; pub: RedisClient; sub: RedisClient; channel: string }) {
  const { io, service, log, pub, sub, channel } = o;
  const self = randomUUID();
  /** Store → the highest seq whose delta is known to have reached this process's screens. */
  const delivered = new Map<string, number>();
  /** Store → the last seq this process published. */
  const published = new Map<string, number>();
  const syncing = new Map<string, Promise<void>>();

  const raise = (storeId: string, seq: number) => {
    if (seq > (delivered.get(storeId) ?? 0)) delivered.set(storeId, seq);
  };
  const send = (message: WakeUp) =>
    void pub.publish(channel, JSON.stringify(message)).catch((err: unknown) => log.debug({ err }, 'wake-up not published; sent again when Redis is back'));

  /** Stores some screen on this process shows (room names are `s:<storeId>:…`). */
  const storesWithScreens = () => {
    const ids = new Set<string>();
    for (const room of io.of('/').adapter.rooms.keys()) if (room.startsWith('s:')) ids.add(room.split(':')[1]!);
    return ids;
  };

  async function sync(storeId: string): Promise<void> {
    const store = service.storeConfig(storeId);
    if (!store) return;
    const seq = (await service.state(storeId)).seq;
    if (seq <= (delivered.get(storeId) ?? 0)) return;
    const last = (await service.changesSince(storeId, seq - 1))?.find((c) => c.seq === seq);
    if (!last) return;
    raise(storeId, seq);
    for (const { rooms, delta } of planFanOut(store, seq, last.changes, Date.now(), service.etas(storeId))) io.local.to(rooms).emit('delta', delta);
  }
  /** One sync per store at a time; a second request while one runs waits for it and runs again. */
  const syncSoon = (storeId: string): Promise<void> => {
    const run = (syncing.get(storeId) ?? Promise.resolve())
      .then(() => sync(storeId))
      .catch((err: unknown) => log.warn({ err, storeId }, 'wake-up: could not catch up the store; its screens heal at the next delta'));
    syncing.set(storeId, run);
    void run.finally(() => syncing.get(storeId) === run && syncing.delete(storeId));
    return run;
  };

  const onMessage = (raw: string) => {
    let message: WakeUp;
    try {
      message = JSON.parse(raw) as WakeUp;
    } catch {
      return;
    }
    if (message.from === self) return;
    if ('check' in message) {
      const here = storesWithScreens();
      for (const [storeId, seq] of Object.entries(message.check)) if (here.has(storeId) && seq > (delivered.get(storeId) ?? 0)) void syncSoon(storeId);
    } else raise(message.storeId, message.seq);
  };
  await sub.subscribe(channel, onMessage);

  // The clients are connected already: every 'ready' from now on is a reconnect (and node-redis
  // has subscribed again before it says so).
  const onSubReady = () => {
    log.info({}, 'redis subscriber back: catching up the stores with screens here');
    for (const storeId of storesWithScreens()) void syncSoon(storeId);
  };
  const onPubReady = () => {
    if (published.size) send({ from: self, check: Object.fromEntries(published) });
  };
  sub.on('ready', onSubReady);
  pub.on('ready', onPubReady);

  return {
    /** Call after emitting the delta of `seq`, in the same tick. */
    published(storeId: string, seq: number): void {
      raise(storeId, seq);
      published.set(storeId, seq);
      send({ from: self, storeId, seq });
    },
    /** Wait for the syncs under way (tests). */
    settled: () => Promise.all(syncing.values()).then(() => undefined),
    async close() {
      sub.off('ready', onSubReady);
      pub.off('ready', onPubReady);
      await sub.unsubscribe(channel, onMessage).catch(() => undefined);
    },
  };
}

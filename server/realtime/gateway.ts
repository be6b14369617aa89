import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Store } from '../../shared/domain/shop';
import { type Audience, type AudienceInput, roomOf } from '../../shared/projections/audience';
import { deltaFor, snapshotView } from '../../shared/projections/project';
import {
  type CatchUp,
  clientEventSchemas,
  type ClientToServerEvents,
  type DisplayHeartbeat,
  type ServerInfo,
  type ServerToClientEvents,
} from '../../shared/protocol';
import type { AppDeps } from '../deps';
import { mayWatch } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { handle, Refusal } from './handle';
import { CODE_TTL_MS, displayRoom, Fleet, pairRoom, storeDisplaysRoom } from './fleet';
import { planFanOut, planRevision } from './fanout';
import { redisAdapter } from './redis-adapter';
import { attachWakeUps } from './wake-up';
import { RedisKeys } from '../store/redis-keys';
import { dropSlowConsumers } from './slow-consumers';
import { capConnectionsPerAddress, DEFAULT_MAX_SOCKETS_PER_ADDRESS } from './connection-cap';

export interface SocketData {
  principal?: Principal;
  audience?: Audience;
  /** What the socket asked to join, so a resync checks the credential again exactly as join did. */
  joined?: AudienceInput;
  /** While this screen shows a pairing code: when the code stops being valid (ms). */
  pairExpiresAt?: number;
  /** The handshake carried a genuine display token whose screen was unpaired. */
  revoked?: boolean;
  /** A paired display's last app-level heartbeat. */
  heartbeat?: DisplayHeartbeat & { at: string };
}
type WorkshopSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type WorkshopIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const HEARTBEAT_MS = 15_000;
/**
 * How often each process checks the credential its sockets connected with: a session signed out,
 * ended by an admin or expired, or a screen unpaired, is disconnected within this (plus the
 * second other processes take to learn of an ending; see session-ends.ts).
 */
export const CREDENTIAL_SWEEP_MS = 2000;
const SWEEP_SLICES = 20;
/** How often live ETAs are revised with no event (shared/eta). */
export const ETA_REVISION_MS = 60_000;

/**
 * The realtime gateway: one socket.io room per audience and store. On join a client gets a
 * snapshot; every committed event then reaches each room of its store as one delta (possibly
 * empty, so sequence numbers stay gap-free per room). With REDIS_URL, the socket.io Redis
 * adapter carries each delta to the clients of every process, and wake-ups (wake-up.ts) bring
 * the screens of a process up to date when Redis dropped what it was carrying.
 *
 * To add an audience: extend AudienceInputSchema and projectEntry in shared/projections, then
 * `authorise` here and `planFanOut` in fanout.ts.
 */
export async function attachRealtime(httpServer: HttpServer, deps: AppDeps) {
  const { service, log, auth } = deps;
  const io: WorkshopIo = new Server(httpServer, {
    // WebSocket only: no long-polling, so a load balancer needs no sticky sessions.
    transports: ['websocket'],
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const metrics = deps.metrics;
  dropSlowConsumers(io, log, undefined, () => metrics?.slowConsumers.inc());
  // Counted when scraped, from the sockets themselves: nothing to keep in step.
  metrics?.countSockets(function* () {
    for (const socket of io.of('/').sockets.values()) yield socket.data.audience?.kind ?? 'none';
  });

  const redis = deps.redisUrl ? await redisAdapter(deps.redisUrl, deps.redisPrefix ?? 'tw', log) : undefined;
  if (redis) io.adapter(redis.adapter);
  const wakeUps =
    redis &&
    (await attachWakeUps({
      io,
      service,
      log,
      pub: redis.pub,
      sub: redis.sub,
      channel: new RedisKeys(deps.redisPrefix ?? 'tw').wakeUp(),
    }));

  io.use((socket, next) => {
    const handshakeAuth = socket.handshake.auth ?? {};
    socket.data.principal = auth.fromHandshake({ headers: socket.handshake.headers, auth: handshakeAuth });
    socket.data.revoked = !socket.data.principal && typeof handshakeAuth.token === 'string' && auth.isRevokedDisplayToken(handshakeAuth.token);
    next();
  });
  capConnectionsPerAddress(io, deps.maxSocketsPerAddress ?? DEFAULT_MAX_SOCKETS_PER_ADDRESS);

  const fleet = new Fleet(io, service, auth, deps.demo ?? false);

  io.on('connection', async (socket: WorkshopSocket) => {
    // Nothing is sent on connect: the server's version rides in the first answer (join or pair),
    // and engine.io's ping (every pingInterval) is what a screen's watchdog counts as a sign of
    // life. A beat of our own cost 10,000 screens a write each every 15 s — a seventh of a core.

    socket.on(
      'join',
      handle(clientEventSchemas.join, log, 'join', async ({ audience: input, fromSeq }) => {
        if (socket.data.revoked) throw new Refusal('revoked', 'This display was unpaired; pair it again at /display');
        const audience = await authorise(input, socket.data.principal);
        if (socket.data.audience) await socket.leave(roomOf(socket.data.audience));
        socket.data.audience = audience;
        socket.data.joined = input;
        await socket.join(roomOf(audience));
        return { ...serverInfo, ...(await catchUp(audience, fromSeq)) };
      }),
    );

    socket.on(
      'resync',
      handle(clientEventSchemas.resync, log, 'resync', async ({ fromSeq }) => {
        const audience = socket.data.audience;
        if (!audience || !socket.data.joined) throw new Refusal('not_joined', 'Join an audience before asking to resync');
        try {
          await authorise(socket.data.joined, socket.data.principal);
        } catch (err) {
          // The credential no longer holds: answer why, then let go of the socket and its room.
          metrics?.resyncs.inc({ answer: 'refused' });
          setTimeout(() => socket.disconnect(true), 100).unref();
          throw err;
        }
        const answer = await catchUp(audience, fromSeq);
        metrics?.resyncs.inc({ answer: answer.kind });
        return answer;
      }),
    );

    socket.on(
      'heartbeat',
      handle(clientEventSchemas.heartbeat, log, 'heartbeat', async (beat) => {
        if (socket.data.principal?.kind !== 'display') return;
        socket.data.heartbeat = { ...beat, at: new Date().toISOString() };
        fleet.seen(socket.data.principal.id);
      }),
    );

    socket.on(
      'pair',
      handle(clientEventSchemas.pair, log, 'pair', async () => {
        const previous = [...socket.rooms].find((r) => r.startsWith('pair:'));
        if (previous) await socket.leave(previous);
        const { code, expiresAt } = fleet.newCode();
        socket.data.pairExpiresAt = Date.now() + CODE_TTL_MS;
        await socket.join(pairRoom(code));
        return { ...serverInfo, code, expiresAt, timeZone: deps.shop.stores[0]?.timezone };
      }),
    );

    // After the handlers: an await before them would drop events the client sends at once.
    const principal = socket.data.principal;
    if (socket.data.revoked) socket.emit('unpaired');
    if (principal?.kind === 'display') {
      // A revoked screen learns it at once and goes back to showing a pairing code.
      if (!(await fleet.stillPaired(principal).catch(() => true))) socket.emit('unpaired');
      else {
        fleet.seen(principal.id);
        await socket.join([displayRoom(principal.id), storeDisplaysRoom(principal.storeId)]);
        socket.on('disconnect', () => fleet.seen(principal.id));
      }
    }
  });

  // In slices, a twentieth of the sockets every twentieth of the period: one pass over 10,000
  // screens at once stalled the scans waiting behind it (a dealer-group p99 of 20 ms).
  let pass: WorkshopSocket[] = [];
  const sweep = setInterval(() => {
    if (pass.length === 0) pass = [...io.of('/').sockets.values()];
    const slice = pass.splice(0, Math.max(1, Math.ceil(io.of('/').sockets.size / SWEEP_SLICES)));
    for (const socket of slice) {
      if (!socket.connected) continue;
      const p = socket.data.principal;
      if (p?.kind === 'staff' && auth.sessionOver(p)) socket.disconnect(true);
      // A screen that has joined: its store's state is loaded, so "not paired" is not "not loaded yet".
      else if (p?.kind === 'display' && socket.data.audience && !fleet.pairedNow(p)) {
        socket.emit('unpaired');
        socket.disconnect(true);
      }
    }
  }, CREDENTIAL_SWEEP_MS / SWEEP_SLICES);
  sweep.unref();

  const unsubscribe = service.onChange((storeId, seq, changes, origin) => {
    // Another process appended this and has broadcast it through the adapter already.
    if (origin !== 'local') return;
    const store = service.storeConfig(storeId);
    if (!store) return;
    // One emit per distinct delta (not per room): encoded once, published to Redis once.
    for (const { rooms, delta } of planFanOut(store, seq, changes, Date.now(), service.etas(storeId))) {
      io.to(rooms).emit('delta', delta);
      metrics?.deltas.inc();
    }
    wakeUps?.published(storeId, seq);
  });

  // Once a minute every store's ETAs are worked out again as the clock moves; only moved ones are sent.
  const reviseEtas = async () => {
    for (const store of service.storeConfigs) {
      const revised = await service.reviseEtas(store.id).catch((err) => log.warn({ err, storeId: store.id }, 'ETA revision failed'));
      if (!revised) continue;
      // Every process revises for its own screens (io.local): through the adapter, each screen would
      // hear every process's revision, worked out at slightly different moments.
      for (const { rooms, delta } of planRevision(store, revised.seq, revised.changes, Date.now(), service.etas(store.id)))
        io.local.to(rooms).emit('delta', delta);
    }
  };
  const etaTimer = setInterval(() => void reviseEtas(), ETA_REVISION_MS);
  etaTimer.unref();

  const serverInfo: ServerInfo = { version: deps.version, heartbeatMs: HEARTBEAT_MS };

  /**
   * What brings a joined client up to date: the changes from `fromSeq` on as one merged delta
   * when this process still remembers them all, else (or without fromSeq) a fresh snapshot.
   * It travels in the answer to join or resync, so a rejoin is one message each way.
   */
  async function catchUp(audience: Audience, fromSeq?: number): Promise<CatchUp> {
    const store = service.storeConfig(audience.storeId) as Store;
    const missed = fromSeq === undefined ? undefined : await service.changesSince(audience.storeId, fromSeq - 1);
    // changesSince has just caught the store up: a reconnect storm need not ask the log twice per screen.
    const state = (fromSeq !== undefined && service.cachedState(audience.storeId)) || (await service.state(audience.storeId));
    if (!missed)
      return {
        seq: state.seq,
        kind: 'snapshot',
        snapshot: { seq: state.seq, view: snapshotView(state, store, audience, Date.now(), service.etas(audience.storeId)) },
      };
    const seq = missed.at(-1)?.seq ?? state.seq;
    return {
      seq,
      kind: 'delta',
      delta: {
        ...deltaFor(
          audience,
          store,
          seq,
          missed.flatMap((m) => m.changes),
          Date.now(),
          service.etas(audience.storeId),
        ),
        from: fromSeq,
      },
    };
  }

  async function authorise(input: AudienceInput, principal: Principal | undefined): Promise<Audience> {
    if (input.kind === 'tracking') {
      const found = await service.findByTrackingToken(input.token);
      if (!found) throw new Refusal('unknown_token', 'This tracking link is not valid');
      if (found.expired) throw new Refusal('expired_token', 'This tracking link has expired');
      return { kind: 'tracking', storeId: found.storeId, roId: found.roId };
    }
    if (!service.storeConfig(input.storeId)) throw new Refusal('unknown_store', `There is no store "${input.storeId}"`);
    if (input.kind === 'bay' && !service.storeConfig(input.storeId)!.bays.some((b) => b.id === input.bayId))
      throw new Refusal('unknown_bay', `There is no bay "${input.bayId}" in store ${input.storeId}`);
    if (input.kind === 'customer') return input;
    if (!principal) throw new Refusal('unauthenticated', 'Sign in or pair this display to see this board');
    if (principal.kind === 'staff' && auth.sessionOver(principal)) throw new Refusal('unauthenticated', 'This session has ended; sign in again');
    if (!mayWatch(principal, input)) throw new Refusal('forbidden', 'This display or account may not see that board');
    if (principal.kind === 'display' && !(await fleet.stillPaired(principal)))
      throw new Refusal('revoked', 'This display was unpaired; pair it again at /display');
    return input;
  }

  return {
    io,
    fleet,
    /** Revise every store's ETAs now and send what moved (the minute timer does this; tests call it). */
    reviseEtas,
    async close() {
      unsubscribe();
      clearInterval(sweep);
      clearInterval(etaTimer);
      // Cut every screen's TCP connection outright and let io.close() tidy up: a closing handshake
      // per socket takes seconds with thousands of screens (1.7 s → 0.6 s for 10,000), and they
      // reconnect and resync either way — to this server restarted, or to another process.
      const conns = (io.engine as unknown as { clients: Record<string, { transport?: { socket?: { terminate?: () => void } } }> }).clients;
      for (const conn of Object.values(conns)) conn.transport?.socket?.terminate?.();
      // io.close() also closes the HTTP server, which would wait for every keep-alive connection
      // (a wall screen's browser) to time out; the screens reconnect elsewhere, so cut them now.
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      await wakeUps?.close();
      await redis?.close();
    },
  };
}

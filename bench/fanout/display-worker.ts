/**
 * One display process of the fan-out benchmark: thousands of simulated screens, each a real
 * socket.io-client speaking the realtime protocol the way a wall display does (join, snapshot,
 * ordered deltas through ViewSync, resync on a gap, jittered reconnect). It stamps every delta's
 * arrival on the shared monotonic clock and turns it into a latency once the orchestrator says
 * when the API call for that (store, seq) was made. Started by run.ts with fork(); talks by IPC.
 */
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { backoffDelay, RECONNECT_BACKOFF } from '../../web/live/backoff';
import { ViewSync } from '../../shared/live/view-sync';
import type { Delta } from '../../shared/projections/views';
import type { CatchUp } from '../../shared/protocol';
import { clock } from './clock';
import type { Collected, FromWorker, ToWorker } from './messages';
import { bayIdOf, type DisplaySpec, roomOfSpec, storeIdOf } from './shop';

type Answer = { ok: true; data: CatchUp } | { ok: false; error?: { code: string; message: string } };

interface Display {
  spec: DisplaySpec;
  room: string;
  sync: ViewSync;
  socket?: Socket;
  joined: boolean;
  /** When its current join was answered (shared monotonic clock). */
  joinedAt: number;
  attempt: number;
  retry?: NodeJS.Timeout;
}

const send = (msg: FromWorker) => process.send!(msg);

let mode: 'workshop' | 'bare' = 'workshop';
let url = '';
let token = '';
let displays: Display[] = [];
let autoReconnect = false;
let targets: number[] | undefined;
/** Displays count as current only once they have joined again after this moment (the restart). */
let since = 0;
/** Which 'target' message the progress reports are measured against. */
let targetVersion = 0;

// Measurement state, reset by 'measure'.
let latencies: number[] = [];
let pending = new Map<number, number[]>();
let t0s = new Map<number, number>();
let ignored = 0;
let gaps = 0;
let recovered = 0;
let disconnects = 0;
let connectsSinceReport = 0;
/** Why links were lost ("transport close", "ping timeout", "connect_error: …"), since 'measure'. */
let lostReasons: Record<string, number> = {};
const sizes: Record<string, { count: number; bytes: number }> = {};
const SIZE_SAMPLES = 300;

const keyOf = (store: number, seq: number) => store * 1e7 + seq;

function arrived(d: Display, from: number, to: number, at: number, viaResync: boolean) {
  for (let seq = from; seq <= to; seq++) {
    const key = keyOf(d.spec.store, seq);
    const t0 = t0s.get(key);
    if (t0 !== undefined) latencies.push(at - t0);
    else {
      let list = pending.get(key);
      if (!list) pending.set(key, (list = []));
      list.push(at);
    }
  }
  if (viaResync) recovered += to - from + 1;
}

function sampleSize(d: Display, delta: Delta) {
  const kind = d.spec.kind === 'bay' ? (Object.keys(delta.set).length || delta.del.length ? 'bay (its car)' : 'bay (empty)') : d.spec.kind;
  const s = (sizes[kind] ??= { count: 0, bytes: 0 });
  if (s.count >= SIZE_SAMPLES) return;
  s.count++;
  s.bytes += JSON.stringify(delta).length;
}

function audienceOf(spec: DisplaySpec) {
  const storeId = storeIdOf(spec.store);
  return spec.kind === 'bay' ? { kind: 'bay' as const, storeId, bayId: bayIdOf(spec.bay!) } : { kind: spec.kind, storeId };
}

/** Open one display's socket; resolves when its join is answered (or it fails). */
function open(d: Display): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error?: string) => {
      if (settled) return;
      settled = true;
      resolve(error);
    };
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: mode === 'workshop' ? { token } : {}, timeout: 60_000 });
    d.socket = socket;
    socket.on('connect', () => {
      connectsSinceReport++;
      const join = mode === 'workshop' ? { audience: audienceOf(d.spec), fromSeq: d.sync.view ? d.sync.seq + 1 : undefined } : { room: d.room };
      socket.emit('join', join, (answer: Answer) => {
        if (answer?.ok) {
          take(answer.data);
          d.joined = true;
          d.joinedAt = clock();
          d.attempt = 0;
          return settle();
        }
        settle(`join refused: ${answer?.error?.code ?? 'no answer'}`);
      });
    });
    // The answer to join or resync carries the catch-up (the bare server answers with an empty snapshot).
    const take = (catchUp: CatchUp) => {
      if (catchUp.kind === 'delta') return onDelta(catchUp.delta);
      const at = clock();
      const had = d.sync.view ? d.sync.seq : undefined;
      const { snapshot } = catchUp;
      if (d.sync.onSnapshot(snapshot) === 'applied' && had !== undefined && snapshot.seq > had) arrived(d, had + 1, snapshot.seq, at, true);
    };
    const onDelta = (delta: Delta) => {
      const at = clock();
      const before = d.sync.seq;
      const outcome = d.sync.onDelta(delta);
      if (outcome === 'applied') {
        arrived(d, before + 1, delta.seq, at, delta.from !== undefined && delta.seq > before + 1);
        if (mode === 'workshop') sampleSize(d, delta);
      } else if (outcome === 'ignored') ignored++;
      else {
        gaps++;
        if (mode === 'workshop') socket.emit('resync', { fromSeq: before + 1 }, (answer: Answer) => answer?.ok && take(answer.data));
      }
    };
    socket.on('delta', onDelta);
    const lost = (why: string) => {
      if (d.socket !== socket) return;
      lostReasons[why] = (lostReasons[why] ?? 0) + 1;
      if (d.joined) disconnects++;
      d.joined = false;
      socket.removeAllListeners();
      socket.disconnect();
      d.socket = undefined;
      settle(why);
      if (autoReconnect) scheduleReconnect(d);
    };
    socket.on('disconnect', (reason) => lost(`disconnect: ${reason}`));
    socket.on('connect_error', (err) => lost(`connect_error: ${err.message}`));
  });
}

function scheduleReconnect(d: Display) {
  clearTimeout(d.retry);
  // The same policy as the browser's live connection (RECONNECT_BACKOFF: full jitter, 1 s doubling to 5 s).
  d.retry = setTimeout(() => void open(d), backoffDelay(d.attempt++, RECONNECT_BACKOFF));
}

async function connectAll(concurrency: number) {
  let next = 0;
  let ok = 0;
  let failed = 0;
  const errors = new Map<string, number>();
  const lane = async () => {
    while (next < displays.length) {
      const d = displays[next++];
      const error = await open(d);
      if (error) {
        failed++;
        errors.set(error, (errors.get(error) ?? 0) + 1);
      } else ok++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  send({ type: 'connected', ok, failed, errors: [...errors].map(([e, n]) => `${n}× ${e}`) });
}

function collect(): Collected {
  const out: Collected = {
    type: 'collected',
    latencies: Float64Array.from(latencies),
    ignored,
    gaps,
    recovered,
    disconnects,
    sizes: structuredClone(sizes),
  };
  return out;
}

function resetMeasurement() {
  latencies = [];
  pending = new Map();
  t0s = new Map();
  ignored = gaps = recovered = disconnects = 0;
  lostReasons = {};
}

function viewHash(d: Display): string {
  const entries = (d.sync.view?.entries ?? {}) as Record<string, unknown>;
  const hash = createHash('sha1');
  for (const key of Object.keys(entries).sort()) hash.update(key).update(JSON.stringify(entries[key]));
  return hash.digest('hex');
}

let progressTimer: NodeJS.Timeout | undefined;
function startProgress() {
  clearInterval(progressTimer);
  progressTimer = setInterval(() => {
    let joined = 0;
    let current = 0;
    for (const d of displays) {
      if (!d.joined) continue;
      joined++;
      if (d.joinedAt >= since && (!targets || d.sync.seq >= targets[d.spec.store])) current++;
    }
    send({ type: 'progress', at: clock(), connects: connectsSinceReport, joined, current, total: displays.length, lost: lostReasons, targetVersion });
    connectsSinceReport = 0;
  }, 250);
}

process.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'connect':
      mode = msg.mode;
      url = msg.url;
      token = msg.token;
      for (const d of displays) d.socket?.disconnect();
      displays = msg.displays.map((spec) => ({ spec, room: roomOfSpec(spec), sync: new ViewSync(), joined: false, joinedAt: 0, attempt: 0 }));
      for (const k of Object.keys(sizes)) delete sizes[k];
      void connectAll(msg.concurrency);
      return;
    case 'measure':
      resetMeasurement();
      return;
    case 't0':
      for (let i = 0; i < msg.items.length; i += 3) {
        const key = keyOf(msg.items[i], msg.items[i + 1]);
        const t0 = msg.items[i + 2];
        t0s.set(key, t0);
        const waiting = pending.get(key);
        if (waiting) {
          for (const at of waiting) latencies.push(at - t0);
          pending.delete(key);
        }
      }
      return;
    case 'collect':
      send(collect());
      return;
    case 'auto-reconnect':
      autoReconnect = msg.on;
      if (msg.on) startProgress();
      else clearInterval(progressTimer);
      return;
    case 'target':
      targets = msg.seqs;
      since = msg.since ?? since;
      targetVersion++;
      return;
    case 'views':
      send({ type: 'views', views: displays.map((d) => ({ room: d.room, seq: d.sync.seq, hash: viewHash(d) })) });
      return;
    case 'disconnect':
      autoReconnect = false;
      clearInterval(progressTimer);
      for (const d of displays) {
        clearTimeout(d.retry);
        d.socket?.removeAllListeners();
        d.socket?.disconnect();
        d.socket = undefined;
        d.joined = false;
      }
      send({ type: 'disconnected' });
      return;
  }
});

process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0)); // exit normally, so a --cpu-prof profile is written
send({ type: 'ready' });

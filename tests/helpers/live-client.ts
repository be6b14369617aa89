import { io, type Socket } from 'socket.io-client';
import type { AudienceInput } from '../../shared/projections/audience';
import type { Delta } from '../../shared/projections/views';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';
import { ViewSync } from '../../shared/live/view-sync';

type Frame = { event: string; payload: unknown };

/**
 * A real socket.io client speaking the realtime protocol the way a display does: join,
 * snapshot, ordered deltas, resync on a gap or after reconnecting. Records every frame so
 * tests can inspect exactly what an audience received.
 */
export class LiveClient {
  readonly sync: ViewSync;
  readonly frames: Frame[] = [];
  socket!: Socket<ServerToClientEvents, ClientToServerEvents>;
  #waiters: (() => void)[] = [];

  constructor(readonly url: string, readonly audience: AudienceInput, readonly auth: Record<string, string> = {}) {
    this.sync = new ViewSync(audience.kind !== 'tracking');
  }

  /** Connect and join; resolves once the join is answered (with the snapshot already in). */
  async connect(): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
    this.socket = io(this.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: this.auth });
    this.socket.onAny((event, payload) => {
      this.frames.push({ event, payload });
      if (event === 'snapshot') this.sync.onSnapshot(payload);
      if (event === 'delta' && this.sync.onDelta(payload as Delta) === 'gap') this.socket.emit('resync', { fromSeq: this.sync.seq + 1 });
      for (const wake of this.#waiters.splice(0)) wake();
    });
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
    // Coming back with a view: ask only for what was missed.
    const fromSeq = this.sync.view ? this.sync.seq + 1 : undefined;
    const answer = await this.socket.emitWithAck('join', { audience: this.audience, fromSeq });
    return answer.ok ? { ok: true } : { ok: false, error: answer.error };
  }

  disconnect(): void {
    this.socket?.disconnect();
  }

  /** Wait until the client has shown `seq` (a failure deadline, not a speed bound). */
  async waitForSeq(seq: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sync.seq < seq) {
      if (Date.now() > deadline) throw new Error(`client stuck at seq ${this.sync.seq}, waiting for ${seq}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  entries(): Record<string, unknown> {
    return this.sync.view?.entries ?? {};
  }
}

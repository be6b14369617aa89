import { io, type Socket } from 'socket.io-client';
import type { AudienceInput } from '../../shared/projections/audience';
import type { Delta } from '../../shared/projections/views';
import type { CatchUp, ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';
import { ViewSync } from '../../shared/live/view-sync';

type Frame = { event: string; payload: unknown };

/**
 * A real socket.io client speaking the realtime protocol the way a display does: join (whose
 * answer carries the snapshot or catch-up), ordered deltas, resync on a gap or after
 * reconnecting. Records every frame — a catch-up as the 'snapshot' or 'delta' it carries — so
 * tests can inspect exactly what an audience received.
 */
export class LiveClient {
  readonly sync: ViewSync;
  readonly frames: Frame[] = [];
  socket!: Socket<ServerToClientEvents, ClientToServerEvents>;
  #waiters: (() => void)[] = [];

  constructor(
    readonly url: string,
    readonly audience: AudienceInput,
    readonly auth: Record<string, string> = {},
  ) {
    this.sync = new ViewSync(audience.kind !== 'tracking');
  }

  /** Connect and join; resolves once the join is answered (with the snapshot already in). */
  async connect(): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
    this.socket = io(this.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: this.auth });
    this.socket.onAny((event, payload) => {
      this.frames.push({ event, payload });
      if (event === 'delta' && this.sync.onDelta(payload as Delta) === 'gap') void this.resync();
      this.#wake();
    });
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
    // Coming back with a view: ask only for what was missed.
    const fromSeq = this.sync.view ? this.sync.seq + 1 : undefined;
    const answer = await this.socket.emitWithAck('join', { audience: this.audience, fromSeq });
    if (!answer.ok) return { ok: false, error: answer.error };
    this.#take(answer.data);
    return { ok: true };
  }

  /** Ask for what was missed from the seq after the one shown; the answer is applied when it comes. */
  async resync(): Promise<void> {
    const answer = await this.socket.emitWithAck('resync', { fromSeq: this.sync.seq + 1 });
    if (answer.ok) this.#take(answer.data);
  }

  /** A join or resync answer's catch-up, recorded as the frame it stands for ('snapshot' or 'delta'). */
  #take(catchUp: CatchUp): void {
    if (catchUp.kind === 'snapshot') {
      this.frames.push({ event: 'snapshot', payload: catchUp.snapshot });
      this.sync.onSnapshot(catchUp.snapshot);
    } else {
      this.frames.push({ event: 'delta', payload: catchUp.delta });
      this.sync.onDelta(catchUp.delta);
    }
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
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

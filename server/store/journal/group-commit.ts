import type { Logger } from '../../log';
import { StoreUnavailableError } from '../event-store';
import { atMs } from './format';
import type { SegmentWriter } from './segment-writer';
import { dropUndurable, type Entry, type StoreLog } from './store-log';

/** A durable journal write (O_DSYNC, see segment-writer.ts) slower than this is logged: every action in it waited that long. */
const SLOW_WRITE_MS = 100;

interface PendingWrite {
  json: string;
  entry: Entry;
  log: StoreLog;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * The embedded store's write path: whatever arrives while a durable write (O_DSYNC) is in flight goes
 * out in the next single durable write, and each append's promise resolves only once its
 * line is on disk. A failed write (cut back by the writer) fails every waiting append, and new
 * ones are refused (`failure`) until a probe finds the disk writable again.
 */
export class GroupCommit {
  #queue: PendingWrite[] = [];
  #flushRun: Promise<void> | undefined;
  #failure: StoreUnavailableError | undefined;
  #probe: { timer?: NodeJS.Timeout; running?: Promise<void> } = {};
  #closed = false;
  #sinceCheckpoint = 0;
  #checkpointTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly writer: SegmentWriter,
    private readonly log: Logger,
    private readonly journalPath: string,
    private readonly options: { checkpointEvery: number; checkpointMs: number; retryMs: number },
  ) {}

  /** Set from a failed write until the disk takes writes again. */
  get failure(): StoreUnavailableError | undefined {
    return this.#failure;
  }

  /** Queues the entry's line; resolves once it is durable (and `log.durable` has moved to it). */
  enqueue(json: string, entry: Entry, log: StoreLog): Promise<void> {
    const written = new Promise<void>((resolve, reject) => this.#queue.push({ json, entry, log, resolve, reject }));
    log.lastWrite = written.catch(() => undefined);
    this.#scheduleFlush();
    return written;
  }

  /** Stops probing and waits for the writes in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#probe.timer);
    clearTimeout(this.#checkpointTimer);
    await this.#probe.running;
    while (this.#flushRun) await this.#flushRun;
  }

  #scheduleFlush(): void {
    if (this.#flushRun) return;
    // Deferred by a microtask so a burst of appends from one tick share the first write.
    this.#flushRun = Promise.resolve().then(() => this.#flushLoop());
  }

  async #flushLoop(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      const started = performance.now();
      let chains: string[];
      try {
        chains = await this.writer.write(
          batch.map((p) => ({
            json: p.json,
            storeId: p.entry.event.storeId,
            seq: p.entry.event.seq,
            at: atMs(p.entry.event, Infinity),
          })),
        );
      } catch (err) {
        this.#fail(err, batch);
        break;
      }
      // Every action waits for its write; a slow one holds up all acknowledged with it. The time
      // includes waiting for this process's threads to run, so a starved CPU shows here too.
      const ms = performance.now() - started;
      if (ms >= SLOW_WRITE_MS)
        this.log.warn({ ms: Math.round(ms), events: batch.length }, 'journal: a durable write took long (slow disk, or this process short of CPU)');
      batch.forEach((p, i) => {
        p.entry.chain = chains[i];
        p.log.durable = p.entry.event.seq;
      });
      for (const p of batch) p.resolve();
      this.#sinceCheckpoint += batch.length;
      if (this.#sinceCheckpoint >= this.options.checkpointEvery) this.#checkpoint();
      else this.#checkpointTimer ??= setTimeout(() => this.#checkpoint(), this.options.checkpointMs).unref();
    }
    // Cleared with no await after the emptiness check, so a new append always finds either a
    // running loop that will take it or no loop and starts one.
    this.#flushRun = undefined;
  }

  /**
   * index.json is what proves, after a crash, how far the active segment was acknowledged: a
   * journal found shorter is refused rather than taken as never written. So it follows the
   * writes within `checkpointMs` (at most one index write per interval, however busy) as well
   * as every `checkpointEvery` events.
   */
  #checkpoint(): void {
    clearTimeout(this.#checkpointTimer);
    this.#checkpointTimer = undefined;
    this.#sinceCheckpoint = 0;
    if (!this.#closed) void this.writer.checkpoint();
  }

  /**
   * A failed write or fsync has been cut back off the file by the writer. Every waiting append
   * fails, memory forgets them, and new appends are refused until a probe finds the disk
   * writable again (a full disk that got space back, a volume that came back).
   */
  #fail(err: unknown, batch: PendingWrite[]): void {
    const pending = [...batch, ...this.#queue];
    this.#queue = [];
    this.#failure = new StoreUnavailableError(
      `Journal ${this.journalPath}: a write failed (${(err as Error)?.message ?? err}); appends are refused until the disk takes writes again (retrying by itself)`,
      { cause: err },
    );
    this.log.error({ err, dir: this.journalPath, lost: pending.length }, 'journal write failed; nothing of it was kept, retrying');
    for (const log of new Set(pending.map((p) => p.log))) dropUndurable(log);
    for (const p of pending) p.reject(this.#failure);
    this.#scheduleProbe(this.options.retryMs);
  }

  #scheduleProbe(delayMs: number): void {
    this.#probe.timer = setTimeout(() => {
      this.#probe.running = (async () => {
        while (this.#flushRun) await this.#flushRun;
        try {
          await this.writer.probe();
          this.#failure = undefined;
          this.log.info({ dir: this.journalPath }, 'journal: writes go through again; accepting appends');
        } catch (err) {
          this.log.debug({ err }, 'journal: still not writable');
          if (!this.#closed) this.#scheduleProbe(Math.min(delayMs * 2, 5000));
        }
      })();
    }, delayMs);
    this.#probe.timer.unref();
  }
}

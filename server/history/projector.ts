import type { WorkshopEvent } from '../../shared/workflow/events';
import { upcast } from '../../shared/workflow/upcasters';
import type { EventStore } from '../store/event-store';
import type { Logger } from '../log';
import { applyEvent, type ApplyContext } from './apply';
import { loadRowsFor, writeRows } from './rows-io';
import { RowSet } from './row-set';
import { ROW_TABLES, type HistoryDb } from './schema';

export interface ProjectorOptions {
  log: Logger;
  vehicleRef: ApplyContext['vehicleRef'];
  /** Events read and applied per transaction. */
  batchSize?: number;
  /** First wait after a failed batch; doubles up to 30 s. */
  retryMs?: number;
  /** How long a catch-up waits after the event that woke it, gathering the ones after; default 250 ms. */
  delayMs?: number;
  /** Stores caught up at the same time; default 2. */
  concurrency?: number;
}

/** Another process applied this batch first (scaled out: every process runs a projector). */
class CheckpointMoved extends Error {}

/**
 * Feeds the history tables from the event log, after the fact and apart from the commit path.
 *
 * Resumable and idempotent: each batch is applied in one transaction that also moves the store's
 * checkpoint (the last seq applied) from the seq the batch was read after to its last seq — a
 * compare-and-set, so a batch is applied once even when two processes race for it (the loser's
 * transaction is rolled back and it reads on from the new checkpoint). A crash between commit and
 * the next batch loses nothing: the next run starts at the checkpoint.
 *
 * Never in the way of a write: `follow` only schedules a catch-up when the service folds an
 * event, and a failure here (database away, a bug) is logged and retried later, never thrown to
 * the service.
 */
export class HistoryProjector {
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  /** Stores whose checkpoint was checked against the log by this process. */
  readonly #verified = new Set<string>();
  readonly #waiting: (() => void)[] = [];
  #active = 0;
  readonly #retry = new Map<string, { timer: NodeJS.Timeout; delay: number }>();
  #closed = false;

  constructor(
    private readonly db: HistoryDb,
    private readonly events: Pick<EventStore, 'read' | 'storeIds'>,
    private readonly options: ProjectorOptions,
  ) {}

  /** The last seq applied for a store (0 before its first batch). */
  async checkpoint(storeId: string): Promise<number> {
    const row = await this.db.selectFrom('history_checkpoints').select('seq').where('store_id', '=', storeId).executeTakeFirst();
    return row ? Number(row.seq) : 0;
  }

  /** Apply every event of the store after its checkpoint; resolves when the read model has caught up. */
  async catchUp(storeId: string): Promise<number> {
    let applied = 0;
    const limit = this.options.batchSize ?? 500;
    if (!this.#verified.has(storeId)) {
      await this.#checkLogIsTheOneApplied(storeId);
      this.#verified.add(storeId);
    }
    for (;;) {
      const after = await this.checkpoint(storeId);
      const batch = await this.events.read(storeId, after, limit);
      if (batch.length === 0) return applied;
      try {
        await this.#applyBatch(
          storeId,
          after,
          batch.map((e) => upcast(e)),
        );
        applied += batch.length;
      } catch (err) {
        if (!(err instanceof CheckpointMoved)) throw err;
      }
      if (batch.length < limit) return applied;
    }
  }

  /** Catch up every store the log knows. */
  async catchUpAll(): Promise<number> {
    let applied = 0;
    for (const storeId of await this.events.storeIds()) applied += await this.catchUp(storeId);
    return applied;
  }

  /**
   * Forget a store's rows and checkpoint (every store's when none is given), then apply its log
   * from the first event: the same code path as the incremental one, so the same rows.
   */
  async rebuild(storeId?: string): Promise<number> {
    const stores = storeId ? [storeId] : await this.events.storeIds();
    let applied = 0;
    for (const id of stores) {
      await this.#forget(id);
      this.#verified.add(id);
      applied += await this.catchUp(id);
    }
    return applied;
  }

  /**
   * Catch up a store soon, in the background. Called for every event the service folds; while a
   * catch-up runs, further calls only ask for one more run after it.
   */
  schedule(storeId: string): void {
    if (this.#closed) return;
    if (this.#running.has(storeId)) {
      this.#again.add(storeId);
      return;
    }
    const run = (async () => {
      // Wait a little: the commit that woke us answers its caller first, and a burst of scans
      // becomes one batch (one read of the log, one transaction) instead of one each.
      await new Promise((r) => setTimeout(r, this.options.delayMs ?? 250));
      await this.#acquire();
      try {
        do {
          this.#again.delete(storeId);
          await this.catchUp(storeId);
        } while (this.#again.has(storeId) && !this.#closed);
      } finally {
        this.#release();
      }
    })();
    this.#running.set(storeId, run);
    run
      .then(
        () => this.#retry.delete(storeId),
        (err: unknown) => this.#failed(storeId, err),
      )
      .finally(() => this.#running.delete(storeId));
  }

  // A few stores at a time: each catch-up reads the log through the event store's connections,
  // which the appends need; a dealer group's hundred busy stores must not all read at once.
  async #acquire(): Promise<void> {
    if (this.#active < (this.options.concurrency ?? 2)) {
      this.#active++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }

  /** Follow a service: catch up every store now, then after each event it folds. Returns the stop. */
  follow(service: { onChange(listener: (storeId: string) => void): () => void }, storeIds: readonly string[]): () => void {
    const stop = service.onChange((storeId) => this.schedule(storeId));
    for (const id of storeIds) this.schedule(id);
    return stop;
  }

  /** Resolves when no catch-up is running (tests, and close). */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.allSettled([...this.#running.values()]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const { timer } of this.#retry.values()) clearTimeout(timer);
    this.#retry.clear();
    await this.idle();
  }

  /**
   * Once per store and process, before the first catch-up: is the event at the checkpoint still
   * the one that was applied? A log restored from an older backup (or emptied) is shorter than the
   * checkpoint, or has another event there; its next events would then be skipped as applied. The
   * history is rebuilt for that store instead (it holds nothing the log does not).
   */
  async #checkLogIsTheOneApplied(storeId: string): Promise<void> {
    const row = await this.db.selectFrom('history_checkpoints').select(['seq', 'last_key']).where('store_id', '=', storeId).executeTakeFirst();
    if (!row || Number(row.seq) === 0) return;
    const [event] = await this.events.read(storeId, Number(row.seq) - 1, 1);
    if (event && event.seq === Number(row.seq) && event.key === row.last_key) return;
    this.options.log.warn(
      { storeId, checkpoint: Number(row.seq), found: event ? event.seq : 'nothing' },
      'history: the log is not the one the read model was built from (restored or emptied?); rebuilding this store',
    );
    await this.#forget(storeId);
  }

  async #forget(storeId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // The checkpoint first: in PostgreSQL that waits for a batch another process is applying
      // (it holds the row), so its rows are committed before they are deleted, not left behind.
      await trx.deleteFrom('history_checkpoints').where('store_id', '=', storeId).execute();
      for (const table of ROW_TABLES) await trx.deleteFrom(table).where('store_id', '=', storeId).execute();
    });
  }

  #failed(storeId: string, err: unknown): void {
    const previous = this.#retry.get(storeId);
    const delay = previous ? Math.min(previous.delay * 2, 30_000) : (this.options.retryMs ?? 1000);
    this.options.log.error({ err, storeId, retryInMs: delay }, 'history: catching up failed; the reports lag until it works');
    if (this.#closed) return;
    const timer = setTimeout(() => this.schedule(storeId), delay);
    timer.unref();
    this.#retry.set(storeId, { timer, delay });
  }

  async #applyBatch(storeId: string, after: number, batch: WorkshopEvent[]): Promise<void> {
    const last = batch[batch.length - 1];
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('history_checkpoints')
        .values({ store_id: storeId, seq: 0, last_key: '', updated_at: new Date(0).toISOString() })
        .onConflict((oc) => oc.column('store_id').doNothing())
        .execute();
      // First, so that in PostgreSQL the row lock orders two racing processes; the second then
      // finds the seq moved and rolls back.
      const moved = await trx
        .updateTable('history_checkpoints')
        .set({ seq: last.seq, last_key: last.key, updated_at: new Date().toISOString() })
        .where('store_id', '=', storeId)
        .where('seq', '=', after)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw new CheckpointMoved();
      const rows = new RowSet();
      await loadRowsFor(trx, storeId, batch, rows);
      for (const event of batch) applyEvent(rows, event, { vehicleRef: this.options.vehicleRef });
      await writeRows(trx, rows);
    });
  }
}

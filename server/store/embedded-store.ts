import { IdSchema } from '../../shared/domain/ids';
import { IdempotencyKeySchema, type EventDraft, type WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import { createLogger, type Logger } from '../log';
import { lockDataDir } from './data-dir-lock';
import { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';
import { atMs, journalDir } from './journal/format';
import { GroupCommit } from './journal/group-commit';
import type { Upcast } from './journal/migrate';
import { ensureDataDir, openJournal } from './journal/open-journal';
import type { TornTail } from './journal/scan';
import { readRange, segmentEntries } from './journal/segment-reader';
import { openFileDefault, type OpenFile, type SegmentWriter } from './journal/segment-writer';
import { SnapshotFiles } from './journal/snapshots';
import { deepFreeze, keyOf, newLog, pushTail, tailEntry, type Entry, type StoreLog } from './journal/store-log';

export { JournalCorruptError } from './journal/format';
export type { OpenFile } from './journal/segment-writer';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What `open` repaired: a last line torn by a crash mid-write, which was never acknowledged. */
export type JournalRecovery = TornTail;

export interface EmbeddedStoreOptions {
  /** Where a torn tail, a failed write and its recovery are reported. */
  log?: Logger;
  /** Turns a record of the old single-file journal into today's shape while migrating it (default: as is). */
  upcastLegacy?: Upcast;
  /** A segment is closed and a new one started once it reaches this size (default 64 MiB), and at the first append of a new UTC day. */
  segmentBytes?: number;
  /** A retried idempotency key is recognised for this long after its event's `at` (default 7 days); after that it is a new action. */
  idempotencyWindowMs?: number;
  /** Recent events held in memory per store for fast reads (default 1000); older ones are read from disk. */
  tailEvents?: number;
  /** index.json is rewritten after this many events (default 1000), at every new segment and on close. */
  checkpointEvery?: number;
  /** …and at most this long after a write (default 1000 ms): after a crash it proves how far the journal was acknowledged. */
  checkpointMs?: number;
  /** After a failed write, the first retry waits this long, doubling up to 5 s (default 250 ms). */
  retryMs?: number;
  /** How files are opened for writing; tests inject one that fails like a full disk. */
  openFile?: OpenFile;
  /** The clock of the idempotency window, segment headers and day rotation (default Date.now). */
  now?: () => number;
}

/**
 * The default event store: an append-only journal of checksummed, chained lines in segment
 * files under `<dataDir>/journal/`, for every store, plus one snapshot file per store (format in
 * journal/format.ts). `open` checks it and refuses to start on anything but a torn last line
 * (journal/open-journal.ts); a sealed segment that no fold or idempotency window reaches is
 * checked by the sha256 recorded when it was sealed rather than line by line.
 *
 * Appends are checked against memory at once (so two appends at the same expectedSeq cannot
 * both win) and then written with group commit (journal/group-commit.ts): a promise resolves
 * only once its line is on disk. Reads never show an event that is not yet durable.
 *
 * Memory holds per store only its last seq, a tail of recent events and the idempotency keys
 * of a window (journal/store-log.ts); older events are streamed from the segments, which
 * index.json maps by store and seq range. A segment is sealed at JOURNAL_SEGMENT_MB and at the
 * first append of a new UTC day (by `now`), so each holds at most one day's events
 * (segment-writer.ts). A failed write is cut back and refused with StoreUnavailableError, and
 * the store probes the disk until writes go through again.
 *
 * One process owns a data directory: `journal.lock` names it (see data-dir-lock.ts).
 */
export class EmbeddedEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  readonly #logs = new Map<string, StoreLog>();
  readonly #commits: GroupCommit;
  readonly #snapshots: SnapshotFiles;
  #closing: Promise<void> | undefined;

  private constructor(
    readonly dataDir: string,
    private readonly writer: SegmentWriter,
    private readonly options: Required<
      Pick<EmbeddedStoreOptions, 'idempotencyWindowMs' | 'tailEvents' | 'checkpointEvery' | 'checkpointMs' | 'retryMs' | 'now'>
    > & { log: Logger },
    private readonly unlock: () => Promise<void>,
    /** Set when open found and cut off a torn last line. */
    readonly recovery?: JournalRecovery,
  ) {
    this.#commits = new GroupCommit(writer, options.log, this.journalPath, options);
    this.#snapshots = new SnapshotFiles(dataDir, {
      durable: async (storeId) => (await this.#settled(storeId))?.durable ?? 0,
      chainAt: async (storeId, seq) => (await this.#entryAt(storeId, this.#logOf(storeId, false)!, seq)).chain,
    });
  }

  get journalPath(): string {
    return journalDir(this.dataDir);
  }

  /**
   * Open (or create) the store in `dataDir`: migrates an old single-file journal, then checks the
   * segments (line by line, or by digest for sealed ones nothing needs to read). A torn last line
   * is cut off and reported; anything else that is not as written throws `JournalCorruptError`.
   */
  static async open(dataDir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedEventStore> {
    const settings = {
      log: options.log ?? createLogger(),
      idempotencyWindowMs: options.idempotencyWindowMs ?? 7 * DAY_MS,
      tailEvents: Math.max(1, options.tailEvents ?? 1000),
      checkpointEvery: options.checkpointEvery ?? 1000,
      checkpointMs: options.checkpointMs ?? 1000,
      retryMs: options.retryMs ?? 250,
      now: options.now ?? Date.now,
    };
    await ensureDataDir(dataDir);
    // Before anything is read: a second server on this directory would interleave its appends.
    const unlock = await lockDataDir(dataDir);
    try {
      const opened = await openJournal(dataDir, {
        ...settings,
        upcast: options.upcastLegacy ?? ((r) => r),
        segmentBytes: options.segmentBytes ?? 64 * 1024 * 1024,
        openFile: options.openFile ?? openFileDefault,
      });
      const store = new EmbeddedEventStore(dataDir, opened.writer, settings, unlock, opened.torn);
      for (const [id, storeLog] of opened.logs) store.#logs.set(id, storeLog);
      return store;
    } catch (err) {
      await unlock();
      throw err;
    }
  }

  append(draft: EventDraft, expectedSeq: number): Promise<AppendResult> {
    const refused = this.#refusal();
    if (refused) return Promise.reject(refused);
    try {
      checkDraft(draft, expectedSeq);
    } catch (err) {
      return Promise.reject(err);
    }
    const log = this.#logOf(draft.storeId, true)!;

    // Duplicate before conflict: a retried request must learn it already succeeded.
    const prior = this.#keyOf(log, draft.key);
    if (prior) return this.#whenDurable(log, prior.seq).then(async () => ({ status: 'duplicate', event: await this.#eventAt(draft.storeId, log, prior.seq) }));
    if (log.last !== expectedSeq) return Promise.resolve({ status: 'conflict', currentSeq: log.last });

    const record = { seq: 0, ...draft };
    record.seq = expectedSeq + 1;
    const json = JSON.stringify(record);
    // What memory holds must equal what a reopen reads back (no undefined fields, no shared objects).
    const entry: Entry = { event: deepFreeze(JSON.parse(json) as WorkshopEvent), chain: '' };
    log.last = record.seq;
    pushTail(log, entry, this.options.tailEvents);
    log.keys.set(draft.key, { seq: record.seq, at: atMs(record, this.options.now()) });
    return this.#commits.enqueue(json, entry, log).then(() => ({ status: 'appended', event: entry.event }));
  }

  async read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]> {
    const log = await this.#settled(storeId);
    if (!log) return [];
    const from = Math.max(0, Math.floor(afterSeq));
    const to = limit === undefined ? log.durable : Math.min(log.durable, from + Math.max(0, Math.floor(limit)));
    if (from >= to) return [];
    const tailStart = log.tail[0]?.event.seq ?? log.last + 1;
    const recent = to < tailStart ? [] : log.tail.slice(Math.max(0, from + 1 - tailStart), to + 1 - tailStart).map((e) => e.event);
    if (from + 1 >= tailStart) return recent;
    const old = await readRange(this.journalPath, this.writer.segments, storeId, from, Math.min(to, tailStart - 1));
    return [...old.map((e) => e.event), ...recent];
  }

  /**
   * Every durable event, in journal order (one store's only when given), streamed from the
   * segments: for verifying and rebuilding without holding the history in memory.
   */
  async *readAll(storeId?: string): AsyncGenerator<WorkshopEvent> {
    this.#throwIfClosed();
    for (const segment of [...this.writer.segments]) {
      if (storeId !== undefined && !segment.stores[storeId]) continue;
      for await (const { event } of segmentEntries(this.journalPath, { name: segment.name, bytes: segment.bytes }, storeId)) yield event;
    }
  }

  async findByKey(storeId: string, key: string): Promise<WorkshopEvent | undefined> {
    const log = await this.#settled(storeId);
    const found = log && this.#keyOf(log, key);
    return found && found.seq <= log!.durable ? this.#eventAt(storeId, log!, found.seq) : undefined;
  }

  async lastSeq(storeId: string): Promise<number> {
    return (await this.#settled(storeId))?.durable ?? 0;
  }

  async storeIds(): Promise<string[]> {
    this.#throwIfClosed();
    return [...this.#logs]
      .filter(([, log]) => log.durable > 0)
      .map(([id]) => id)
      .sort();
  }

  /** Stored with its seq, the journal's chain at that seq and a checksum; refused when ahead of the journal. */
  async saveSnapshot(storeId: string, snapshot: StoreSnapshot): Promise<void> {
    this.#throwIfClosed();
    await this.#snapshots.save(storeId, snapshot);
  }

  /** Throws JournalCorruptError when the file fails its checksum or does not match the journal. */
  loadSnapshot(storeId: string): Promise<StoreSnapshot | undefined> {
    return this.#snapshots.load(storeId);
  }

  async status(): Promise<StoreStatus> {
    const problem = this.#refusal();
    if (problem) return { kind: 'embedded', ok: false, detail: problem.message };
    let events = 0;
    for (const log of this.#logs.values()) events += log.durable;
    const segments = this.writer.segments.length;
    return {
      kind: 'embedded',
      ok: true,
      detail: `${this.journalPath}: ${events} events in ${this.#logs.size} stores, ${segments} segment${segments === 1 ? '' : 's'}`,
    };
  }

  /** Waits for appends in flight to reach the disk, then closes the journal. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#commits.close();
      await this.#snapshots.settled();
      await this.writer.close();
      await this.unlock();
    })();
    return this.#closing;
  }

  async #settled(storeId: string): Promise<StoreLog | undefined> {
    this.#throwIfClosed();
    const log = this.#logOf(storeId, false);
    // Reads wait for appends already accepted, so a caller told "conflict" can then read the winner.
    if (log && log.last > log.durable) await log.lastWrite;
    return log;
  }

  async #whenDurable(log: StoreLog, seq: number): Promise<void> {
    if (seq <= log.durable) return;
    await log.lastWrite;
    if (seq > log.durable) throw this.#commits.failure ?? new StoreUnavailableError('the journal write for this event did not complete');
  }

  /** A key of the window; one older than the window is forgotten (a retry that late is a new action). */
  #keyOf(log: StoreLog, key: string): { seq: number; at: number } | undefined {
    return keyOf(log, key, this.options.now() - this.options.idempotencyWindowMs);
  }

  async #entryAt(storeId: string, log: StoreLog, seq: number): Promise<Entry> {
    const recent = tailEntry(log, seq);
    if (recent) return recent;
    const [entry] = await readRange(this.journalPath, this.writer.segments, storeId, seq - 1, seq);
    if (!entry) throw new Error(`journal: ${storeId} seq ${seq} is not in the segments`);
    return entry;
  }

  #eventAt = async (storeId: string, log: StoreLog, seq: number) => (await this.#entryAt(storeId, log, seq)).event;

  #logOf(storeId: string, create: boolean): StoreLog | undefined {
    let log = this.#logs.get(storeId);
    if (!log && create) this.#logs.set(storeId, (log = newLog()));
    return log;
  }

  #refusal(): StoreUnavailableError | undefined {
    if (this.#closing) return new StoreUnavailableError(`The embedded store at ${this.dataDir} is closed`);
    return this.#commits.failure;
  }

  #throwIfClosed(): void {
    if (this.#closing) throw new StoreUnavailableError(`The embedded store at ${this.dataDir} is closed`);
  }
}

function checkDraft(draft: EventDraft, expectedSeq: number): void {
  if (!IdSchema.safeParse(draft.storeId).success) throw new Error(`append: "${draft.storeId}" is not a valid store id`);
  if (!IdempotencyKeySchema.safeParse(draft.key).success) throw new Error(`append: "${draft.key}" is not a valid idempotency key`);
  if (!Number.isInteger(expectedSeq) || expectedSeq < 0) throw new Error(`append: expectedSeq must be a whole number ≥ 0, not ${expectedSeq}`);
}

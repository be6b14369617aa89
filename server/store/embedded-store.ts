import { mkdir, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IdSchema } from '../../shared/domain/ids';
import { IdempotencyKeySchema, type EventDraft, type WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import { createLogger, type Logger } from '../log';
import { lockDataDir } from './data-dir-lock';
import { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';
import { CHAIN_START, FORMAT, JournalCorruptError, SNAPSHOTS, atMs, decodeChecked, encodeChecked, journalDir, parseLine } from './journal/format';
import { migrateLegacy, type Upcast } from './journal/migrate';
import { readLines, scanJournal, type TornTail } from './journal/scan';
import { SegmentWriter, openFileDefault, writeFileAtomically, writeJournalDir, type OpenFile } from './journal/segment-writer';

export { JournalCorruptError } from './journal/format';
export type { OpenFile } from './journal/segment-writer';

/** A journal write + fdatasync slower than this is logged: every action in it waited that long. */
const SLOW_WRITE_MS = 100;
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
  /** After a failed write, the first retry waits this long, doubling up to 5 s (default 250 ms). */
  retryMs?: number;
  /** How files are opened for writing; tests inject one that fails like a full disk. */
  openFile?: OpenFile;
  /** The clock of the idempotency window, segment headers and day rotation (default Date.now). */
  now?: () => number;
}

interface Entry {
  event: WorkshopEvent;
  /** The chain value after this event's line; '' until it is written. */
  chain: string;
}

interface StoreLog {
  /** Highest seq accepted; those past `durable` are being written. */
  last: number;
  durable: number;
  /** The latest events, contiguous and ending at `last` (at most 2 × tailEvents). */
  readonly tail: Entry[];
  /** Idempotency keys of the window, oldest first. */
  readonly keys: Map<string, { seq: number; at: number }>;
  /** Settles once the latest append enqueued for this store is durable (or has failed). */
  lastWrite?: Promise<void>;
}

interface PendingWrite {
  json: string;
  entry: Entry;
  log: StoreLog;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * The default event store: an append-only journal of checksummed, chained lines in segment
 * files under `<dataDir>/journal/`, for every store, plus one snapshot file per store (format in
 * journal/format.ts). `open` checks all of it and refuses to start on anything but a torn last line.
 *
 * Appends are checked against memory at once (so two appends at the same expectedSeq cannot
 * both win) and then written with group commit: whatever arrives while a write + fdatasync is
 * in flight goes out in the next single write + fdatasync. A promise resolves only once its
 * line is on disk. Reads never show an event that is not yet durable.
 *
 * Memory holds per store only its last seq, a tail of recent events and the idempotency keys
 * of a window; older events are streamed from the segments, which index.json maps by store
 * and seq range. A segment is sealed at JOURNAL_SEGMENT_MB and at the first append of a new UTC
 * day (by `now`), so each holds at most one day's events (segment-writer.ts). A failed write is cut back and refused with StoreUnavailableError, and the
 * store probes the disk until writes go through again.
 *
 * One process owns a data directory: `journal.lock` names it (see data-dir-lock.ts).
 */
export class EmbeddedEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  readonly #logs = new Map<string, StoreLog>();
  #queue: PendingWrite[] = [];
  #flushRun: Promise<void> | undefined;
  #failure: StoreUnavailableError | undefined;
  #probe: { timer?: NodeJS.Timeout; running?: Promise<void> } = {};
  #closing: Promise<void> | undefined;
  #sinceCheckpoint = 0;
  readonly #snapshotSaves = new Map<string, { seq: number; done: Promise<void> }>();
  #tmpCounter = 0;

  private constructor(
    readonly dataDir: string,
    private readonly writer: SegmentWriter,
    private readonly log: Logger,
    private readonly options: Required<Pick<EmbeddedStoreOptions, 'idempotencyWindowMs' | 'tailEvents' | 'checkpointEvery' | 'retryMs' | 'now'>>,
    private readonly unlock: () => Promise<void>,
    /** Set when open found and cut off a torn last line. */
    readonly recovery?: JournalRecovery,
  ) {}

  get journalPath(): string {
    return journalDir(this.dataDir);
  }

  /**
   * Open (or create) the store in `dataDir`: migrates an old single-file journal, then reads and
   * checks every segment. A torn last line is cut off and reported; anything else that is not
   * as written throws `JournalCorruptError`.
   */
  static async open(dataDir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedEventStore> {
    const log = options.log ?? createLogger();
    const segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    const settings = {
      idempotencyWindowMs: options.idempotencyWindowMs ?? 7 * DAY_MS,
      tailEvents: Math.max(1, options.tailEvents ?? 1000),
      checkpointEvery: options.checkpointEvery ?? 1000,
      retryMs: options.retryMs ?? 250,
      now: options.now ?? Date.now,
    };
    await mkdir(join(dataDir, SNAPSHOTS), { recursive: true });
    // Before anything is read: a second server on this directory would interleave its appends.
    const unlock = await lockDataDir(dataDir);
    try {
      await removeStaleTempFiles(join(dataDir, SNAPSHOTS));
      await removeStaleTempFiles(journalDir(dataDir));
      await migrateLegacy(dataDir, { upcast: options.upcastLegacy ?? ((r) => r), segmentBytes, log });
      if (!(await stat(journalDir(dataDir)).then(() => true, () => false)))
        await writeJournalDir(dataDir, (async function* () {})(), { segmentBytes, now: settings.now });

      const logs = new Map<string, StoreLog>();
      const cutoff = settings.now() - settings.idempotencyWindowMs;
      const scan = await scanJournal(dataDir, ({ record, storeId, seq, key, chain }) => {
        let log = logs.get(storeId);
        if (!log) logs.set(storeId, (log = newLog()));
        log.last = log.durable = seq;
        pushTail(log, { event: deepFreeze(record as WorkshopEvent), chain }, settings.tailEvents);
        const at = atMs(record, settings.now());
        if (at >= cutoff && !log.keys.has(key)) log.keys.set(key, { seq, at });
      });
      if (scan.torn) {
        await cutFile(scan.torn.file, scan.torn.offset);
        log.warn({ ...scan.torn }, 'journal: cut off a torn last line left by a crash mid-write (it was never acknowledged)');
      }
      // A crash while starting a segment can leave it without even its header; the index never listed it.
      if (scan.segments.length > 1 && scan.segments.at(-1)!.lines === 0) await rm(join(journalDir(dataDir), scan.segments.pop()!.name));
      scan.segments.at(-1)!.sealed = false;
      const writer = await SegmentWriter.open(dataDir, scan.segments, scan.tip, {
        segmentBytes, openFile: options.openFile ?? openFileDefault, log, migratedFrom: scan.index.migratedFrom, now: settings.now,
      });
      await writer.checkpoint();
      const store = new EmbeddedEventStore(dataDir, writer, log, settings, unlock, scan.torn);
      for (const [id, storeLog] of logs) store.#logs.set(id, storeLog);
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

    const written = new Promise<void>((resolve, reject) => this.#queue.push({ json, entry, log, resolve, reject }));
    log.lastWrite = written.catch(() => undefined);
    this.#scheduleFlush();
    return written.then(() => ({ status: 'appended', event: entry.event }));
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
    const old = await this.#readDisk(storeId, from, Math.min(to, tailStart - 1));
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
      for await (const { event } of this.#segmentEvents(segment.name, segment.bytes, storeId)) yield event;
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
    return [...this.#logs].filter(([, log]) => log.durable > 0).map(([id]) => id).sort();
  }

  /** Stored with its seq, the journal's chain at that seq and a checksum; refused when ahead of the journal. */
  async saveSnapshot(storeId: string, snapshot: StoreSnapshot): Promise<void> {
    this.#throwIfClosed();
    const file = this.#snapshotPath(storeId);
    // Saves of one store run one after another, each at least as new as the one before, so an
    // older fold never replaces a newer one.
    const previous = this.#snapshotSaves.get(storeId);
    if (previous && snapshot.seq < previous.seq) return;
    const tag = `${++this.#tmpCounter}`;
    const done = (previous?.done ?? Promise.resolve()).catch(() => undefined).then(async () => {
      const log = await this.#settled(storeId);
      const seq = snapshot.seq;
      if (!Number.isInteger(seq) || seq < 0 || seq > (log?.durable ?? 0))
        throw new Error(`snapshot of ${storeId} at seq ${seq} is ahead of the journal (at ${log?.durable ?? 0}); not saved`);
      const chain = seq === 0 ? CHAIN_START : await this.#chainAt(storeId, log!, seq);
      await writeFileAtomically(file, encodeChecked({ format: FORMAT, storeId, seq, chain }, JSON.stringify(snapshot)), tag);
    });
    this.#snapshotSaves.set(storeId, { seq: snapshot.seq, done });
    await done;
  }

  /** Throws JournalCorruptError when the file fails its checksum or does not match the journal. */
  async loadSnapshot(storeId: string): Promise<StoreSnapshot | undefined> {
    const log = await this.#settled(storeId);
    const file = this.#snapshotPath(storeId);
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (text === undefined) return undefined;
    const decoded = decodeChecked(text);
    if (!decoded.ok) throw new JournalCorruptError(file, 1, `snapshot: ${decoded.reason}`);
    const { seq, chain } = decoded.header as { seq: number; chain: string };
    const durable = log?.durable ?? 0;
    if (seq > durable) throw new JournalCorruptError(file, 1, `snapshot: at seq ${seq}, ahead of the journal (at ${durable})`);
    if (seq > 0 && (await this.#chainAt(storeId, log!, seq)) !== chain)
      throw new JournalCorruptError(file, 1, `snapshot: its chain at seq ${seq} does not match the journal's`);
    return JSON.parse(decoded.payload) as StoreSnapshot;
  }

  async status(): Promise<StoreStatus> {
    const problem = this.#refusal();
    if (problem) return { kind: 'embedded', ok: false, detail: problem.message };
    let events = 0;
    for (const log of this.#logs.values()) events += log.durable;
    const segments = this.writer.segments.length;
    return { kind: 'embedded', ok: true, detail: `${this.journalPath}: ${events} events in ${this.#logs.size} stores, ${segments} segment${segments === 1 ? '' : 's'}` };
  }

  /** Waits for appends in flight to reach the disk, then closes the journal. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      clearTimeout(this.#probe.timer);
      await this.#probe.running;
      while (this.#flushRun) await this.#flushRun;
      await Promise.all([...this.#snapshotSaves.values()].map((s) => s.done.catch(() => undefined)));
      await this.writer.close();
      await this.unlock();
    })();
    return this.#closing;
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
        chains = await this.writer.write(batch.map((p) => ({ json: p.json, storeId: p.entry.event.storeId, seq: p.entry.event.seq })));
      } catch (err) {
        this.#fail(err, batch);
        break;
      }
      // Every action waits for its write; a slow one holds up all acknowledged with it. The time
      // includes waiting for this process's threads to run, so a starved CPU shows here too.
      const ms = performance.now() - started;
      if (ms >= SLOW_WRITE_MS) this.log.warn({ ms: Math.round(ms), events: batch.length }, 'journal: a write + fdatasync took long (slow disk, or this process short of CPU)');
      batch.forEach((p, i) => {
        p.entry.chain = chains[i];
        p.log.durable = p.entry.event.seq;
      });
      for (const p of batch) p.resolve();
      this.#sinceCheckpoint += batch.length;
      if (this.#sinceCheckpoint >= this.options.checkpointEvery) {
        this.#sinceCheckpoint = 0;
        void this.writer.checkpoint();
      }
    }
    // Cleared with no await after the emptiness check, so a new append always finds either a
    // running loop that will take it or no loop and starts one.
    this.#flushRun = undefined;
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
    for (const log of new Set(pending.map((p) => p.log))) {
      while (log.tail.length && log.tail.at(-1)!.event.seq > log.durable) log.keys.delete(log.tail.pop()!.event.key);
      log.last = log.durable;
    }
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
          if (!this.#closing) this.#scheduleProbe(Math.min(delayMs * 2, 5000));
        }
      })();
    }, delayMs);
    this.#probe.timer.unref();
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
    if (seq > log.durable) throw this.#failure ?? new StoreUnavailableError('the journal write for this event did not complete');
  }

  /** A key of the window; one older than the window is forgotten (a retry that late is a new action). */
  #keyOf(log: StoreLog, key: string): { seq: number; at: number } | undefined {
    const cutoff = this.options.now() - this.options.idempotencyWindowMs;
    for (const [k, v] of log.keys) {
      if (v.at >= cutoff || v.seq > log.durable) break;
      log.keys.delete(k);
    }
    const found = log.keys.get(key);
    return found && (found.at >= cutoff || found.seq > log.durable) ? found : undefined;
  }

  async #entryAt(storeId: string, log: StoreLog, seq: number): Promise<Entry> {
    const tailStart = log.tail[0]?.event.seq ?? log.last + 1;
    if (seq >= tailStart) return log.tail[seq - tailStart];
    const [entry] = await this.#readDisk(storeId, seq - 1, seq);
    if (!entry) throw new Error(`journal: ${storeId} seq ${seq} is not in the segments`);
    return entry;
  }

  #eventAt = async (storeId: string, log: StoreLog, seq: number) => (await this.#entryAt(storeId, log, seq)).event;
  #chainAt = async (storeId: string, log: StoreLog, seq: number) => (await this.#entryAt(storeId, log, seq)).chain;

  /** Events of one store with afterSeq < seq ≤ upTo, read from the segments that hold them. */
  async #readDisk(storeId: string, afterSeq: number, upTo: number): Promise<Entry[]> {
    const found: Entry[] = [];
    for (const segment of [...this.writer.segments]) {
      const range = segment.stores[storeId];
      if (!range || range[1] <= afterSeq || range[0] > upTo) continue;
      for await (const entry of this.#segmentEvents(segment.name, segment.bytes, storeId)) {
        if (entry.event.seq > upTo) return found;
        if (entry.event.seq > afterSeq) found.push(entry);
      }
    }
    return found;
  }

  async *#segmentEvents(name: string, bytes: number, storeId?: string): AsyncGenerator<Entry> {
    // Cheap test before parsing: most lines of a shared segment belong to other stores.
    const needle = storeId === undefined ? undefined : `"storeId":${JSON.stringify(storeId)}`;
    for await (const line of readLines(join(this.journalPath, name), bytes)) {
      if (line.lineNo === 1 || (needle && !line.text.includes(needle))) continue;
      const parsed = parseLine(line.text);
      if (!parsed.ok) throw new Error(`journal: ${name} line ${line.lineNo} became unreadable while running: ${parsed.reason}`);
      if (storeId !== undefined && parsed.record.storeId !== storeId) continue;
      yield { event: deepFreeze(parsed.record as unknown as WorkshopEvent), chain: parsed.chain };
    }
  }

  #logOf(storeId: string, create: boolean): StoreLog | undefined {
    let log = this.#logs.get(storeId);
    if (!log && create) this.#logs.set(storeId, (log = newLog()));
    return log;
  }

  #snapshotPath(storeId: string): string {
    if (!IdSchema.safeParse(storeId).success) throw new Error(`"${storeId}" is not a valid store id`);
    return join(this.dataDir, SNAPSHOTS, `${storeId}.json`);
  }

  #refusal(): StoreUnavailableError | undefined {
    if (this.#closing) return new StoreUnavailableError(`The embedded store at ${this.dataDir} is closed`);
    return this.#failure;
  }

  #throwIfClosed(): void {
    if (this.#closing) throw new StoreUnavailableError(`The embedded store at ${this.dataDir} is closed`);
  }
}

const newLog = (): StoreLog => ({ last: 0, durable: 0, tail: [], keys: new Map() });

/** Keeps the tail between tailEvents and twice that, trimming in one splice now and then. */
function pushTail(log: StoreLog, entry: Entry, tailEvents: number): void {
  log.tail.push(entry);
  if (log.tail.length <= 2 * tailEvents) return;
  let drop = log.tail.length - tailEvents;
  // Never drop an event still being written: a failed write takes it back off the end.
  while (drop > 0 && log.tail[drop - 1].event.seq > log.durable) drop--;
  if (drop > 0) log.tail.splice(0, drop);
}

function checkDraft(draft: EventDraft, expectedSeq: number): void {
  if (!IdSchema.safeParse(draft.storeId).success) throw new Error(`append: "${draft.storeId}" is not a valid store id`);
  if (!IdempotencyKeySchema.safeParse(draft.key).success) throw new Error(`append: "${draft.key}" is not a valid idempotency key`);
  if (!Number.isInteger(expectedSeq) || expectedSeq < 0) throw new Error(`append: expectedSeq must be a whole number ≥ 0, not ${expectedSeq}`);
}

async function cutFile(file: string, size: number): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    await fh.truncate(size);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Temp files left by a crash during a snapshot or index save. */
async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[]))
    if (name.includes('.json.tmp-') || name === '.probe') await rm(join(dir, name), { force: true });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}


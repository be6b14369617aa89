import { mkdir, open, readFile, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { IdSchema } from '../../shared/domain/ids';
import { IdempotencyKeySchema, type EventDraft, type WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import { createLogger, type Logger } from '../log';
import { lockDataDir } from './data-dir-lock';
import { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';

const JOURNAL = 'journal.ndjson';
const SNAPSHOTS = 'snapshots';
const READ_CHUNK = 1 << 20;
/** A journal write + fdatasync slower than this is logged: every action in it waited that long. */
const SLOW_WRITE_MS = 100;

/** Raised by `open` when a journal line other than the last cannot be read: data would be lost by going on. */
export class JournalCorruptError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`Journal ${file} is corrupt at line ${line}: ${reason}. ` +
      'The store will not open: lines after this one hold later events. Repair or remove that line, keeping a copy of the file.');
    this.name = 'JournalCorruptError';
  }
}

/** What `open` repaired: a last line torn by a crash mid-write, which was never acknowledged. */
export interface JournalRecovery {
  file: string;
  line: number;
  droppedBytes: number;
}

export interface EmbeddedStoreOptions {
  /** Where a torn tail or a failed write is reported. */
  log?: Logger;
}

interface StoreLog {
  /** events[i] has seq i + 1. Entries past `durable` are written but not yet fsync'd. */
  readonly events: WorkshopEvent[];
  durable: number;
  readonly byKey: Map<string, WorkshopEvent>;
  /** Settles once the latest append enqueued for this store is durable (or has failed). */
  lastWrite?: Promise<void>;
}

interface PendingWrite {
  line: string;
  event: WorkshopEvent;
  log: StoreLog;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * The default event store: one append-only journal (`<dataDir>/journal.ndjson`, one event per
 * line) for every store, plus one snapshot file per store.
 *
 * Appends are checked against memory at once (so two appends at the same expectedSeq cannot
 * both win) and then written with group commit: whatever arrives while a write + fdatasync is
 * in flight goes out in the next single write + fdatasync. A promise resolves only once its
 * line is on disk. Reads never show an event that is not yet durable.
 *
 * Every event is held in memory, indexed by store and seq, and rebuilt by reading the journal
 * on open. That is fine for one dealer's months of history (a few hundred bytes per event);
 * past that, keep only a tail per store in memory and read older events from the file.
 *
 * One process owns a data directory: `journal.lock` names it, and a second process on the same
 * machine is refused (see data-dir-lock.ts).
 */
export class EmbeddedEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  readonly #logs = new Map<string, StoreLog>();
  #queue: PendingWrite[] = [];
  #flushRun: Promise<void> | undefined;
  #failure: StoreUnavailableError | undefined;
  #closing: Promise<void> | undefined;
  /** Bytes of the journal known to be durable; a failed write is cut back to this. */
  #size = 0;
  readonly #snapshotSaves = new Map<string, { seq: number; done: Promise<void> }>();
  #tmpCounter = 0;

  private constructor(
    readonly dataDir: string,
    private readonly fh: FileHandle,
    private readonly log: Logger,
    private readonly unlock: () => Promise<void>,
    /** Set when open found and cut off a torn last line. */
    readonly recovery?: JournalRecovery,
  ) {}

  get journalPath(): string {
    return join(this.dataDir, JOURNAL);
  }

  /**
   * Open (or create) the store in `dataDir`, replaying the journal into memory. A torn last
   * line is cut off and reported; a bad line anywhere else throws `JournalCorruptError`.
   */
  static async open(dataDir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedEventStore> {
    const log = options.log ?? createLogger();
    await mkdir(join(dataDir, SNAPSHOTS), { recursive: true });
    // Before anything is read: a second server on this directory would interleave its appends.
    const unlock = await lockDataDir(dataDir);
    let fh: FileHandle | undefined;
    let scan: Awaited<ReturnType<typeof scanJournal>> | { size: 0; goodSize: 0; torn: undefined };
    const logs = new Map<string, StoreLog>();
    try {
      await removeStaleTempFiles(join(dataDir, SNAPSHOTS));
      const path = join(dataDir, JOURNAL);
      const existed = await stat(path).then(() => true, () => false);
      scan = existed ? await scanJournal(path, logs) : { size: 0, goodSize: 0, torn: undefined };
      fh = await open(path, 'a');
      if (!existed) await syncDir(dataDir); // the new file's directory entry must survive a crash too
      if (scan.torn) {
        await fh.truncate(scan.goodSize);
        await fh.sync();
        log.warn({ ...scan.torn }, 'journal: cut off a torn last line left by a crash mid-write (it was never acknowledged)');
      }
    } catch (err) {
      await fh?.close();
      await unlock();
      throw err;
    }
    const store = new EmbeddedEventStore(dataDir, fh, log, unlock, scan.torn);
    for (const [id, storeLog] of logs) store.#logs.set(id, storeLog);
    store.#size = scan.goodSize;
    return store;
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
    const prior = log.byKey.get(draft.key);
    if (prior) return this.#whenDurable(log, prior.seq).then(() => ({ status: 'duplicate', event: prior }));
    if (log.events.length !== expectedSeq) return Promise.resolve({ status: 'conflict', currentSeq: log.events.length });

    const record = { seq: 0, ...draft };
    record.seq = expectedSeq + 1;
    const line = JSON.stringify(record);
    // What memory holds must equal what a reopen reads back (no undefined fields, no shared objects).
    const event = deepFreeze(JSON.parse(line) as WorkshopEvent);
    log.events.push(event);
    log.byKey.set(event.key, event);

    const written = new Promise<void>((resolve, reject) => this.#queue.push({ line, event, log, resolve, reject }));
    log.lastWrite = written.catch(() => undefined);
    this.#scheduleFlush();
    return written.then(() => ({ status: 'appended', event }));
  }

  async read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]> {
    const log = await this.#settled(storeId);
    if (!log) return [];
    const from = Math.max(0, Math.floor(afterSeq));
    const to = limit === undefined ? log.durable : Math.min(log.durable, from + Math.max(0, Math.floor(limit)));
    return from >= to ? [] : log.events.slice(from, to);
  }

  async findByKey(storeId: string, key: string): Promise<WorkshopEvent | undefined> {
    const log = await this.#settled(storeId);
    const event = log?.byKey.get(key);
    return event && event.seq <= log!.durable ? event : undefined;
  }

  async lastSeq(storeId: string): Promise<number> {
    return (await this.#settled(storeId))?.durable ?? 0;
  }

  async storeIds(): Promise<string[]> {
    this.#throwIfClosed();
    return [...this.#logs].filter(([, log]) => log.durable > 0).map(([id]) => id).sort();
  }

  async saveSnapshot(storeId: string, snapshot: StoreSnapshot): Promise<void> {
    this.#throwIfClosed();
    const file = this.#snapshotPath(storeId);
    // Saves of one store run one after another, each at least as new as the one before, so an
    // older fold never replaces a newer one.
    const previous = this.#snapshotSaves.get(storeId);
    if (previous && snapshot.seq < previous.seq) return;
    const tag = `${process.pid}-${++this.#tmpCounter}`;
    const done = (previous?.done ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => writeFileAtomically(file, JSON.stringify(snapshot), tag));
    this.#snapshotSaves.set(storeId, { seq: snapshot.seq, done });
    await done;
  }

  async loadSnapshot(storeId: string): Promise<StoreSnapshot | undefined> {
    const log = await this.#settled(storeId);
    const file = this.#snapshotPath(storeId);
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (text === undefined) return undefined;
    const snapshot = parseSnapshot(text, file);
    const lastSeq = log?.durable ?? 0;
    if (snapshot.seq > lastSeq) {
      // Restoring it would skip events the journal no longer has; replaying the journal is the truth.
      this.log.warn({ file, snapshotSeq: snapshot.seq, lastSeq }, 'snapshot is ahead of the journal; ignoring it');
      return undefined;
    }
    return snapshot;
  }

  async status(): Promise<StoreStatus> {
    const problem = this.#refusal();
    if (problem) return { kind: 'embedded', ok: false, detail: problem.message };
    let events = 0;
    for (const log of this.#logs.values()) events += log.durable;
    return { kind: 'embedded', ok: true, detail: `${this.journalPath}: ${events} events in ${this.#logs.size} stores` };
  }

  /** Waits for appends in flight to reach the disk, then closes the journal. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#flushRun) await this.#flushRun;
      await Promise.all([...this.#snapshotSaves.values()].map((s) => s.done.catch(() => undefined)));
      await this.fh.close();
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
      const bytes = Buffer.from(batch.map((p) => `${p.line}\n`).join(''), 'utf8');
      const started = performance.now();
      try {
        await writeAll(this.fh, bytes);
        await this.fh.datasync();
      } catch (err) {
        await this.#fail(err, batch);
        break;
      }
      // Every action waits for its write; a slow one holds up all acknowledged with it. The time
      // includes waiting for this process's threads to run, so a starved CPU shows here too.
      const ms = performance.now() - started;
      if (ms >= SLOW_WRITE_MS) this.log.warn({ ms: Math.round(ms), events: batch.length, bytes: bytes.length }, 'journal: a write + fdatasync took long (slow disk, or this process short of CPU)');
      this.#size += bytes.length;
      for (const p of batch) p.log.durable = p.event.seq;
      for (const p of batch) p.resolve();
    }
    // Cleared with no await after the emptiness check, so a new append always finds either a
    // running loop that will take it or no loop and starts one.
    this.#flushRun = undefined;
  }

  /**
   * After a failed write or fsync the kernel's view of the file cannot be trusted (fsync may
   * have dropped the dirty pages), so every waiting append fails and the store refuses new
   * ones until it is reopened, which re-reads what really reached the disk.
   */
  async #fail(err: unknown, batch: PendingWrite[]): Promise<void> {
    const pending = [...batch, ...this.#queue];
    this.#queue = [];
    this.#failure = new StoreUnavailableError(
      `Journal ${this.journalPath}: a write failed (${(err as Error)?.message ?? err}); appends are refused until the store is reopened`,
      { cause: err },
    );
    this.log.error({ err, file: this.journalPath, lost: pending.length }, 'journal write failed');
    for (const log of new Set(pending.map((p) => p.log))) {
      for (const event of log.events.slice(log.durable)) log.byKey.delete(event.key);
      log.events.length = log.durable;
    }
    await this.fh.truncate(this.#size).catch(() => undefined);
    for (const p of pending) p.reject(this.#failure);
  }

  async #settled(storeId: string): Promise<StoreLog | undefined> {
    this.#throwIfClosed();
    const log = this.#logOf(storeId, false);
    // Reads wait for appends already accepted, so a caller told "conflict" can then read the winner.
    if (log && log.events.length > log.durable) await log.lastWrite;
    return log;
  }

  async #whenDurable(log: StoreLog, seq: number): Promise<void> {
    if (seq <= log.durable) return;
    await log.lastWrite;
    if (seq > log.durable) throw this.#failure ?? new StoreUnavailableError('the journal write for this event did not complete');
  }

  #logOf(storeId: string, create: boolean): StoreLog | undefined {
    let log = this.#logs.get(storeId);
    if (!log && create) {
      log = { events: [], durable: 0, byKey: new Map() };
      this.#logs.set(storeId, log);
    }
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

function checkDraft(draft: EventDraft, expectedSeq: number): void {
  if (!IdSchema.safeParse(draft.storeId).success) throw new Error(`append: "${draft.storeId}" is not a valid store id`);
  if (!IdempotencyKeySchema.safeParse(draft.key).success) throw new Error(`append: "${draft.key}" is not a valid idempotency key`);
  if (!Number.isInteger(expectedSeq) || expectedSeq < 0) throw new Error(`append: expectedSeq must be a whole number ≥ 0, not ${expectedSeq}`);
}

/**
 * Replays the journal into `logs`, reading it in chunks. Returns how many bytes are good; a
 * torn last line (no newline, or not JSON) is reported for the caller to cut off.
 */
async function scanJournal(path: string, logs: Map<string, StoreLog>) {
  const fh = await open(path, 'r');
  let lineNo = 0;
  let lineStart = 0;
  let carry: Buffer[] = [];
  let unreadable: { line: number; offset: number; reason: string } | undefined;
  let size = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(READ_CHUNK);
      const { bytesRead } = await fh.read(chunk, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      const view = chunk.subarray(0, bytesRead);
      let start = 0;
      for (let nl = view.indexOf(10, start); nl !== -1; nl = view.indexOf(10, start)) {
        const piece = view.subarray(start, nl);
        const bytes = carry.length ? Buffer.concat([...carry, piece]) : piece;
        carry = [];
        lineNo++;
        // An unreadable line followed by another one is not a crash artefact: refuse to guess.
        if (unreadable) throw new JournalCorruptError(path, unreadable.line, unreadable.reason);
        let record: unknown;
        try {
          record = JSON.parse(bytes.toString('utf8'));
        } catch (err) {
          unreadable = { line: lineNo, offset: lineStart, reason: `not JSON (${(err as Error).message})` };
        }
        if (!unreadable) loadRecord(record, logs, path, lineNo);
        lineStart += bytes.length + 1;
        start = nl + 1;
      }
      if (start < bytesRead) carry.push(Buffer.from(view.subarray(start)));
    }
  } finally {
    await fh.close();
  }
  const tailBytes = carry.reduce((n, b) => n + b.length, 0);
  if (tailBytes > 0) {
    if (unreadable) throw new JournalCorruptError(path, unreadable.line, unreadable.reason);
    return { size, goodSize: lineStart, torn: { file: path, line: lineNo + 1, droppedBytes: tailBytes } };
  }
  if (unreadable)
    return { size, goodSize: unreadable.offset, torn: { file: path, line: unreadable.line, droppedBytes: size - unreadable.offset } };
  return { size, goodSize: size, torn: undefined };
}

function loadRecord(record: unknown, logs: Map<string, StoreLog>, path: string, line: number): void {
  const fail = (reason: string) => new JournalCorruptError(path, line, reason);
  if (typeof record !== 'object' || record === null) throw fail('not an event object');
  const { seq, storeId, key } = record as Partial<WorkshopEvent>;
  if (typeof storeId !== 'string' || !IdSchema.safeParse(storeId).success) throw fail(`bad storeId ${JSON.stringify(storeId)}`);
  if (typeof key !== 'string') throw fail('the event has no idempotency key');
  let log = logs.get(storeId);
  if (!log) logs.set(storeId, (log = { events: [], durable: 0, byKey: new Map() }));
  if (seq !== log.events.length + 1) throw fail(`store ${storeId}: seq ${seq} does not follow ${log.events.length}`);
  if (log.byKey.has(key)) throw fail(`store ${storeId}: idempotency key ${key} was already used by seq ${log.byKey.get(key)!.seq}`);
  const event = deepFreeze(record as WorkshopEvent);
  log.events.push(event);
  log.byKey.set(key, event);
  log.durable = seq;
}

function parseSnapshot(text: string, file: string): StoreSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`Snapshot ${file} is not JSON: ${(err as Error).message}`);
  }
  const s = value as Partial<StoreSnapshot> | null;
  if (!s || !Number.isInteger(s.seq) || !Array.isArray(s.ros) || !Array.isArray(s.appointments))
    throw new Error(`Snapshot ${file} lacks seq, ros or appointments`);
  return s as StoreSnapshot;
}

async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/** tmp file + fsync + rename + fsync of the folder: readers see the old file or the new one, whole. */
async function writeFileAtomically(file: string, text: string, tag: string): Promise<void> {
  const tmp = `${file}.tmp-${tag}`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(join(file, '..'));
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Temp files left by a crash during a snapshot save. */
async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) if (name.includes('.json.tmp-')) await rm(join(dir, name), { force: true });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

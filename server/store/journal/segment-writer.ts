import { createHash, type Hash } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../log';
import {
  CHAIN_START,
  FORMAT,
  INDEX,
  encodeChecked,
  encodeLine,
  headerRecord,
  journalDir,
  laterAt,
  link,
  parseLine,
  segmentName,
  type JournalIndex,
  type SegmentInfo,
} from './format';
import { hashFile, readLines } from './scan';

/**
 * How the journal opens its files; tests pass one that fails on demand (a full disk).
 * `'a-dsync'` appends with O_DSYNC: each write returns once it is on disk, as write + fdatasync would.
 */
export type OpenFile = (path: string, flags: 'a' | 'a-dsync' | 'wx' | 'w') => Promise<FileHandle>;
const APPEND_DSYNC = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC;
export const openFileDefault: OpenFile = (path, flags) => open(path, flags === 'a-dsync' ? APPEND_DSYNC : flags);

/** A full disk can take a small write and refuse the next big one: the probe asks for this much. */
const PROBE_BYTES = 64 * 1024;

export interface WriteLine {
  json: string;
  storeId: string;
  seq: number;
  /** The event's `at` in epoch ms (Infinity when it has none readable), for the segment's maxAt. */
  at: number;
}

/** The UTC calendar day of an epoch-ms time, `2026-12-06`: the unit of day rotation. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface SegmentWriterOptions {
  segmentBytes: number;
  openFile: OpenFile;
  log: Logger;
  migratedFrom?: JournalIndex['migratedFrom'];
  /** Kept in index.json as found (see JournalIndex). */
  erasures?: JournalIndex['erasures'];
  /** The clock of segment headers and of day rotation (default Date.now). */
  now?: () => number;
}

/**
 * Owns the active segment: appends lines with their chain, rotates to a new segment by size and
 * at the first append of a new UTC day (so a segment holds one day's events: the unit to archive
 * or prune), keeps the per-segment index (in memory, and checkpointed to index.json), and after
 * a failed write cuts the file back to its last durable size.
 */
export class SegmentWriter {
  #indexing: Promise<void> = Promise.resolve();
  readonly #now: () => number;
  /** The active segment opened with O_DSYNC, for the appends alone (see #writeDurably). */
  #durable: { path: string; fh: FileHandle } | undefined;

  constructor(
    readonly dataDir: string,
    /** Every segment, oldest first; the last is the active one. Only durable lines are counted. */
    readonly segments: SegmentInfo[],
    public tip: string,
    private fh: FileHandle,
    private readonly options: SegmentWriterOptions,
    /** The UTC day the active segment's events belong to: its header's, or its first event's when that came later. */
    private day: string,
    /** sha256 of the active segment's durable bytes so far: its digest once sealed. */
    private hash: Hash,
  ) {
    this.#now = options.now ?? Date.now;
  }

  static async open(dataDir: string, segments: SegmentInfo[], tip: string, options: SegmentWriterOptions): Promise<SegmentWriter> {
    const path = join(journalDir(dataDir), segments.at(-1)!.name);
    const day = (await headerDay(path)) ?? utcDay((options.now ?? Date.now)());
    const { hash } = await hashFile(path, segments.at(-1)!.bytes);
    const fh = await options.openFile(path, 'a');
    return new SegmentWriter(dataDir, segments, tip, fh, options, day, hash);
  }

  get active(): SegmentInfo {
    return this.segments.at(-1)!;
  }

  get activePath(): string {
    return join(journalDir(this.dataDir), this.active.name);
  }

  /**
   * Writes the lines (rotating first when the active segment is full) durably — O_DSYNC, as
   * good as write + fdatasync — and returns each line's chain. On failure nothing is left behind: the file is cut back and `tip` is unchanged.
   */
  async write(lines: WriteLine[]): Promise<string[]> {
    if (this.#mustRotate()) await this.#rotate();
    let chain = this.tip;
    const chains: string[] = [];
    let text = '';
    for (const line of lines) {
      chain = link(chain, line.json);
      chains.push(chain);
      text += encodeLine(chain, line.json);
    }
    const bytes = Buffer.from(text, 'utf8');
    try {
      await this.#writeDurably(bytes);
    } catch (err) {
      await this.#closeDurable();
      // fsync may have dropped dirty pages: cut back to what was durable before this write.
      await this.fh.truncate(this.active.bytes).catch(() => undefined);
      throw err;
    }
    this.hash.update(bytes);
    const active = this.active;
    active.bytes += bytes.length;
    active.lines += lines.length;
    active.endChain = chain;
    for (const { storeId, seq, at } of lines) {
      const range = active.stores[storeId];
      if (range) range[1] = seq;
      else active.stores[storeId] = [seq, seq];
      active.maxAt = laterAt(active.maxAt, at);
    }
    this.tip = chain;
    return chains;
  }

  /**
   * After a failed write: reopen the active segment, cut it to its durable size, and check that
   * a write of some size goes through again. Throws while the disk still refuses.
   */
  async probe(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    // A rotation that failed half-way may have left the next segment's file.
    await rm(join(journalDir(this.dataDir), segmentName(this.segments.length + 1)), { force: true });
    this.fh = await this.options.openFile(this.activePath, 'a');
    await this.fh.truncate(this.active.bytes);
    await this.fh.datasync();
    const { size } = await this.fh.stat();
    if (size !== this.active.bytes) throw new Error(`the active segment is ${size} bytes after cutting it to ${this.active.bytes}`);
    const probe = join(journalDir(this.dataDir), '.probe');
    const fh = await this.options.openFile(probe, 'w');
    try {
      await writeAll(fh, Buffer.alloc(PROBE_BYTES));
      await fh.datasync();
    } finally {
      await fh.close();
      await rm(probe, { force: true });
    }
  }

  /** Writes index.json from what is durable now (one write at a time; a failure is logged, not fatal). */
  checkpoint(): Promise<void> {
    const index: JournalIndex = {
      format: FORMAT,
      segments: structuredClone(this.segments),
      migratedFrom: this.options.migratedFrom,
      ...(this.options.erasures?.length ? { erasures: this.options.erasures } : {}),
    };
    this.#indexing = this.#indexing
      .then(() => writeIndex(this.dataDir, index))
      .catch((err: unknown) => {
        this.options.log.warn({ err }, 'journal: index.json not updated (it only lags: the journal itself is intact)');
      });
    return this.#indexing;
  }

  async close(): Promise<void> {
    await this.checkpoint();
    await this.#closeDurable();
    await this.fh.close().catch(() => undefined);
  }

  /**
   * Full, or holding events of an earlier UTC day. A segment with no events yet takes the next
   * ones whatever their day (no empty segment is sealed for days without appends); only a new
   * data dir can have one, and after a restart it counts as its header's day again, so it may be
   * sealed one day early: harmless.
   */
  #mustRotate(): boolean {
    const today = utcDay(this.#now());
    if (this.active.lines <= 1) {
      this.day = today;
      return false;
    }
    return this.active.bytes >= this.options.segmentBytes || today !== this.day;
  }

  /**
   * Appends `bytes` to the active segment and returns once they are on disk. The handle is
   * opened with O_DSYNC, so each write is a write + fdatasync in one call: one trip through
   * libuv's thread pool per group commit instead of two, which every action waits for. It is
   * (re)opened on first use, after a rotation (the path changed) and after a failure.
   */
  async #writeDurably(bytes: Buffer): Promise<void> {
    const path = this.activePath;
    if (this.#durable?.path !== path) {
      await this.#closeDurable();
      this.#durable = { path, fh: await this.options.openFile(path, 'a-dsync') };
    }
    await writeAll(this.#durable.fh, bytes);
  }

  async #closeDurable(): Promise<void> {
    const durable = this.#durable;
    this.#durable = undefined;
    await durable?.fh.close().catch(() => undefined);
  }

  async #rotate(): Promise<void> {
    const n = this.segments.length + 1;
    const path = join(journalDir(this.dataDir), segmentName(n));
    const now = this.#now();
    const json = JSON.stringify(headerRecord(n, new Date(now).toISOString()));
    const chain = link(this.tip, json);
    const line = Buffer.from(encodeLine(chain, json), 'utf8');
    const fh = await this.options.openFile(path, 'wx');
    try {
      await writeAll(fh, line);
      await fh.datasync();
      await syncDir(journalDir(this.dataDir));
    } catch (err) {
      await fh.close().catch(() => undefined);
      await rm(path, { force: true });
      throw err;
    }
    await this.fh.close().catch(() => undefined);
    this.fh = fh;
    this.active.sealed = true;
    this.active.digest = this.hash.digest('hex');
    this.hash = createHash('sha256').update(line);
    this.segments.push({ name: segmentName(n), lines: 1, bytes: line.length, startChain: this.tip, endChain: chain, stores: {}, sealed: false, maxAt: 0 });
    this.tip = chain;
    this.day = utcDay(now);
    void this.checkpoint();
  }
}

/** The UTC day in a segment's header line (undefined when it has none readable). */
async function headerDay(path: string): Promise<string | undefined> {
  for await (const line of readLines(path, 4096)) {
    const parsed = parseLine(line.text);
    const ms = parsed.ok && typeof parsed.record.createdAt === 'string' ? Date.parse(parsed.record.createdAt) : NaN;
    return Number.isFinite(ms) ? utcDay(ms) : undefined;
  }
  return undefined;
}

/**
 * Writes a complete journal folder (segments + index.json) into `target` atomically: built in
 * `<target>.new`, fsync'd, then renamed. Used for a new data dir (no records) and a migration.
 */
export async function writeJournalDir(
  dataDir: string,
  records: AsyncIterable<{ json: string; storeId: string; seq: number }>,
  options: { segmentBytes: number; migratedFrom?: JournalIndex['migratedFrom']; now?: () => number },
): Promise<void> {
  const target = journalDir(dataDir);
  const building = `${target}.new`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  const segments: SegmentInfo[] = [];
  let tip = CHAIN_START;
  let fh: FileHandle | undefined;
  let pending = '';
  const flush = async () => {
    if (pending) await writeAll(fh!, Buffer.from(pending, 'utf8'));
    pending = '';
  };
  const startSegment = async () => {
    if (fh) {
      await flush();
      await fh.sync();
      await fh.close();
      segments.at(-1)!.sealed = true;
    }
    const n = segments.length + 1;
    fh = await open(join(building, segmentName(n)), 'wx');
    const json = JSON.stringify(headerRecord(n, new Date((options.now ?? Date.now)()).toISOString()));
    const chain = link(tip, json);
    const line = encodeLine(chain, json);
    pending += line;
    segments.push({ name: segmentName(n), lines: 1, bytes: Buffer.byteLength(line), startChain: tip, endChain: chain, stores: {}, sealed: false });
    tip = chain;
  };
  try {
    await startSegment();
    for await (const r of records) {
      if (segments.at(-1)!.bytes >= options.segmentBytes && segments.at(-1)!.lines > 1) await startSegment();
      const info = segments.at(-1)!;
      tip = link(tip, r.json);
      const line = encodeLine(tip, r.json);
      pending += line;
      if (pending.length > 1 << 20) await flush();
      info.lines++;
      info.bytes += Buffer.byteLength(line);
      info.endChain = tip;
      const range = info.stores[r.storeId];
      if (range) range[1] = r.seq;
      else info.stores[r.storeId] = [r.seq, r.seq];
    }
    await flush();
    await fh!.sync();
  } catch (err) {
    await fh?.close().catch(() => undefined);
    fh = undefined;
    await rm(building, { recursive: true, force: true });
    throw err;
  } finally {
    await fh?.close();
  }
  await writeIndex(dataDir, { format: FORMAT, segments, migratedFrom: options.migratedFrom }, building);
  await syncDir(building);
  await rename(building, target);
  await syncDir(dataDir);
}

/** index.json, written atomically (tmp + fsync + rename + fsync of the folder). */
export async function writeIndex(dataDir: string, index: JournalIndex, dir = journalDir(dataDir)): Promise<void> {
  await writeFileAtomically(join(dir, INDEX), encodeChecked(index), 'index');
}

export async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/** tmp file + fsync + rename + fsync of the folder: readers see the old file or the new one, whole. */
export async function writeFileAtomically(file: string, text: string, tag: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${tag}`;
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

export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

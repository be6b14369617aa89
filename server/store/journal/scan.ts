import { createHash, type Hash } from 'node:crypto';
import { open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CHAIN_START,
  INDEX,
  JournalCorruptError,
  SNAPSHOTS,
  atMs,
  decodeChecked,
  journalDir,
  laterAt,
  link,
  parseLine,
  segmentName,
  segmentNumber,
  type JournalIndex,
  type SegmentInfo,
  type SnapshotHeader,
} from './format';

const READ_CHUNK = 1 << 20;
/** A header line is well under this. */
const HEADER_BYTES = 4096;

export interface Line {
  /** Without the newline. */
  text: string;
  /** 1-based within the file. */
  lineNo: number;
  /** Byte offset of the line's start. */
  offset: number;
  /** Bytes including the newline (when there is one). */
  bytes: number;
  /** False for a last piece that has no newline. */
  complete: boolean;
}

/** Streams a file's lines in 1 MiB chunks; only the first `maxBytes` when given. `onChunk` sees every byte read. */
export async function* readLines(path: string, maxBytes = Infinity, onChunk?: (bytes: Buffer) => void): AsyncGenerator<Line> {
  const fh = await open(path, 'r');
  try {
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let position = 0;
    let lineNo = 0;
    let offset = 0;
    while (position < maxBytes) {
      const want = Math.min(READ_CHUNK, maxBytes - position);
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(chunk, 0, want, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const view = chunk.subarray(0, bytesRead);
      onChunk?.(view);
      let start = 0;
      for (let nl = view.indexOf(10, start); nl !== -1; nl = view.indexOf(10, start)) {
        const piece = view.subarray(start, nl);
        const bytes = carry.length ? Buffer.concat([...carry, piece]) : piece;
        carry = [];
        carryBytes = 0;
        yield { text: bytes.toString('utf8'), lineNo: ++lineNo, offset, bytes: bytes.length + 1, complete: true };
        offset += bytes.length + 1;
        start = nl + 1;
      }
      if (start < bytesRead) {
        carry.push(Buffer.from(view.subarray(start)));
        carryBytes += bytesRead - start;
      }
    }
    if (carryBytes > 0) yield { text: Buffer.concat(carry).toString('utf8'), lineNo: ++lineNo, offset, bytes: carryBytes, complete: false };
  } finally {
    await fh.close();
  }
}

/** sha256 of a file's first `maxBytes` (all of it by default), streamed; no line is parsed. */
export async function hashFile(path: string, maxBytes = Infinity, hash: Hash = createHash('sha256')): Promise<{ hash: Hash; bytes: number }> {
  const fh = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    let bytes = 0;
    while (bytes < maxBytes) {
      const { bytesRead } = await fh.read(chunk, 0, Math.min(READ_CHUNK, maxBytes - bytes), bytes);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { hash, bytes };
  } finally {
    await fh.close();
  }
}

/** One event as the scan hands it over: its parsed record and where it sits. */
export interface ScannedEvent {
  record: Record<string, unknown>;
  storeId: string;
  seq: number;
  key: string;
  chain: string;
  /** Index into the scan's segments. */
  segment: number;
}

/** A last line that never finished (crash mid-write): it was never acknowledged. */
export interface TornTail {
  file: string;
  line: number;
  offset: number;
  droppedBytes: number;
}

export interface ScanResult {
  index: JournalIndex;
  /** What the segment files really hold (torn tail excluded). */
  segments: SegmentInfo[];
  tip: string;
  lastSeqs: Map<string, number>;
  events: number;
  bytes: number;
  torn?: TornTail;
  snapshots: Map<string, SnapshotHeader & { file: string }>;
  /** Sealed segments taken by their digest, lines unread (open only). */
  skipped: number;
  /** Sealed segments whose recorded length or digest no longer matched, so every line was checked (open only). */
  rechecked: { file: string; reason: string }[];
}

export interface ScanOptions {
  /**
   * Open's check. A sealed segment whose length and sha256 match what index.json recorded when
   * it was sealed is the file whose every line was checked then: its lines are not read unless
   * a store's fold reaches into it (it holds the seq of the store's snapshot or later; every seq
   * of a store without one) or the idempotency window does (an event at or after `cutoff`).
   * Its header line is still checked to continue the chain, and its seq ranges to follow on.
   * Without this (verify, repair, backup) every line of every segment is checked.
   */
  trustDigests?: { cutoff: number };
  /** Called for each segment taken by its digest, in journal order among the events. */
  onSkipped?: (segment: SegmentInfo) => void;
}

/** Reads and checks index.json; throws JournalCorruptError when it is missing or damaged. */
export async function readIndex(dataDir: string): Promise<JournalIndex> {
  const file = join(journalDir(dataDir), INDEX);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (text === undefined)
    throw new JournalCorruptError(file, 1, 'the segment index is missing (it is written with the first segment, so something removed it)', 0, 'index');
  const decoded = decodeChecked(text);
  if (!decoded.ok) throw new JournalCorruptError(file, 1, decoded.reason, 0, 'index');
  const index = decoded.header as unknown as JournalIndex;
  if (!Array.isArray(index.segments)) throw new JournalCorruptError(file, 1, 'it lists no segments', 0, 'index');
  return index;
}

/** Reads and checks every snapshot's header; the snapshot bodies stay unread. */
export async function readSnapshotHeaders(dataDir: string): Promise<Map<string, SnapshotHeader & { file: string }>> {
  const dir = join(dataDir, SNAPSHOTS);
  const found = new Map<string, SnapshotHeader & { file: string }>();
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const decoded = decodeChecked(await readFile(file, 'utf8'));
    if (!decoded.ok) throw new JournalCorruptError(file, 1, `snapshot: ${decoded.reason}`, 0, 'snapshot');
    const header = decoded.header as unknown as SnapshotHeader;
    if (header.storeId !== name.slice(0, -5) || !Number.isInteger(header.seq) || typeof header.chain !== 'string')
      throw new JournalCorruptError(file, 1, 'snapshot: its header does not name this store, a seq and a chain', 0, 'snapshot');
    found.set(header.storeId, { ...header, file });
  }
  return found;
}

export async function listSegments(dataDir: string): Promise<string[]> {
  const names = await readdir(journalDir(dataDir)).catch(() => [] as string[]);
  return names.filter((n) => segmentNumber(n) !== undefined).sort((a, b) => segmentNumber(a)! - segmentNumber(b)!);
}

/**
 * Reads the journal once, streaming, and checks everything it can: every line's chain,
 * per-store seqs without gap or repeat, that the files reach what index.json and every snapshot
 * prove was written, and each snapshot's chain at its seq. Only a torn last line is tolerated
 * (returned as `torn`). `onEvent` sees every event read, in journal order. With
 * `options.trustDigests` (open), sealed segments that still match their recorded digest and that
 * no fold or idempotency window reaches are taken by that digest instead (see ScanOptions).
 */
export async function scanJournal(dataDir: string, onEvent?: (e: ScannedEvent) => void, options: ScanOptions = {}): Promise<ScanResult> {
  const dir = journalDir(dataDir);
  const indexFile = join(dir, INDEX);
  const index = await readIndex(dataDir);
  const snapshots = await readSnapshotHeaders(dataDir);
  const names = await listSegments(dataDir);
  index.segments.forEach((s, i) => {
    if (names[i] !== s.name)
      throw new JournalCorruptError(join(dir, s.name), 1, `this segment is missing (${INDEX} lists it as segment ${i + 1})`, 0, 'proof', indexFile);
  });
  names.forEach((name, i) => {
    if (segmentNumber(name) !== i + 1) throw new JournalCorruptError(join(dir, name), 1, `segments are not numbered 1, 2, 3… (expected ${segmentName(i + 1)})`);
  });

  const lastSeqs = new Map<string, number>();
  const segments: SegmentInfo[] = [];
  const rechecked: ScanResult['rechecked'] = [];
  let tip = CHAIN_START;
  let events = 0;
  let bytes = 0;
  let skipped = 0;
  let torn: TornTail | undefined;
  for (const [i, name] of names.entries()) {
    const file = join(dir, name);
    const isLast = i === names.length - 1;
    const proven = index.segments[i];
    // Sealed for certain: index.json also lists the segment after it, so its rotation completed.
    const sealedDigest = !isLast && proven?.sealed && index.segments[i + 1] && typeof proven.digest === 'string' ? proven.digest : undefined;
    if (options.trustDigests && sealedDigest && !linesNeeded(proven, snapshots, options.trustDigests.cutoff)) {
      const mismatch = await digestMismatch(file, proven, sealedDigest);
      if (!mismatch) {
        await checkHeader(file, i, tip, names);
        if (proven.startChain !== tip)
          throw new JournalCorruptError(
            indexFile,
            1,
            `${name}: recorded to start at chain ${proven.startChain}, but the segment before ends at ${tip}`,
            0,
            'index',
          );
        for (const [storeId, [first, last]] of Object.entries(proven.stores)) {
          const before = lastSeqs.get(storeId) ?? 0;
          if (first !== before + 1 || last < first)
            throw new JournalCorruptError(
              indexFile,
              1,
              `${name}: recorded to hold seq ${first}–${last} of store ${storeId}, which does not follow ${before}`,
              0,
              'index',
            );
          lastSeqs.set(storeId, last);
          events += last - first + 1;
        }
        const info: SegmentInfo = structuredClone(proven);
        options.onSkipped?.(info);
        segments.push(info);
        tip = info.endChain;
        bytes += info.bytes;
        skipped++;
        continue;
      }
      rechecked.push({ file, reason: mismatch });
    }

    const info: SegmentInfo = { name, lines: 0, bytes: 0, startChain: tip, endChain: tip, stores: {}, sealed: !isLast, maxAt: 0 };
    const hash = isLast ? undefined : createHash('sha256');
    let bad: { line: Line; reason: string } | undefined;
    for await (const line of readLines(file, Infinity, hash && ((chunk) => hash.update(chunk)))) {
      // An unreadable line with more after it is not a crash artefact: refuse to guess.
      if (bad) throw new JournalCorruptError(file, bad.line.lineNo, bad.reason, bad.line.offset);
      const parsed = parseLine(line.text);
      if (!line.complete || !parsed.ok) {
        bad = { line, reason: !line.complete ? 'the line has no newline (cut short)' : (parsed as { reason: string }).reason };
        continue;
      }
      const fail = (reason: string) => new JournalCorruptError(file, line.lineNo, reason, line.offset);
      const { record } = parsed;
      const chain = link(tip, parsed.json);
      if (line.lineNo === 1) {
        if (record.journal !== 'transparent-workshop' || record.segment !== i + 1) throw fail(`the first line is not the header of segment ${i + 1}`);
        if (chain !== parsed.chain) throw fail(headerMismatch(i, names));
      } else {
        const { storeId, seq, key } = record;
        if (typeof storeId !== 'string' || !storeId) throw fail('the record has no storeId');
        if (!Number.isInteger(seq)) throw fail(`store ${storeId}: the record has no whole-number seq`);
        if (typeof key !== 'string') throw fail(`store ${storeId}: seq ${seq} has no idempotency key`);
        const last = lastSeqs.get(storeId) ?? 0;
        if (seq !== last + 1)
          throw fail(
            `store ${storeId}: seq ${seq} does not follow ${last} (${(seq as number) <= last ? 'a repeat' : `seq ${last + 1}–${(seq as number) - 1} missing`})`,
          );
        if (chain !== parsed.chain) throw fail('checksum mismatch: this line was changed, or a line before it was removed or changed');
        lastSeqs.set(storeId, seq as number);
        const range = info.stores[storeId];
        if (range) range[1] = seq as number;
        else info.stores[storeId] = [seq as number, seq as number];
        info.maxAt = laterAt(info.maxAt, atMs(record, Infinity));
        const snap = snapshots.get(storeId);
        if (snap && snap.seq === seq && snap.chain !== chain)
          throw new JournalCorruptError(
            snap.file,
            1,
            `snapshot: taken at seq ${seq}, but the journal's chain at that seq (${file} line ${line.lineNo}) is ${chain}, not ${snap.chain}: the snapshot or the journal was changed`,
            0,
            'snapshot',
          );
        events++;
        onEvent?.({ record, storeId, seq: seq as number, key, chain, segment: i });
      }
      tip = chain;
      info.lines = line.lineNo;
      info.bytes += line.bytes;
      info.endChain = chain;
      if (proven && line.lineNo === proven.lines && chain !== proven.endChain)
        throw new JournalCorruptError(
          file,
          line.lineNo,
          `checksum mismatch with ${INDEX}, which recorded chain ${proven.endChain} at this line`,
          line.offset,
          'proof',
          indexFile,
        );
    }
    if (bad) {
      if (!isLast) throw new JournalCorruptError(file, bad.line.lineNo, `${bad.reason}, and later segments follow`, bad.line.offset);
      torn = { file, line: bad.line.lineNo, offset: bad.line.offset, droppedBytes: bad.line.bytes };
    }
    if (proven && (info.lines < proven.lines || (proven.sealed && !isLast && info.lines !== proven.lines)))
      throw new JournalCorruptError(
        file,
        info.lines + 1,
        `the segment ends after ${info.lines} lines, but ${indexFile} recorded ${proven.lines} written to it (${describeMissing(proven, info)}): acknowledged events are missing`,
        info.bytes,
        'proof',
        indexFile,
      );
    // Every line of this sealed segment checked out: its digest lets the next open skip them.
    if (hash) info.digest = hash.digest('hex');
    segments.push(info);
    bytes += info.bytes;
  }
  for (const snap of snapshots.values()) {
    const last = lastSeqs.get(snap.storeId) ?? 0;
    if (snap.seq > last) {
      const lastSeg = segments.at(-1);
      const file = lastSeg ? join(dir, lastSeg.name) : indexFile;
      throw new JournalCorruptError(
        file,
        (lastSeg?.lines ?? 0) + 1,
        `the journal ends at seq ${last} of store ${snap.storeId}, but snapshot ${snap.file} proves seq ${snap.seq} was written: acknowledged events are missing`,
        lastSeg?.bytes ?? 0,
        'proof',
        snap.file,
      );
    }
  }
  return { index, segments, tip, lastSeqs, events, bytes, torn, snapshots, skipped, rechecked };
}

/**
 * Whether open must read a sealed segment's lines: a store's fold starts in it or after it (it
 * holds the store's snapshot seq or later, any seq of a store without a snapshot; the snapshot's
 * own seq is read to check its chain), or the idempotency window reaches into it.
 */
function linesNeeded(segment: SegmentInfo, snapshots: Map<string, SnapshotHeader>, cutoff: number): boolean {
  if (typeof segment.maxAt !== 'number' || segment.maxAt >= cutoff) return true;
  return Object.entries(segment.stores).some(([storeId, [, last]]) => last >= Math.max(1, snapshots.get(storeId)?.seq ?? 0));
}

/** Why a sealed segment is not the file that was sealed, or undefined when length and sha256 match. */
async function digestMismatch(file: string, recorded: SegmentInfo, digest: string): Promise<string | undefined> {
  const size = await stat(file).then((s) => s.size);
  if (size !== recorded.bytes) return `it is ${size} bytes, ${INDEX} recorded ${recorded.bytes} when it was sealed`;
  const { hash } = await hashFile(file);
  const found = hash.digest('hex');
  return found === digest ? undefined : `its sha256 is ${found}, ${INDEX} recorded ${digest} when it was sealed`;
}

/** The header line of a segment taken by its digest must still continue the chain before it. */
async function checkHeader(file: string, i: number, tip: string, names: string[]): Promise<void> {
  for await (const line of readLines(file, HEADER_BYTES)) {
    const parsed = parseLine(line.text);
    const fail = (reason: string) => new JournalCorruptError(file, 1, reason, 0);
    if (!line.complete || !parsed.ok || parsed.record.journal !== 'transparent-workshop' || parsed.record.segment !== i + 1)
      throw fail(`the first line is not the header of segment ${i + 1}`);
    if (link(tip, parsed.json) !== parsed.chain) throw fail(headerMismatch(i, names));
    return;
  }
  throw new JournalCorruptError(file, 1, `the first line is not the header of segment ${i + 1}`, 0);
}

const headerMismatch = (i: number, names: string[]) =>
  `checksum mismatch: the header does not continue the chain of the segment before (${i ? names[i - 1] : 'none'}); a segment was changed, removed or replaced`;

function describeMissing(proven: SegmentInfo, found: SegmentInfo): string {
  const parts = Object.entries(proven.stores)
    .map(([id, [, last]]) => [id, last - (found.stores[id]?.[1] ?? proven.stores[id][0] - 1)] as const)
    .filter(([, n]) => n > 0)
    .map(([id, n]) => `${id}: ${n}`);
  return parts.length ? `missing per store ${parts.join(', ')}` : 'its last lines are missing';
}

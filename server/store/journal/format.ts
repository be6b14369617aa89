/**
 * The journal's on-disk format, in one place.
 *
 *   DATA_DIR/journal/000001.ndjson …   segments, one line per record:  <chain> <json>\n
 *   DATA_DIR/journal/index.json         what each segment holds (stores, seq ranges, bytes, chain,
 *                                       latest event time, and once sealed the file's sha256)
 *   DATA_DIR/snapshots/<storeId>.json   <checksum> <header json>\n<snapshot json>
 *
 * `chain` is 16 hex digits: sha256(previous chain + the line's JSON bytes), so a line changed,
 * removed or moved anywhere breaks every chain value after it. The first line of every segment
 * is a header record (it has no storeId) that carries the chain over from the segment before.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const FORMAT = 1;
export const JOURNAL_DIR = 'journal';
export const INDEX = 'index.json';
export const SNAPSHOTS = 'snapshots';
export const LEGACY_JOURNAL = 'journal.ndjson';
export const LEGACY_MIGRATED = 'journal.ndjson.migrated-v0';
export const CHAIN_START = '0'.repeat(16);
const CHAIN_HEX = 16;

/**
 * What is wrong, for `repair`: a bad line of a segment (at `offset`), a journal shorter than
 * index.json or a snapshot proves (`related` names the snapshot), a damaged snapshot, or a
 * damaged index.
 */
export type CorruptionKind = 'line' | 'proof' | 'snapshot' | 'index';

/** Raised by `open` and `verify` when data on disk is not what was written: going on could lose events. */
export class JournalCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    readonly offset = 0,
    readonly kind: CorruptionKind = 'line',
    readonly related?: string,
  ) {
    super(
      `Journal ${file} is corrupt at line ${line}: ${reason}. ` +
        'The store will not open, so that no acknowledged event is lost or skipped. ' +
        'Run `npm run journal -- verify` for a report, then `npm run journal -- repair` ' +
        '(it keeps a copy of what it changes; add --cut-at-first-bad-line to drop everything from this line on). ' +
        'Pass --data-dir DIR when DATA_DIR is not ./data.',
    );
    this.name = 'JournalCorruptError';
  }
}

export const segmentName = (n: number) => `${String(n).padStart(6, '0')}.ndjson`;
export const segmentNumber = (name: string) => (/^\d{6,}\.ndjson$/.test(name) ? Number(name.slice(0, -7)) : undefined);
export const journalDir = (dataDir: string) => join(dataDir, JOURNAL_DIR);

export const link = (chain: string, json: string) => createHash('sha256').update(chain).update(json).digest('hex').slice(0, CHAIN_HEX);

export const checksum = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, CHAIN_HEX);

/** One journal line, newline included. */
export const encodeLine = (chain: string, json: string) => `${chain} ${json}\n`;

export type ParsedLine = { ok: true; chain: string; json: string; record: Record<string, unknown> } | { ok: false; reason: string };

/** Splits a line (without its newline) into chain and record; checks the shape, not the chain. */
export function parseLine(text: string): ParsedLine {
  if (text.length < CHAIN_HEX + 3 || text[CHAIN_HEX] !== ' ' || !/^[0-9a-f]+$/.test(text.slice(0, CHAIN_HEX)))
    return { ok: false, reason: 'not a journal line (expected 16 hex digits, a space and a JSON record)' };
  const json = text.slice(CHAIN_HEX + 1);
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch (err) {
    return { ok: false, reason: `not JSON (${(err as Error).message})` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { ok: false, reason: 'not a JSON object' };
  return { ok: true, chain: text.slice(0, CHAIN_HEX), json, record: record as Record<string, unknown> };
}

/** The first record of every segment. */
export interface SegmentHeader {
  journal: 'transparent-workshop';
  format: number;
  segment: number;
  createdAt: string;
}
export const headerRecord = (segment: number, createdAt: string): SegmentHeader => ({ journal: 'transparent-workshop', format: FORMAT, segment, createdAt });

/** What one segment holds; kept in memory for every segment and written to index.json. */
export interface SegmentInfo {
  name: string;
  /** Lines (header included) and bytes known durable. */
  lines: number;
  bytes: number;
  /** Chain before the header line, and after the last durable line. */
  startChain: string;
  endChain: string;
  /** storeId → [first seq, last seq] in this segment. */
  stores: Record<string, [number, number]>;
  sealed: boolean;
  /**
   * Latest `at` (epoch ms) of its events (0 before the first), or null when one has no readable
   * time (it then counts as now, as in the idempotency window). Absent in older indexes.
   */
  maxAt?: number | null;
  /**
   * sha256 (hex) of the whole file, set when the segment is sealed: a file that still has this
   * length and digest is byte for byte the one whose every line was checked when it was written.
   */
  digest?: string;
}

export interface JournalIndex {
  format: number;
  segments: SegmentInfo[];
  /** Set by a legacy migration: the file it came from and its size, so an interrupted one can finish. */
  migratedFrom?: { file: string; bytes: number; lines: number };
  /**
   * Each deliberate rewrite of the journal that erased personal data (`npm run privacy`), oldest
   * first: the chain and the sealed digests were computed afresh then, and this says so.
   */
  erasures?: ErasureEntry[];
}

/** One erasure of personal data: when, why and how much, per store. It names no customer. */
export interface ErasureEntry {
  at: string;
  reason: 'request' | 'expired';
  stores: Record<string, { repairOrders: number; appointments: number; events: number }>;
}

/**
 * A small file whose first line is `<checksum> <header json>` and the rest a payload; the
 * checksum covers both, so any edit is seen. Used for index.json and snapshots.
 */
export const encodeChecked = (header: object, payload = '') => {
  const json = JSON.stringify(header);
  return `${checksum(`${json}\n${payload}`)} ${json}\n${payload}`;
};

export function decodeChecked(text: string): { ok: true; header: Record<string, unknown>; payload: string } | { ok: false; reason: string } {
  const nl = text.indexOf('\n');
  if (nl < 0) return { ok: false, reason: 'no header line (this is not a checksummed file)' };
  const first = text.slice(0, nl);
  const payload = text.slice(nl + 1);
  const sum = first.slice(0, CHAIN_HEX);
  const json = first.slice(CHAIN_HEX + 1);
  if (first[CHAIN_HEX] !== ' ' || !/^[0-9a-f]{16}$/.test(sum)) return { ok: false, reason: 'no checksum on its first line (this is not a checksummed file)' };
  if (checksum(`${json}\n${payload}`) !== sum) return { ok: false, reason: 'its checksum does not match its content (the file was edited or damaged)' };
  try {
    return { ok: true, header: JSON.parse(json) as Record<string, unknown>, payload };
  } catch (err) {
    return { ok: false, reason: `its header is not JSON (${(err as Error).message})` };
  }
}

/** What a snapshot file's header records besides the opaque snapshot itself. */
export interface SnapshotHeader {
  format: number;
  storeId: string;
  seq: number;
  /** The journal's chain value after the line holding (storeId, seq). */
  chain: string;
}

/** A segment's maxAt after an event at `at` (Infinity: no readable time); an unknown maxAt stays unknown (null). */
export const laterAt = (maxAt: number | null | undefined, at: number): number | null =>
  maxAt === null || maxAt === undefined || !Number.isFinite(at) ? null : Math.max(maxAt, at);

/** `at` of a record as epoch ms; records without a readable one count as now. */
export const atMs = (record: { at?: unknown }, now: number) => {
  const ms = typeof record.at === 'string' ? Date.parse(record.at) : NaN;
  return Number.isFinite(ms) ? ms : now;
};

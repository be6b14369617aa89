/**
 * A deliberate rewrite of the whole journal, for erasing personal data (server/privacy): every
 * line is written again, some with a changed record, and the chain, each segment's length,
 * bytes and sealed sha256, index.json and every snapshot's chain are computed afresh, so the
 * result is a journal `open` and `verify` check like any other. index.json records the
 * erasure (when, why, how much) so a reader of the data dir can tell the rewrite was meant.
 *
 * Atomic by folders: the new `journal/` and `snapshots/` are built in `erasure.new/`, fsync'd,
 * marked READY, and only then swapped in; `settleErasure` (run by every open) finishes a swap a
 * crash interrupted, or drops a build that never got its READY. The old folders are deleted —
 * they hold what was erased. Segment boundaries, headers, seqs and envelopes are kept.
 *
 * The caller holds the data dir's lock: a server must not be appending meanwhile.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CHAIN_START,
  FORMAT,
  SNAPSHOTS,
  atMs,
  decodeChecked,
  encodeChecked,
  encodeLine,
  journalDir,
  laterAt,
  link,
  parseLine,
  JOURNAL_DIR,
  type ErasureEntry,
  type SegmentInfo,
} from './format';
import { readLines, scanJournal, type ScanResult } from './scan';
import { syncDir, writeAll, writeFileAtomically, writeIndex } from './segment-writer';

const STAGING = 'erasure.new';
const OLD = 'erasure.old';
const READY = 'READY';
const FOLDERS = [JOURNAL_DIR, SNAPSHOTS] as const;

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

type Data = Record<string, unknown>;

export interface JournalRewrite {
  /** The record to store instead, or undefined to keep the line's bytes as they are. */
  event(record: Data): Data | undefined;
  snapshot(storeId: string, snapshot: Data): Data | undefined;
  /** What index.json records of this rewrite; asked once every line is written (so it can count them). */
  erasure(): ErasureEntry;
}

export interface RewriteResult {
  events: number;
  segments: number;
  snapshots: number;
}

/**
 * Rewrites the journal of a locked data dir through `rewrite` (see the file's comment). `checked`:
 * a full scan the caller made under the same lock after settleErasure, so it need not be read twice.
 */
export async function rewriteJournal(dataDir: string, rewrite: JournalRewrite, checked?: ScanResult): Promise<RewriteResult> {
  if (!checked) await settleErasure(dataDir);
  // Only a sound journal is rewritten: a chain computed afresh over a damaged one would hide the damage.
  const scan = checked ?? (await scanJournal(dataDir));
  if (scan.torn)
    throw new Error(
      `${scan.torn.file} ends in a torn line (a crash mid-write); start and stop the server once, or run \`npm run journal -- repair\`, then erase again`,
    );
  const staging = join(dataDir, STAGING);
  await rm(staging, { recursive: true, force: true });
  const newJournal = join(staging, JOURNAL_DIR);
  await mkdir(newJournal, { recursive: true });
  await mkdir(join(staging, SNAPSHOTS));

  const chainAtSnapshot = new Map<string, string>();
  const segments: SegmentInfo[] = [];
  let tip = CHAIN_START;
  let events = 0;
  for (const [i, old] of scan.segments.entries()) {
    const sealed = i < scan.segments.length - 1;
    const info: SegmentInfo = { name: old.name, lines: 0, bytes: 0, startChain: tip, endChain: tip, stores: {}, sealed, maxAt: 0 };
    const hash = createHash('sha256');
    const fh = await open(join(newJournal, old.name), 'wx');
    try {
      let pending = '';
      const flush = async () => {
        if (!pending) return;
        const bytes = Buffer.from(pending, 'utf8');
        hash.update(bytes);
        await writeAll(fh, bytes);
        pending = '';
      };
      for await (const line of readLines(join(journalDir(dataDir), old.name), old.bytes)) {
        const parsed = parseLine(line.text);
        if (!parsed.ok) throw new Error(`journal: ${old.name} line ${line.lineNo} changed while it was being rewritten`);
        let json = parsed.json;
        if (line.lineNo > 1) {
          const changed = rewrite.event(parsed.record);
          if (changed) {
            json = JSON.stringify(changed);
            events++;
          }
          const { storeId, seq } = parsed.record as { storeId: string; seq: number };
          const range = info.stores[storeId];
          if (range) range[1] = seq;
          else info.stores[storeId] = [seq, seq];
          info.maxAt = laterAt(info.maxAt, atMs(parsed.record, Infinity));
          if (scan.snapshots.get(storeId)?.seq === seq) chainAtSnapshot.set(storeId, link(tip, json));
        }
        tip = link(tip, json);
        const text = encodeLine(tip, json);
        pending += text;
        info.lines++;
        info.bytes += Buffer.byteLength(text);
        if (pending.length > 1 << 20) await flush();
      }
      await flush();
      await fh.sync();
    } finally {
      await fh.close();
    }
    info.endChain = tip;
    if (sealed) info.digest = hash.digest('hex');
    segments.push(info);
  }
  const erasure = rewrite.erasure();
  const erasures = [...(scan.index.erasures ?? []), erasure];
  await writeIndex(dataDir, { format: FORMAT, segments, migratedFrom: scan.index.migratedFrom, erasures }, newJournal);
  await syncDir(newJournal);

  let snapshots = 0;
  for (const [storeId, header] of scan.snapshots) {
    const decoded = decodeChecked(await readFile(header.file, 'utf8'));
    if (!decoded.ok) throw new Error(`${header.file}: ${decoded.reason}`);
    const chain = header.seq === 0 ? CHAIN_START : chainAtSnapshot.get(storeId);
    if (!chain) throw new Error(`${header.file}: its seq ${header.seq} was not found in the journal while rewriting`);
    const changed = rewrite.snapshot(storeId, JSON.parse(decoded.payload) as Data);
    if (changed) snapshots++;
    await writeFileAtomically(
      join(staging, SNAPSHOTS, `${storeId}.json`),
      encodeChecked({ ...decoded.header, chain }, changed ? JSON.stringify(changed) : decoded.payload),
      'erasure',
    );
  }
  await syncDir(join(staging, SNAPSHOTS));
  await writeFileAtomically(join(staging, READY), `${JSON.stringify({ at: erasure.at })}\n`, 'ready');
  await syncDir(dataDir);
  await settleErasure(dataDir);
  return { events, segments: segments.length, snapshots };
}

/**
 * Finishes an erasure whose new folders are complete (READY): swaps them in, folder by folder,
 * in a way a crash at any step can repeat; drops one that is not; deletes the old folders.
 */
export async function settleErasure(dataDir: string): Promise<void> {
  const staging = join(dataDir, STAGING);
  const old = join(dataDir, OLD);
  if (await exists(staging)) {
    if (await exists(join(staging, READY))) {
      await mkdir(old, { recursive: true });
      for (const folder of FOLDERS) {
        if (!(await exists(join(staging, folder)))) continue;
        if (await exists(join(dataDir, folder))) {
          await rm(join(old, folder), { recursive: true, force: true });
          await rename(join(dataDir, folder), join(old, folder));
        }
        await rename(join(staging, folder), join(dataDir, folder));
        await syncDir(dataDir);
      }
    }
    await rm(staging, { recursive: true, force: true });
    await syncDir(dataDir);
  }
  if (await exists(old)) {
    await rm(old, { recursive: true, force: true });
    await syncDir(dataDir);
  }
}

/** Every file under `dir` (recursively), for the checks after an erasure. */
export async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

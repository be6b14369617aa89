/**
 * What `npm run journal -- verify | repair` does (scripts/journal.ts only parses arguments and prints).
 */
import { cp, mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { lockDataDir } from '../data-dir-lock';
import { CHAIN_START, FORMAT, JournalCorruptError, LEGACY_JOURNAL, encodeLine, headerRecord, journalDir, link, parseLine } from './format';
import { truncateFile } from './files';
import { listSegments, readIndex, readLines, scanJournal, type ScanResult } from './scan';
import { writeIndex } from './segment-writer';

export interface JournalSummary {
  stores: number;
  events: number;
  segments: number;
  bytes: number;
  snapshots: number;
  /** A torn last line verify saw (open or repair cuts it off). */
  tornBytes: number;
  /** Deliberate rewrites that erased personal data (index.json), and the time of the latest. */
  erasures: number;
  lastErasureAt?: string;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Checks every line of a data directory without changing it; throws JournalCorruptError like `open` would. */
export async function verifyJournal(dataDir: string): Promise<JournalSummary> {
  if (!(await exists(journalDir(dataDir))) && (await exists(join(dataDir, LEGACY_JOURNAL))))
    throw new Error(`${dataDir} holds a journal in the old single-file format; the server migrates it on its next start`);
  const scan = await scanJournal(dataDir);
  return summarise(scan);
}

const summarise = (scan: ScanResult): JournalSummary => ({
  stores: scan.lastSeqs.size,
  events: scan.events,
  segments: scan.segments.length,
  bytes: scan.bytes,
  snapshots: scan.snapshots.size,
  tornBytes: scan.torn?.droppedBytes ?? 0,
  erasures: scan.index.erasures?.length ?? 0,
  lastErasureAt: scan.index.erasures?.at(-1)?.at,
});

export interface RepairReport {
  /** One line per change, in order. */
  actions: string[];
  /** Acknowledged events dropped per store by --cut-at-first-bad-line (or found missing). */
  dropped: Record<string, number>;
  /** Where copies of every changed file went (undefined when nothing changed). */
  backup?: string;
  /** Set when repair stopped without the flag: what it would have to drop. */
  needsCut?: JournalCorruptError;
  summary?: JournalSummary;
}

/**
 * Repairs a data directory the server is not running on: cuts a torn tail, moves a damaged
 * snapshot aside (a cache: it costs replay time, not data), rebuilds a missing index. Anything
 * that drops acknowledged events — a bad line and all after it, or accepting that the journal
 * is shorter than an index or snapshot proves — only with `cutAtFirstBadLine`. Every file is
 * copied into `DATA_DIR/repair-<time>/` before it is changed.
 */
export async function repairJournal(dataDir: string, options: { cutAtFirstBadLine?: boolean } = {}): Promise<RepairReport> {
  const unlock = await lockDataDir(dataDir); // DataDirInUseError while a server holds it
  const report: RepairReport = { actions: [], dropped: {} };
  const backupDir = join(dataDir, `repair-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const keepCopy = async (file: string) => {
    report.backup = backupDir;
    const target = join(backupDir, relative(dataDir, file));
    if (await exists(target)) return;
    await mkdir(dirname(target), { recursive: true });
    await cp(file, target, { recursive: true });
  };
  const dropIndexProof = async () => {
    const index = await readIndex(dataDir).catch(() => undefined);
    await keepCopy(join(journalDir(dataDir), 'index.json')).catch(() => undefined);
    await writeIndex(dataDir, { format: FORMAT, segments: [], migratedFrom: index?.migratedFrom, erasures: index?.erasures });
  };
  try {
    let cut = false;
    let changed = false;
    for (let round = 0; round < 1000; round++) {
      let scan: ScanResult;
      try {
        scan = await scanJournal(dataDir);
      } catch (err) {
        if (!(err instanceof JournalCorruptError)) throw err;
        changed = true;
        if (err.kind === 'snapshot') {
          await keepCopy(err.file);
          await rm(err.file);
          report.actions.push(`moved aside snapshot ${err.file} (${err.reason}); the server replays that store's log instead`);
        } else if (err.kind === 'index') {
          await dropIndexProof();
          report.actions.push(`rebuilt ${err.file} from the segments (${err.reason})`);
        } else if (err.kind === 'proof') {
          if (!cut && !options.cutAtFirstBadLine) return { ...report, needsCut: err };
          if (!cut) report.actions.push(`accepted that events are missing: ${err.reason}`);
          if (err.related && err.related.includes(`${join(dataDir, 'snapshots')}`)) {
            await keepCopy(err.related);
            await rm(err.related);
            if (cut) report.actions.push(`moved aside snapshot ${err.related}: it is ahead of the journal after the cut`);
          } else {
            await dropIndexProof();
          }
        } else {
          const lost = await countFrom(dataDir, err.file, err.offset);
          if (!options.cutAtFirstBadLine) return { ...report, dropped: lost, needsCut: err };
          await cutAt(dataDir, err.file, err.offset, keepCopy);
          for (const [id, n] of Object.entries(lost)) report.dropped[id] = (report.dropped[id] ?? 0) + n;
          report.actions.push(`cut ${err.file} at line ${err.line} (${err.reason}) and dropped every line after it`);
          cut = true;
        }
        continue;
      }
      if (scan.torn) {
        await keepCopy(scan.torn.file);
        await truncateFile(scan.torn.file, scan.torn.offset);
        report.actions.push(`cut a torn last line off ${scan.torn.file} (line ${scan.torn.line}, ${scan.torn.droppedBytes} bytes, never acknowledged)`);
        changed = true;
        continue;
      }
      if (changed) {
        await writeIndex(dataDir, {
          format: FORMAT,
          segments: scan.segments.map((s, i) => ({ ...s, sealed: i < scan.segments.length - 1 })),
          migratedFrom: scan.index.migratedFrom,
          erasures: scan.index.erasures,
        });
        report.actions.push('wrote index.json from the segments as they are now');
      }
      report.summary = summarise(scan);
      return report;
    }
    throw new Error('repair: gave up after 1000 rounds');
  } finally {
    await unlock();
  }
}

/** Events per store from `offset` of `file` to the end of the journal (lines that no longer parse are not counted). */
async function countFrom(dataDir: string, file: string, offset: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const names = await listSegments(dataDir);
  const from = names.indexOf(relative(journalDir(dataDir), file));
  for (const name of from < 0 ? [] : names.slice(from)) {
    const path = join(journalDir(dataDir), name);
    for await (const line of readLines(path)) {
      if (path === file && line.offset < offset) continue;
      const parsed = parseLine(line.text);
      const storeId = parsed.ok ? parsed.record.storeId : undefined;
      if (line.complete && typeof storeId === 'string') counts[storeId] = (counts[storeId] ?? 0) + 1;
    }
  }
  return counts;
}

async function cutAt(dataDir: string, file: string, offset: number, keepCopy: (f: string) => Promise<void>): Promise<void> {
  const names = await listSegments(dataDir);
  const at = names.indexOf(relative(journalDir(dataDir), file));
  for (const name of names.slice(at + 1)) {
    const path = join(journalDir(dataDir), name);
    await keepCopy(path);
    await rm(path);
  }
  await keepCopy(file);
  if (offset === 0 && at > 0) {
    await rm(file);
  } else {
    await truncateFile(file, offset);
    if (offset === 0) {
      // The first segment lost its header: start it again so the journal stays well-formed.
      const json = JSON.stringify(headerRecord(1, new Date().toISOString()));
      const fh = await open(file, 'a');
      await fh.write(encodeLine(link(CHAIN_START, json), json));
      await fh.sync();
      await fh.close();
    }
  }
}

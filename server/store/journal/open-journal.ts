import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkshopEvent } from '../../../shared/workflow/events';
import type { Logger } from '../../log';
import { truncateFile } from './files';
import { SNAPSHOTS, atMs, journalDir } from './format';
import { migrateLegacy, type Upcast } from './migrate';
import { scanJournal, type TornTail } from './scan';
import { SegmentWriter, writeJournalDir, type OpenFile } from './segment-writer';
import { deepFreeze, newLog, pushTail, type StoreLog } from './store-log';

export interface OpenJournalOptions {
  log: Logger;
  upcast: Upcast;
  segmentBytes: number;
  idempotencyWindowMs: number;
  tailEvents: number;
  openFile: OpenFile;
  now: () => number;
}

export interface OpenedJournal {
  writer: SegmentWriter;
  /** Per store: its last seq, the tail and the keys of the window, as read back. */
  logs: Map<string, StoreLog>;
  /** Set when a torn last line was found and cut off. */
  torn?: TornTail;
}

/**
 * Brings a data dir (already locked) to a journal ready for appends: removes temp files a crash
 * left, migrates an old single-file journal, creates an empty one, then reads and checks every
 * segment into memory (throwing JournalCorruptError on anything but a torn last line, which is
 * cut off and reported) and opens the active segment for writing.
 */
export async function openJournal(dataDir: string, options: OpenJournalOptions): Promise<OpenedJournal> {
  const { log, segmentBytes, now } = options;
  await removeStaleTempFiles(join(dataDir, SNAPSHOTS));
  await removeStaleTempFiles(journalDir(dataDir));
  await migrateLegacy(dataDir, { upcast: options.upcast, segmentBytes, log });
  if (!(await stat(journalDir(dataDir)).then(() => true, () => false)))
    await writeJournalDir(dataDir, (async function* () {})(), { segmentBytes, now });

  const logs = new Map<string, StoreLog>();
  const cutoff = now() - options.idempotencyWindowMs;
  const scan = await scanJournal(dataDir, ({ record, storeId, seq, key, chain }) => {
    let storeLog = logs.get(storeId);
    if (!storeLog) logs.set(storeId, (storeLog = newLog()));
    storeLog.last = storeLog.durable = seq;
    pushTail(storeLog, { event: deepFreeze(record as WorkshopEvent), chain }, options.tailEvents);
    const at = atMs(record, now());
    if (at >= cutoff && !storeLog.keys.has(key)) storeLog.keys.set(key, { seq, at });
  });
  if (scan.torn) {
    await truncateFile(scan.torn.file, scan.torn.offset);
    log.warn({ ...scan.torn }, 'journal: cut off a torn last line left by a crash mid-write (it was never acknowledged)');
  }
  // A crash while starting a segment can leave it without even its header; the index never listed it.
  if (scan.segments.length > 1 && scan.segments.at(-1)!.lines === 0) await rm(join(journalDir(dataDir), scan.segments.pop()!.name));
  scan.segments.at(-1)!.sealed = false;
  const writer = await SegmentWriter.open(dataDir, scan.segments, scan.tip, {
    segmentBytes, openFile: options.openFile, log, migratedFrom: scan.index.migratedFrom, now,
  });
  await writer.checkpoint();
  return { writer, logs, torn: scan.torn };
}

/** Makes the snapshots folder the store writes into. */
export const ensureDataDir = (dataDir: string) => mkdir(join(dataDir, SNAPSHOTS), { recursive: true });

/** Temp files left by a crash during a snapshot or index save. */
async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[]))
    if (name.includes('.json.tmp-') || name === '.probe') await rm(join(dir, name), { force: true });
}

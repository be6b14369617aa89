import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkshopEvent } from '../../../shared/workflow/events';
import type { Logger } from '../../log';
import { truncateFile } from './files';
import { SNAPSHOTS, atMs, journalDir } from './format';
import { migrateLegacy, type Upcast } from './migrate';
import { settleErasure } from './rewrite';
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
 * left, migrates an old single-file journal, creates an empty one, then checks the segments
 * into memory (throwing JournalCorruptError on anything but a torn last line, which is cut off
 * and reported) and opens the active segment for writing. A sealed segment that still matches
 * its recorded length and sha256 is not read line by line unless a fold or the idempotency
 * window reaches into it (scan.ts, ScanOptions); the checkpoint below records the digests of
 * segments sealed before digests were kept, once their lines have been checked.
 */
export async function openJournal(dataDir: string, options: OpenJournalOptions): Promise<OpenedJournal> {
  const { log, segmentBytes, now } = options;
  // An erasure of personal data that was cut short is finished (or, not yet complete, dropped) first.
  await settleErasure(dataDir);
  await removeStaleTempFiles(join(dataDir, SNAPSHOTS));
  await removeStaleTempFiles(journalDir(dataDir));
  await migrateLegacy(dataDir, { upcast: options.upcast, segmentBytes, log });
  if (
    !(await stat(journalDir(dataDir)).then(
      () => true,
      () => false,
    ))
  )
    await writeJournalDir(dataDir, (async function* () {})(), { segmentBytes, now });

  const logs = new Map<string, StoreLog>();
  const cutoff = now() - options.idempotencyWindowMs;
  const logOf = (storeId: string) => {
    let storeLog = logs.get(storeId);
    if (!storeLog) logs.set(storeId, (storeLog = newLog()));
    return storeLog;
  };
  const scan = await scanJournal(
    dataDir,
    ({ record, storeId, seq, key, chain }) => {
      const storeLog = logOf(storeId);
      storeLog.last = storeLog.durable = seq;
      // Frozen below, once the scan is done: most records read here drop out of the tail again.
      pushTail(storeLog, { event: record as unknown as WorkshopEvent, chain }, options.tailEvents);
      const at = atMs(record, now());
      if (at >= cutoff && !storeLog.keys.has(key)) storeLog.keys.set(key, { seq, at });
    },
    {
      trustDigests: { cutoff },
      // A segment taken by its digest holds no key of the window; its events stay on disk, and the
      // tail must stay contiguous, so it restarts after them.
      onSkipped: (segment) => {
        for (const [storeId, [, last]] of Object.entries(segment.stores)) {
          const storeLog = logOf(storeId);
          storeLog.last = storeLog.durable = last;
          storeLog.tail.length = 0;
        }
      },
    },
  );
  for (const storeLog of logs.values()) for (const entry of storeLog.tail) deepFreeze(entry.event);
  for (const { file, reason } of scan.rechecked)
    log.warn({ file, reason }, 'journal: a sealed segment no longer matched its recorded digest; every line of it was checked instead, and it was sound');
  if (scan.torn) {
    await truncateFile(scan.torn.file, scan.torn.offset);
    log.warn({ ...scan.torn }, 'journal: cut off a torn last line left by a crash mid-write (it was never acknowledged)');
  }
  // A crash while starting a segment can leave it without even its header; the index never listed it.
  if (scan.segments.length > 1 && scan.segments.at(-1)!.lines === 0) await rm(join(journalDir(dataDir), scan.segments.pop()!.name));
  const active = scan.segments.at(-1)!;
  active.sealed = false;
  delete active.digest;
  const writer = await SegmentWriter.open(dataDir, scan.segments, scan.tip, {
    segmentBytes,
    openFile: options.openFile,
    log,
    migratedFrom: scan.index.migratedFrom,
    erasures: scan.index.erasures,
    now,
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

import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../log';
import { JournalCorruptError, LEGACY_JOURNAL, LEGACY_MIGRATED, SNAPSHOTS, journalDir, type JournalIndex } from './format';
import { readIndex, readLines } from './scan';
import { syncDir, writeJournalDir } from './segment-writer';

/** Turns a record of an older format into today's; must keep seq, storeId and key. */
export type Upcast = (record: unknown) => unknown;

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Today's journal came before checksums: one `journal.ndjson`, one JSON record per line. When
 * that file is there, its records (each passed through `upcast`) are written into the segmented
 * format, and only once that is durable is the old file renamed to `journal.ndjson.migrated-v0`.
 * A crash before the rename restarts the migration (or finishes the rename, when the new journal
 * says it was made from this very file). Old snapshots are moved aside with it: they are folds
 * of the old records. Returns whether it migrated.
 */
export async function migrateLegacy(dataDir: string, options: { upcast: Upcast; segmentBytes: number; log: Logger }): Promise<boolean> {
  const legacy = join(dataDir, LEGACY_JOURNAL);
  if (!(await exists(legacy))) return false;
  const { size } = await stat(legacy);
  if (await exists(journalDir(dataDir))) {
    const index = await readIndex(dataDir);
    if (index.migratedFrom?.file !== LEGACY_JOURNAL || index.migratedFrom.bytes !== size)
      throw new JournalCorruptError(
        legacy,
        1,
        `this old-format journal and the new ${journalDir(dataDir)} both exist, and the new one was not made from it; move one of them away`,
      );
    await finish(dataDir, options.log);
    return true;
  }
  const migratedFrom: NonNullable<JournalIndex['migratedFrom']> = { file: LEGACY_JOURNAL, bytes: size, lines: 0 };
  await writeJournalDir(dataDir, legacyRecords(legacy, options, migratedFrom), { segmentBytes: options.segmentBytes, migratedFrom });
  await finish(dataDir, options.log);
  options.log.info({ file: legacy, records: migratedFrom.lines }, 'journal: migrated the old single-file journal to checksummed segments');
  return true;
}

async function* legacyRecords(file: string, options: { upcast: Upcast; log: Logger }, counted: { lines: number }) {
  const lastSeqs = new Map<string, number>();
  let bad: { lineNo: number; reason: string; bytes: number } | undefined;
  for await (const line of readLines(file)) {
    if (bad) throw new JournalCorruptError(file, bad.lineNo, bad.reason);
    const fail = (reason: string) => new JournalCorruptError(file, line.lineNo, reason);
    let record: unknown;
    try {
      record = JSON.parse(line.text);
    } catch (err) {
      bad = { lineNo: line.lineNo, reason: `not JSON (${(err as Error).message})`, bytes: line.bytes };
      continue;
    }
    if (!line.complete) {
      bad = { lineNo: line.lineNo, reason: 'the line has no newline (cut short)', bytes: line.bytes };
      continue;
    }
    const { seq, storeId, key } = (record ?? {}) as { seq?: unknown; storeId?: unknown; key?: unknown };
    if (typeof storeId !== 'string' || !storeId) throw fail('the record has no storeId');
    if (typeof key !== 'string') throw fail('the record has no idempotency key');
    const last = lastSeqs.get(storeId) ?? 0;
    if (seq !== last + 1) throw fail(`store ${storeId}: seq ${seq} does not follow ${last}`);
    lastSeqs.set(storeId, seq);
    const upcast = options.upcast(record) as { seq?: unknown; storeId?: unknown; key?: unknown } | null;
    if (!upcast || upcast.seq !== seq || upcast.storeId !== storeId || upcast.key !== key)
      throw new Error(`journal migration: the upcaster changed seq, storeId or key of ${file} line ${line.lineNo}`);
    counted.lines++;
    yield { json: JSON.stringify(upcast), storeId, seq };
  }
  if (bad)
    options.log.warn({ file, line: bad.lineNo, droppedBytes: bad.bytes }, 'journal: left out a torn last line of the old journal (it was never acknowledged)');
}

async function finish(dataDir: string, log: Logger): Promise<void> {
  const snapshots = join(dataDir, SNAPSHOTS);
  const names = await readdir(snapshots).catch(() => [] as string[]);
  if (names.length > 0) {
    const aside = await freeName(join(dataDir, `${SNAPSHOTS}.migrated-v0`));
    await rename(snapshots, aside);
    log.info({ moved: aside }, 'journal: old snapshots moved aside; the first start replays the log');
  }
  await mkdir(snapshots, { recursive: true });
  await rename(join(dataDir, LEGACY_JOURNAL), await freeName(join(dataDir, LEGACY_MIGRATED)));
  await syncDir(dataDir);
}

async function freeName(path: string): Promise<string> {
  if (!(await exists(path))) return path;
  for (let i = 1; ; i++) if (!(await exists(`${path}.${i}`))) return `${path}.${i}`;
}

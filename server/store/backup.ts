/**
 * Backup and restore of the embedded store (`npm run backup` / `npm run restore`).
 *
 * A backup is taken from a LIVE data directory (a server holds its lock and keeps appending) without
 * writing into it: the journal is append-only, so snapshots are copied first (each proves a seq
 * the journal must reach), then the sealed segments whole, then the active segment up to its size
 * at that moment, cut after its last complete line whose chain verifies (a line being written is
 * left out: it was not acknowledged yet). The copy gets its own index.json describing exactly what
 * was copied, is verified with the journal's own scan (scanJournal), and is packed into one file.
 *
 * The file ("TWBACKUP/1") is a small own container rather than a tar, so that reading it needs no
 * dependency and every byte is covered by one checksum that is checked before anything is written:
 *
 *   TWBACKUP/1\n
 *   <manifest JSON>\n                 format, createdAt, per store lastSeq + chain, files [{path, bytes, sha256}]
 *   <the files' bytes, in manifest order, back to back>
 *   TWBACKUP-END <sha256 hex of every byte before this line>\n
 *
 * A truncated file loses its trailer (or its sizes no longer add up), a flipped byte breaks the
 * whole-file sha256 and the file's own sha256.
 *
 * The server's keys (`secrets.json`: the signing key every printed QR code, paired screen and
 * session is signed with, and the API key; `vapid.json`, the Web Push keys) and the record of
 * ended sessions go with it, so a restored server accepts the same job cards, badges and screens
 * and refuses the same signed-out sessions. So do the features' SQLite databases (the history
 * read model, the webhook and notification outboxes, the DMS import jobs), copied first with
 * SQLite's online backup API, and kept folders such as `add-on-photos/`: the rule for every entry of a
 * data directory is in ./data-dir-files.ts. The backup file is therefore written readable by its
 * owner only (0600): keep it like the data directory.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, rmdir, stat, copyFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { silentLogger } from '../log';
import { EmbeddedEventStore } from './embedded-store';
import { PostgresEventStore } from './postgres-store';
import type { WorkshopEvent } from '../../shared/workflow/events';
import { CHAIN_START, FORMAT, INDEX, SNAPSHOTS, journalDir, link, parseLine, type SegmentInfo } from './journal/format';
import { truncateFile } from './journal/files';
import { listSegments, readIndex, readLines, scanJournal, type ScanResult } from './journal/scan';
import { syncDir, writeAll, writeIndex } from './journal/segment-writer';
import { checkDatabase, copyDatabase, dataDirEntries, filesUnder, type TableCounts } from './data-dir-files';

export const BACKUP_MAGIC = 'TWBACKUP/1';
export const BACKUP_FORMAT = 1;
const TRAILER_TAG = 'TWBACKUP-END ';
const TRAILER_BYTES = TRAILER_TAG.length + 64 + 1;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** A backup or restore that cannot go on: one readable sentence, nothing left half-written. */
export class BackupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export interface BackupManifest {
  kind: 'transparent-workshop-backup';
  format: number;
  createdAt: string;
  /** The journal format of the copied data dir. */
  journalFormat: number;
  /** storeId → the last seq included and the journal's chain value after it. */
  stores: Record<string, { lastSeq: number; chain: string }>;
  events: number;
  /** The journal's chain after the last line copied. */
  tip: string;
  files: { path: string; bytes: number; sha256: string }[];
  /** The SQLite databases copied with the online backup API (data-dir-files.ts), with their rows per table. */
  databases?: Record<string, TableCounts>;
  /** Entries of the data dir copied whole although no rule names them (see data-dir-files.ts). */
  notKnown?: string[];
}

export interface BackupReport {
  file: string;
  manifest: BackupManifest;
  /** Size of the backup file. */
  bytes: number;
  /** Bytes of an active segment's last line left out because it was still being written. */
  cutBytes: number;
}

/** The data dir's other entries, by the rule of data-dir-files.ts; databases first, before the journal. */
async function copyOthers(source: string, target: string): Promise<{ databases: Record<string, TableCounts>; notKnown: string[] }> {
  const databases: Record<string, TableCounts> = {};
  const notKnown: string[] = [];
  const entries = await dataDirEntries(source);
  for (const entry of entries.filter((e) => e.kind === 'database' && !e.directory)) {
    try {
      databases[entry.name] = await copyDatabase(join(source, entry.name), join(target, entry.name));
    } catch (err) {
      throw new BackupError(`${join(source, entry.name)} could not be copied (${(err as Error).message}); no backup was written.`, { cause: err });
    }
  }
  for (const entry of entries) {
    if (entry.kind === 'kept' && !entry.directory) await copyFile(join(source, entry.name), join(target, entry.name));
    if (entry.kind !== 'folder' && entry.kind !== 'other') continue;
    if (entry.kind === 'other') notKnown.push(entry.directory ? `${entry.name}/` : entry.name);
    if (!entry.directory) {
      await copyFile(join(source, entry.name), join(target, entry.name));
      continue;
    }
    for (const rel of await filesUnder(join(source, entry.name))) {
      await mkdir(dirname(join(target, entry.name, rel)), { recursive: true });
      // A file removed between the listing and the copy is simply not in the backup.
      await copyFile(join(source, entry.name, rel), join(target, entry.name, rel)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
  }
  return { databases, notKnown };
}

/** Takes a consistent copy of the store in `dataDir` (live or not) and writes it to `file`. */
export async function backup(dataDir: string, file: string): Promise<BackupReport> {
  const source = resolve(dataDir);
  const out = resolve(file);
  if (isInside(out, source))
    throw new BackupError(
      `The backup file ${out} is inside the data directory ${source}; write it somewhere else (a backup never writes into the data directory).`,
    );
  if (!(await exists(journalDir(source))))
    throw new BackupError(`${source} holds no journal (no ${join(source, 'journal')}); nothing to back up. Pass --data-dir DIR when DATA_DIR is not ./data.`);
  if (await exists(out)) throw new BackupError(`${out} already exists; choose a new file name (a backup never overwrites one).`);
  await mkdir(dirname(out), { recursive: true });
  const staging = await mkdtemp(join(dirname(out), `.${basename(out)}.staging-`));
  try {
    const others = await copyOthers(source, staging);
    const cutBytes = await copyStore(source, staging);
    let scan: ScanResult;
    const chains = new Map<string, string>();
    try {
      scan = await scanJournal(staging, (e) => chains.set(e.storeId, e.chain));
    } catch (err) {
      throw new BackupError(`The copy did not verify, so no backup was written: ${(err as Error).message}`, { cause: err });
    }
    if (scan.torn) throw new BackupError(`The copy did not verify: it ends in a torn line (${scan.torn.file} line ${scan.torn.line})`);
    const stores: BackupManifest['stores'] = {};
    for (const [id, lastSeq] of [...scan.lastSeqs].sort(([a], [b]) => a.localeCompare(b))) stores[id] = { lastSeq, chain: chains.get(id)! };
    const files = await listFiles(staging);
    const manifest: BackupManifest = {
      kind: 'transparent-workshop-backup',
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      journalFormat: FORMAT,
      stores,
      events: scan.events,
      tip: scan.tip,
      files: [],
      databases: others.databases,
      ...(others.notKnown.length ? { notKnown: others.notKnown } : {}),
    };
    for (const path of files) manifest.files.push({ path, bytes: (await stat(join(staging, path))).size, sha256: await sha256File(join(staging, path)) });
    const bytes = await writeContainer(out, staging, manifest);
    return { file: out, manifest, bytes, cutBytes };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Copies snapshots, then segments, into `target` (a fresh folder); writes an index.json for
 * exactly what was copied. Returns the bytes left off the active segment's end.
 */
async function copyStore(source: string, target: string): Promise<number> {
  // 1. Snapshots first: each proves a seq, and the journal copied after them holds at least that.
  await mkdir(join(target, SNAPSHOTS), { recursive: true });
  const snapNames = (await readdir(join(source, SNAPSHOTS)).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  for (const name of snapNames) await copyFile(join(source, SNAPSHOTS, name), join(target, SNAPSHOTS, name));

  // 2. Segments: every one but the last is sealed (no more writes), the last is copied up to its size now.
  const names = await listSegments(source);
  if (names.length === 0)
    throw new BackupError(`${journalDir(source)} has no segment files; the journal is not intact (run npm start once, or restore a backup).`);
  const targetJournal = journalDir(target);
  await mkdir(targetJournal, { recursive: true });
  for (const [i, name] of names.entries()) {
    const from = join(journalDir(source), name);
    const to = join(targetJournal, name);
    if (i < names.length - 1) await copyFile(from, to);
    else await copyPrefix(from, to, (await stat(from)).size);
  }

  // 3. Check every chain and find the last complete, verified line of the last segment; cut there.
  const segments: SegmentInfo[] = [];
  let tip = CHAIN_START;
  let cutBytes = 0;
  for (const [i, name] of names.entries()) {
    const file = join(targetJournal, name);
    const isLast = i === names.length - 1;
    const info: SegmentInfo = { name, lines: 0, bytes: 0, startChain: tip, endChain: tip, stores: {}, sealed: !isLast };
    let bad: string | undefined;
    let size = 0;
    for await (const line of readLines(file)) {
      size += line.bytes;
      if (bad)
        throw new BackupError(
          `The live journal is corrupt: ${join(journalDir(source), name)} line ${line.lineNo - 1}: ${bad}. Run \`npm start\` for its report; no backup was written.`,
        );
      const parsed = parseLine(line.text);
      const chain = parsed.ok ? link(tip, parsed.json) : '';
      if (!line.complete || !parsed.ok || chain !== parsed.chain) {
        bad = !line.complete ? 'cut short' : !parsed.ok ? parsed.reason : 'checksum mismatch';
        if (!isLast)
          throw new BackupError(
            `The live journal is corrupt: ${join(journalDir(source), name)} line ${line.lineNo}: ${bad} in a sealed segment. No backup was written.`,
          );
        continue;
      }
      if (line.lineNo > 1) {
        const { storeId, seq } = parsed.record as { storeId: string; seq: number };
        const range = info.stores[storeId];
        if (range) range[1] = seq;
        else info.stores[storeId] = [seq, seq];
      }
      tip = chain;
      info.lines = line.lineNo;
      info.bytes += line.bytes;
      info.endChain = chain;
    }
    if (isLast && info.bytes < size) {
      cutBytes = size - info.bytes;
      await truncateFile(file, info.bytes);
    }
    segments.push(info);
  }
  // A segment being started while we looked may not have its header yet: leave it out.
  if (segments.length > 1 && segments.at(-1)!.lines === 0) {
    await rm(join(targetJournal, segments.pop()!.name));
    segments.at(-1)!.sealed = false;
  }
  // The record of past erasures goes with the copy: it says why the chain is not the one first written.
  const erasures = (await readIndex(source).catch(() => undefined))?.erasures;
  await writeIndex(target, { format: FORMAT, segments, ...(erasures?.length ? { erasures } : {}) });
  return cutBytes;
}

export interface RestoreReport {
  dataDir: string;
  manifest: BackupManifest;
  events: number;
  bytes: number;
}

/** Reads and checks a backup file's manifest and whole-file checksum; throws BackupError. */
export async function readBackup(file: string): Promise<{ manifest: BackupManifest; dataStart: number; size: number }> {
  const path = resolve(file);
  const size = await stat(path).then(
    (s) => s.size,
    (err: NodeJS.ErrnoException) => {
      throw new BackupError(err.code === 'ENOENT' ? `${path} does not exist.` : `${path} cannot be read (${err.message}).`);
    },
  );
  const fh = await open(path, 'r');
  try {
    const notBackup = `${path} is not a Transparent Workshop backup (it does not start with ${BACKUP_MAGIC}).`;
    const head = await readRange(fh, 0, Math.min(size, BACKUP_MAGIC.length + 1));
    if (head.toString('latin1') !== `${BACKUP_MAGIC}\n`) throw new BackupError(notBackup);
    // The manifest line.
    let manifestEnd = -1;
    for (let pos = BACKUP_MAGIC.length + 1; pos < size && manifestEnd < 0; pos += 1 << 20) {
      if (pos - BACKUP_MAGIC.length > MAX_MANIFEST_BYTES) break;
      const chunk = await readRange(fh, pos, Math.min(1 << 20, size - pos));
      const nl = chunk.indexOf(10);
      if (nl >= 0) manifestEnd = pos + nl;
    }
    if (manifestEnd < 0) throw new BackupError(`${path} is truncated or damaged: its manifest never ends.`);
    const manifestText = (await readRange(fh, BACKUP_MAGIC.length + 1, manifestEnd - BACKUP_MAGIC.length - 1)).toString('utf8');
    // Whole-file checksum before trusting anything in the manifest.
    if (size < manifestEnd + 1 + TRAILER_BYTES) throw new BackupError(`${path} is truncated: it ends before its closing checksum.`);
    const trailer = (await readRange(fh, size - TRAILER_BYTES, TRAILER_BYTES)).toString('latin1');
    const match = new RegExp(`^${TRAILER_TAG}([0-9a-f]{64})\\n$`).exec(trailer);
    if (!match) throw new BackupError(`${path} is truncated or damaged: it does not end with its closing checksum (was it copied completely?).`);
    const hash = createHash('sha256');
    for (let pos = 0; pos < size - TRAILER_BYTES; pos += 1 << 20) hash.update(await readRange(fh, pos, Math.min(1 << 20, size - TRAILER_BYTES - pos)));
    if (hash.digest('hex') !== match[1])
      throw new BackupError(`${path} is damaged: its checksum does not match its content (a byte was changed). Nothing was restored.`);
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(manifestText) as BackupManifest;
    } catch {
      throw new BackupError(`${path} is damaged: its manifest is not JSON.`);
    }
    if (manifest.kind !== 'transparent-workshop-backup' || manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.files))
      throw new BackupError(`${path} is a backup of format ${manifest.format}, which this version cannot read (it reads format ${BACKUP_FORMAT}).`);
    const dataStart = manifestEnd + 1;
    const total = manifest.files.reduce((n, f) => n + f.bytes, 0);
    if (dataStart + total + TRAILER_BYTES !== size)
      throw new BackupError(`${path} is damaged: its manifest lists ${total} bytes of files, but the file holds ${size - dataStart - TRAILER_BYTES}.`);
    for (const f of manifest.files)
      if (!safePath(f.path)) throw new BackupError(`${path} is damaged: it names a file outside a data directory (${JSON.stringify(f.path)}).`);
    return { manifest, dataStart, size };
  } finally {
    await fh.close();
  }
}

/**
 * Restores `file` into `dataDir`, which must be empty or absent. Everything is written into a
 * folder beside it, verified there, and only then moved in; on any failure nothing is left.
 */
export async function restore(file: string, dataDir: string): Promise<RestoreReport> {
  const target = resolve(dataDir);
  const existing = await readdir(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new BackupError(`${target} cannot be read (${err.message}).`);
  });
  if (existing && existing.length > 0)
    throw new BackupError(
      `${target} is not empty (${existing.length} entr${existing.length === 1 ? 'y' : 'ies'}, e.g. ${existing.sort()[0]}); restore only into an empty or new data directory, so nothing there is overwritten.`,
    );
  const { manifest, dataStart, size } = await readBackup(file);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.restoring-`));
  let moved = false;
  try {
    const fh = await open(resolve(file), 'r');
    try {
      let pos = dataStart;
      for (const f of manifest.files) {
        const to = join(staging, f.path);
        await mkdir(dirname(to), { recursive: true });
        // The keys, and the databases (phone numbers, webhook secrets), owner-only; the journal as it always was.
        const out = await open(to, 'wx', /^(journal|snapshots)\//.test(f.path) ? 0o644 : 0o600);
        const hash = createHash('sha256');
        try {
          for (let done = 0; done < f.bytes; done += 1 << 20) {
            const chunk = await readRange(fh, pos + done, Math.min(1 << 20, f.bytes - done));
            hash.update(chunk);
            await writeAll(out, chunk);
          }
          await out.sync();
        } finally {
          await out.close();
        }
        if (hash.digest('hex') !== f.sha256) throw new BackupError(`The backup is damaged: ${f.path} does not match its checksum. Nothing was restored.`);
        pos += f.bytes;
      }
    } finally {
      await fh.close();
    }
    await mkdir(join(staging, SNAPSHOTS), { recursive: true });
    const scan = await verifyRestored(staging, manifest);
    for (const dir of [journalDir(staging), join(staging, SNAPSHOTS), staging]) await syncDir(dir);
    // Move in: an empty target is replaced by the verified folder in one rename.
    if (existing) await rmdir(target);
    await rename(staging, target);
    moved = true;
    await syncDir(dirname(target));
    return { dataDir: target, manifest, events: scan.events, bytes: size };
  } finally {
    if (!moved) await rm(staging, { recursive: true, force: true });
  }
}

export interface DatabaseRestoreReport {
  manifest: BackupManifest;
  /** Events written per store. */
  stores: Map<string, number>;
  events: number;
}

/**
 * Restores `file` into an empty PostgreSQL store: the backup is unpacked and verified exactly as
 * for a data directory (into a temporary folder beside nothing of the server's), then its events
 * are written in one transaction, in seq order per store, keeping seq, key, time, actor, source
 * and device. A store that already has events or a snapshot there is refused, and nothing is
 * written. The server rebuilds its folds from the events (snapshots are not carried over).
 * The backup's keys (secrets.json) stay with the file: set SIGNING_KEY and API_KEY for the
 * scaled-out servers as before.
 */
export async function restoreToDatabase(file: string, databaseUrl: string, log = silentLogger): Promise<DatabaseRestoreReport> {
  const scratch = await mkdtemp(join(tmpdir(), 'tw-restore-'));
  try {
    const { manifest } = await restore(file, join(scratch, 'data'));
    const source = await EmbeddedEventStore.open(join(scratch, 'data'), { log });
    let target: PostgresEventStore;
    try {
      target = await PostgresEventStore.open({ url: databaseUrl, log, connectAttempts: 2 });
    } catch (err) {
      await source.close();
      throw new BackupError(`PostgreSQL cannot be reached, so nothing was restored: ${(err as Error).message}`, { cause: err });
    }
    try {
      async function* pages(): AsyncIterable<readonly WorkshopEvent[]> {
        for (const storeId of Object.keys(manifest.stores)) {
          for (let after = 0; ;) {
            const page = await source.read(storeId, after, 1000);
            if (page.length === 0) break;
            yield page;
            after = page.at(-1)!.seq;
          }
        }
      }
      let stores: Map<string, number>;
      try {
        stores = await target.importLogs(pages());
      } catch (err) {
        throw new BackupError(`${(err as Error).message}`, { cause: err });
      }
      for (const [id, want] of Object.entries(manifest.stores))
        if (stores.get(id) !== want.lastSeq)
          throw new BackupError(`store ${id}: ${stores.get(id) ?? 0} events written, the backup's manifest says ${want.lastSeq}`);
      return { manifest, stores, events: [...stores.values()].reduce((a, b) => a + b, 0) };
    } finally {
      await source.close();
      await target.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The journal's own checks, then the store's own open; both must agree with the manifest. */
async function verifyRestored(dir: string, manifest: BackupManifest): Promise<ScanResult> {
  for (const [path, want] of Object.entries(manifest.databases ?? {})) {
    let counts: TableCounts;
    try {
      counts = checkDatabase(join(dir, path));
    } catch (err) {
      throw new BackupError(`The restored ${path} does not open as SQLite, so nothing was restored: ${(err as Error).message}`, { cause: err });
    }
    if (JSON.stringify(counts) !== JSON.stringify(want))
      throw new BackupError(
        `The restored ${path} does not hold the rows the backup's manifest lists (${JSON.stringify(counts)}, manifest ${JSON.stringify(want)}). Nothing was restored.`,
      );
  }
  let scan: ScanResult;
  const chains = new Map<string, string>();
  try {
    scan = await scanJournal(dir, (e) => chains.set(e.storeId, e.chain));
  } catch (err) {
    throw new BackupError(`The restored journal does not verify, so nothing was restored: ${(err as Error).message}`, { cause: err });
  }
  const ids = new Set([...Object.keys(manifest.stores), ...scan.lastSeqs.keys()]);
  for (const id of ids) {
    const want = manifest.stores[id];
    const seq = scan.lastSeqs.get(id);
    if (!want || seq !== want.lastSeq || chains.get(id) !== want.chain)
      throw new BackupError(
        `The restored journal does not match the backup's manifest for store ${id} (seq ${seq ?? 0}, manifest ${want?.lastSeq ?? 0}). Nothing was restored.`,
      );
  }
  if (scan.torn || scan.events !== manifest.events)
    throw new BackupError(`The restored journal holds ${scan.events} events, the manifest ${manifest.events}. Nothing was restored.`);
  try {
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    await store.close();
  } catch (err) {
    throw new BackupError(`The restored store does not open, so nothing was restored: ${(err as Error).message}`, { cause: err });
  }
  return scan;
}

async function writeContainer(out: string, staging: string, manifest: BackupManifest): Promise<number> {
  const tmp = `${out}.tmp-${process.pid}`;
  const hash = createHash('sha256');
  let fh: FileHandle | undefined;
  let bytes = 0;
  try {
    fh = await open(tmp, 'wx', 0o600);
    const put = async (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      await writeAll(fh!, chunk);
    };
    await put(Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(manifest)}\n`, 'utf8'));
    for (const f of manifest.files) {
      const src = await open(join(staging, f.path), 'r');
      try {
        for (let done = 0; done < f.bytes; done += 1 << 20) await put(await readRange(src, done, Math.min(1 << 20, f.bytes - done)));
      } finally {
        await src.close();
      }
    }
    const trailer = Buffer.from(`${TRAILER_TAG}${hash.digest('hex')}\n`, 'latin1');
    await writeAll(fh, trailer);
    bytes += trailer.length;
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, out);
    await syncDir(dirname(out));
    return bytes;
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  // Every file of the staging copy (it holds only what was chosen to be copied).
  const files = await filesUnder(dir);
  return files.sort((a, b) => (a.endsWith(INDEX) ? 1 : 0) - (b.endsWith(INDEX) ? 1 : 0) || a.localeCompare(b));
}

/** A relative path of plain names (no `..`, no absolute path, no empty part). */
const safePath = (p: unknown) =>
  typeof p === 'string' && p.length < 1024 && p.split('/').every((part) => /^[A-Za-z0-9._@+-]+$/.test(part) && part !== '.' && part !== '..');

async function readRange(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/** The first `bytes` of a file that may still be growing. */
async function copyPrefix(from: string, to: string, bytes: number): Promise<void> {
  const src = await open(from, 'r');
  const dst = await open(to, 'wx');
  try {
    for (let done = 0; done < bytes; done += 1 << 20) {
      const chunk = await readRange(src, done, Math.min(1 << 20, bytes - done));
      if (chunk.length === 0) break;
      await writeAll(dst, chunk);
    }
  } finally {
    await src.close();
    await dst.close();
  }
}

async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== path);
}

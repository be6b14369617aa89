/**
 * What a data directory holds besides the journal, and how a backup takes each kind (the rule
 * `npm run backup` follows; README "Backup and restore" says the same):
 *
 * - `journal/`, `snapshots/`: the log, copied by backup.ts itself (snapshots, sealed segments,
 *   the active segment cut after its last verified line).
 * - `*.sqlite` at the top level: a feature's database — `history.sqlite` (the history read model),
 *   `webhooks.sqlite` (the webhook outbox: endpoints, cursors, deliveries), `notify.sqlite` (the
 *   notification outbox and delivery log), `imports.sqlite` (DMS import jobs), and any database a
 *   later feature adds beside them. Each is copied with SQLite's online backup API
 *   (better-sqlite3 `db.backup()`) in one step, i.e. one read transaction: a consistent copy while
 *   the server keeps writing, never a raw copy of a file (and its `-wal`) in mid-write. They are
 *   copied BEFORE the journal, so every checkpoint and cursor in them is at or behind the journal
 *   copy: the restored server catches each up from the log, none is ahead of it.
 * - `secrets.json`, `sessions-ended.json`, `vapid.json`: the server's keys (signing and API key,
 *   the Web Push keys the browsers' subscriptions are bound to) and the ended sessions.
 * - Folders in KEPT_FOLDERS (`add-on-photos/`: pictures of add-on work, server/add-ons/photo-store.ts): every file in them, whole.
 *   Files there are written once under a new name; a name starting with `.` or ending in `.tmp`
 *   (a write in progress) is left out.
 * - Left out on purpose: `journal.lock` (the running server's lock), the `-wal`/`-shm`/`-journal`
 *   files of the databases (the online backup reads through them), `journal.new` (an unfinished
 *   rewrite the next start discards).
 * - Anything else (a file a feature added without naming it here, the old-format journal kept
 *   after its migration, a `repair-…` copy) is copied whole as it is and named in the backup's
 *   report as "not known to the backup", so that it is never silently lost.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { JOURNAL_DIR, SNAPSHOTS } from './journal/format';

/** Files beside the journal that a restored server needs (owner-only: they hold keys). */
export const KEPT_FILES = ['secrets.json', 'sessions-ended.json', 'vapid.json'];
/** Folders of write-once files a feature keeps in the data dir. */
export const KEPT_FOLDERS = ['add-on-photos'];
const SKIPPED = new Set(['journal.lock', 'journal.new']);
const DATABASE = /^[A-Za-z0-9._-]+\.sqlite$/;
const DATABASE_SIDE_FILE = /\.sqlite-(wal|shm|journal)$/;

export type EntryKind = 'journal' | 'database' | 'kept' | 'folder' | 'skipped' | 'other';

/** How the backup treats one top-level entry of a data directory. */
export function classifyEntry(name: string): EntryKind {
  if (name === JOURNAL_DIR || name === SNAPSHOTS) return 'journal';
  if (SKIPPED.has(name) || DATABASE_SIDE_FILE.test(name) || name.startsWith('.')) return 'skipped';
  if (DATABASE.test(name)) return 'database';
  if (KEPT_FILES.includes(name)) return 'kept';
  if (KEPT_FOLDERS.includes(name)) return 'folder';
  return 'other';
}

export interface DataDirEntry {
  name: string;
  kind: EntryKind;
  directory: boolean;
}

/** The top-level entries of a data directory with their kind, sorted by name. */
export async function dataDirEntries(dataDir: string): Promise<DataDirEntry[]> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() || e.isDirectory())
    .map((e) => ({ name: e.name, kind: classifyEntry(e.name), directory: e.isDirectory() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every file under `dir` (relative paths with `/`), for a kept folder: in-progress names left out. */
export async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name.endsWith('.tmp')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await filesUnder(join(dir, entry.name), rel)));
    else if (entry.isFile()) found.push(rel);
  }
  return found;
}

/** Row counts per table of an SQLite file (what a backup records and a restore checks). */
export type TableCounts = Record<string, number>;

function countRows(db: Sqlite.Database): TableCounts {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const counts: TableCounts = {};
  for (const { name } of tables) counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n;
  return counts;
}

/**
 * A consistent copy of a live SQLite database at `to` (which must not exist), through SQLite's
 * online backup API: all pages in one step, inside one read transaction, so writers go on (WAL)
 * and the copy is the database as of one commit. The copy is checked (`integrity_check`) and its
 * tables counted.
 */
export async function copyDatabase(from: string, to: string): Promise<TableCounts> {
  const source = new Sqlite(from, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    // One step with every page: the copy never restarts because a writer committed meanwhile.
    await source.backup(to, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  return checkDatabase(to);
}

/** `integrity_check` and the row counts of an SQLite file; throws when it is damaged. */
export function checkDatabase(file: string): TableCounts {
  const db = new Sqlite(file, { fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`${file} fails SQLite's integrity check: ${String(result)}`);
    // The copy is a whole database: no write-ahead log beside it.
    db.pragma('journal_mode = DELETE');
    return countRows(db);
  } finally {
    db.close();
  }
}

export const isDirectory = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

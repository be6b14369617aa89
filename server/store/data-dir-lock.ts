import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK = 'journal.lock';

/** Raised when another running process already owns the data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another server (process ${pid}). ` +
        'Two servers writing one journal would corrupt it: stop that one first, or give this one its own DATA_DIR ' +
        '(several processes share a store only through DATABASE_URL).',
    );
    this.name = 'DataDirInUseError';
  }
}

interface Holder {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for the owner. */
  startTime?: string;
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc or no such process. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isRunning(holder: Holder): boolean {
  if (holder.pid === process.pid) return false; // this process, so no other owner (a restart reusing the pid)
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTimeOf(holder.pid);
  return holder.startTime === undefined || now === undefined || now === holder.startTime;
}

const parseHolder = (text: string): Holder | undefined => {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return Number.isInteger(value.pid) && value.pid! > 0
      ? { pid: value.pid!, startTime: typeof value.startTime === 'string' ? value.startTime : undefined }
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Claim `dataDir` for this process: `journal.lock` names the owner. A lock whose owner is no
 * longer running (killed, power cut) is taken over; one whose owner runs throws
 * DataDirInUseError. It guards against a second process on the same machine — not against
 * two machines sharing a network volume, whose processes cannot see each other.
 * Resolves to the release, which removes the file if it is still this process's.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK);
  const mine = JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid) } satisfies Holder);
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(mine);
        await fh.sync();
      } finally {
        await fh.close();
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
    }
    const text = await readFile(path, 'utf8').catch(() => '');
    const holder = parseHolder(text);
    // An unreadable lock is one a crash left half-written before it was ever used.
    if (holder && isRunning(holder)) throw new DataDirInUseError(dataDir, holder.pid);
    await unlink(path).catch(() => undefined);
  }
  return async () => {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text === mine) await unlink(path).catch(() => undefined);
  };
}

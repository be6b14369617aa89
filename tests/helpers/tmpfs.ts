import { execFile, execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { reportCannotRun } from './cannot-run';

const run = promisify(execFile);

export interface Tmpfs {
  dir: string;
  /** Writes `name` until the file system refuses another byte (ENOSPC); returns its size. */
  fill(name?: string): number;
  unmount(): Promise<void>;
}

/**
 * A tmpfs of `sizeMb` at a fresh temp dir: a real file system that runs out of space. Needs
 * root (mount -t tmpfs); answers `{reason}` when it cannot be had.
 */
export async function mountTmpfs(sizeMb: number): Promise<Tmpfs | { reason: string }> {
  if (process.platform !== 'linux') return { reason: `tmpfs needs Linux (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { reason: 'mounting a tmpfs needs root' };
  const dir = mkdtempSync(join(tmpdir(), 'tw-tmpfs-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  } catch (err) {
    rmdirSync(dir);
    return { reason: `mount -t tmpfs failed: ${(err as Error).message.trim()}` };
  }
  // Should the test process die before its unmount, the mount must not outlive it.
  const atExit = () => {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // already unmounted
    }
  };
  process.once('exit', atExit);
  return {
    dir,
    fill(name = 'filler') {
      const fd = openSync(join(dir, name), 'a');
      let size = 0;
      try {
        // Large chunks first, then down to single bytes, so not even a partial page is left.
        for (let chunk = 1 << 20; chunk >= 1; chunk >>= 2) {
          const bytes = Buffer.alloc(chunk, 0x78);
          for (;;) {
            try {
              size += writeSync(fd, bytes);
            } catch (err) {
              if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
              break;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      return size;
    },
    async unmount() {
      process.off('exit', atExit);
      await run('umount', ['-l', dir]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Says that a tmpfs suite cannot run: a failing test in CI, else a "skipped" line. */
export const reportNoTmpfs = (suiteName: string, reason: string): void => reportCannotRun(suiteName, 'a tmpfs', reason);

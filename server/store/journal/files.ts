import { open } from 'node:fs/promises';

/** Cuts `file` to `size` bytes and fsyncs it: a torn tail or a failed write taken back off for good. */
export async function truncateFile(file: string, size: number): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    await fh.truncate(size);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

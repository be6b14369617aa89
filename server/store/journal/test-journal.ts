/** Helpers for the journal's tests: real data directories in the system's temp folder. */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkshopEvent } from '../../../shared/workflow/events';
import { aDraft } from '../../../tests/helpers/events';
import { silentLogger } from '../../log';
import { EmbeddedEventStore, type EmbeddedStoreOptions } from '../embedded-store';

export const tempDir = (label = 'journal') => mkdtemp(join(tmpdir(), `tw-${label}-`));

export const segmentFile = (dir: string, n = 1) => join(dir, 'journal', `${String(n).padStart(6, '0')}.ndjson`);
export const snapshotFile = (dir: string, storeId: string) => join(dir, 'snapshots', `${storeId}.json`);

export const openStore = (dir: string, options: EmbeddedStoreOptions = {}) => EmbeddedEventStore.open(dir, { log: silentLogger, ...options });

/** The error `open` throws, or a failure if it opened. */
export async function openError(dir: string, options: EmbeddedStoreOptions = {}): Promise<Error> {
  const store = await openStore(dir, options).catch((err: Error) => err);
  if (store instanceof EmbeddedEventStore) {
    const events = (await Promise.all((await store.storeIds()).map((id) => store.lastSeq(id)))).reduce((a, b) => a + b, 0);
    await store.close();
    throw new Error(`expected open to refuse, but it opened with ${events} events`);
  }
  return store;
}

/**
 * Appends `perStore` events to each of `stores`, stores side by side (so writes share fsyncs),
 * and returns every acknowledged event in the order acknowledged per store.
 */
export async function appendMany(store: EmbeddedEventStore, stores: string[], perStore: number, label = 'x'): Promise<WorkshopEvent[]> {
  const acked: WorkshopEvent[][] = stores.map(() => []);
  await Promise.all(
    stores.map(async (storeId, i) => {
      let seq = await store.lastSeq(storeId);
      for (let n = 0; n < perStore; n++) {
        const result = await store.append(aDraft({ storeId, key: `${label}-${storeId}-${seq + 1}-${Math.random().toString(36).slice(2)}` }), seq);
        if (result.status !== 'appended') throw new Error(`unexpected ${result.status}`);
        acked[i].push(result.event);
        seq++;
      }
    }),
  );
  return acked.flat();
}

export const copyDir = async (from: string, label: string) => {
  const to = await tempDir(label);
  await cp(from, to, { recursive: true });
  return to;
};

export const readLinesOf = async (file: string) => (await readFile(file, 'utf8')).split('\n');
export const writeLinesOf = (file: string, lines: string[]) => writeFile(file, lines.join('\n'));

/** Every file under `dir` with its content, to show that a refused open changed nothing. */
export async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'journal.lock') continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = await readFile(path, 'utf8');
  }
  return out;
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

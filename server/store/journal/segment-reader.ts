import { join } from 'node:path';
import type { WorkshopEvent } from '../../../shared/workflow/events';
import { parseLine, type SegmentInfo } from './format';
import { readLines } from './scan';
import { deepFreeze, type Entry } from './store-log';

/**
 * The durable events of one segment file (its first `bytes`), one store's only when given, in
 * journal order. The running store reads what fell out of its memory this way.
 */
export async function* segmentEntries(journalPath: string, segment: Pick<SegmentInfo, 'name' | 'bytes'>, storeId?: string): AsyncGenerator<Entry> {
  // Cheap test before parsing: most lines of a shared segment belong to other stores.
  const needle = storeId === undefined ? undefined : `"storeId":${JSON.stringify(storeId)}`;
  for await (const line of readLines(join(journalPath, segment.name), segment.bytes)) {
    if (line.lineNo === 1 || (needle && !line.text.includes(needle))) continue;
    const parsed = parseLine(line.text);
    if (!parsed.ok) throw new Error(`journal: ${segment.name} line ${line.lineNo} became unreadable while running: ${parsed.reason}`);
    if (storeId !== undefined && parsed.record.storeId !== storeId) continue;
    yield { event: deepFreeze(parsed.record as unknown as WorkshopEvent), chain: parsed.chain };
  }
}

/** Events of one store with afterSeq < seq ≤ upTo, read from the segments whose index range holds them. */
export async function readRange(journalPath: string, segments: readonly SegmentInfo[], storeId: string, afterSeq: number, upTo: number): Promise<Entry[]> {
  const found: Entry[] = [];
  for (const segment of [...segments]) {
    const range = segment.stores[storeId];
    if (!range || range[1] <= afterSeq || range[0] > upTo) continue;
    for await (const entry of segmentEntries(journalPath, segment, storeId)) {
      if (entry.event.seq > upTo) return found;
      if (entry.event.seq > afterSeq) found.push(entry);
    }
  }
  return found;
}

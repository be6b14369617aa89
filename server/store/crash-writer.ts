/**
 * Child process of crash.test.ts: appends events as fast as it can until it is killed, and
 * prints `ack <storeId> <seq> <key>` the moment each append resolves, so the parent knows
 * exactly which events were acknowledged when it sent SIGKILL.
 *
 *   node --import tsx server/store/crash-writer.ts <dataDir>                 (embedded journal)
 *   node --import tsx server/store/crash-writer.ts --postgres <url>          (PostgreSQL)
 *
 * Every store gets a repair order created at seq 1, 11, 21… and updated in between, so the
 * events always fold cleanly with the real workflow.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { aCreateRepairOrder, aDraft, anUpdateRepairOrder } from '../../tests/helpers/events';
import { silentLogger } from '../log';
import { EmbeddedEventStore } from './embedded-store';
import type { EventStore } from './event-store';
import { PostgresEventStore } from './postgres-store';

export const CRASH_STORES = ['crash-1', 'crash-2', 'crash-3', 'crash-4', 'crash-5', 'crash-6', 'crash-7', 'crash-8'];

/** The command for the event at `seq` in the crash test's pattern. */
export const crashCommand = (storeId: string, seq: number) => {
  const roId = `ro-${storeId}-${Math.floor((seq - 1) / 10)}`;
  return (seq - 1) % 10 === 0 ? aCreateRepairOrder(roId) : anUpdateRepairOrder(roId, `update ${seq}`);
};

async function openFromArgs(args: string[]): Promise<EventStore> {
  if (args[0] === '--postgres') {
    if (!args[1]) throw new Error('usage: crash-writer.ts --postgres <url>');
    return PostgresEventStore.open({ url: args[1], log: silentLogger });
  }
  if (!args[0]) throw new Error('usage: crash-writer.ts <dataDir>');
  return EmbeddedEventStore.open(args[0], { log: silentLogger });
}

async function writeForever(store: EventStore, storeId: string): Promise<never> {
  let seq = await store.lastSeq(storeId);
  for (;;) {
    const key = `crash-${seq + 1}-${randomUUID()}`;
    const result = await store.append(aDraft({ storeId, key, command: crashCommand(storeId, seq + 1) }), seq);
    if (result.status === 'conflict') throw new Error(`${storeId}: unexpected conflict at ${seq}: this writer is the only one`);
    seq = result.event.seq;
    // Writes to a pipe are synchronous on Linux: once this returns, the parent can read the line.
    process.stdout.write(`ack ${storeId} ${seq} ${key}\n`);
  }
}

// Run only as a script: the test imports the pattern above from this module too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const store = await openFromArgs(process.argv.slice(2));
  await Promise.all(CRASH_STORES.map((id) => writeForever(store, id)));
}

/**
 * `npm run journal -- verify [--data-dir DIR]`
 *   Checks every line of every segment, the chain, per-store seqs, index.json and the snapshots
 *   (the deep check: the server's start takes a sealed segment it need not read by its recorded
 *   sha256 instead); prints a summary, or what is wrong and where. Exit code 0 when sound, 1 when not. Safe while the
 *   server runs (it only reads).
 *
 * `npm run journal -- repair [--data-dir DIR] [--cut-at-first-bad-line]`
 *   Refused while a server holds the data dir. Copies what it changes into DIR/repair-<time>/
 *   first; cuts a torn tail, moves damaged snapshots aside, rebuilds a missing index. Drops
 *   acknowledged events (a bad line and everything after it) only with --cut-at-first-bad-line,
 *   and prints how many per store.
 *
 * `npm run journal -- import-redis --from REDIS_URL [--prefix tw] --to DATABASE_URL`
 *   For a deployment that kept its event log in Redis Streams (before the PostgreSQL store):
 *   reads every store's log there (first format, commands), turns each line into its fact through
 *   the legacy upcaster and writes them, seqs and keys kept, into the PostgreSQL database, whose
 *   stores must have no events yet. All or nothing; Redis is only read. Prints per store the
 *   events read, imported and the last seq. Run it with the servers stopped.
 */
import { DataDirInUseError } from '../server/store/data-dir-lock';
import { JournalCorruptError } from '../server/store/journal/format';
import { repairJournal, verifyJournal, type JournalSummary } from '../server/store/journal/repair';
import { StoreNotEmptyError } from '../server/store/postgres-store';
import { importRedisLog, RedisImportError } from '../server/store/redis-import';
import { StoreUnavailableError } from '../server/store/event-store';

const USAGE = [
  'usage: npm run journal -- verify|repair [--data-dir DIR] [--cut-at-first-bad-line]',
  '       npm run journal -- import-redis --from redis://host:6379 [--prefix tw] --to postgres://user@host:5432/database',
].join('\n');

const args = process.argv.slice(2);
const command = args[0];
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const dataDir = option('--data-dir') ?? (process.env.DATA_DIR || './data');
const cutAtFirstBadLine = args.includes('--cut-at-first-bad-line');

const describe = (s: JournalSummary) =>
  `${s.stores} stores, ${s.events} events, ${s.segments} segment${s.segments === 1 ? '' : 's'}, ${s.bytes} bytes, ${s.snapshots} snapshots` +
  (s.tornBytes ? ` (and a torn last line of ${s.tornBytes} bytes, never acknowledged: the next start or repair cuts it off)` : '') +
  (s.erasures ? `; ${s.erasures} erasure run${s.erasures === 1 ? '' : 's'} of personal data recorded (npm run privacy), the latest at ${s.lastErasureAt}` : '');

async function importRedis(): Promise<number> {
  const from = option('--from');
  const to = option('--to');
  if (!from || !to || from.startsWith('--') || to.startsWith('--')) {
    console.error(USAGE);
    return 2;
  }
  const stores = await importRedisLog({ redisUrl: from, prefix: option('--prefix'), databaseUrl: to });
  for (const s of stores) console.log(`${s.storeId}: ${s.read} events read, ${s.imported} imported, last seq ${s.lastSeq}`);
  const total = stores.reduce((n, s) => n + s.imported, 0);
  console.log(`Imported ${total} events of ${stores.length} store${stores.length === 1 ? '' : 's'} into PostgreSQL; Redis was left as it was.`);
  return 0;
}

async function main(): Promise<number> {
  if (command === 'import-redis') return importRedis();
  if (!dataDir || (command !== 'verify' && command !== 'repair')) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'verify') {
    const summary = await verifyJournal(dataDir);
    console.log(`Journal in ${dataDir} is sound: ${describe(summary)}.`);
    return 0;
  }
  const report = await repairJournal(dataDir, { cutAtFirstBadLine });
  for (const action of report.actions) console.log(`- ${action}`);
  const dropped = Object.entries(report.dropped);
  if (report.needsCut) {
    console.error(`\nNot repaired: ${report.needsCut.message}`);
    if (dropped.length) console.error(`\nCutting at that line would drop these acknowledged events:\n${dropped.map(([id, n]) => `  ${id}: ${n}`).join('\n')}`);
    console.error('\nTo accept that loss, run again with --cut-at-first-bad-line (a copy of every changed file is kept).');
    return 1;
  }
  if (dropped.length) console.log(`Dropped acknowledged events per store:\n${dropped.map(([id, n]) => `  ${id}: ${n}`).join('\n')}`);
  if (report.backup) console.log(`Copies of the changed files: ${report.backup}`);
  console.log(report.actions.length ? `Repaired. Journal now: ${describe(report.summary!)}.` : `Nothing to repair: ${describe(report.summary!)}.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = [JournalCorruptError, DataDirInUseError, RedisImportError, StoreNotEmptyError, StoreUnavailableError];
    if (known.some((kind) => err instanceof kind)) console.error(`\n${(err as Error).message}\n`);
    else console.error(`\njournal ${command ?? ''}: ${(err as Error)?.message ?? err}\n`);
    process.exit(1);
  },
);

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
 */
import { DataDirInUseError } from '../server/store/data-dir-lock';
import { JournalCorruptError } from '../server/store/journal/format';
import { repairJournal, verifyJournal, type JournalSummary } from '../server/store/journal/repair';

const USAGE = 'usage: npm run journal -- verify|repair [--data-dir DIR] [--cut-at-first-bad-line]';

const args = process.argv.slice(2);
const command = args[0];
const dirAt = args.indexOf('--data-dir');
const dataDir = dirAt >= 0 ? args[dirAt + 1] : process.env.DATA_DIR || './data';
const cutAtFirstBadLine = args.includes('--cut-at-first-bad-line');

const describe = (s: JournalSummary) =>
  `${s.stores} stores, ${s.events} events, ${s.segments} segment${s.segments === 1 ? '' : 's'}, ${s.bytes} bytes, ${s.snapshots} snapshots` +
  (s.tornBytes ? ` (and a torn last line of ${s.tornBytes} bytes, never acknowledged: the next start or repair cuts it off)` : '');

async function main(): Promise<number> {
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

main().then((code) => process.exit(code), (err: unknown) => {
  if (err instanceof JournalCorruptError || err instanceof DataDirInUseError) console.error(`\n${err.message}\n`);
  else console.error(`\njournal ${command ?? ''}: ${(err as Error)?.message ?? err}\n`);
  process.exit(1);
});

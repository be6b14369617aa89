/**
 * Erasure on the embedded store: the data dir must not be in use (its lock is taken, so a
 * running server makes this refuse with DataDirInUseError — the server would otherwise keep the
 * customer in memory and its appends would race the rewrite). The journal is checked and read
 * once to find the records, then rewritten whole (store/journal/rewrite.ts) with the records'
 * personal fields tombstoned, snapshots included; what else in the data dir holds the values
 * (the old single-file journal kept after its migration, copies `journal repair` made) is
 * scrubbed as text. Acknowledged events all stay: only their personal fields change.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { lockDataDir } from '../store/data-dir-lock';
import { JOURNAL_DIR, LEGACY_JOURNAL, SNAPSHOTS, journalDir } from '../store/journal/format';
import { listFiles, rewriteJournal, settleErasure } from '../store/journal/rewrite';
import { readIndex, scanJournal } from '../store/journal/scan';
import { writeFileAtomically, writeIndex } from '../store/journal/segment-writer';
import { PersonalRecords, planOf, type ErasurePlan } from './customers';
import { choose, counting, customersOf, emptyReport, eraseTargets, holdsAny, reasonOf, type ErasureReport, type Selection } from './erase';
import { finderOf, scrubEvent } from './scrub';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Files of a data dir that are not the journal's and can hold no customer data. */
const NO_CUSTOMER_DATA = new Set(['journal.lock', 'secrets.json', 'sessions-ended.json']);

export async function eraseInDataDir(dataDir: string, selection: Selection, options: { dryRun?: boolean; now?: () => number } = {}): Promise<ErasureReport> {
  const dryRun = options.dryRun ?? false;
  // Also while a migration is unfinished (both exist): the server compares the old file's size.
  if (await exists(join(dataDir, LEGACY_JOURNAL)))
    throw new Error(`${dataDir} holds a journal in the old single-file format: start the server once (it migrates it), stop it, then erase`);
  if (!(await exists(journalDir(dataDir)))) throw new Error(`${dataDir} holds no journal (is it the server's DATA_DIR?)`);
  const unlock = await lockDataDir(dataDir);
  try {
    await settleErasure(dataDir);
    const records = new PersonalRecords();
    const checked = await scanJournal(dataDir, ({ record }) => records.observe(record));
    const { chosen, open } = choose(records, selection);
    const plan = planOf(open.length ? [] : chosen);
    const report = emptyReport(selection, planOf(chosen), dryRun, open.length);
    if (selection.kind === 'expired' && chosen.length === 0 && !dryRun) await recordRun(dataDir, (options.now ?? Date.now)());
    if (open.length || chosen.length === 0) return report;
    const count = counting(plan, report);
    report.targets = await eraseTargets({ dataDir }, customersOf(plan, report.reason), dryRun);
    if (dryRun) {
      await scanJournal(dataDir, ({ record }) => count.event(record));
      return report;
    }
    const at = new Date((options.now ?? Date.now)()).toISOString();
    const result = await rewriteJournal(
      dataDir,
      {
        event: count.event,
        snapshot: count.snapshot,
        erasure: () => ({
          at,
          reason: reasonOf(selection),
          stores: Object.fromEntries(report.stores.map((s) => [s.storeId, { repairOrders: s.repairOrders, appointments: s.appointments, events: s.events }])),
        }),
      },
      checked,
    );
    report.segments = result.segments;
    const other = await scrubOtherFiles(dataDir, plan);
    report.otherFiles = other.scrubbed;
    report.unknownFiles = other.unknown;
    // What the check after the rewrite still finds of the values outside the erased records.
    await scanJournal(dataDir, ({ record }) => {
      if (!scrubEvent(record, plan) && holdsAny(JSON.stringify(record), plan)) report.elsewhere++;
    });
    return report;
  } finally {
    await unlock();
  }
}

/**
 * An `expire` that found no one due is recorded too (with no stores), so the start-up reminder
 * (reminder.ts) knows the schedule runs. Only index.json changes; the server is stopped.
 */
async function recordRun(dataDir: string, now: number): Promise<void> {
  const index = await readIndex(dataDir);
  const run = { at: new Date(now).toISOString(), reason: 'expired' as const, stores: {} };
  await writeIndex(dataDir, { ...index, erasures: [...(index.erasures ?? []), run] });
}

/** Old text copies of the log the server no longer reads (see scrubOtherFiles). */
const TEXT_COPIES = /^(journal\.ndjson\.migrated-v0(\.\d+)?|snapshots\.migrated-v0(\.\d+)?|repair-[^/\\]+|journal\.new)$/;

/**
 * Copies of old records outside the journal — `journal.ndjson.migrated-v0` (the first-format
 * journal, kept after its migration), `snapshots.migrated-v0`, `repair-<time>/` — are not read by
 * the server; each that holds a value has it replaced by the tombstone as text (in JSON a value
 * sits inside a string, so the file stays JSON; a copy's own checksums no longer match). Any other
 * file that holds a value (a read model's database that registered no ErasureTarget, say) is not
 * touched — an edit could break it — but reported in `unknown`.
 */
async function scrubOtherFiles(dataDir: string, plan: ErasurePlan): Promise<{ scrubbed: string[]; unknown: string[] }> {
  const finder = finderOf(plan);
  const found = { scrubbed: [] as string[], unknown: [] as string[] };
  for (const file of await listFiles(dataDir)) {
    const rel = relative(dataDir, file);
    const top = rel.split(/[\\/]/)[0]!;
    if (top === JOURNAL_DIR || top === SNAPSHOTS || NO_CUSTOMER_DATA.has(rel)) continue;
    // Decoded as UTF-8 even when binary: a database keeps its text as UTF-8 bytes, so values are still found.
    const text = (await readFile(file)).toString('utf8');
    if (!finder.holds(text)) continue;
    if (!TEXT_COPIES.test(top)) {
      found.unknown.push(rel);
      continue;
    }
    await writeFileAtomically(file, finder.replace(text), 'erasure');
    found.scrubbed.push(rel);
  }
  return found;
}

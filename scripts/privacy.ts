/**
 * `npm run privacy -- erase --plate <plate> [--store ID] [--data-dir DIR | --database-url URL] [--dry-run]`
 *   One customer's request: erases the name, phone, plate and VIN of every visit of this plate
 *   (in one store with --store) from the log, its snapshots and every registered read model;
 *   stages, times and operations stay. Refused while the car still has an open visit.
 *
 * `npm run privacy -- expire [--store ID] [--config FILE] [--as-of DATE] [--data-dir DIR | --database-url URL] [--dry-run]`
 *   Retention: erases every customer whose last visit ended more than their store's
 *   `personalDataRetentionDays` (shop config; default three years) ago. --as-of previews a date.
 *
 * Both need the server(s) stopped (the embedded data dir's lock, or PostgreSQL's session list)
 * and print only masked plates. Exit codes: 0 erased, or nothing to do; 1 refused or failed
 * (nothing changed); 2 usage; 3 (erase) no stored visit has that plate; 4 erased from the log,
 * but other files of the data dir still hold the customer (named in the message).
 */
import { normalisePlate, maskPlate } from '../shared/domain/plate';
import { DEFAULT_PERSONAL_DATA_RETENTION_DAYS } from '../shared/domain/shop';
import { ConfigError, loadShopConfig } from '../server/config';
import { DataDirInUseError } from '../server/store/data-dir-lock';
import { JournalCorruptError } from '../server/store/journal/format';
import { describeReport } from '../server/privacy/report-text';
import { eraseInDataDir } from '../server/privacy/journal-erasure';
import { eraseInPostgres, StoreInUseError } from '../server/privacy/postgres-erasure';
import type { Selection } from '../server/privacy/erase';

const USAGE = [
  'usage: npm run privacy -- erase --plate <plate> [--store ID] [--data-dir DIR | --database-url URL] [--dry-run]',
  '       npm run privacy -- expire [--store ID] [--config FILE] [--as-of YYYY-MM-DD] [--data-dir DIR | --database-url URL] [--dry-run]',
].join('\n');

const args = process.argv.slice(2);
const command = args[0];
const option = (name: string) => {
  const at = args.indexOf(name);
  const value = at >= 0 ? args[at + 1] : undefined;
  return value === undefined || value.startsWith('--') ? undefined : value;
};
const dryRun = args.includes('--dry-run');
const storeId = option('--store');
const databaseUrl = option('--database-url') ?? (args.includes('--data-dir') ? undefined : process.env.DATABASE_URL || undefined);
const dataDir = option('--data-dir') ?? (process.env.DATA_DIR || './data');

function selection(): Selection | undefined {
  if (command === 'erase') {
    const plate = option('--plate');
    return plate && normalisePlate(plate) ? { kind: 'plate', plate, storeId } : undefined;
  }
  if (command !== 'expire') return undefined;
  const asOf = option('--as-of');
  const now = asOf ? Date.parse(asOf) : Date.now();
  if (Number.isNaN(now)) return undefined;
  // Stores missing from the config (closed ones whose history stays) keep the default.
  const config = loadShopConfig(option('--config') ?? (process.env.SHOP_CONFIG || 'config/shop.json'));
  const days = new Map(config.stores.map((s) => [s.id, s.personalDataRetentionDays]));
  return { kind: 'expired', now, storeId, retentionDays: (id) => days.get(id) ?? DEFAULT_PERSONAL_DATA_RETENTION_DAYS };
}

async function main(): Promise<number> {
  const chosen = selection();
  if (!chosen) {
    console.error(USAGE);
    return 2;
  }
  const report = databaseUrl ? await eraseInPostgres(databaseUrl, chosen, { dryRun, dataDir }) : await eraseInDataDir(dataDir, chosen, { dryRun });
  const masked = chosen.kind === 'plate' ? maskPlate(normalisePlate(chosen.plate)) : undefined;
  const text = describeReport(report, { masked, storeId });
  if (report.openVisits > 0) {
    console.error(text);
    return 1;
  }
  if (chosen.kind === 'plate' && report.records === 0) {
    console.error(text);
    return 3;
  }
  if (report.unknownFiles.length) {
    console.error(text);
    return 4;
  }
  console.log(text);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DataDirInUseError) {
      console.error(
        `\nThe data directory ${err.dataDir} is in use by another server (process ${err.pid}): stop it first — ` +
          'a running server keeps its customers in memory and would write them back. Nothing was changed.\n',
      );
      process.exit(1);
    }
    const known = [JournalCorruptError, StoreInUseError, ConfigError];
    if (known.some((kind) => err instanceof kind)) console.error(`\n${(err as Error).message}\n`);
    else console.error(`\nprivacy ${command ?? ''}: ${(err as Error)?.message ?? err}\n`);
    process.exit(1);
  },
);

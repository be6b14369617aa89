/**
 * `npm run backup -- <file> [--data-dir DIR]`: a consistent copy of the embedded store, taken
 * while the server runs (it never writes into the data directory). Format: server/store/backup.ts.
 */
import { BackupError, backup } from '../server/store/backup';

const args = process.argv.slice(2);
const flag = args.indexOf('--data-dir');
const dataDir = flag >= 0 ? args[flag + 1] : process.env.DATA_DIR || './data';
const file = args.find((a, i) => !a.startsWith('--') && (flag < 0 || i !== flag + 1));
if (!file || (flag >= 0 && !dataDir)) {
  console.error('Usage: npm run backup -- <file> [--data-dir DIR]   (DIR defaults to $DATA_DIR or ./data)');
  process.exit(1);
}
try {
  const { manifest, bytes, cutBytes, file: out } = await backup(dataDir!, file);
  const stores = Object.entries(manifest.stores);
  console.log(`Backup written to ${out}: ${stores.length} store${stores.length === 1 ? '' : 's'}, ${manifest.events} events, ${bytes} bytes (verified).`);
  for (const [id, s] of stores) console.log(`  ${id}: up to seq ${s.lastSeq} (chain ${s.chain})`);
  for (const [name, tables] of Object.entries(manifest.databases ?? {}))
    console.log(
      `  ${name}: ${
        Object.entries(tables)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ') || 'no tables'
      } (SQLite online backup)`,
    );
  const photos = manifest.files.filter((f) => f.path.startsWith('add-on-photos/')).length;
  if (photos) console.log(`  add-on-photos/: ${photos} file${photos === 1 ? '' : 's'}`);
  for (const name of manifest.notKnown ?? []) console.log(`  ${name}: copied whole, but not known to the backup (name it in server/store/data-dir-files.ts)`);
  if (cutBytes) console.log(`  (${cutBytes} bytes of a line still being written were left out; it was not acknowledged yet)`);
} catch (err) {
  console.error(err instanceof BackupError ? `Backup failed: ${err.message}` : `Backup failed: ${(err as Error).message ?? err}`);
  process.exit(1);
}

/**
 * `npm run restore -- <file> --data-dir DIR`: restores a backup into an empty (or new) data
 * directory, after checking its checksum and verifying the restored journal.
 */
import { BackupError, restore } from '../server/store/backup';

const args = process.argv.slice(2);
const flag = args.indexOf('--data-dir');
const dataDir = flag >= 0 ? args[flag + 1] : undefined;
const file = args.find((a, i) => !a.startsWith('--') && (flag < 0 || i !== flag + 1));
if (!file || !dataDir) {
  console.error('Usage: npm run restore -- <file> --data-dir DIR   (DIR must be empty or not exist)');
  process.exit(1);
}
try {
  const { manifest, events, bytes, dataDir: dir } = await restore(file, dataDir);
  const stores = Object.entries(manifest.stores);
  console.log(`Restored ${file} (taken ${manifest.createdAt}, ${bytes} bytes) into ${dir}: ${stores.length} store${stores.length === 1 ? '' : 's'}, ${events} events (verified).`);
  for (const [id, s] of stores) console.log(`  ${id}: up to seq ${s.lastSeq}`);
} catch (err) {
  console.error(err instanceof BackupError ? `Restore failed: ${err.message}` : `Restore failed: ${(err as Error).message ?? err}`);
  process.exit(1);
}

/**
 * `npm run restore -- <file> --data-dir DIR` restores a backup into an empty (or new) data
 * directory; `npm run restore -- <file> --database-url postgres://…` into an empty PostgreSQL
 * store (the scaled-out log). Either way the file's checksum is checked and the restored journal
 * verified first; on any problem nothing is written.
 */
import { parseArgs } from 'node:util';
import { BackupError, restore, restoreToDatabase } from '../server/store/backup';

const usage =
  'Usage: npm run restore -- <file> --data-dir DIR   (DIR must be empty or not exist)\n' +
  '       npm run restore -- <file> --database-url postgres://user@host:5432/database   (its stores must have no events)';
let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } });
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(1);
}
const { values, positionals } = parsed;
const file = positionals[0];
const dataDir = values['data-dir'];
const databaseUrl = values['database-url'];
if (!file || positionals.length > 1 || (dataDir === undefined) === (databaseUrl === undefined)) {
  console.error(usage);
  process.exit(1);
}
try {
  if (databaseUrl !== undefined) {
    const { manifest, events, stores } = await restoreToDatabase(file, databaseUrl);
    console.log(
      `Restored ${file} (taken ${manifest.createdAt}) into PostgreSQL: ${stores.size} store${stores.size === 1 ? '' : 's'}, ${events} events (verified first).`,
    );
    for (const [id, seq] of stores) console.log(`  ${id}: up to seq ${seq}`);
  } else {
    const { manifest, events, bytes, dataDir: dir } = await restore(file, dataDir!);
    const stores = Object.entries(manifest.stores);
    console.log(
      `Restored ${file} (taken ${manifest.createdAt}, ${bytes} bytes) into ${dir}: ${stores.length} store${stores.length === 1 ? '' : 's'}, ${events} events (verified).`,
    );
    for (const [id, s] of stores) console.log(`  ${id}: up to seq ${s.lastSeq}`);
  }
} catch (err) {
  console.error(err instanceof BackupError ? `Restore failed: ${err.message}` : `Restore failed: ${(err as Error).message ?? err}`);
  process.exit(1);
}

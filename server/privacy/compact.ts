import { sql, type Kysely } from 'kysely';

/**
 * After an erasure target changed rows of an SQLite file: the file rebuilt from its live rows
 * (`VACUUM`), then its write-ahead log folded in and emptied. A deleted or rewritten row otherwise
 * stays readable in the file's free space — not only the rows erasure deleted, also those the
 * server deleted itself before (a parts wait forgotten when the work resumed, a pruned delivery).
 * The server is stopped while erasure runs, so nothing waits on the rebuild.
 */
export async function compactSqlite<T>(db: Kysely<T>): Promise<void> {
  await sql`VACUUM`.execute(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}

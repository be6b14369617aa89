import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { ImportJobs, STALE_MS } from './import-jobs';

/**
 * How a job left `running` by a process that stopped is found, on each store: embedded, at the
 * next open (this process holds the data dir); on PostgreSQL, by any process once the job's
 * heartbeat is STALE_MS old — and not before, since another process may still be running it.
 * (The real server killed and stopped mid-file: tests/faults/import-restart.test.ts.)
 */
const T0 = Date.parse('2026-12-07T08:00:00Z');
const row = (id: string, heartbeatAt: number) => ({
  id,
  store_id: 'store-a',
  kind: 'repair-orders',
  format: 'csv',
  status: 'running' as const,
  lines: 10,
  processed: 4,
  next_line: 6,
  counts: JSON.stringify({ created: 3, updated: 0, unchanged: 0, stale: 0, failed: 1 }),
  errors: JSON.stringify([{ line: 3, field: 'plate', message: 'Required' }]),
  started_at: new Date(T0).toISOString(),
  finished_at: null,
  heartbeat_at: new Date(heartbeatAt).toISOString(),
});

const Embedded = suite('import jobs in imports.sqlite');

Embedded('a job left running is interrupted at its line when the data dir is opened again', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tw-imports-'));
  try {
    let clock = T0;
    const first = await ImportJobs.open({ dataDir, now: () => clock });
    await first.db.insertInto('import_jobs').values(row('imp-a', T0)).execute();
    assert.is((await first.get('store-a', 'imp-a'))?.status, 'running');
    await first.close();
    clock += 1000;
    const second = await ImportJobs.open({ dataDir, now: () => clock });
    const job = await second.get('store-a', 'imp-a');
    assert.equal([job?.status, job?.interruptedAtLine, job?.processed, job?.counts.failed, job?.errors.length], ['interrupted', 6, 4, 1, 1]);
    assert.match(job!.message!, /from line 6 on may not have been applied/);
    assert.is(await second.get('store-b', 'imp-a'), undefined, 'another store does not see it');
    await second.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

Embedded.run();

const postgres = await findPostgres();
if ('reason' in postgres) {
  reportNoPostgres('import jobs on PostgreSQL', postgres.reason);
} else {
  const Pg = suite('import jobs on PostgreSQL');
  Pg('a running job of another process is left alone until its heartbeat is stale, then reported interrupted', async () => {
    const db = await createDatabase(postgres.url, 'imports');
    let clock = T0;
    const a = await ImportJobs.open({ dataDir: '', databaseUrl: db.url, now: () => clock });
    const b = await ImportJobs.open({ dataDir: '', databaseUrl: db.url, now: () => clock });
    try {
      await a.db.insertInto('import_jobs').values(row('imp-p', T0)).execute();
      clock = T0 + STALE_MS - 1000;
      assert.is((await b.get('store-a', 'imp-p'))?.status, 'running', 'a heartbeat within STALE_MS: still running elsewhere');
      clock = T0 + STALE_MS + 1000;
      const job = await b.get('store-a', 'imp-p');
      assert.equal([job?.status, job?.interruptedAtLine], ['interrupted', 6]);
      assert.is((await a.get('store-a', 'imp-p'))?.status, 'interrupted', 'every process sees it so');
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
  Pg.run();
}

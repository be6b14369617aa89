import type pg from 'pg';

/**
 * A pool that a dropped connection cannot crash. `pg` emits 'error' on a client whose socket
 * ends unexpectedly, and an 'error' event with no listener ends the process. pg-pool listens on
 * idle clients (re-emitted on the pool), and `pool.query` listens while it runs, but a client
 * taken with `pool.connect()` — a transaction here, every query Kysely runs — has no listener
 * between taking and releasing it. A PostgreSQL restart or a cut network during such a query
 * killed the server (tests/faults/postgres-outage.test.ts). Each new client gets a listener of
 * its own; the failed query still rejects, and pg-pool drops the broken client when it is
 * released. Reports go through `report`, at most one per 10 s.
 */
export function guardPool(pool: pg.Pool, report: (err: Error) => void): pg.Pool {
  let lastReported = 0;
  const once = (err: Error) => {
    const now = Date.now();
    if (now - lastReported < 10_000) return;
    lastReported = now;
    report(err);
  };
  pool.on('error', once);
  pool.on('connect', (client) => client.on('error', once));
  return pool;
}

/**
 * Erasure on the PostgreSQL store, in one transaction: the events' `record` and the snapshots'
 * `snapshot` of the chosen records are updated in place (seq, key and time untouched), and a row
 * of `erasures` says when, why and how much. Every server must be stopped first: a running one
 * holds the customer in memory and would show it, or fold it into a new snapshot. The check is
 * PostgreSQL's own list of sessions (servers connect as `application_name =
 * transparent-workshop`; the regression guard queries every 5 s, so a running one always has a
 * session), and `LOCK TABLE … ACCESS EXCLUSIVE` makes one that starts meanwhile wait, even to
 * read, until the erasure is committed, so it never folds the old rows.
 *
 * An UPDATE leaves the old row versions in the table files until they are vacuumed, so the
 * tables are rewritten afterwards (`VACUUM FULL events, snapshots`); the write-ahead log and
 * base backups keep the old rows until they are recycled (README: Personal data and retention).
 */
import pg from 'pg';
import { redactUrl } from '../redact-url';
import { PersonalRecords, planOf, type ErasurePlan } from './customers';
import { choose, counting, customersOf, emptyReport, eraseTargets, holdsAny, type ErasureReport, type Selection } from './erase';
import { finderOf, scrubEvent } from './scrub';

const BATCH = 2000;

/** Raised when a server is connected to the database: erasure needs them all stopped. */
export class StoreInUseError extends Error {
  constructor(where: string, sessions: number) {
    super(
      `${sessions} server connection${sessions === 1 ? ' is' : 's are'} open to ${where} (application_name transparent-workshop): ` +
        'stop every server of this deployment first, so that none keeps the customer in memory, then erase again. Nothing was changed.',
    );
    this.name = 'StoreInUseError';
  }
}

type Row = { store_id: string; seq: string; record: string };

/** Every event (of one store when given) in (store, seq) order, in batches, as stored text. */
async function* rows(client: pg.Client, storeId?: string): AsyncGenerator<Row> {
  let after: [string, number] = [storeId ?? '', 0];
  for (;;) {
    const { rows: batch } = await client.query<Row>(
      `SELECT store_id, seq, record::text AS record FROM events
       WHERE (store_id, seq) > ($1, $2) ${storeId ? 'AND store_id = $1' : ''} ORDER BY store_id, seq LIMIT ${BATCH}`,
      after,
    );
    yield* batch;
    if (batch.length < BATCH) return;
    const last = batch.at(-1)!;
    after = [last.store_id, Number(last.seq)];
  }
}

const eventOf = (row: Row) => ({ ...(JSON.parse(row.record) as Record<string, unknown>), seq: Number(row.seq) });
/** Stored rows carry no seq (it is a column): written back without it, as appends write them. */
const recordOf = ({ seq: _seq, ...record }: Record<string, unknown>) => JSON.stringify(record);

async function serverSessions(client: pg.Client): Promise<number> {
  const {
    rows: [row],
  } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = 'transparent-workshop' AND pid <> pg_backend_pid()`,
  );
  return row!.n;
}

/** A row of `erasures`: when, why, counts per store (no customer). */
async function recordErasure(client: pg.Client, report: ErasureReport, now: number): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS erasures (
    id bigserial PRIMARY KEY, at timestamptz NOT NULL, reason text NOT NULL, stores json NOT NULL)`);
  const stores = Object.fromEntries(report.stores.map((s) => [s.storeId, { repairOrders: s.repairOrders, appointments: s.appointments, events: s.events }]));
  await client.query('INSERT INTO erasures (at, reason, stores) VALUES ($1, $2, $3::json)', [
    new Date(now).toISOString(),
    report.reason,
    JSON.stringify(stores),
  ]);
}

/** The log's own tables; any other that still holds a value belongs to a read model without an ErasureTarget. */
const OWN_TABLES = ['events', 'snapshots', 'erasures', 'schema_version'];

/** Other tables whose rows (as JSON) still hold a value, read in batches through a cursor. */
async function tablesStillHolding(client: pg.Client, plan: ErasurePlan): Promise<string[]> {
  const finder = finderOf(plan);
  const { rows: tables } = await client.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const holding: string[] = [];
  for (const { schema, name } of tables) {
    if (schema === 'public' && OWN_TABLES.includes(name)) continue;
    const table = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`;
    let count = 0;
    await client.query('BEGIN READ ONLY');
    try {
      await client.query(`DECLARE still_holding NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${table} t`);
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`FETCH ${BATCH} FROM still_holding`);
        for (const { j } of rows) if (finder.holds(j)) count++;
        if (rows.length < BATCH) break;
      }
    } finally {
      await client.query('COMMIT');
    }
    if (count > 0) holding.push(`table ${schema}.${name} (${count} row${count === 1 ? '' : 's'})`);
  }
  return holding;
}

export async function eraseInPostgres(
  url: string,
  selection: Selection,
  options: { dryRun?: boolean; now?: () => number; dataDir?: string } = {},
): Promise<ErasureReport> {
  const dryRun = options.dryRun ?? false;
  const where = redactUrl(url);
  const client = new pg.Client({ connectionString: url, application_name: 'transparent-workshop-privacy', connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const before = await serverSessions(client);
    if (before > 0) throw new StoreInUseError(where, before);
    await client.query('BEGIN');
    await client.query('LOCK TABLE events, snapshots IN ACCESS EXCLUSIVE MODE');
    const during = await serverSessions(client);
    if (during > 0) throw new StoreInUseError(where, during);

    const records = new PersonalRecords();
    for await (const row of rows(client, selection.storeId)) records.observe(eventOf(row));
    const { chosen, open } = choose(records, selection);
    const plan = planOf(open.length ? [] : chosen);
    const report = emptyReport(selection, planOf(chosen), dryRun, open.length);
    if (open.length || chosen.length === 0) {
      // An expire that found no one due is recorded too, so the start-up reminder knows the schedule runs.
      if (selection.kind === 'expired' && !dryRun) {
        await recordErasure(client, report, (options.now ?? Date.now)());
        await client.query('COMMIT');
      } else {
        await client.query('ROLLBACK');
      }
      return report;
    }
    const count = counting(plan, report);
    report.targets = await eraseTargets({ dataDir: options.dataDir ?? '', databaseUrl: url }, customersOf(plan, report.reason), dryRun);
    for (const storeId of plan.stores.keys()) {
      for await (const row of rows(client, storeId)) {
        const changed = count.event(eventOf(row));
        if (changed && !dryRun)
          await client.query('UPDATE events SET record = $3::json WHERE store_id = $1 AND seq = $2', [row.store_id, row.seq, recordOf(changed)]);
      }
      const { rows: snaps } = await client.query<{ snapshot: string }>('SELECT snapshot::text AS snapshot FROM snapshots WHERE store_id = $1', [storeId]);
      for (const { snapshot } of snaps) {
        const changed = count.snapshot(storeId, JSON.parse(snapshot) as Record<string, unknown>);
        if (changed && !dryRun) await client.query('UPDATE snapshots SET snapshot = $2::json WHERE store_id = $1', [storeId, JSON.stringify(changed)]);
      }
    }
    if (dryRun) {
      await client.query('ROLLBACK');
      return report;
    }
    await recordErasure(client, report, (options.now ?? Date.now)());
    await client.query('COMMIT');
    // Old row versions would keep the values in the table files until autovacuum came by.
    await client.query('VACUUM FULL events, snapshots');
    for await (const row of rows(client, selection.storeId)) if (!scrubEvent(eventOf(row), plan) && holdsAny(row.record, plan)) report.elsewhere++;
    report.unknownFiles = await tablesStillHolding(client, plan);
    return report;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

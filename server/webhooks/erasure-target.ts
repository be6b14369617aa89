import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { compactSqlite } from '../privacy/compact';
import { TOMBSTONE } from '../privacy/customers';
import { ValueFinder } from '../privacy/finder';
import { scrubStrings } from '../privacy/scrub';
import type { ErasedCustomer, ErasureTargetFactory } from '../privacy/targets';
import { openWebhookDb, webhooksFile, type WebhookDb } from './store';

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const BATCH = 500;

/**
 * A delivery's body with the customer scrubbed, or undefined when it holds nothing of them. A
 * body is the customer's when it names one of their orders or appointments, or holds one of
 * their values anywhere (a plate in a parts note): the vehicle's plate becomes the tombstone,
 * the VIN and a survey comment are dropped, a customer message's name, phone, text, values and
 * link become the tombstone, and any other string holding a value becomes the
 * tombstone (ids, times and stages stay, as in the log: scrub.ts).
 */
export function scrubBody(body: string, c: ErasedCustomer, finder: ValueFinder): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return finder.holds(body) ? finder.replace(body) : undefined;
  }
  const data = isObject(parsed) && isObject(parsed.data) ? parsed.data : undefined;
  if (!data) return finder.holds(body) ? finder.replace(body) : undefined;
  const mine =
    (typeof data.roId === 'string' && c.repairOrderIds.includes(data.roId)) ||
    (typeof data.appointmentId === 'string' && c.appointmentIds.includes(data.appointmentId));
  if (!mine && !finder.holds(body)) return undefined;
  if (mine) {
    if (isObject(data.vehicle)) {
      if ('plate' in data.vehicle) data.vehicle.plate = TOMBSTONE;
      delete data.vehicle.vin;
    }
    delete data.comment;
    // A customer.message (server/notify/webhook.ts): who it was for, and what it said and linked to.
    if (isObject(data.customer)) {
      if ('name' in data.customer) data.customer.name = TOMBSTONE;
      if ('phone' in data.customer) data.customer.phone = TOMBSTONE;
    }
    for (const key of ['text', 'link'] as const) if (typeof data[key] === 'string') data[key] = TOMBSTONE;
    if (isObject(data.values)) for (const key of Object.keys(data.values)) data.values[key] = TOMBSTONE;
  }
  scrubStrings(data, finder);
  const text = JSON.stringify(parsed);
  return text === body ? undefined : text;
}

async function eraseIn(db: WebhookDb, c: ErasedCustomer, dryRun: boolean): Promise<number> {
  const finder = new ValueFinder(c.values);
  let changed = 0;
  for (let after = ''; ;) {
    const rows = await db
      .selectFrom('webhook_deliveries')
      .select(['id', 'body', 'last_error'])
      .where('store_id', '=', c.storeId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const body = scrubBody(row.body, c, finder);
      const error = row.last_error && finder.holds(row.last_error) ? finder.replace(row.last_error) : undefined;
      if (body === undefined && error === undefined) continue;
      changed++;
      if (!dryRun)
        await db
          .updateTable('webhook_deliveries')
          .set({ ...(body !== undefined ? { body } : {}), ...(error !== undefined ? { last_error: error } : {}) })
          .where('id', '=', row.id)
          .execute();
    }
    if (rows.length < BATCH) return changed;
    after = rows.at(-1)!.id;
  }
}

/**
 * How `npm run privacy` reaches the webhook outbox: every delivery of the customer's orders and
 * appointments (and any other that holds one of their values) keeps its row, its place in the
 * store's order and its id, with the body scrubbed (see scrubBody) — a delivery still pending goes
 * out scrubbed, signed as sent. Embedded, the file is then rebuilt from its live rows
 * (compact.ts), so the old bodies do not linger in its free space; on PostgreSQL the table is
 * rewritten (`VACUUM FULL`) for the same reason (the write-ahead log and base backups keep old rows
 * until recycled, as for the log). A deployment that never opened the outbox has nothing to erase.
 */
export const webhooksErasureTarget: ErasureTargetFactory = async ({ dataDir, databaseUrl }) => {
  if (!databaseUrl && !existsSync(webhooksFile(dataDir))) return undefined;
  const opened = await openWebhookDb({ dataDir, databaseUrl });
  return {
    name: `webhook outbox (${opened.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
    async erase(customers, { dryRun }) {
      let rows = 0;
      for (const c of customers) rows += await eraseIn(opened.db, c, dryRun);
      if (!dryRun && rows && opened.dialect === 'sqlite') await compactSqlite(opened.db);
      // PostgreSQL keeps the old row versions in the table's files until vacuumed; the servers are stopped.
      if (!dryRun && rows && opened.dialect === 'postgres') await sql`VACUUM FULL webhook_deliveries`.execute(opened.db);
      return rows;
    },
    close: () => opened.close(),
  };
};

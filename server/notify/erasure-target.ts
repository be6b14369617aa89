import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { compactSqlite } from '../privacy/compact';
import type { ErasureTargetFactory } from '../privacy/targets';
import { notifyFile, openOutbox, type NotifyDb } from './outbox';

/** Rows of one store's orders in each notify table (the memory's keys name the order: `promised:<ro>`, `parts:<ro>:<op>`). */
async function rowsOf(db: NotifyDb, storeId: string, roIds: readonly string[], remove: boolean): Promise<number> {
  const ids = [...roIds];
  let n = 0;
  for (const table of ['notify_messages', 'notify_log', 'notify_push_subscriptions'] as const) {
    if (remove) n += Number((await db.deleteFrom(table).where('store_id', '=', storeId).where('ro_id', 'in', ids).executeTakeFirst()).numDeletedRows);
    else
      n += Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('store_id', '=', storeId)
            .where('ro_id', 'in', ids)
            .executeTakeFirst()
        )?.n ?? 0,
      );
  }
  for (const roId of ids) {
    for (const [op, key] of [
      ['=', `promised:${roId}`],
      ['like', `parts:${roId}:%`],
    ] as const) {
      if (remove) n += Number((await db.deleteFrom('notify_memory').where('store_id', '=', storeId).where('key', op, key).executeTakeFirst()).numDeletedRows);
      else
        n += Number(
          (
            await db
              .selectFrom('notify_memory')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('store_id', '=', storeId)
              .where('key', op, key)
              .executeTakeFirst()
          )?.n ?? 0,
        );
    }
  }
  return n;
}

/**
 * How `npm run privacy` reaches the notification outbox: every message, delivery-log line, push
 * subscription and remembered fact of the customer's orders is deleted — the messages hold the
 * phone number and the text's values (name, plate), the push endpoints identify the customer's
 * browser. Embedded, the file is then rebuilt from its live rows (compact.ts), on PostgreSQL the
 * tables rewritten (`VACUUM FULL`), so deleted rows do not linger in free space. A deployment that never
 * opened the outbox (no notify.sqlite, no DATABASE_URL) has nothing to erase.
 */
export const notifyErasureTarget: ErasureTargetFactory = async ({ dataDir, databaseUrl }) => {
  if (!databaseUrl && !existsSync(notifyFile(dataDir))) return undefined;
  const opened = await openOutbox({ dataDir, databaseUrl });
  return {
    name: `notification outbox (${opened.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
    async erase(customers, { dryRun }) {
      let rows = 0;
      for (const c of customers) if (c.repairOrderIds.length) rows += await rowsOf(opened.db, c.storeId, c.repairOrderIds, !dryRun);
      if (!dryRun && rows && opened.dialect === 'sqlite') await compactSqlite(opened.db);
      if (!dryRun && rows && opened.dialect === 'postgres')
        await sql`VACUUM FULL notify_messages, notify_log, notify_push_subscriptions, notify_memory`.execute(opened.db);
      return rows;
    },
    close: () => opened.close(),
  };
};

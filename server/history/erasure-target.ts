import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { ErasureTargetFactory } from '../privacy/targets';
import { historyFile, openHistoryDatabase } from './database';
import { eraseVehicleRefs } from './erase';

/**
 * How `npm run privacy` reaches the history read model: the visits stay (the store's work), their
 * vehicle reference (a keyed hash of the plate, see erase.ts) is nulled and the reminders' rows of
 * the car (plate, name, phone) are deleted. A deployment whose history was never opened (no history.sqlite) has nothing to erase.
 */
export const historyErasureTarget: ErasureTargetFactory = async ({ dataDir, databaseUrl }) => {
  if (!databaseUrl && !existsSync(historyFile(dataDir))) return undefined;
  const opened = await openHistoryDatabase({ dataDir, databaseUrl });
  return {
    name: `history read model (${opened.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
    async erase(customers, { dryRun }) {
      let rows = 0;
      for (const c of customers) {
        if (!c.repairOrderIds.length) continue;
        if (!dryRun) rows += await eraseVehicleRefs(opened.db, c.storeId, c.repairOrderIds);
        else {
          const found = await opened.db
            .selectFrom('history_visits')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('store_id', '=', c.storeId)
            .where('ro_id', 'in', [...c.repairOrderIds])
            .where('vehicle_ref', 'is not', null)
            .executeTakeFirst();
          rows += Number(found?.n ?? 0);
          const readings = await opened.db
            .selectFrom('history_vehicle_readings')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('store_id', '=', c.storeId)
            .where('ro_id', 'in', [...c.repairOrderIds])
            .executeTakeFirst();
          rows += Number(readings?.n ?? 0);
        }
      }
      // A DELETE leaves the rows' bytes in free pages (and the WAL, or PostgreSQL's dead tuples):
      // the reminders' rows held the plate, name and phone, so the file is rewritten.
      if (!dryRun && rows > 0) {
        if (opened.dialect === 'sqlite') {
          await sql`VACUUM`.execute(opened.db);
          await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(opened.db);
        } else await sql`VACUUM FULL history_vehicle_readings`.execute(opened.db);
      }
      return rows;
    },
    close: () => opened.close(),
  };
};

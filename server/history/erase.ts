import type { HistoryDb } from './schema';

/**
 * Personal data in the history read model, and how to erase it (PIPL).
 *
 * The reports' tables store no customer name, phone, plate or VIN; the reminders' cars
 * (`history_vehicle_readings`: plate, name and phone to call) do, and a customer's rows there are
 * deleted. The one field of the reports derived from personal data is `history_visits.vehicle_ref`, a keyed hash of the plate that links two visits of one car
 * (the comeback rate). Erasing a customer's cars from the history is therefore nulling that field
 * on their visits: the visits stay (they are the store's operations, not the customer's data), and
 * can no longer be linked to each other or to a plate.
 *
 * Erasure of the log itself is what makes it last: a rebuild projects the log again, and a visit
 * whose stored plate has been erased (blank or masked, see `vehicleRefOf`) gets no reference.
 */
export async function eraseVehicleRefs(db: HistoryDb, storeId: string, roIds: readonly string[]): Promise<number> {
  let erased = 0;
  for (let i = 0; i < roIds.length; i += 500) {
    const result = await db
      .updateTable('history_visits')
      .set({ vehicle_ref: null })
      .where('store_id', '=', storeId)
      .where('ro_id', 'in', roIds.slice(i, i + 500))
      .executeTakeFirst();
    erased += Number(result.numUpdatedRows);
    // The reminders' cars hold the plate, name and phone themselves: those rows go.
    const readings = await db
      .deleteFrom('history_vehicle_readings')
      .where('store_id', '=', storeId)
      .where('ro_id', 'in', roIds.slice(i, i + 500))
      .executeTakeFirst();
    erased += Number(readings.numDeletedRows);
  }
  return erased;
}

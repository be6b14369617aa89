import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aDeliveredVisit, ClockedWorkshop, dumpHistory } from '../../tests/helpers/history';
import { silentLogger } from '../log';
import { openHistoryDatabase } from './database';
import { eraseVehicleRefs } from './erase';
import { HistoryProjector } from './projector';
import { makeVehicleRef, vehicleRefKey } from './vehicle-ref';

test('a vehicle reference is the same for one plate however it is written, differs by key, and is none for an erased plate', () => {
  const ref = makeVehicleRef(vehicleRefKey('key-one'));
  assert.is(ref('京A·12345'), ref('京a 12345'));
  assert.is.not(ref('京A12345'), makeVehicleRef(vehicleRefKey('key-two'))('京A12345'));
  assert.is.not(ref('京A12345'), ref('京A12346'));
  for (const erased of ['', ' ', '京A·1**45', '[erased]']) assert.is(ref(erased), null, erased);
});

test("the reports' tables hold no customer name, phone, plate or VIN, the reminders' cars do; erasing a car's visits nulls the one link and deletes those", async () => {
  const w = new ClockedWorkshop();
  const oil = [{ id: 'op-1', code: 'OIL', title: '机油', standardHours: 0.5, bayId: 'bay-2', technicianId: 'tech-1' }];
  const first = await aDeliveredVisit(w, { checkIn: '08:00', start: '08:10', workMinutes: [20], deliverAt: '09:00', plate: '京A77777', operations: oil });
  const again = await aDeliveredVisit(w, { checkIn: '10:00', start: '10:10', workMinutes: [20], deliverAt: '11:00', plate: '京A77777', operations: oil });
  const h = await openHistoryDatabase({ dataDir: '', sqliteFile: ':memory:' });
  try {
    await new HistoryProjector(h.db, w.events, { log: silentLogger, vehicleRef: makeVehicleRef(vehicleRefKey('k')) }).catchUpAll();
    const { history_vehicle_readings: readings, ...reports } = await dumpHistory(h.db);
    const text = JSON.stringify(reports);
    for (const personal of ['京A77777', '77777', '张伟', '13812345678']) assert.not.ok(text.includes(personal), personal);
    // Whom to call about a reminder: plate, name and phone, one row per visit.
    assert.equal(
      (readings as { plate: string; customer_phone: string }[]).map((r) => [r.plate, r.customer_phone]),
      [
        ['京A77777', '13812345678'],
        ['京A77777', '13812345678'],
      ],
    );
    assert.is(await eraseVehicleRefs(h.db, 'store-a', [first, again]), 4);
    const refs = await h.db.selectFrom('history_visits').select('vehicle_ref').execute();
    assert.equal(refs, [{ vehicle_ref: null }, { vehicle_ref: null }]);
    const after = JSON.stringify(await dumpHistory(h.db));
    for (const personal of ['京A77777', '77777', '张伟', '13812345678']) assert.not.ok(after.includes(personal), `${personal} after erasure`);
  } finally {
    await h.close();
  }
});

test.run();

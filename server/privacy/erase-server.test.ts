import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrderInput } from '../../tests/helpers/build';
import { aKioskShop, bookToday, deliver, kiosk } from '../../tests/helpers/kiosk';
import { runCommand } from '../../tests/helpers/run-command';
import { startTestServer } from '../../tests/helpers/server';
import { listFiles } from '../store/journal/rewrite';
import { removeDir, tempDir } from '../store/journal/test-journal';
import { TOMBSTONE } from './customers';

const privacy = (...args: string[]) => runCommand(process.execPath, ['--import', 'tsx', 'scripts/privacy.ts', ...args], { DATABASE_URL: '' });
const OUYANG = { typed: ' 京a·8888 8', plate: '京A88888', dotted: '京A·88888', name: '欧阳修', phone: '13855556666', vin: 'LFV3A23C1J3000008' };
const values = [OUYANG.plate, OUYANG.dotted, OUYANG.name, OUYANG.phone, OUYANG.vin];

/** Files of the data dir holding any of `wanted` — all of them: secrets.json and the session list too. */
async function holding(dir: string, wanted: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await listFiles(dir)) {
    const text = await readFile(file, 'utf8');
    for (const v of wanted) if (text.includes(v)) found.push(`${relative(dir, file)}: ${v}`);
  }
  return found;
}

test('a visit run through the real server, erased after it stopped, is gone from every file; the server reopens and works on', async () => {
  const dataDir = await tempDir('privacy-server');
  try {
    const shop = aKioskShop();
    let server = await startTestServer({ dataDir, shop, history: true });
    // First visit: booked, checked in at the kiosk (plate + last four digits), worked and delivered.
    const booked = await bookToday(server, 'store-a', {
      vehicle: { plate: OUYANG.typed, vin: OUYANG.vin, make: 'BMW' },
      customer: { name: OUYANG.name, phone: OUYANG.phone, salutation: 'mr' },
    });
    const ask = kiosk(server, 'store-a');
    const { ticket } = (await ask('POST', '/appointments/find', { kioskId: 'entrance', plate: OUYANG.typed, phoneLast4: OUYANG.phone.slice(-4) })).body.data;
    assert.is((await ask('POST', '/check-in', { kioskId: 'entrance', ticket, consent: true })).status, 201);
    const state = await server.service.state('store-a');
    const firstRo = [...state.ros.values()].find((r) => r.appointmentId === booked.id)!;
    await deliver(server, 'store-a', firstRo.id);
    // Second visit: a walk-in opened at the desk.
    const created = await server.api(
      'POST',
      '/api/stores/store-a/repair-orders',
      aRepairOrderInput({
        vehicle: { plate: OUYANG.typed, vin: OUYANG.vin, make: 'Audi' },
        customer: { name: OUYANG.name, phone: OUYANG.phone, salutation: 'mr' },
      }),
    );
    assert.is(created.status, 201, JSON.stringify(created.body));
    const roId = created.body.data.repairOrder.id as string;
    await deliver(server, 'store-a', roId);
    const other = await server.api(
      'POST',
      '/api/stores/store-a/repair-orders',
      aRepairOrderInput({ customer: { name: '苏轼', phone: '13733334444', salutation: 'mr' } }),
    );
    const otherRo = other.body.data.repairOrder;

    await server.history!.projector.idle();
    const refs = async (db: NonNullable<typeof server.history>['db']) =>
      Object.fromEntries((await db.selectFrom('history_visits').select(['ro_id', 'vehicle_ref']).execute()).map((r) => [r.ro_id, r.vehicle_ref]));
    const before = await refs(server.history!.db);
    assert.ok(before[firstRo.id] && before[firstRo.id] === before[roId], 'the history links the two visits of the car (comebacks)');

    const whileRunning = await privacy('erase', '--plate', OUYANG.plate, '--data-dir', dataDir);
    assert.is(whileRunning.code, 1, 'refused while the server runs');
    assert.match(whileRunning.stderr, /in use by another server/);
    await server.close();
    assert.ok((await holding(dataDir, values)).length > 0, 'stored before');

    const erased = await privacy('erase', '--plate', OUYANG.dotted, '--data-dir', dataDir);
    assert.is(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, /store-a: 2 repair orders, 1 appointment/);
    assert.match(erased.stdout, /history read model \(SQLite\)/);
    assert.equal(await holding(dataDir, values), []);
    assert.ok((await holding(dataDir, ['苏轼', '13733334444', otherRo.vehicle.plate])).length >= 3, 'the other customer is kept');

    server = await startTestServer({ dataDir, shop, history: true });
    try {
      await server.history!.projector.idle();
      const after = await refs(server.history!.db);
      assert.equal([after[firstRo.id], after[roId]], [null, null], 'the history keeps the visits but no longer links them to a car');
      assert.ok(after[otherRo.id], "the other customer's car keeps its reference");
      assert.equal(
        (await server.history!.projector.rebuild('store-a'), (await refs(server.history!.db))[roId]),
        null,
        'a rebuild from the erased log links nothing either',
      );
      for (const id of [firstRo.id, roId]) {
        const ro = (await server.api('GET', `/api/stores/store-a/repair-orders/${id}`)).body.data;
        assert.equal(
          [ro.stage, ro.customer.name, ro.customer.phone, ro.vehicle.plate, ro.vehicle.vin],
          ['delivered', TOMBSTONE, TOMBSTONE, TOMBSTONE, undefined],
        );
        assert.ok(ro.deliveredAt && ro.operations.every((o: { status: string }) => o.status === 'done'), 'the visit is still there for statistics');
      }
      const survey = await server.api(
        'POST',
        `/api/track/${firstRo.trackingToken}/survey`,
        { score: 5, comment: `${OUYANG.name} again` },
        { authorization: undefined },
      );
      assert.equal([survey.status, survey.body.error?.code], [404, 'unknown_token'], "the customer's link is closed: nothing new reaches the visit");
      const kept = (await server.api('GET', `/api/stores/store-a/repair-orders/${otherRo.id}`)).body.data;
      assert.equal(kept, otherRo);
      const started = await server.api('POST', `/api/stores/store-a/repair-orders/${otherRo.id}/operations/${otherRo.operations[0].id}/start`, {
        bayId: 'bay-1',
      });
      assert.is(started.status, 200, 'takes writes after the rewrite');
    } finally {
      await server.close();
    }
  } finally {
    await removeDir(dataDir);
  }
});

test.run();

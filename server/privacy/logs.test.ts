import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aRepairOrderInput } from '../../tests/helpers/build';
import { aKioskShop, bookToday, deliver, kiosk } from '../../tests/helpers/kiosk';
import { startTestServer } from '../../tests/helpers/server';
import { createLogger } from '../log';

const PLATE_TYPED = '京a·66 666';
const SPELLINGS = ['京A66666', '京A·66666', '京a·66 666', '66666'];
const PHONE = '13811112222';
const BOOKED_PHONE = '13966667777';
const VIN = 'LFV3A23C1J3000009';

// The logger's own redaction is tested in server/log.test.ts; this guards the server's use of it
// (a request log with URLs or bodies added later would fail here).
test('no log line of a visit — booking, kiosk lookups right and wrong, refused input, work, delivery, search — holds a phone or a full plate', async () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const server = await startTestServer({ shop: aKioskShop(), log: createLogger({ level: 'debug', destination }) });
  try {
    const booked = await bookToday(server, 'store-a', {
      vehicle: { plate: '京A·77777', make: 'BMW' },
      customer: { name: '赵敏', phone: BOOKED_PHONE, salutation: 'ms' },
    });
    const ask = kiosk(server, 'store-a');
    await ask('POST', '/appointments/find', { kioskId: 'entrance', plate: booked.vehicle.plate, phoneLast4: '0000' });
    await ask('POST', '/appointments/find', { kioskId: 'entrance', plate: booked.vehicle.plate, phoneLast4: BOOKED_PHONE.slice(-4) });
    const refused = await server.api(
      'POST',
      '/api/stores/store-a/repair-orders',
      aRepairOrderInput({ vehicle: { plate: PLATE_TYPED, vin: 'not a vin', make: 'Audi' }, customer: { name: '张伟', phone: `${PHONE}x` } }),
    );
    assert.is(refused.status, 400);
    const created = await server.api(
      'POST',
      '/api/stores/store-a/repair-orders',
      aRepairOrderInput({ vehicle: { plate: PLATE_TYPED, vin: VIN, make: 'Audi' }, customer: { name: '张伟', phone: PHONE, salutation: 'mr' } }),
    );
    assert.is(created.status, 201, JSON.stringify(created.body));
    const roId = created.body.data.repairOrder.id as string;
    await deliver(server, 'store-a', roId);
    await server.api('GET', `/api/stores/store-a/repair-orders?q=${encodeURIComponent('京A66666')}`);
    await server.api('GET', `/api/stores/store-a/repair-orders/${roId}/nothing-here`);
  } finally {
    await server.close();
  }
  assert.ok(lines.length > 0, 'the server logged something');
  const text = lines.join('\n');
  for (const secret of [...SPELLINGS, '京A77777', '77777', PHONE, BOOKED_PHONE, VIN]) assert.not.ok(text.includes(secret), `a log line holds ${secret}`);
});

test.run();

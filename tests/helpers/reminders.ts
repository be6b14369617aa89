import * as assert from 'uvu/assert';
import { ShopConfigSchema } from '../../shared/domain/shop';
import type { CommandOf } from '../../shared/workflow/commands';
import { asStaff } from './build';
import { aVisit, ClockedWorkshop } from './history';
import { startTestServer, type TestServer } from './server';
import { aTestShop } from './shop';

/** The test shop with an oil change due every 5,000 km or 6 months. */
const shopWithIntervals = () => {
  const shop = aTestShop();
  shop.stores[0].catalogue[0] = { ...shop.stores[0].catalogue[0], interval: { km: 5000, months: 6 } };
  return ShopConfigSchema.parse(shop);
};

/** One visit of a car through to delivery on the day given, its odometer read at check-in. */
async function aServicedVisit(
  w: ClockedWorkshop,
  o: {
    day: string;
    plate: string;
    km?: number;
    codes: string[];
    name?: string;
    phone?: string;
    deliver?: boolean;
    beforeDelivery?: (roId: string) => Promise<void>;
  },
) {
  w.day = o.day;
  const ro: CommandOf<'createRepairOrder'> = aVisit({
    vehicle: { plate: o.plate, make: 'Audi', model: 'A6L', color: '黑', ...(o.km !== undefined ? { mileageKm: o.km } : {}) },
    customer: { name: o.name ?? '张伟', phone: o.phone ?? '13812345678', salutation: 'mr' },
    operations: o.codes.map((code, i) => ({ id: `op-${i + 1}`, code, title: code, standardHours: 0.5, bayId: 'bay-2', technicianId: 'tech-1' })),
  });
  w.at('09:00');
  await w.do(ro);
  await w.do({ type: 'sendToWorkshop', roId: ro.roId });
  for (const op of ro.operations) {
    await w.do({ type: 'startOperation', roId: ro.roId, operationId: op.id }, { source: 'scan' });
    if (o.deliver === false) return ro.roId;
    await w.do({ type: 'finishOperation', roId: ro.roId, operationId: op.id }, { source: 'scan' });
  }
  await w.do({ type: 'qcPass', roId: ro.roId });
  await o.beforeDelivery?.(ro.roId);
  w.at('17:00');
  await w.do({ type: 'deliver', roId: ro.roId });
  return ro.roId;
}

/**
 * Today is 2 March 2026. Car 京A11111 drove 3,000 km in 30 days (100 a day) and had its oil
 * changed at 20,000 km on 5 January: 25,000 km comes on 24 February, overdue. Car 京A22222 was
 * read once and its insurance runs out on 10 March (set by an advisor afterwards). Car 京A33333
 * is in the shop now and is not listed.
 */
export async function aServerWithCars() {
  const shop = shopWithIntervals();
  const w = new ClockedWorkshop(undefined, shop);
  const server = await startTestServer({ shop, history: true, alarms: true, now: w.clock });
  w.use(server.service);
  const a1 = await aServicedVisit(w, { day: '2026-01-05', plate: '京A11111', km: 20_000, codes: ['OIL'] });
  const a2 = await aServicedVisit(w, { day: '2026-02-04', plate: '京A11111', km: 23_000, codes: ['BRK'], name: '李娜', phone: '13900001111' });
  // The advisor records the insurance date the customer mentions, before the car is handed back.
  const setInsurance = async (roId: string) => {
    const patch = await server.api('PATCH', `/api/stores/store-a/repair-orders/${roId}`, { vehicle: { insuranceExpiresOn: '2026-03-10' } }, advisor(server));
    assert.is(patch.status, 200, JSON.stringify(patch.body));
  };
  const b = await aServicedVisit(w, {
    day: '2026-02-27',
    plate: '京A22222',
    km: 50_000,
    codes: ['OIL'],
    name: '王芳',
    phone: '13700002222',
    beforeDelivery: setInsurance,
  });
  await aServicedVisit(w, { day: '2025-12-01', plate: '京A33333', km: 10_000, codes: ['OIL'] });
  const c = await aServicedVisit(w, { day: '2026-03-02', plate: '京A33333', km: 19_000, codes: ['BRK'], deliver: false });
  w.day = '2026-03-02';
  w.at('10:00');
  await server.history!.projector.idle();
  return { server, w, ids: { a1, a2, b, c } };
}

export const advisor = (server: TestServer, storeIds: string[] = ['store-a']) => asStaff(server.auth, { roles: ['advisor'], storeIds, id: 'adv-1' });

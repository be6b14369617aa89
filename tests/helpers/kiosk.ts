import { randomUUID } from 'node:crypto';
import { ShopConfigSchema, type ShopConfig } from '../../shared/domain/shop';
import { anAppointmentInput, aPlate } from './build';
import type { TestServer } from './server';
import { aTestShop } from './shop';

/**
 * Test data for the kiosk and the tracking page: a shop whose kiosk limits suit the test,
 * appointments booked for today, and a car driven all the way to delivery through the API.
 */

/** The test shop with kiosk settings changed (idle timeout, rate limits, tracking expiry). */
export function aKioskShop(kiosk: Record<string, unknown> = {}, store: Record<string, unknown> = {}): ShopConfig {
  const shop = aTestShop();
  const raw = JSON.parse(JSON.stringify(shop));
  raw.stores[0] = {
    ...raw.stores[0],
    brand: 'Audi',
    pickupDesk: { 'zh-CN': '请到一楼服务前台 A 区取车', en: 'Please collect your car at the service desk, zone A' },
    kiosk: { ...raw.stores[0].kiosk, lookupsPerKiosk: { max: 1000, windowSeconds: 600 }, ...kiosk },
    ...store,
  };
  return ShopConfigSchema.parse(raw);
}

/** Book an appointment for right now (so it is "today" in the store's zone) and return it. */
export async function bookToday(server: TestServer, storeId: string, overrides: Record<string, unknown> = {}) {
  const res = await server.api('POST', `/api/stores/${storeId}/appointments`, anAppointmentInput({ at: new Date().toISOString(), ...overrides }));
  if (res.status !== 201) throw new Error(`booking refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.appointment as { id: string; vehicle: { plate: string }; customer: { phone: string } };
}

/** A kiosk request: public (no credentials), JSON, with a fresh idempotency key unless given. */
export const kiosk =
  (server: TestServer, storeId: string) =>
  (method: string, path: string, body?: unknown, headers: Record<string, string | undefined> = {}) =>
    server.api(method, `/api/kiosk/${storeId}${path}`, body, { authorization: undefined, 'idempotency-key': randomUUID(), ...headers });

/** Drive a checked-in repair order through work, QC and washing to delivery, as the staff would. */
export async function deliver(server: TestServer, storeId: string, roId: string): Promise<void> {
  const base = `/api/stores/${storeId}/repair-orders/${roId}`;
  const post = async (path: string, body: unknown = {}) => {
    const res = await server.api('POST', `${base}${path}`, body);
    if (res.status !== 200) throw new Error(`${path} refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.repairOrder;
  };
  let ro = (await server.api('GET', base)).body.data;
  for (const op of ro.operations) {
    await post(`/operations/${op.id}/start`, { bayId: 'bay-1' });
    await post(`/operations/${op.id}/finish`);
  }
  ro = await post('/qc-pass');
  if (ro.stage === 'washing') await post('/wash-done');
  await post('/deliver');
}

export { aPlate };

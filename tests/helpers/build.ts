import type { Role } from '../../shared/domain/people';
import type { Auth } from '../../server/auth';
import type { TestServer } from './server';

let plates = 0;

/** A different valid Chinese plate each call (京A10001, 京A10002, …), so lookups by plate find one car. */
export const aPlate = () => `京A${String(10000 + ++plates).slice(-5)}`;

/** The body of POST /repair-orders: a walk-in with one catalogue operation. Override what the test is about. */
export const aRepairOrderInput = (overrides: Record<string, unknown> = {}) => ({
  vehicle: { plate: aPlate(), make: 'Audi', model: 'A6L', color: 'Black' },
  customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
  operations: [{ code: 'OIL' }],
  ...overrides,
});

/** The body of POST /appointments: tomorrow at 09:00 Beijing time, asking for an oil change. */
export const anAppointmentInput = (overrides: Record<string, unknown> = {}) => ({
  at: new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10) + 'T09:00:00+08:00',
  vehicle: { plate: aPlate(), make: 'BMW', model: '530Li', color: 'White' },
  customer: { name: '李娜', phone: '13900001111', salutation: 'ms' },
  services: ['OIL'],
  ...overrides,
});

/** Request headers that sign in as a staff member (session cookie) instead of the API key; an admin of every store unless told. */
export const asStaff = (auth: Auth, staff: { roles?: Role[]; storeIds?: '*' | string[]; id?: string } = {}) => ({
  authorization: undefined,
  cookie: `tw_session=${auth.issueSession({ id: staff.id ?? 'staff-1', name: 'Test staff', roles: staff.roles ?? ['admin'], storeIds: staff.storeIds ?? '*' })}`,
});

/** The store's sequence number, to show that a refused request changed nothing. */
export const seqOf = async (server: TestServer, storeId: string) => (await server.service.state(storeId)).seq;

/** Create a repair order through the API and return it; fails the test if refused. */
export async function createRo(server: TestServer, storeId: string, overrides: Record<string, unknown> = {}) {
  const res = await server.api('POST', `/api/stores/${storeId}/repair-orders`, aRepairOrderInput(overrides));
  if (res.status !== 201) throw new Error(`create refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.repairOrder;
}

/** POST an action and return the repair order after it; fails the test if refused. */
export async function act(server: TestServer, path: string, body: unknown = {}, headers: Record<string, string | undefined> = {}) {
  const res = await server.api('POST', path, body, headers);
  if (res.status !== 200 && res.status !== 201) throw new Error(`${path} refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.repairOrder ?? res.body.data.appointment;
}

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assignOperation, newIdempotencyKey, updateRepairOrder, whoAmI } from './actions';

interface Call {
  url: string;
  init: RequestInit;
}
const calls: Call[] = [];
let reply: () => Response | Promise<Response> = () => new Response('{}', { status: 200 });
const realFetch = globalThis.fetch;

const actions = suite('actions');
actions.before(() => {
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return reply();
  }) as typeof fetch;
});
actions.after(() => {
  globalThis.fetch = realFetch;
});
actions.before.each(() => {
  calls.length = 0;
});

actions('assigns through POST …/assign with the session cookie and an idempotency key', async () => {
  reply = () => new Response('{"ok":true}', { status: 200 });
  const result = await assignOperation('bj wang', 'ro-1', 'op-1', { bayId: 'bay-03', technicianId: 'tech-01' });
  assert.ok(result.ok);
  assert.is(calls[0].url, '/api/stores/bj%20wang/repair-orders/ro-1/operations/op-1/assign');
  assert.is(calls[0].init.method, 'POST');
  assert.is(calls[0].init.credentials, 'same-origin');
  assert.equal(JSON.parse(String(calls[0].init.body)), { bayId: 'bay-03', technicianId: 'tech-01' });
  assert.match((calls[0].init.headers as Record<string, string>)['Idempotency-Key'], /^[0-9a-f-]{36}$/);
});

actions('uses a new idempotency key for each action', async () => {
  await updateRepairOrder('s', 'r', { priority: 'urgent' });
  await updateRepairOrder('s', 'r', { priority: 'urgent' });
  const keys = calls.map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key']);
  assert.is(calls[0].init.method, 'PATCH');
  assert.is.not(keys[0], keys[1]);
});

actions('returns the API error as a value', async () => {
  reply = () =>
    new Response(JSON.stringify({ error: { code: 'illegal_transition', message: 'Cannot reassign', details: { current: 'done' } } }), { status: 409 });
  const result = await assignOperation('s', 'r', 'o', { bayId: 'b' });
  assert.equal(result, { ok: false, error: { code: 'illegal_transition', message: 'Cannot reassign', details: { current: 'done' } } });
});

actions('names a failure without an error body by its status', async () => {
  reply = () => new Response('<html>', { status: 401, statusText: 'Unauthorized' });
  const result = await updateRepairOrder('s', 'r', { promisedAt: null });
  assert.equal(result, { ok: false, error: { code: 'unauthorized', message: 'Unauthorized' } });
});

actions('reports an unreachable server as a network error instead of throwing', async () => {
  reply = () => {
    throw new TypeError('fetch failed');
  };
  const result = await assignOperation('s', 'r', 'o', { bayId: 'b' });
  assert.equal(result, { ok: false, error: { code: 'network', message: 'fetch failed' } });
});

actions('whoAmI is the staff member on 200 and undefined otherwise', async () => {
  reply = () => new Response(JSON.stringify({ data: { kind: 'staff', id: 'u1', name: '调度员' } }), { status: 200 });
  assert.equal(await whoAmI(), { kind: 'staff', id: 'u1', name: '调度员' });
  reply = () => new Response('{}', { status: 401 });
  assert.is(await whoAmI(), undefined);
});

actions.run();

const keys = suite('newIdempotencyKey');

keys('makes a v4 UUID even where crypto.randomUUID is missing (plain-http LAN pages)', () => {
  const real = crypto.randomUUID;
  try {
    (crypto as { randomUUID?: unknown }).randomUUID = undefined;
    const key = newIdempotencyKey();
    assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.is.not(newIdempotencyKey(), key);
  } finally {
    (crypto as { randomUUID?: unknown }).randomUUID = real;
  }
});

keys.run();

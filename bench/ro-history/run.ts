/**
 * What a repair order's history costs, and what it costs the commits beside it (scan actions go
 * through the same commit path): `npx tsx bench/ro-history/run.ts [--orders 10000]`.
 *
 * Builds an embedded journal of one store, `orders` × 6 events at ~700 events a day (daily
 * segments, as a busy store writes them), then times the read of the newest order (the dialog's
 * case: an open order), a whole-log pass (an unknown id: what an order no longer live costs), and
 * the latency of 300 commits alone and while whole-log passes run back to back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { silentLogger } from '../../server/log';
import { readRoHistory } from '../../server/ro-history';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { WorkshopService } from '../../server/workshop-service';
import type { RepairOrder } from '../../shared/domain/repair-order';
import { fact, type Fact } from '../../shared/workflow/facts';
import { aTestShop } from '../../tests/helpers/shop';
import { aNewRepairOrder, commitOk } from '../../tests/helpers/workshop';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '10000' } } });
const ORDERS = Number(values.orders);
const SPACING_MS = 123_000; // ~700 events a day
const shop = aTestShop();
const store = shop.stores[0];
const dir = await mkdtemp(join(tmpdir(), 'bench-ro-history-'));
let clock = Date.parse('2026-09-01T00:00:00Z');
const events = await EmbeddedEventStore.open(dir, { log: silentLogger, now: () => clock });

let seq = 0;
let pending: Promise<unknown>[] = [];
const ids: string[] = [];
for (let i = 0; i < ORDERS; i++) {
  const c = aNewRepairOrder();
  ids.push(c.roId);
  const at = new Date(clock).toISOString();
  const ro = {
    id: c.roId,
    number: c.number,
    stage: 'checked_in',
    vehicle: c.vehicle,
    customer: c.customer,
    priority: 'normal',
    wash: false,
    operations: [{ id: `op-${i}`, code: 'OIL', title: '更换机油', standardHours: 0.5, status: 'unassigned', workedMs: 0, reworks: 0 }],
    createdAt: at,
    stageSince: at,
    trackingToken: c.trackingToken,
    reworks: 0,
  } as unknown as RepairOrder;
  const facts: Fact[] = [
    fact('repairOrderCreated', { ro }),
    ...Array.from({ length: 5 }, (_, k) => fact('repairOrderUpdated', { roId: c.roId, patch: { description: `note ${k}` } })),
  ];
  for (const f of facts) {
    clock += SPACING_MS;
    pending.push(
      events.append(
        { storeId: store.id, at: new Date(clock).toISOString(), actor: { kind: 'system', id: 'bench' }, source: 'system', key: `bench-${seq}-key`, ...f },
        seq++,
      ),
    );
  }
  if (pending.length >= 600) {
    await Promise.all(pending);
    pending = [];
  }
}
await Promise.all(pending);
clock = Date.now();

const service = new WorkshopService(events, shop.stores, silentLogger);
await service.init();
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))].toFixed(1);

async function commits(n: number): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await commitOk(service, store.id, { type: 'updateRepairOrder', roId: ids.at(-1)!, patch: { description: `bench ${i}` } });
    took.push(performance.now() - t);
  }
  return took;
}

console.log(`${seq.toLocaleString()} events of one store in daily segments`);
let t = performance.now();
await readRoHistory(service, store, ids.at(-1)!, { afterSeq: 0, limit: 200 });
console.log(`history of the newest order: ${ms(t)}`);
t = performance.now();
await readRoHistory(service, store, 'ro-unknown', { afterSeq: 0, limit: 200 });
console.log(`whole-log pass (an unknown id): ${ms(t)}`);

const alone = await commits(300);
let passing = true;
const passes = (async () => {
  while (passing) await readRoHistory(service, store, 'ro-unknown', { afterSeq: 0, limit: 200 });
})();
const beside = await commits(300);
passing = false;
await passes;
console.log(`commit latency alone:           p50 ${pct(alone, 0.5)} ms, p99 ${pct(alone, 0.99)} ms`);
console.log(`commit latency beside passes:   p50 ${pct(beside, 0.5)} ms, p99 ${pct(beside, 0.99)} ms`);

await service.close();
await events.close();
await rm(dir, { recursive: true, force: true });

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isNewEnergyPlate, isValidPlate, normalisePlate } from '../../shared/domain/plate';
import { RO_STAGES, type RepairOrder } from '../../shared/domain/repair-order';
import { CommandSchema } from '../../shared/workflow/commands';
import { WorkshopEventSchema } from '../../shared/workflow/events';
import { FACT_VERSIONS } from '../../shared/workflow/facts';
import { StoreState } from '../../shared/workflow/state';
import { MemoryEventStore } from '../../tests/helpers/memory-store';
import { loadShopConfig } from '../config';
import { silentLogger } from '../log';
import { EmbeddedEventStore } from '../store/embedded-store';
import type { EventStore } from '../store/event-store';
import { WorkshopService } from '../workshop-service';
import { demoCounts, seedDemoDay } from './seed';
import { seededRng, simulateStep, startSimulation } from './simulate';

const shop = loadShopConfig();
const store = shop.stores[0];
const NOW = new Date('2026-11-23T02:30:00Z'); // 10:30 in Beijing

const aService = (events: EventStore = new MemoryEventStore()) => new WorkshopService(events, shop.stores, silentLogger, () => NOW);
const seeded = async () => {
  const service = aService();
  const summary = await seedDemoDay(service, store.id, NOW);
  const ros = [...(await service.state(store.id)).ros.values()];
  return { service, summary, ros };
};

test('seeding an empty store puts repair orders in every stage of the lifecycle', async () => {
  const { summary, ros } = await seeded();
  assert.ok(summary.seeded);
  for (const stage of RO_STAGES)
    assert.ok(
      ros.some((ro) => ro.stage === stage),
      `no repair order is ${stage}`,
    );
  assert.ok(ros.length >= 14 && ros.length <= 20, `${ros.length} repair orders`);
  for (const stage of RO_STAGES) assert.is(summary.repairOrders[stage], ros.filter((r) => r.stage === stage).length);
});

test('the seeded day has booked appointments still to come, one checked in and one missed', async () => {
  const { service, summary } = await seeded();
  const appointments = [...(await service.state(store.id)).appointments.values()];
  const upcoming = appointments.filter((a) => a.status === 'booked' && Date.parse(a.at) > NOW.getTime());
  assert.ok(upcoming.length >= 5, `${upcoming.length} upcoming appointments`);
  assert.ok(
    upcoming.some((a) => Date.parse(a.at) - NOW.getTime() > 18 * 3_600_000),
    'some are tomorrow',
  );
  assert.is(summary.appointments.checked_in, 1);
  assert.is(summary.appointments.no_show, 1);
});

test('work is under way at bays with technicians, one job waits for a named part with an ETA', async () => {
  const { ros } = await seeded();
  const running = ros.flatMap((ro) => ro.operations.filter((o) => o.status === 'in_progress'));
  assert.ok(running.length >= 3);
  for (const op of running) assert.ok(op.bayId && op.technicianId, `${op.title} runs without a bay or technician`);
  const technicians = running.map((o) => o.technicianId);
  assert.is(new Set(technicians).size, technicians.length, 'a technician runs two jobs at once');
  const partsWaits = ros.flatMap((ro) => ro.operations.flatMap((o) => (o.pause?.reason === 'parts' ? [o.pause] : [])));
  assert.ok(partsWaits.length >= 1);
  for (const wait of partsWaits) {
    assert.ok(wait.reason === 'parts' && wait.part.length > 0 && wait.eta, 'a parts wait names the part and its ETA');
  }
});

test('one car failed quality check and is back in service being reworked', async () => {
  const { ros } = await seeded();
  const reworked = ros.filter((ro) => ro.reworkCount >= 1);
  assert.ok(reworked.length >= 1);
  assert.ok(reworked.some((ro) => ro.stage === 'in_service' && ro.timeline.some((t) => t.note?.startsWith('rework'))));
});

test('plates are stored normalised, valid Chinese plates, from several provinces, some new-energy', async () => {
  const { ros } = await seeded();
  const plates = ros.map((ro) => ro.vehicle.plate);
  for (const plate of plates) {
    assert.is(normalisePlate(plate), plate);
    assert.ok(isValidPlate(plate, 'CN'), plate);
  }
  assert.ok(plates.some(isNewEnergyPlate), 'no new-energy plate');
  const provinces = new Set(plates.map((p) => p[0]));
  assert.ok(provinces.has('京') && provinces.size >= 3, [...provinces].join(''));
  assert.ok(plates.filter((p) => p.startsWith('京')).length > plates.length / 2, 'mostly Beijing plates');
});

test('customers have Chinese names, a salutation and an 11-digit mobile number', async () => {
  const { ros } = await seeded();
  for (const { customer } of ros) {
    assert.match(customer.name, /^[\u4e00-\u9fff]{2,3}$/);
    assert.ok(customer.salutation === 'mr' || customer.salutation === 'ms');
    assert.match(customer.phone, /^1[3-9]\d{9}$/);
  }
});

test('repair orders are numbered by the store-local date and every open one has an advisor', async () => {
  const { ros } = await seeded();
  const numbers = ros.map((ro) => ro.number);
  assert.is(new Set(numbers).size, numbers.length);
  for (const n of numbers) assert.match(n, /^RO20261123-\d{4}$/);
  for (const ro of ros) assert.ok(ro.advisorId && store.advisors.some((a) => a.id === ro.advisorId));
});

test('every stored event is a known fact at its version and the log replays to the same state', async () => {
  const events = new MemoryEventStore();
  const service = aService(events);
  await seedDemoDay(service, store.id, NOW);
  const log = await events.read(store.id, 0);
  for (const e of log) {
    const parsed = WorkshopEventSchema.safeParse(e);
    assert.ok(parsed.success, `${e.seq} ${e.type}: ${parsed.error?.message}`);
    assert.is(e.v, FACT_VERSIONS[e.type]);
    assert.equal(e.actor, { kind: 'system', id: 'demo-seed' });
    assert.is(e.source, 'system');
  }
  const replayed = new StoreState(store.id, store);
  for (const e of log) replayed.applyEvent(e);
  assert.equal(replayed.toSnapshot(), (await service.state(store.id)).toSnapshot());
});

test('seeding a store that already has events adds nothing', async () => {
  const events = new MemoryEventStore();
  const service = aService(events);
  await seedDemoDay(service, store.id, NOW);
  const seq = await events.lastSeq(store.id);
  const again = await seedDemoDay(service, store.id, NOW);
  assert.is(again.seeded, false);
  assert.is(again.events, 0);
  assert.is(await events.lastSeq(store.id), seq);
  // A second process starting on the same log sees it too.
  assert.is((await seedDemoDay(aService(events), store.id, NOW)).seeded, false);
});

test('two processes seeding the same empty store at once produce one day, not two', async () => {
  const events = new MemoryEventStore();
  const a = aService(events);
  const b = aService(events);
  await Promise.all([seedDemoDay(a, store.id, NOW), seedDemoDay(b, store.id, NOW)]);
  const alone = aService();
  const single = await seedDemoDay(alone, store.id, NOW);
  assert.is(await events.lastSeq(store.id), single.events);
  const counts = await demoCounts(aService(events), store.id);
  assert.equal(counts.repairOrders, single.repairOrders);
});

test('a seeded and simulated day on the embedded journal comes back identical after a restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tw-seed-'));
  try {
    const events = await EmbeddedEventStore.open(dir, { log: silentLogger });
    const service = aService(events);
    await seedDemoDay(service, store.id, NOW);
    const rng = seededRng(3);
    for (let i = 0; i < 60; i++) assert.ok((await simulateStep(service, store.id, rng, { now: () => NOW }))?.ok !== false);
    // Compared as JSON: a live fold may hold keys set to undefined that a stored one drops.
    const json = (value: unknown) => JSON.parse(JSON.stringify(value));
    const before = json((await service.state(store.id)).toSnapshot());
    await service.close();
    await events.close();

    const reopened = await EmbeddedEventStore.open(dir, { log: silentLogger });
    const restarted = aService(reopened);
    assert.equal(json((await restarted.state(store.id)).toSnapshot()), before);
    assert.is((await seedDemoDay(restarted, store.id, NOW)).seeded, false);
    await restarted.close();
    await reopened.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const simulate = async (steps: number, seed: number) => {
  const { service } = await seeded();
  const before = new Map([...(await service.state(store.id)).ros.values()].map((ro): [string, RepairOrder] => [ro.id, ro]));
  const rng = seededRng(seed);
  const results = [];
  for (let i = 0; i < steps; i++) results.push(await simulateStep(service, store.id, rng, { now: () => NOW }));
  return { service, before, results, after: (await service.state(store.id)).ros };
};

test('the simulator only commits moves the workflow accepts, and moves cars along', async () => {
  for (const seed of [1, 2, 3]) {
    const { results, before, after } = await simulate(150, seed);
    const refused = results.filter((r) => r && !r.ok);
    assert.equal(refused, [], `seed ${seed}`);
    assert.ok(results.filter((r) => r?.ok).length >= 140, `seed ${seed}: most steps find something to do`);
    const advanced = [...before.values()].filter((ro) => after.get(ro.id)!.stage !== ro.stage);
    assert.ok(advanced.length >= 5, `seed ${seed}: only ${advanced.length} repair orders changed stage`);
    const actions = new Set(results.map((r) => r?.action));
    for (const action of ['createRepairOrder', 'sendToWorkshop', 'assignOperation', 'startOperation', 'finishOperation', 'qcPass', 'deliver'])
      assert.ok(actions.has(action as never), `seed ${seed}: never did ${action}`);
  }
});

test('the simulator keeps the number of open repair orders roughly stable', async () => {
  const { after } = await simulate(400, 7);
  const open = [...after.values()].filter((ro) => !['delivered', 'cancelled', 'no_show'].includes(ro.stage)).length;
  assert.ok(open >= 8 && open <= 20, `${open} open repair orders`);
  const delivered = [...after.values()].filter((ro) => ro.stage === 'delivered').length;
  assert.ok(delivered >= 10, `${delivered} delivered`);
});

test('the simulator never lets one technician run two jobs or two cars share a bay', async () => {
  const { service } = await seeded();
  const rng = seededRng(42);
  for (let i = 0; i < 300; i++) {
    await simulateStep(service, store.id, rng, { now: () => NOW });
    const ros = [...(await service.state(store.id)).ros.values()].filter((ro) => ro.stage === 'in_service' || ro.stage === 'waiting_dispatch');
    const running = ros.flatMap((ro) => ro.operations.filter((o) => o.status === 'in_progress').map((o) => ({ ro: ro.id, ...o })));
    const techs = running.map((o) => o.technicianId);
    assert.is(new Set(techs).size, techs.length, `step ${i}: a technician runs two jobs`);
    const bayCars = new Map<string, Set<string>>();
    for (const o of running) bayCars.set(o.bayId!, (bayCars.get(o.bayId!) ?? new Set()).add(o.ro));
    for (const [bay, cars] of bayCars) assert.is(cars.size, 1, `step ${i}: ${cars.size} cars running in ${bay}`);
  }
});

test('walk-ins get valid plates and Chinese customers', async () => {
  const { results } = await simulate(200, 11);
  const created = results.flatMap((r) => (r?.ok && r.command.type === 'createRepairOrder' ? [r.command] : []));
  assert.ok(created.length >= 3);
  for (const c of created) {
    assert.ok(isValidPlate(c.vehicle.plate, 'CN'), c.vehicle.plate);
    assert.match(c.customer.phone, /^1[3-9]\d{9}$/);
    assert.ok(CommandSchema.safeParse(c).success);
  }
});

test('startSimulation steps on a timer and stops when asked', async () => {
  const { service } = await seeded();
  const seq = (await service.state(store.id)).seq;
  const stop = startSimulation(service, store.id, { intervalMs: 5, rng: seededRng(9) });
  // However slow the machine: it keeps stepping until stopped (the deadline only ends a hang).
  for (let waited = 0; (await service.state(store.id)).seq <= seq + 3 && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  await stop();
  const stoppedAt = (await service.state(store.id)).seq;
  assert.ok(stoppedAt > seq + 3, `${stoppedAt - seq} steps`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.is((await service.state(store.id)).seq, stoppedAt);
});

test.run();

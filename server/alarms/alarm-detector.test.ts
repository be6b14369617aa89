/**
 * The alarm detector on a clock the test drives: each kind fires within 60 s of its trigger,
 * exactly once, clears when resolved, and is not raised again by a restarted server.
 */
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Store } from '../../shared/domain/shop';
import type { Command } from '../../shared/workflow/commands';
import type { WorkshopEvent } from '../../shared/workflow/events';
import { MemoryEventStore } from '../../tests/helpers/memory-store';
import { aNewRepairOrder } from '../../tests/helpers/workshop';
import { loadShopConfig } from '../config';
import { silentLogger } from '../log';
import type { EventStore } from '../store/event-store';
import { WorkshopService } from '../workshop-service';
import { AlarmDetector, ALARM_TICK_MS } from './alarm-detector';
import type { LearnedLimit } from './detect';

const MIN = 60_000;
// 10:00 in Beijing: team-01 (tech-01) works 08:30–17:30 there, 00:30–09:30 UTC.
const T0 = Date.parse('2026-12-07T02:00:00Z');
const baseStore = loadShopConfig().stores[0];

interface World {
  store: Store;
  events: EventStore;
  service: WorkshopService;
  detector: AlarmDetector;
  clock: { now: number };
  do(command: Command): Promise<WorkshopEvent>;
  /** Tick every ALARM_TICK_MS until `until` (ms); the alarm facts committed on the way. */
  runUntil(until: number): Promise<WorkshopEvent[]>;
  alarmFacts(): Promise<WorkshopEvent[]>;
  restart(): Promise<void>;
}

async function aWorld(options: { store?: Partial<Store>; learned?: LearnedLimit; events?: EventStore } = {}): Promise<World> {
  const store = { ...baseStore, ...options.store };
  const clock = { now: T0 };
  const events = options.events ?? new MemoryEventStore();
  const make = () => {
    const service = new WorkshopService(events, [store], silentLogger, () => new Date(clock.now));
    const learned = options.learned ? { limit: options.learned, refresh: async () => undefined } : undefined;
    return { service, detector: new AlarmDetector(service, { log: silentLogger, now: () => clock.now, learned }) };
  };
  let { service, detector } = make();
  await service.init();
  const alarmFacts = async () => (await events.read(store.id, 0, 100_000)).filter((e) => e.type === 'alarmRaised' || e.type === 'alarmCleared');
  const world: World = {
    store,
    events,
    clock,
    get service() {
      return service;
    },
    get detector() {
      return detector;
    },
    async do(command) {
      const result = await service.commit({
        storeId: store.id,
        command,
        actor: { kind: 'staff', id: 'disp-01' },
        source: 'dispatch',
        key: `t:${randomUUID()}`,
      });
      if (!result.ok) throw new Error(`refused: ${result.error.message}`);
      return result.event;
    },
    async runUntil(until) {
      const before = (await alarmFacts()).length;
      while (clock.now < until) {
        clock.now = Math.min(until, clock.now + ALARM_TICK_MS);
        await detector.tick();
      }
      return (await alarmFacts()).slice(before);
    },
    alarmFacts,
    async restart() {
      await service.close();
      ({ service, detector } = make());
      await service.init();
    },
  };
  return world;
}

/** A car in the workshop with one operation at bay-01, started by tech-01 now. */
async function aJobStarted(w: World, standardHours: number) {
  const ro = aNewRepairOrder({ operations: [{ id: 'op-1', code: 'MNT-40K', title: '4万公里保养', standardHours }] });
  await w.do(ro);
  await w.do({ type: 'sendToWorkshop', roId: ro.roId });
  await w.do({ type: 'assignOperation', roId: ro.roId, operationId: 'op-1', bayId: 'bay-01', technicianId: 'tech-01' });
  const started = await w.do({ type: 'startOperation', roId: ro.roId, operationId: 'op-1' });
  return { roId: ro.roId, started: Date.parse(started.at) };
}

const raisedOf = (facts: WorkshopEvent[], kind: string) =>
  facts.filter((e) => e.type === 'alarmRaised' && e.data.alarm.kind === kind) as Extract<WorkshopEvent, { type: 'alarmRaised' }>[];
const clearedOf = (facts: WorkshopEvent[]) => facts.filter((e) => e.type === 'alarmCleared') as Extract<WorkshopEvent, { type: 'alarmCleared' }>[];

/** Raised once, by the system, within a minute of `trigger` and not before it. */
function assertRaisedOnce(facts: WorkshopEvent[], kind: string, trigger: number) {
  const raised = raisedOf(facts, kind);
  assert.is(raised.length, 1, `${kind} raised exactly once: ${JSON.stringify(facts.map((f) => f.type))}`);
  const lag = Date.parse(raised[0].at) - trigger;
  assert.ok(lag >= 0 && lag < 60_000, `${kind} raised ${lag} ms after its trigger`);
  assert.is(raised[0].data.alarm.since, new Date(trigger).toISOString(), 'since = the trigger');
  assert.equal(raised[0].actor, { kind: 'system', id: 'alarm-detector' });
  return raised[0].data.alarm;
}

const Overrun = suite('alarm: an operation over 1.5 × its standard hours');

Overrun('fires within 60 s of 1.5 × standard hours, once; clears when finished; a restart raises nothing again', async () => {
  const w = await aWorld();
  const { roId, started } = await aJobStarted(w, 1);
  const trigger = started + 90 * MIN;
  assert.is(raisedOf(await w.runUntil(trigger - 1000), 'op_overrun').length, 0, 'not before 1.5 × 1 h');
  const facts = await w.runUntil(trigger + 10 * MIN);
  const alarm = assertRaisedOnce(facts, 'op_overrun', trigger);
  assert.equal([alarm.roId, alarm.operationId, alarm.bayId, alarm.technicianId, alarm.factor], [roId, 'op-1', 'bay-01', 'tech-01', 1.5]);
  assert.ok((await w.service.state(w.store.id)).alarms.has(alarm.id), 'open in the state');

  await w.restart();
  assert.is(raisedOf(await w.runUntil(w.clock.now + 5 * MIN), 'op_overrun').length, 0, 'the restarted server knows it from the log');

  await w.do({ type: 'finishOperation', roId, operationId: 'op-1' });
  const after = await w.runUntil(w.clock.now + ALARM_TICK_MS);
  assert.equal(
    clearedOf(after).map((e) => e.data.alarmId),
    [alarm.id],
    'cleared at the next tick',
  );
  assert.not.ok((await w.service.state(w.store.id)).alarms.has(alarm.id));
  await w.restart();
  assert.is((await w.runUntil(w.clock.now + 5 * MIN)).filter((e) => e.type === 'alarmRaised' && e.data.alarm.kind === 'op_overrun').length, 0);
});

Overrun("uses the store's factor", async () => {
  const w = await aWorld({ store: { alarms: { ...baseStore.alarms, overrunFactor: 1.2 } } });
  const { started } = await aJobStarted(w, 1);
  assertRaisedOnce(await w.runUntil(started + 80 * MIN), 'op_overrun', started + 72 * MIN);
});

const Shift = suite('alarm: a clock still running 15 minutes after the shift');

Shift("fires within 60 s of shift end + 15 min (the team's shift), once; clears when the work is paused", async () => {
  const w = await aWorld();
  w.clock.now = Date.parse('2026-12-07T08:00:00Z'); // 16:00 in Beijing
  const { roId } = await aJobStarted(w, 20);
  const trigger = Date.parse('2026-12-07T09:45:00Z'); // 17:30 + 15 min
  assert.is(raisedOf(await w.runUntil(trigger - 1000), 'clock_after_shift').length, 0);
  const alarm = assertRaisedOnce(await w.runUntil(trigger + 5 * MIN), 'clock_after_shift', trigger);
  assert.is(alarm.shiftEnd, '2026-12-07T09:30:00.000Z');
  await w.restart();
  assert.is(raisedOf(await w.runUntil(w.clock.now + 5 * MIN), 'clock_after_shift').length, 0, 'not again after a restart');
  await w.do({ type: 'pauseOperation', roId, operationId: 'op-1', pause: { reason: 'break' } });
  assert.equal(
    clearedOf(await w.runUntil(w.clock.now + ALARM_TICK_MS)).map((e) => e.data.alarmId),
    [alarm.id],
  );
});

Shift("a technician's own shift wins over the team's", async () => {
  const technicians = baseStore.technicians.map((t) => (t.id === 'tech-01' ? { ...t, shift: { start: '07:00', end: '12:00' } } : t));
  const w = await aWorld({ store: { technicians } });
  const { started } = await aJobStarted(w, 20);
  assertRaisedOnce(await w.runUntil(started + 3 * 60 * MIN), 'clock_after_shift', Date.parse('2026-12-07T04:15:00Z'));
});

const Stage = suite("alarm: a car longer than its stage's limit");

Stage('in_service past its configured limit: fires within 60 s, once; clears when the car leaves the stage', async () => {
  const w = await aWorld({ store: { stageLimitsMinutes: { ...baseStore.stageLimitsMinutes, in_service: 60 } } });
  const { roId, started } = await aJobStarted(w, 20);
  const trigger = started + 60 * MIN;
  const alarm = assertRaisedOnce(await w.runUntil(trigger + 3 * MIN), 'stage_overdue', trigger);
  assert.equal([alarm.stage, alarm.limitMinutes, alarm.limitFrom, alarm.bayId], ['in_service', 60, 'config', 'bay-01']);
  await w.restart();
  assert.is(raisedOf(await w.runUntil(w.clock.now + 3 * MIN), 'stage_overdue').length, 0);
  await w.do({ type: 'finishOperation', roId, operationId: 'op-1' });
  const after = await w.runUntil(w.clock.now + ALARM_TICK_MS);
  assert.equal(
    clearedOf(after).map((e) => e.data.alarmId),
    [alarm.id],
    'in_service → quality_check resolves it',
  );
});

Stage('the p95 learned from history for that service replaces the configured limit', async () => {
  const learned: LearnedLimit = (_store, stage, service) => (stage === 'in_service' && service === 'MNT-40K' ? 25 : undefined);
  const w = await aWorld({ learned });
  const { started } = await aJobStarted(w, 20);
  const alarm = assertRaisedOnce(await w.runUntil(started + 30 * MIN), 'stage_overdue', started + 25 * MIN);
  assert.equal([alarm.limitMinutes, alarm.limitFrom], [25, 'history']);
});

const Parts = suite('alarm: a parts ETA passed without the part');

Parts('fires within 60 s of the ETA, once; a corrected ETA clears it and raises again only when that one passes; resuming clears', async () => {
  const w = await aWorld();
  const { roId } = await aJobStarted(w, 20);
  const eta = w.clock.now + 30 * MIN;
  await w.do({ type: 'pauseOperation', roId, operationId: 'op-1', pause: { reason: 'parts', part: '刹车片', eta: new Date(eta).toISOString() } });
  assert.is(raisedOf(await w.runUntil(eta - 1000), 'parts_overdue').length, 0);
  const first = assertRaisedOnce(await w.runUntil(eta + 2 * MIN), 'parts_overdue', eta);
  assert.equal([first.part, first.eta], ['刹车片', new Date(eta).toISOString()]);
  await w.restart();
  assert.is(raisedOf(await w.runUntil(w.clock.now + 2 * MIN), 'parts_overdue').length, 0);

  const later = w.clock.now + 20 * MIN;
  await w.do({ type: 'correctPartsEta', roId, operationId: 'op-1', eta: new Date(later).toISOString() });
  const corrected = await w.runUntil(later - 1000);
  assert.equal(
    clearedOf(corrected).map((e) => e.data.alarmId),
    [first.id],
    'the old incident is over',
  );
  assert.is(raisedOf(corrected, 'parts_overdue').length, 0);
  const second = assertRaisedOnce(await w.runUntil(later + MIN), 'parts_overdue', later);
  await w.do({ type: 'resumeOperation', roId, operationId: 'op-1' });
  assert.equal(
    clearedOf(await w.runUntil(w.clock.now + ALARM_TICK_MS)).map((e) => e.data.alarmId),
    [second.id],
  );
});

const Calls = suite('alarm: an advisor call unanswered');

Calls('fires within 60 s of N minutes unanswered, once; clears when acknowledged', async () => {
  const w = await aWorld({ store: { alarms: { ...baseStore.alarms, callUnansweredMinutes: 4 } } });
  const called = await w.do({ type: 'callAdvisor', callId: 'call-1', kioskId: 'kiosk-1' });
  const trigger = Date.parse(called.at) + 4 * MIN;
  assert.is(raisedOf(await w.runUntil(trigger - 1000), 'call_unanswered').length, 0);
  const alarm = assertRaisedOnce(await w.runUntil(trigger + 2 * MIN), 'call_unanswered', trigger);
  assert.is(alarm.callId, 'call-1');
  await w.restart();
  assert.is(raisedOf(await w.runUntil(w.clock.now + 2 * MIN), 'call_unanswered').length, 0);
  await w.do({ type: 'acknowledgeCall', callId: 'call-1' });
  assert.equal(
    clearedOf(await w.runUntil(w.clock.now + ALARM_TICK_MS)).map((e) => e.data.alarmId),
    [alarm.id],
  );
});

Calls('two detectors on one log at once raise an incident once', async () => {
  const w = await aWorld();
  await w.do({ type: 'callAdvisor', callId: 'call-2', kioskId: 'kiosk-1' });
  const other = new WorkshopService(w.events, [w.store], silentLogger, () => new Date(w.clock.now));
  const otherDetector = new AlarmDetector(other, { log: silentLogger, now: () => w.clock.now });
  w.clock.now += 10 * MIN;
  await Promise.all([w.detector.tick(), otherDetector.tick(), w.detector.tick(), otherDetector.tick()]);
  assert.is(raisedOf(await w.alarmFacts(), 'call_unanswered').length, 1);
  await other.close();
});

for (const s of [Overrun, Shift, Stage, Parts, Calls]) s.run();

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadShopConfig } from '../config';
import { localDate } from '../ids';
import { silentLogger } from '../log';
import { openHistoryDatabase } from '../history/database';
import { HistoryProjector } from '../history/projector';
import { groupReport, storeReport } from '../history/reports';
import { dueList } from '../reminders/due-list';
import { makeVehicleRef, vehicleRefKey } from '../history/vehicle-ref';
import { EmbeddedEventStore } from '../store/embedded-store';
import { WorkshopService } from '../workshop-service';
import { withDemoStores } from './group';
import { PAST_DAYS, writeDemoPast } from './past';
import { localMidnight, planPast } from './past-plan';
import { seedDemoDay } from './seed';
import { seededRng } from './simulate';

const shop = withDemoStores(loadShopConfig());
const store = shop.stores[0];
const NOW = new Date('2026-11-23T02:30:00Z'); // a Monday, 10:30 in Beijing
const DAY = 86_400_000;
const between = (value: number | null, lo: number, hi: number, what: string) =>
  assert.ok(value !== null && value >= lo && value <= hi, `${what}: ${value} is not within ${lo}–${hi}`);

test('the demo group has three stores, each with bays, technicians and advisors', () => {
  assert.ok(shop.stores.length >= 3, `${shop.stores.length} stores`);
  assert.is(shop.stores[0].id, 'bj-wangjing', 'the shipped store stays first');
  for (const s of shop.stores) {
    assert.ok(s.bays.filter((b) => b.kind !== 'wash').length >= 6, `${s.id} bays`);
    assert.ok(s.technicians.filter((t) => t.roles.includes('technician')).length >= 6, `${s.id} technicians`);
    assert.ok(s.advisors.length >= 2, `${s.id} advisors`);
  }
});

test('the planned past is the same for the same seed and differs for another', () => {
  const a = planPast(store, NOW, 20, seededRng(7));
  const b = planPast(store, NOW, 20, seededRng(7));
  assert.equal(a, b);
  assert.not.equal(
    planPast(store, NOW, 20, seededRng(8)).map((c) => c.at),
    a.map((c) => c.at),
  );
});

test('the planned past spans the 90 days before today, in time order, and stops before today', () => {
  const plan = planPast(store, NOW, PAST_DAYS, seededRng(1));
  const today = localMidnight(localDate(NOW, store.timezone), store.timezone);
  const first = plan[0].at;
  const last = plan[plan.length - 1].at;
  assert.ok(first >= today - PAST_DAYS * DAY && first < today - (PAST_DAYS - 1) * DAY, `first ${new Date(first).toISOString()}`);
  assert.ok(last < today && last > today - DAY, `last ${new Date(last).toISOString()}`);
  for (let i = 1; i < plan.length; i++) assert.ok(plan[i].at >= plan[i - 1].at, `step ${i} goes back in time`);
  const days = new Set(plan.map((c) => localDate(new Date(c.at), store.timezone)));
  assert.ok(days.size >= PAST_DAYS - 1, `${days.size} days with events`);
});

const dir = await mkdtemp(join(tmpdir(), 'tw-demo-past-'));
const shopOfOne = { ...shop, stores: [store] };

test('written through the real commit path once, the past reports true figures in plausible proportions', async () => {
  const events = await EmbeddedEventStore.open(dir, { log: silentLogger });
  try {
    const [written] = await writeDemoPast(events, shopOfOne.stores, NOW);
    assert.is(written.storeId, store.id);
    assert.is(await events.lastSeq(store.id), written.events);
    const perDay = written.repairOrders / PAST_DAYS;
    between(perDay, 15, 35, 'repair orders a day');

    // Every event happened at its own time, never now: the clock walked through the days.
    const log = await events.read(store.id, 0);
    const stamps = new Set(log.map((e) => e.at));
    assert.ok(stamps.size > log.length * 0.9, 'events share instants');
    assert.ok(
      log.every((e) => Date.parse(e.at) < NOW.getTime()),
      'an event after now',
    );

    // The read model over it, as the reports page reads it.
    const h = await openHistoryDatabase({ dataDir: '', sqliteFile: ':memory:' });
    try {
      const projector = new HistoryProjector(h.db, events, { log: silentLogger, vehicleRef: makeVehicleRef(vehicleRefKey('test-key')) });
      assert.is(await projector.catchUpAll(), written.events);
      const from = localDate(new Date(NOW.getTime() - PAST_DAYS * DAY), store.timezone);
      const to = localDate(new Date(NOW.getTime() - DAY), store.timezone);
      const s = (await storeReport(h.db, store, { from, to }, NOW.getTime())).summary;
      between(s.rosIn.perDay.value, 15, 35, 'ROs in a day');
      between(s.rosOut.count / s.rosIn.count, 0.9, 1.01, 'out ÷ in');
      between(s.onTimeDelivery.value, 0.6, 0.95, 'on-time delivery (some late)');
      assert.ok(s.onTimeDelivery.denominator - s.onTimeDelivery.numerator > 20, 'late deliveries');
      between(s.sameDayDelivery.value, 0.7, 0.99, 'same-day delivery');
      between(s.cycleTime.p50, 60, 8 * 60, 'cycle time p50 (minutes)');
      between(s.qcFirstPass.value, 0.85, 0.98, 'QC first pass (some reworks)');
      assert.ok(s.reworks.count > 20, `${s.reworks.count} reworks`);
      between(s.comebackRate.value, 0.002, 0.08, 'comeback rate');
      between(s.appointments.noShowRate.value, 0.03, 0.2, 'no-show rate');
      between(s.appointments.showRate.value, 0.6, 0.95, 'show rate');
      assert.ok(s.appointments.cancelled > 30, `${s.appointments.cancelled} cancelled appointments`);
      assert.ok(s.appointments.cancellationReasons.length >= 4, 'cancellation reasons');
      assert.ok(s.appointments.cancellationReasons.every((r) => r.reason.length > 0));
      between(s.partsWaits.count / s.rosIn.count, 0.03, 0.15, 'parts waits per RO');
      assert.ok(s.partsWaits.hoursLost > 0, 'hours lost to parts');
      between(s.partsWaits.lateRate.value, 0.05, 0.8, 'late parts');
      between(s.csi.responseRate.value, 0.45, 0.8, 'survey response rate');
      between(s.csi.mean.value, 4, 4.9, 'CSI mean');
      assert.ok(s.csi.distribution.filter((d) => d.count > 0).length >= 4, 'scores 1–5 in use');
      between(s.productivity.value, 0.3, 1, 'productivity');
      between(s.efficiency.value, 0.8, 1.3, 'efficiency');
      between(s.bayUtilisation.value, 0.1, 0.9, 'bay utilisation');
      const techs = s.technicians.filter((t) => t.workedHours > 0);
      assert.ok(techs.length >= 6, `${techs.length} technicians worked`);
      for (const t of techs) between(t.efficiency.value, 0.6, 1.6, `${t.technicianId} efficiency`);

      // 维修提醒: the odometer moves between visits, so /reminders shows a due list — a few overdue, more due soon.
      const due = await dueList(h.db, store, { window: '30', type: 'all', now: NOW.getTime() });
      const reminders = due.cars.flatMap((c) => c.reminders);
      const count = (type: string, urgency: string) => reminders.filter((r) => r.type === type && r.urgency === urgency).length;
      between(count('service', 'overdue'), 3, 80, 'services overdue');
      between(count('service', 'urgent') + count('service', 'soon'), 5, 150, 'services due within 30 days');
      assert.ok(count('insurance', 'urgent') + count('insurance', 'soon') > 3, 'insurance expiring within 30 days');
      assert.ok(count('inspection', 'urgent') + count('inspection', 'soon') > 3, 'inspections due within 30 days');
      assert.ok(
        due.cars.some((c) => c.kmPerDay.from === 'readings'),
        "some cars' km a day from their own readings",
      );
    } finally {
      await h.close();
    }
  } finally {
    await events.close();
  }
});

test('a restart writes no second past, and today is seeded once after it', async () => {
  const events = await EmbeddedEventStore.open(dir, { log: silentLogger });
  try {
    const before = await events.lastSeq(store.id);
    assert.equal(await writeDemoPast(events, shopOfOne.stores, NOW), []);
    assert.is(await events.lastSeq(store.id), before);
    const service = new WorkshopService(events, shopOfOne.stores, silentLogger, () => NOW);
    await service.init();
    const today = await seedDemoDay(service, store.id, NOW, { afterPast: true, exclusive: true });
    assert.ok(today.seeded);
    const again = await seedDemoDay(service, store.id, NOW, { afterPast: true, exclusive: true });
    assert.not.ok(again.seeded);
    assert.is(await events.lastSeq(store.id), before + today.events);
    await service.close();
  } finally {
    await events.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the group report over the demo past has every store, and its total is the sum of theirs', async () => {
  const gdir = await mkdtemp(join(tmpdir(), 'tw-demo-group-'));
  const events = await EmbeddedEventStore.open(gdir, { log: silentLogger });
  const h = await openHistoryDatabase({ dataDir: '', sqliteFile: ':memory:' });
  try {
    await writeDemoPast(events, shop.stores, NOW, { days: 7 });
    await new HistoryProjector(h.db, events, { log: silentLogger, vehicleRef: makeVehicleRef(vehicleRefKey('k')) }).catchUpAll();
    const from = localDate(new Date(NOW.getTime() - 7 * DAY), store.timezone);
    const g = await groupReport(h.db, shop.stores, { from, to: localDate(new Date(NOW.getTime() - DAY), store.timezone) }, NOW.getTime());
    assert.is(g.stores.length, shop.stores.length);
    for (const s of g.stores) assert.ok(s.summary.rosIn.count > 30, `${s.storeId}: ${s.summary.rosIn.count} ROs`);
    assert.is(
      g.total.rosIn.count,
      g.stores.reduce((n, s) => n + s.summary.rosIn.count, 0),
    );
    assert.is(
      g.total.onTimeDelivery.numerator,
      g.stores.reduce((n, s) => n + s.summary.onTimeDelivery.numerator, 0),
    );
  } finally {
    await h.close();
    await events.close();
    await rm(gdir, { recursive: true, force: true });
  }
});

test.run();

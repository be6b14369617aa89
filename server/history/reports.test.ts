import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ShopConfigSchema, type ShopConfig } from '../../shared/domain/shop';
import type { Ratio } from '../../shared/reports/summary';
import { aDeliveredVisit, aVisit, ClockedWorkshop } from '../../tests/helpers/history';
import { aTestShop } from '../../tests/helpers/shop';
import { silentLogger } from '../log';
import { openHistoryDatabase, type OpenedHistory } from './database';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { HistoryProjector } from './projector';
import { groupReport, storeReport } from './reports';
import { makeVehicleRef, vehicleRefKey } from './vehicle-ref';

/**
 * Every KPI against a small day built through the real workflow, with the answer worked out here
 * from its definition in docs/kpis.md. Times are Beijing time (the test shop's zone).
 */
const DAY = '2026-03-02';
const END_OF_DAYS = Date.parse('2026-03-05T00:00:00+08:00');

const close = (r: Ratio, numerator: number, denominator: number, message?: string) => {
  assert.equal([r.numerator, r.denominator], [numerator, denominator], message);
  assert.ok(Math.abs((r.value ?? NaN) - numerator / denominator) < 1e-4, message);
};

/** A store with four general bays and four technicians, open 08:00–20:00 (12 h). */
const fourBayShop = (): ShopConfig =>
  ShopConfigSchema.parse({
    group: { name: 'G' },
    stores: [
      {
        id: 'store-a',
        name: { 'zh-CN': '四工位店', en: 'Four bays' },
        timezone: 'Asia/Shanghai',
        openingHours: { open: '08:00', close: '20:00' },
        bays: [1, 2, 3, 4].map((n) => ({ id: `bay-${n}`, name: String(n), kind: 'general' })).concat([{ id: 'bay-w', name: 'W', kind: 'wash' }]),
        teams: [{ id: 'team-1', name: 'A' }],
        technicians: [1, 2, 3, 4].map((n) => ({ id: `tech-${n}`, name: `师傅${n}`, teamId: 'team-1' })),
      },
    ],
  });

interface Backend {
  name: string;
  open(): Promise<OpenedHistory>;
}

const backends: Backend[] = [{ name: 'SQLite', open: () => openHistoryDatabase({ dataDir: '', sqliteFile: ':memory:' }) }];
const postgres = await findPostgres();
if ('reason' in postgres) reportNoPostgres('KPIs on PostgreSQL', postgres.reason);
else {
  backends.push({
    name: 'PostgreSQL',
    async open() {
      const db = await createDatabase(postgres.url, 'kpis');
      const h = await openHistoryDatabase({ dataDir: '', databaseUrl: db.url });
      return {
        ...h,
        close: async () => {
          await h.close();
          await db.drop();
        },
      };
    },
  });
}

for (const backend of backends) {
  /** Project the workshop's log and report one store for a range. */
  async function report(w: ClockedWorkshop, from = DAY, to = from, storeId = 'store-a') {
    const h = await backend.open();
    try {
      const p = new HistoryProjector(h.db, w.events, { log: silentLogger, vehicleRef: makeVehicleRef(vehicleRefKey('test-key')) });
      await p.catchUpAll();
      return (
        await storeReport(
          h.db,
          w.shop.stores.find((s) => s.id === storeId)!,
          { from, to },
          END_OF_DAYS,
        )
      ).summary;
    } finally {
      await h.close();
    }
  }

  const kpis = suite(`KPIs of one store, from the history read model on ${backend.name}`);

  kpis('bay utilisation: 28 worked hours on 4 bays open 12 h is 28 / 48 = 58 %, and by hour of day', async () => {
    const w = new ClockedWorkshop(undefined, fourBayShop());
    const hours = [8, 8, 6, 6];
    for (const [i, h] of hours.entries()) {
      await aDeliveredVisit(w, {
        checkIn: '07:50',
        start: '08:00',
        workMinutes: [h * 60],
        deliverAt: '19:00',
        operations: [{ id: 'op-1', code: 'GEN', title: '保养', standardHours: h, bayId: `bay-${i + 1}`, technicianId: `tech-${i + 1}` }],
      });
    }
    const s = await report(w);
    close(s.bayUtilisation, 28, 48);
    assert.is(Math.round(s.bayUtilisation.value! * 100), 58);
    // 08:00–09:00 all four bays work; 14:00–15:00 only the two 8-hour jobs; 19:00–20:00 none; 07:00 is closed.
    const hour = (h: number) => s.bayUtilisationByHour[h];
    close(hour(8), 4, 4);
    close(hour(14), 2, 4);
    close(hour(19), 0, 4);
    assert.equal([hour(7).denominator, hour(7).value], [0, null]);
    assert.equal(s.bayHours.find((b) => b.bay === 'store-a/bay-3')!.hours, { '08': 1, '09': 1, 10: 1, 11: 1, 12: 1, 13: 1 });
  });

  kpis('productivity = worked ÷ attended, efficiency = standard of finished work ÷ worked, proficiency = standard ÷ attended', async () => {
    const w = new ClockedWorkshop();
    const scan = { source: 'scan' as const, actor: { kind: 'system' as const, id: 'scan' } };
    w.at('08:00');
    await w.do({ type: 'signInDevice', deviceId: 'phone-1', personId: 'tech-1', method: 'badge', until: w.iso('18:00') }, scan);
    // tech-2: two phones, 08:00–12:00 (signed out early) and 11:00–14:00: there 6 hours, not 7.
    await w.do({ type: 'signInDevice', deviceId: 'phone-2', personId: 'tech-2', method: 'pin', until: w.iso('18:00') }, scan);
    w.at('11:00');
    await w.do({ type: 'signInDevice', deviceId: 'phone-3', personId: 'tech-2', method: 'pin', until: w.iso('14:00') }, scan);
    w.at('12:00');
    await w.do({ type: 'signOutDevice', deviceId: 'phone-2' }, scan);
    // tech-1 works 2 h on a 3 h job and 6 h on a 4 h job: 8 h worked, 7 h standard.
    await aDeliveredVisit(w, {
      checkIn: '07:55',
      start: '08:00',
      workMinutes: [120, 360],
      deliverAt: '17:00',
      operations: [
        { id: 'op-a', code: 'A', title: 'A', standardHours: 3, bayId: 'bay-1', technicianId: 'tech-1' },
        { id: 'op-b', code: 'B', title: 'B', standardHours: 4, bayId: 'bay-1', technicianId: 'tech-1' },
      ],
    });
    const s = await report(w);
    const t1 = s.technicians.find((t) => t.technicianId === 'tech-1')!;
    close(t1.productivity, 8, 10);
    close(t1.efficiency, 7, 8);
    close(t1.proficiency, 7, 10);
    assert.ok(Math.abs(t1.proficiency.value! - t1.productivity.value! * t1.efficiency.value!) < 1e-3, 'proficiency = productivity × efficiency');
    const t2 = s.technicians.find((t) => t.technicianId === 'tech-2')!;
    assert.equal([t2.attendedHours, t2.workedHours], [6, 0]);
    close(s.productivity, 8, 16);
    close(s.proficiency, 7, 16);
    close(s.hoursPerRo, 7, 1);
  });

  kpis("throughput per day, on-time and same-day delivery, cycle time p50/p90 — days counted in the store's zone", async () => {
    const w = new ClockedWorkshop();
    const next = '2026-03-03';
    const car = (checkIn: string, deliverAt: string, promised?: string) =>
      aDeliveredVisit(w, { checkIn, start: checkIn, workMinutes: [10], deliverAt, ...(promised ? { promised } : {}) });
    await car(w.iso('09:00'), w.iso('11:00'), '12:00'); // on time, same day, 120 min
    await car(w.iso('10:00'), w.iso('13:00'), '12:00'); // late, same day, 180
    await car(w.iso('16:00'), w.iso('09:00', next)); // no promise, next day, 1020
    await car(w.iso('08:00', next), w.iso('10:00', next), undefined); // same day, 120
    // 07:30–08:30 Beijing is 23:30–00:30 UTC: one local day, two UTC days.
    await car(w.iso('07:30'), w.iso('08:30'), '09:00'); // on time, same day, 60
    w.at(w.iso('09:00', next));
    await w.do(aVisit()); // checked in, not delivered
    const s = await report(w, DAY, next);
    assert.equal([s.rosIn.count, s.rosOut.count, s.days], [6, 5, 2]);
    close(s.rosIn.perDay, 6, 2);
    assert.equal(
      s.byDay.map((d) => [d.date, d.in, d.out]),
      [
        [DAY, 4, 3],
        [next, 2, 2],
      ],
    );
    // The daily trends, by delivery day: the 2nd, cars of 120 (on time), 180 (late) and 60 (on time) min;
    // the 3rd, 1020 (no promise) and 120 (no promise): nothing to be on time for, a null, not 0 %.
    close(s.byDay[0].onTimeDelivery, 2, 3);
    close(s.byDay[0].cycleTime, 120 + 180 + 60, 3);
    assert.equal([s.byDay[1].onTimeDelivery.denominator, s.byDay[1].onTimeDelivery.value], [0, null]);
    close(s.byDay[1].cycleTime, 1020 + 120, 2);
    close(s.onTimeDelivery, 2, 3);
    close(s.sameDayDelivery, 4, 5);
    // Samples 60, 120, 120, 180, 1020: nearest rank p50 = 3rd = 120, p90 = 5th = 1020, mean 1500 / 5.
    assert.equal([s.cycleTime.count, s.cycleTime.p50, s.cycleTime.p90], [5, 120, 1020]);
    close(s.cycleTime.mean, 1500, 5);
  });

  kpis('time in each stage, and the working vs waiting share of the cycle', async () => {
    const w = new ClockedWorkshop();
    const ro = aVisit();
    w.at('09:00');
    await w.do(ro);
    w.at('09:30');
    await w.do({ type: 'sendToWorkshop', roId: ro.roId });
    w.at('10:00');
    await w.do({ type: 'startOperation', roId: ro.roId, operationId: 'op-1' }, { source: 'scan' });
    w.at('11:00');
    await w.do({ type: 'finishOperation', roId: ro.roId, operationId: 'op-1' }, { source: 'scan' });
    w.at('11:15');
    await w.do({ type: 'qcPass', roId: ro.roId });
    w.at('12:00');
    await w.do({ type: 'deliver', roId: ro.roId });
    const s = await report(w);
    const p50 = Object.fromEntries(Object.entries(s.stageTime).map(([stage, d]) => [stage, d.p50]));
    assert.equal(p50, { checked_in: 30, waiting_dispatch: 30, in_service: 60, quality_check: 15, washing: null, ready: 45 });
    close(s.workingShare, 60, 180);
    close(s.waitingShare, 120, 180);
  });

  kpis('QC first-pass rate and reworks, comebacks within 30 days for an overlapping operation, and survey CSI', async () => {
    const w = new ClockedWorkshop();
    const oil = [{ id: 'op-1', code: 'OIL', title: '机油', standardHours: 0.5, bayId: 'bay-2', technicianId: 'tech-1' }];
    const v1 = await aDeliveredVisit(w, {
      checkIn: '08:00',
      start: '08:10',
      workMinutes: [20],
      deliverAt: '09:00',
      plate: '京A11111',
      operations: oil,
      score: 5,
    });
    const v3 = await aDeliveredVisit(w, { checkIn: '10:00', start: '10:10', workMinutes: [20], deliverAt: '11:00', plate: '京A33333', operations: oil });
    // v2 fails QC once.
    const v2 = aVisit({ vehicle: { plate: '京A22222', make: 'VW', model: '', color: '' }, operations: oil });
    w.at('12:00');
    await w.do(v2);
    await w.do({ type: 'sendToWorkshop', roId: v2.roId });
    await w.do({ type: 'startOperation', roId: v2.roId, operationId: 'op-1' }, { source: 'scan' });
    w.at('12:30');
    await w.do({ type: 'finishOperation', roId: v2.roId, operationId: 'op-1' }, { source: 'scan' });
    await w.do({ type: 'qcFail', roId: v2.roId, reason: '渗油', operationIds: ['op-1'] });
    await w.do({ type: 'startOperation', roId: v2.roId, operationId: 'op-1' }, { source: 'scan' });
    w.at('12:45');
    await w.do({ type: 'finishOperation', roId: v2.roId, operationId: 'op-1' }, { source: 'scan' });
    await w.do({ type: 'qcPass', roId: v2.roId });
    w.at('13:00');
    await w.do({ type: 'deliver', roId: v2.roId });
    await w.do({ type: 'submitSurvey', roId: v2.roId, score: 3 }, { source: 'kiosk', actor: { kind: 'customer', id: 'c' } });
    // Back: v1's car after 10 days for oil again (a comeback); v3's after 10 days for brakes only (not);
    // v2's after 40 days for oil (outside the window).
    w.day = '2026-03-12';
    w.at('09:00');
    await w.do(aVisit({ vehicle: { plate: '京A11111', make: 'VW', model: '', color: '' }, operations: oil }));
    await w.do(aVisit({ vehicle: { plate: '京A33333', make: 'VW', model: '', color: '' }, operations: [{ ...oil[0], code: 'BRK' }] }));
    w.at(w.iso('09:00', '2026-04-11'));
    await w.do(aVisit({ vehicle: { plate: '京A22222', make: 'VW', model: '', color: '' }, operations: oil }));
    const s = await report(w);
    assert.ok(v1 && v3);
    close(s.qcFirstPass, 2, 3);
    assert.is(s.reworks.count, 1);
    close(s.reworks.perRo, 1, 3);
    close(s.comebackRate, 1, 3);
    close(s.csi.mean, 8, 2);
    close(s.csi.responseRate, 2, 3);
    assert.equal(
      s.csi.distribution.map((d) => d.count),
      [0, 0, 1, 0, 1],
    );
  });

  kpis('appointments: show rate over those that came or did not (cancellations apart), no-shows, reasons, lead time', async () => {
    const w = new ClockedWorkshop();
    const vehicle = { plate: '京A55555', make: 'VW', model: '', color: '' };
    const customer = { name: '王五', phone: '13700001111', salutation: 'mr' as const };
    w.at(w.iso('09:00', '2026-03-01'));
    for (const [id, time] of [
      ['a1', '09:00'],
      ['a2', '10:00'],
      ['a3', '11:00'],
      ['a4', '12:00'],
      ['a5', '13:00'],
    ])
      await w.do({ type: 'createAppointment', appointmentId: id, at: w.iso(time), vehicle, customer, services: [] });
    w.at('08:00');
    await w.do({ type: 'cancelAppointment', appointmentId: 'a4', reason: '改期' });
    await w.do({ type: 'cancelAppointment', appointmentId: 'a5' });
    w.at('09:05');
    await w.do(aVisit({ appointmentId: 'a1' }));
    w.at('10:05');
    await w.do(aVisit({ appointmentId: 'a2' }));
    w.at('12:00');
    await w.do({ type: 'markAppointmentNoShow', appointmentId: 'a3' });
    const s = await report(w, '2026-03-01', DAY);
    const a = s.appointments;
    assert.equal([a.booked, a.due, a.arrived, a.noShows, a.cancelled], [5, 5, 2, 1, 2]);
    close(a.showRate, 2, 3);
    close(a.noShowRate, 1, 3);
    assert.equal(a.cancellationReasons, [
      { reason: '', count: 1 },
      { reason: '改期', count: 1 },
    ]);
    // Booked 09:00 the day before for 09:00 … 13:00: 24 … 28 hours ahead.
    assert.equal([a.leadTime.p50, a.leadTime.mean.value], [26, 26]);
  });

  kpis('parts waits (count, hours lost, late against the ETA) and advisor-call answer time', async () => {
    const w = new ClockedWorkshop();
    const ro = aVisit({ operations: [{ id: 'op-1', code: 'BRK', title: '刹车', standardHours: 2, bayId: 'bay-1', technicianId: 'tech-1' }] });
    w.at('08:30');
    await w.do(ro);
    await w.do({ type: 'sendToWorkshop', roId: ro.roId });
    const step = async (time: string, command: Parameters<ClockedWorkshop['do']>[0]) => {
      w.at(time);
      await w.do(command, { source: 'scan' });
    };
    const part = (eta: string) => ({
      type: 'pauseOperation' as const,
      roId: ro.roId,
      operationId: 'op-1',
      pause: { reason: 'parts' as const, part: '刹车片', eta: w.iso(eta) },
    });
    await step('08:45', { type: 'startOperation', roId: ro.roId, operationId: 'op-1' });
    await step('09:00', part('10:00'));
    await step('10:30', { type: 'resumeOperation', roId: ro.roId, operationId: 'op-1' });
    await step('11:00', part('12:00'));
    await step('11:30', { type: 'resumeOperation', roId: ro.roId, operationId: 'op-1' });
    const kiosk = { source: 'kiosk' as const, actor: { kind: 'kiosk' as const, id: 'kiosk-1' } };
    for (const [id, asked, answered] of [
      ['c1', '09:00', '09:02'],
      ['c2', '10:00', '10:06'],
      ['c3', '11:00', undefined],
    ] as const) {
      w.at(asked);
      await w.do({ type: 'callAdvisor', callId: id, kioskId: `kiosk-${id}` }, kiosk);
      if (answered) {
        w.at(answered);
        await w.do({ type: 'acknowledgeCall', callId: id });
      }
    }
    const s = await report(w);
    assert.equal([s.partsWaits.count, s.partsWaits.hoursLost], [2, 2]);
    close(s.partsWaits.lateRate, 1, 2);
    assert.equal([s.advisorCalls.asked, s.advisorCalls.answered], [3, 2]);
    close(s.advisorCalls.answerRate, 2, 3);
    assert.equal([s.advisorCalls.answerTime.p50, s.advisorCalls.answerTime.p90], [2, 6]);
    close(s.advisorCalls.answerTime.mean, 8, 2);
  });

  kpis.run();

  const group = suite(`the group figure on ${backend.name}`);

  group("is the ratio of the stores' sums, not the mean of their ratios", async () => {
    const shop = aTestShop();
    const w = new ClockedWorkshop(undefined, shop);
    const onBay1 = [{ id: 'op-1', code: 'OIL', title: '机油', standardHours: 0.5, bayId: 'bay-1' }];
    // store-a: 1 of 1 on time (100 %); store-b: 1 of 4 (25 %). Mean of ratios 62.5 %; the group is 2 of 5 = 40 %.
    await aDeliveredVisit(w, { checkIn: '08:00', start: '08:10', workMinutes: [20], deliverAt: '09:00', promised: '10:00', operations: onBay1 });
    for (const [i, deliverAt] of ['09:00', '12:00', '13:00', '14:00'].entries())
      await aDeliveredVisit(w, {
        storeId: 'store-b',
        checkIn: `0${8 + i}:00`.slice(-5),
        start: `0${8 + i}:10`.slice(-5),
        workMinutes: [20],
        deliverAt,
        promised: '10:00',
        operations: onBay1,
      });
    const h = await backend.open();
    try {
      await new HistoryProjector(h.db, w.events, { log: silentLogger, vehicleRef: (p) => p.length.toString() }).catchUpAll();
      const g = await groupReport(h.db, shop.stores, { from: DAY, to: DAY }, END_OF_DAYS);
      assert.equal(
        g.stores.map((s) => s.summary.onTimeDelivery.value),
        [1, 0.25],
      );
      close(g.total.onTimeDelivery, 2, 5);
      assert.is.not(g.total.onTimeDelivery.value, (1 + 0.25) / 2);
      // The day's trend point is merged the same way: 2 of 5, and the cycle mean (60 + 60 + 3 × 180) / 5.
      close(g.total.byDay[0].onTimeDelivery, 2, 5);
      close(g.total.byDay[0].cycleTime, 60 + 60 + 3 * 180, 5);
      // Percentiles are over every store's cars together: cycles 60 | 60, 180, 180, 180 → p50 = 3rd of 5 = 180
      // (the mean of the stores' medians would be 120).
      assert.equal(g.total.cycleTime.p50, 180);
      assert.equal([g.total.rosOut.count, g.stores[1].summary.rosOut.count], [5, 4]);
    } finally {
      await h.close();
    }
  });

  group.run();
}

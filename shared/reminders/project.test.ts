import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ReminderConfigSchema, type CatalogueItem } from '../domain/shop';
import { addMonths, inWindow, kmPerDayOf, projectReminders, urgencyOf, type VisitRecord } from './project';

const item = (code: string, interval: CatalogueItem['interval']): CatalogueItem => ({
  code,
  title: { 'zh-CN': code, en: code },
  standardHours: 1,
  bayKind: 'quick',
  ...(interval ? { interval } : {}),
});
const OIL = item('MNT-OIL', { km: 5000, months: 6 });
const AC = item('AC-SVC', { months: 12 });
const TYRES = item('TYR-BAL', { km: 10000 });
const DIAG = item('DIAG', undefined);

/** A visit on a date (09:00 UTC), with what was read and done. */
const visit = (roId: string, on: string, km: number | undefined, done: string[] = [], extra: Partial<VisitRecord> = {}): VisitRecord => ({
  roId,
  at: `${on}T09:00:00.000Z`,
  on,
  ...(km !== undefined ? { mileageKm: km } : {}),
  servicesDone: done,
  ...extra,
});
const options = { today: '2026-12-07', defaultKmPerDay: 40 };
const config = ReminderConfigSchema.parse(undefined);

test('a service comes due by kilometres first when the car drives a lot: its own rate from its readings', () => {
  // 3,000 km in 30 days = 100 km a day; the oil was changed at 20,000 km on 1 November.
  const history = [visit('ro-1', '2026-10-02', 17_000), visit('ro-2', '2026-11-01', 20_000, ['MNT-OIL'])];
  const [oil] = projectReminders(history, [OIL], options);
  assert.equal(oil.id, 'service:ro-2:MNT-OIL');
  assert.equal(oil.dueBy, 'km');
  assert.equal(oil.dueKm, 25_000);
  // 5,000 km at 100 km a day: 50 days after 1 November, long before the six months are up.
  assert.equal(oil.dueOn, '2026-12-21');
  assert.equal(oil.estimatedKm, 23_600);
});

test('a service comes due by months first when the car hardly moves', () => {
  // 600 km in 60 days = 10 km a day: 5,000 km would take 500 days; six months come first.
  const history = [visit('ro-1', '2026-05-01', 30_000), visit('ro-2', '2026-06-30', 30_600, ['MNT-OIL'])];
  const [oil] = projectReminders(history, [OIL], options);
  assert.equal(oil.dueBy, 'months');
  assert.equal(oil.dueOn, '2026-12-30');
  assert.is(oil.dueKm, undefined);
});

test('whichever comes first decides, and the other does not move it', () => {
  // The same car, two services: the oil by km (5,000 at 50 a day = 100 days), the A/C by months only.
  const history = [visit('ro-1', '2026-08-01', 40_000, ['MNT-OIL', 'AC-SVC']), visit('ro-2', '2026-09-10', 42_000)];
  const byCode = Object.fromEntries(projectReminders(history, [OIL, AC, TYRES, DIAG], options).map((r) => [r.code, r]));
  assert.equal(byCode['MNT-OIL'].dueBy, 'km');
  assert.equal(byCode['MNT-OIL'].dueOn, '2026-11-09');
  assert.equal(byCode['AC-SVC'].dueBy, 'months');
  assert.equal(byCode['AC-SVC'].dueOn, '2027-08-01');
  // Never done here (tyres) or without an interval (diagnosis): no reminder.
  assert.equal(Object.keys(byCode).sort(), ['AC-SVC', 'MNT-OIL']);
});

test('the last time a service was done counts: done again, it is a new reminder with a new id', () => {
  const history = [visit('ro-1', '2026-03-01', 10_000, ['MNT-OIL']), visit('ro-2', '2026-09-01', 16_000, ['MNT-OIL'])];
  const [oil] = projectReminders(history, [OIL], options);
  assert.equal(oil.id, 'service:ro-2:MNT-OIL');
  assert.equal(oil.lastDoneOn, '2026-09-01');
  assert.equal(oil.lastDoneKm, 16_000);
});

test("a car read once drives the store's default; readings that do not climb are not a rate", () => {
  assert.equal(kmPerDayOf([{ on: '2026-11-01', km: 20_000 }], 40), { value: 40, from: 'default' });
  assert.equal(
    kmPerDayOf(
      [
        { on: '2026-11-01', km: 20_000 },
        { on: '2026-11-01', km: 20_050 },
      ],
      40,
    ),
    { value: 40, from: 'default' },
  );
  assert.equal(
    kmPerDayOf(
      [
        { on: '2026-10-01', km: 20_000 },
        { on: '2026-11-01', km: 19_000 },
      ],
      40,
    ),
    { value: 40, from: 'default' },
  );
  assert.equal(
    kmPerDayOf(
      [
        { on: '2026-11-11', km: 21_000 },
        { on: '2026-11-01', km: 20_000 },
      ],
      40,
    ),
    { value: 100, from: 'readings' },
  );
  // One visit at 20,000 km: 5,000 km at 40 a day is 125 days.
  const [oil] = projectReminders([visit('ro-1', '2026-09-01', 20_000, ['MNT-OIL'])], [item('MNT-OIL', { km: 5000 })], options);
  assert.equal(oil.dueOn, '2027-01-04');
});

test('a service done on a visit without a reading is placed by the rate from the readings around it', () => {
  // 100 km a day from the two readings; the oil visit had no reading: about 21,000 km then.
  const history = [visit('ro-1', '2026-10-01', 20_000), visit('ro-2', '2026-10-11', undefined, ['MNT-OIL']), visit('ro-3', '2026-10-21', 22_000)];
  const [oil] = projectReminders(history, [OIL], options);
  assert.equal(oil.lastDoneKm, 21_000);
  assert.equal(oil.dueKm, 26_000);
  assert.equal(oil.dueOn, '2026-11-30');
});

test('insurance and inspection dates: the latest recorded, with the id of the visit that first recorded it', () => {
  const history = [
    visit('ro-1', '2026-06-01', 10_000, [], { insuranceExpiresOn: '2026-12-20', inspectionDueOn: '2027-03-01' }),
    visit('ro-2', '2026-09-01', 13_000, [], { insuranceExpiresOn: '2026-12-20' }),
    visit('ro-3', '2026-11-01', 15_000, [], { inspectionDueOn: '2027-02-15' }),
  ];
  const reminders = projectReminders(history, [OIL], options);
  assert.equal(reminders, [
    { id: 'insurance:ro-1:2026-12-20', type: 'insurance', dueOn: '2026-12-20', dueBy: 'date' },
    { id: 'inspection:ro-3:2027-02-15', type: 'inspection', dueOn: '2027-02-15', dueBy: 'date' },
  ]);
  assert.equal(projectReminders([visit('ro-1', '2026-06-01', 10_000)], [OIL], options), []);
});

test('months are calendar months, kept in the month they land in', () => {
  assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
  assert.equal(addMonths('2027-08-31', 6), '2028-02-29');
  assert.equal(addMonths('2026-11-15', 2), '2027-01-15');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
});

test('urgency uses the thresholds of the reminder type, not one for all', () => {
  const today = '2026-12-07';
  assert.equal(urgencyOf('service', '2026-12-06', today, config), 'overdue');
  assert.equal(urgencyOf('service', '2026-12-14', today, config), 'urgent');
  assert.equal(urgencyOf('service', '2026-12-20', today, config), 'soon');
  // Twelve days ahead: a service is soon (urgent within 7), insurance already urgent (within 15).
  assert.equal(urgencyOf('insurance', '2026-12-19', today, config), 'urgent');
  assert.equal(urgencyOf('service', '2026-12-19', today, config), 'soon');
  const custom = ReminderConfigSchema.parse({ urgency: { inspection: { urgentDays: 1, soonDays: 3 } } });
  assert.equal(urgencyOf('inspection', '2026-12-09', today, custom), 'soon');
  assert.equal(urgencyOf('inspection', '2026-12-12', today, custom), 'later');
  assert.equal(custom.urgency.service, { urgentDays: 7, soonDays: 30 });
});

test('windows: overdue only, or due within N days with the overdue, but not overdue past the limit', () => {
  const today = '2026-12-07';
  assert.ok(inWindow('2026-12-01', 'overdue', today, config));
  assert.not.ok(inWindow('2026-12-07', 'overdue', today, config));
  assert.ok(inWindow('2026-12-14', '7', today, config));
  assert.not.ok(inWindow('2026-12-15', '7', today, config));
  assert.ok(inWindow('2026-12-01', '30', today, config));
  assert.ok(inWindow('2027-03-07', '90', today, config));
  assert.not.ok(inWindow('2025-12-01', '90', today, config));
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CustomerRow } from '../../../shared/projections/views';
import {
  CalloutQueue,
  ReadyWatcher,
  clampPage,
  localDay,
  nextPage,
  pageCount,
  pageSlice,
  plateKind,
  rowsPerPage,
  splitRows,
  spokenPlate,
  stepIndex,
  timeInfo,
} from './board-model';

const NOW = Date.parse('2025-11-22T02:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

let n = 0;
const aRow = (over: Partial<CustomerRow> = {}): CustomerRow => ({
  id: `ro-${++n}`,
  plate: '京A·1**45',
  customer: { 'zh-CN': '张先生', en: 'Mr. 张' },
  make: 'Audi',
  model: 'A6L',
  color: '黑色',
  stage: 'in_service',
  stageSince: at(-30),
  progress: { done: 0, total: 2 },
  ...over,
});

test('stepIndex: waiting for a bay is shown as the first step, before "in service"', () => {
  assert.is(stepIndex('checked_in'), 0);
  assert.is(stepIndex('waiting_dispatch'), 0);
  assert.is(stepIndex('in_service'), 1);
  assert.is(stepIndex('washing'), 3);
  assert.is(stepIndex('ready'), 4);
});

test('splitRows: ready cars go to the pickup list, the rest to the workshop list', () => {
  const rows = [aRow({ stage: 'ready', readyAt: at(-5) }), aRow({ stage: 'washing' }), aRow({ stage: 'checked_in' })];
  const { workshop, ready } = splitRows(rows);
  assert.equal(
    ready.map((r) => r.stage),
    ['ready'],
  );
  assert.equal(
    workshop.map((r) => r.stage),
    ['washing', 'checked_in'],
  );
});

test('splitRows: the workshop list puts the furthest-along cars first, then the earliest expected', () => {
  const late = aRow({ id: 'late', stage: 'in_service', promisedAt: at(90) });
  const soon = aRow({ id: 'soon', stage: 'in_service', promisedAt: at(30) });
  const delayed = aRow({ id: 'delayed', stage: 'in_service', promisedAt: at(10), etaAt: at(120) });
  const qc = aRow({ id: 'qc', stage: 'quality_check', promisedAt: at(200) });
  const waiting = aRow({ id: 'waiting', stage: 'waiting_dispatch', promisedAt: at(5) });
  const arrived = aRow({ id: 'arrived', stage: 'checked_in', promisedAt: at(6) });
  const noTime = aRow({ id: 'noTime', stage: 'in_service' });
  const { workshop } = splitRows([waiting, noTime, late, delayed, arrived, soon, qc]);
  assert.equal(
    workshop.map((r) => r.id),
    ['qc', 'soon', 'late', 'delayed', 'noTime', 'waiting', 'arrived'],
  );
});

test('splitRows: the order is stable for equal rows (no flicker between updates)', () => {
  const a = aRow({ id: 'a', stageSince: at(-10) });
  const b = aRow({ id: 'b', stageSince: at(-10) });
  assert.equal(
    splitRows([b, a]).workshop.map((r) => r.id),
    ['a', 'b'],
  );
  assert.equal(
    splitRows([a, b]).workshop.map((r) => r.id),
    ['a', 'b'],
  );
});

test('splitRows: the pickup list shows the most recently finished car first', () => {
  const early = aRow({ id: 'early', stage: 'ready', readyAt: at(-40) });
  const recent = aRow({ id: 'recent', stage: 'ready', readyAt: at(-2) });
  assert.equal(
    splitRows([early, recent]).ready.map((r) => r.id),
    ['recent', 'early'],
  );
});

test('rowsPerPage: fits whole rows of at least the minimum height, never fewer than one', () => {
  assert.is(rowsPerPage(800, 100), 8);
  assert.is(rowsPerPage(799, 100), 7);
  assert.is(rowsPerPage(800, 100, 10), 7, '7 rows + 6 gaps = 760; 8 rows + 7 gaps = 870');
  assert.is(rowsPerPage(50, 100), 1);
  assert.is(rowsPerPage(0, 100), 1);
  assert.is(rowsPerPage(Number.NaN, 100), 1);
});

test('pageSlice: every row appears on exactly one page', () => {
  const rows = Array.from({ length: 23 }, (_, i) => i);
  const per = 7;
  const pages = pageCount(rows.length, per);
  assert.is(pages, 4);
  const seen = Array.from({ length: pages }, (_, p) => pageSlice(rows, per, p)).flat();
  assert.equal(seen, rows);
  assert.is(pageCount(0, 7), 1, 'an empty list is one (empty) page');
});

test('pageSlice: a page number past the end (list shrank) shows the first page, not an empty one', () => {
  assert.equal(pageSlice([1, 2, 3], 2, 5), [1, 2]);
  assert.is(clampPage(3, 3), 0);
  assert.is(clampPage(2, 3), 2);
});

test('nextPage: cycles through every page and stays on 0 when there is one', () => {
  assert.equal(
    [0, 1, 2].map((p) => nextPage(p, 3)),
    [1, 2, 0],
  );
  assert.is(nextPage(0, 1), 0);
  assert.is(nextPage(7, 3), 1, 'an out-of-range page restarts from the first');
});

test('ReadyWatcher: cars already ready in the first snapshot are not announced', () => {
  const w = new ReadyWatcher();
  assert.equal(w.observe([aRow({ id: 'x', stage: 'ready', readyAt: at(-1) })], NOW), []);
});

test('ReadyWatcher: announces a car whose stage changes to ready, once', () => {
  const w = new ReadyWatcher();
  w.observe([aRow({ id: 'x', stage: 'washing' }), aRow({ id: 'y', stage: 'in_service' })], NOW);
  assert.equal(w.observe([aRow({ id: 'x', stage: 'ready', readyAt: at(0) }), aRow({ id: 'y', stage: 'in_service' })], NOW), ['x']);
  assert.equal(w.observe([aRow({ id: 'x', stage: 'ready', readyAt: at(0) }), aRow({ id: 'y', stage: 'in_service' })], NOW), []);
});

test('ReadyWatcher: a car that appears already ready is announced only if it just finished', () => {
  const w = new ReadyWatcher();
  w.observe([], NOW);
  assert.equal(w.observe([aRow({ id: 'fresh', stage: 'ready', readyAt: at(-1) }), aRow({ id: 'old', stage: 'ready', readyAt: at(-30) })], NOW), ['fresh']);
});

test('ReadyWatcher: remembers only the cars on the board (memory stays flat over a day)', () => {
  const w = new ReadyWatcher();
  for (let i = 0; i < 1000; i++) w.observe([aRow({ id: `car-${i}` }), aRow({ id: `car-${i + 1}` })], NOW);
  assert.is(w.size, 2);
});

test('CalloutQueue: first in first out, each car once, bounded, and drops cars no longer ready', () => {
  const q = new CalloutQueue(3);
  q.push('a', 'b', 'a');
  assert.is(q.length, 2);
  q.push('c', 'd');
  assert.is(q.length, 3, 'the oldest call is dropped past the limit');
  q.retain((id) => id !== 'c');
  assert.is(q.shift(), 'b');
  assert.is(q.shift(), 'd');
  assert.is(q.shift(), undefined);
});

test('timeInfo: a parts wait is said honestly, with the part ETA and the pushed-out ETA', () => {
  const info = timeInfo(aRow({ promisedAt: at(60), etaAt: at(240), partsWait: { eta: at(120) } }));
  assert.equal(info, { kind: 'parts', partsEta: at(120), eta: at(240) });
  assert.equal(timeInfo(aRow({ partsWait: {} })), { kind: 'parts', partsEta: undefined, eta: undefined });
});

test('timeInfo: shows the original promise only when the ETA is meaningfully later', () => {
  assert.equal(timeInfo(aRow({ promisedAt: at(60), etaAt: at(60) })), { kind: 'eta', eta: at(60) });
  assert.equal(timeInfo(aRow({ promisedAt: at(60), etaAt: at(61) })), { kind: 'eta', eta: at(61) });
  assert.equal(timeInfo(aRow({ promisedAt: at(60), etaAt: at(90) })), { kind: 'eta', eta: at(90), promised: at(60) });
  assert.equal(timeInfo(aRow({ promisedAt: at(60) })), { kind: 'eta', eta: at(60) });
  assert.equal(timeInfo(aRow({})), { kind: 'unknown' });
});

test('spokenPlate: reads characters one by one, pausing over the hidden ones', () => {
  assert.is(spokenPlate('京A·1**45', 'zh-CN'), '京 A 1，4 5');
  assert.is(spokenPlate('粤B·D1**45', 'zh-CN'), '粤 B D 1，4 5');
  assert.is(spokenPlate('京A·1**45', 'en'), 'A 1, 4 5');
});

test('plateKind: eight-character Chinese plates are new-energy (green)', () => {
  assert.is(plateKind('粤B·D1**45', 'CN'), 'nev');
  assert.is(plateKind('京A·1**45', 'CN'), 'regular');
  assert.is(plateKind('AB***CD', 'GB' as string), 'other');
});

test('localDay: the calendar day in the store zone, not the machine zone', () => {
  assert.is(localDay('2025-11-22T17:30:00Z', 'Asia/Shanghai'), '2025-11-23');
  assert.is(localDay('2025-11-22T17:30:00Z', 'UTC'), '2025-11-22');
});

test.run();

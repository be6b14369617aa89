import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bayName, localisedRo, localisedStore, operationTitle } from './localised-names';

const catalogue = [{ code: 'OIL', title: { 'zh-CN': '更换机油机滤', en: 'Oil and filter change' } }];
const op = (title: string) => ({ id: 'op1', code: 'OIL', title, standardHours: 0.5, status: 'assigned' as const, workedMs: 0, reworks: 0 });

const Names = suite('localised names');

Names("an operation from the catalogue is titled in the page's language", () => {
  assert.is(operationTitle(op('更换机油机滤'), catalogue, 'en'), 'Oil and filter change');
  assert.is(operationTitle(op('更换机油机滤'), catalogue, 'zh-CN'), '更换机油机滤');
});

Names('a title the advisor typed stays as typed', () => {
  assert.is(operationTitle(op('机油+检查底盘异响'), catalogue, 'en'), '机油+检查底盘异响');
});

Names('a bay without an English name keeps its name on English pages', () => {
  assert.is(bayName({ name: '机修1号位', nameEn: 'Repair bay 1' }, 'en'), 'Repair bay 1');
  assert.is(bayName({ name: '机修1号位' }, 'en'), '机修1号位');
  assert.is(bayName({ name: '机修1号位', nameEn: 'Repair bay 1' }, 'zh-CN'), '机修1号位');
});

Names('the same record gives the same object, so boards that skip unchanged lanes still do', () => {
  const ro = { id: 'ro1', operations: [op('更换机油机滤')] };
  assert.is(localisedRo(ro, catalogue, 'zh-CN'), ro, 'nothing to change: the very record');
  const en = localisedRo(ro, catalogue, 'en');
  assert.is(en.operations[0].title, 'Oil and filter change');
  assert.is(localisedRo(ro, catalogue, 'en'), en, 'asked again: the same object');
  const store = { bays: [{ id: 'b1', name: '机修1号位', nameEn: 'Repair bay 1', kind: 'general' as const }] };
  assert.is(localisedStore(store, 'en'), localisedStore(store, 'en'));
  assert.is(localisedStore(store, 'zh-CN'), store);
});

Names.run();

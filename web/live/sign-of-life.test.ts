import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALIVE_MARK, lastReload, recordReload, reloadReasonOf } from './sign-of-life';

/** localStorage's interface over a Map. */
const aStorage = (): Storage => {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
};

const reasons = suite('reloadReasonOf');
reasons('reads the reason the watchdog put in the hash', () => {
  assert.is(reloadReasonOf('#tw-reload=frozen'), 'frozen');
  assert.is(reloadReasonOf('#tw-reload=browser-restart'), 'browser-restart');
});
reasons('ignores any other hash, and reasons it does not know', () => {
  assert.is(reloadReasonOf(''), undefined);
  assert.is(reloadReasonOf('#tw-reload=whatever'), undefined);
  assert.is(reloadReasonOf('#tw-reload=frozen&x'), undefined);
});
reasons.run();

const remembered = suite('lastReload / recordReload');
remembered('remembers the last reload with its time, across a reload (storage)', () => {
  const storage = aStorage();
  assert.is(lastReload(storage), undefined);
  recordReload('error-loop', storage, new Date('2026-12-07T02:00:00Z'));
  recordReload('blank', storage, new Date('2026-12-07T03:00:00Z'));
  assert.equal(lastReload(storage), { at: '2026-12-07T03:00:00.000Z', reason: 'blank' });
});
remembered('treats a damaged or foreign value as none', () => {
  const storage = aStorage();
  storage.setItem('tw.lastReload', '{not json');
  assert.is(lastReload(storage), undefined);
  storage.setItem('tw.lastReload', JSON.stringify({ at: 'x', reason: 'bored' }));
  assert.is(lastReload(storage), undefined);
});
remembered('survives a browser without storage', () => {
  recordReload('fleet', undefined);
  assert.is(lastReload(undefined), undefined);
});
remembered.run();

const mark = suite('ALIVE_MARK');
mark('matches the mark the watchdog reads at the end of a title, and only there', () => {
  assert.ok(ALIVE_MARK.test('北京望京4S店 · 客户看板 [alive 1796605852]'));
  assert.not.ok(ALIVE_MARK.test('[alive 1796605852] 客户看板'));
});
mark.run();

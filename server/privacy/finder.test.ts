import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TOMBSTONE } from './customers';
import { ValueFinder } from './finder';

const finder = new ValueFinder(['京A12345', '13812345678', 'LFV3A23C1J3000001', '张伟', 'Wei Zhang', 'AB-9876', TOMBSTONE, 'x']);

test('finds plates however they are typed, phones inside longer digit runs, VINs, names and other values', () => {
  for (const text of [
    '京A12345',
    '{"plate":"京a·12345"}',
    'car 京A 123 45 in bay',
    '京A12345张伟',
    '+8613812345678',
    'tel:13812345678;',
    'vin LFV3A23C1J3000001X',
    '客户张伟很满意',
    'Mr Wei Zhang',
    'plate AB-9876',
  ])
    assert.ok(finder.holds(text), text);
  for (const text of ['京A12346', '京B12345', '1381234567', 'LFV3A23C1J3000002', '张伟伦'.slice(1), 'Wei', 'AB-987', TOMBSTONE, 'x marks'])
    assert.not.ok(finder.holds(text), text);
});

test('replaces every value found with the tombstone and leaves the rest', () => {
  assert.is(finder.replace('call 张伟 at 13812345678 about 京A·12345, ok'), `call ${TOMBSTONE} at ${TOMBSTONE} about ${TOMBSTONE}, ok`);
  assert.is(finder.replace('nothing here'), 'nothing here');
});

test('finds one value among tens of thousands', () => {
  const many = new ValueFinder(
    Array.from({ length: 20_000 }, (_, i) => [`京B${String(10000 + (i % 80000)).slice(-5)}`, `139${String(i).padStart(8, '0')}`]).flat(),
  );
  const text = JSON.stringify({
    notes: Array.from({ length: 2000 }, (_, i) => `visit ${i} of 京C${String(10000 + i)} phone 137${String(i).padStart(8, '0')}`),
  });
  assert.not.ok(many.holds(text));
  assert.ok(many.holds(`${text} 京B10042`));
  assert.ok(many.holds(`${text} 13900019999`));
});

test.run();

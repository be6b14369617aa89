import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isValidPlate, maskPlate, normalisePlate, plateProblem, formatPlate } from './plate';

test('accepts regular Chinese plates with a province, an office letter and 5 characters', () => {
  for (const p of ['京A12345', '沪C8K2M9', '粤B5Y3C7', '川A1234学']) assert.ok(isValidPlate(p, 'CN'), p);
});

test('accepts new-energy plates with 6 characters, D or F first for cars and last for large vehicles', () => {
  for (const p of ['粤BD12345', '京ADA1234', '沪A12345D']) assert.ok(isValidPlate(p, 'CN'), p);
});

test('refuses plates with an unknown province, I or O, or the wrong length, saying why', () => {
  assert.not.ok(isValidPlate('XA12345', 'CN'));
  assert.match(plateProblem('XA12345', 'CN')!, /province/);
  assert.match(plateProblem('京A1O345', 'CN')!, /I or O/);
  assert.match(plateProblem('京A1234', 'CN')!, /5 characters/);
  assert.not.ok(isValidPlate('粤BX12345', 'CN'), 'a 6-character serial must carry D or F');
});

test('normalises separators and case before checking', () => {
  assert.is(normalisePlate(' 京a·12345 '), '京A12345');
  assert.is(normalisePlate('粤B-D1234 5'), '粤BD12345');
});

test('masks the middle of the serial for public screens', () => {
  assert.is(maskPlate('京A12345'), '京A·1**45');
  assert.is(maskPlate('粤BD12345'), '粤B·D1**45');
  assert.is(formatPlate('京A12345'), '京A·12345');
});

test('validates other countries loosely as letters and digits', () => {
  assert.ok(isValidPlate('AB123CD', 'OTHER'));
  assert.not.ok(isValidPlate('A', 'OTHER'));
});

test.run();

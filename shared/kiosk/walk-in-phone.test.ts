import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { walkInPhone } from './walk-in-phone';

test('takes an 11-digit mainland mobile as typed', () => {
  assert.equal(walkInPhone('13812345678', 'CN'), { ok: true, phone: '13812345678' });
  assert.equal(walkInPhone('199 1234 5678', 'CN'), { ok: true, phone: '19912345678' });
});

test('refuses a mainland number that is short, long, a landline or not a mobile prefix', () => {
  for (const digits of ['1381234567', '138123456789', '01012345678', '12012345678', '23812345678', '']) {
    assert.equal(walkInPhone(digits, 'CN'), { ok: false, problem: 'mainland' }, digits);
  }
});

test('takes any other number dialled with 00 and its country code, kept as +…', () => {
  assert.equal(walkInPhone('0085291234567', 'CN'), { ok: true, phone: '+85291234567' });
  assert.equal(walkInPhone('00491701234567', 'CN'), { ok: true, phone: '+491701234567' });
  assert.equal(walkInPhone('008613812345678', 'CN'), { ok: true, phone: '13812345678' }, '+86 is a mainland number');
  assert.equal(walkInPhone('00', 'CN'), { ok: false, problem: 'international' });
  assert.equal(walkInPhone('00861234', 'CN'), { ok: false, problem: 'mainland' });
});

test('outside mainland China, 6–15 digits as they come', () => {
  assert.equal(walkInPhone('0612345678', 'OTHER'), { ok: true, phone: '0612345678' });
  assert.equal(walkInPhone('123', 'OTHER'), { ok: false, problem: 'international' });
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { plateProblemCode } from './plate-rules';
import { plateProblem } from './plate';

test('names the first thing wrong with a plate as a code each surface can word', () => {
  const cases: [string, ReturnType<typeof plateProblemCode>][] = [
    ['京A12345', undefined],
    ['粤BD12345', undefined],
    ['沪A12345D', undefined],
    ['XA12345', 'province'],
    ['京112345', 'office_letter'],
    ['京A1234', 'length'],
    ['京A1234567', 'length'],
    ['京A1O345', 'i_or_o'],
    ['京A123456', 'new_energy_df'],
    ['京A12#45', 'characters'],
  ];
  for (const [plate, code] of cases) assert.is(plateProblemCode(plate, 'CN'), code, plate);
  assert.is(plateProblemCode('A', 'OTHER'), 'other_format');
});

test('the zod-side English message follows the same code, so server and kiosk never disagree', () => {
  assert.is(plateProblem('京A123456', 'CN'), 'a new-energy plate starts or ends its 6 characters with D or F');
  assert.is(plateProblem('京a·12345', 'CN'), undefined, 'normalised before checking');
});

test.run();

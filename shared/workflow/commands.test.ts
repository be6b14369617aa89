import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RoPatchSchema } from './commands';

test('a parsed patch names only what changes, so unnamed vehicle and customer fields survive', () => {
  const parsed = RoPatchSchema.parse({ vehicle: { plate: '京A99999' }, customer: { name: '李雷' } });
  assert.equal(parsed, { vehicle: { plate: '京A99999' }, customer: { name: '李雷' } });
});

test('a patch with an unknown field is refused', () => {
  assert.not.ok(RoPatchSchema.safeParse({ vehicle: { wheels: 5 } }).success);
});

test.run();

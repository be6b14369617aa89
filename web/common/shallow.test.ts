import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { shallowChanged } from './shallow';

const shallow = suite('shallowChanged');

shallow('sees a rebuilt model with the same fields as unchanged', () => {
  const ro = { id: 'r' };
  assert.not.ok(shallowChanged({ ro, n: 1 }, { ro, n: 1 }));
});

shallow('sees a replaced record, a new field or a missing one as a change', () => {
  assert.ok(shallowChanged({ ro: { id: 'r' } }, { ro: { id: 'r' } }));
  assert.ok(shallowChanged({ a: 1, b: 2 }, { a: 1 }));
  assert.ok(shallowChanged({ a: 1 }, undefined));
});

shallow('compares arrays element by element', () => {
  const x = {};
  assert.not.ok(shallowChanged([x], [x]));
  assert.ok(shallowChanged([x], [x, x]));
});

shallow.run();

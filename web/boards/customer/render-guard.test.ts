import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nothing } from 'lit';
import { guarded, tryRender } from './render-guard';

const quietly = <T>(run: () => T): T => {
  const error = console.error;
  console.error = () => {};
  try {
    return run();
  } finally {
    console.error = error;
  }
};

test('returns what the render produced while it works', () => {
  const host = {};
  assert.is(
    guarded(host, 'x', () => 'first'),
    'first',
  );
  assert.is(
    guarded(host, 'x', () => 'second'),
    'second',
  );
});

test('a render that throws shows the last good render instead, and says it failed', () => {
  const host = {};
  guarded(host, 'x', () => 'good');
  const out = quietly(() =>
    tryRender(host, 'x', () => {
      throw new Error('bad row');
    }),
  );
  assert.equal(out, { result: 'good', failed: true });
  assert.is(
    guarded(host, 'x', () => 'recovered'),
    'recovered',
    'the next good render is shown again',
  );
});

test('a component that never rendered successfully shows nothing rather than throwing', () => {
  const out = quietly(() =>
    tryRender({}, 'x', () => {
      throw new Error('bad');
    }),
  );
  assert.is(out.result, nothing);
  assert.is(out.failed, true);
});

test('logs the failure with the component name', () => {
  const logged: unknown[][] = [];
  const error = console.error;
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    tryRender({}, 'car-row', () => {
      throw new Error('bad');
    });
  } finally {
    console.error = error;
  }
  assert.match(String(logged[0]?.[0]), /\[car-row\] render failed/);
});

test.run();

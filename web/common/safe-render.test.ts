import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { safeRender } from './safe-render';

const host = () => ({ localName: 'test-board' }) as HTMLElement;
const quietly = <T>(fn: () => T): { value: T; logged: number } => {
  const real = console.error;
  let logged = 0;
  console.error = () => void logged++;
  try {
    return { value: fn(), logged };
  } finally {
    console.error = real;
  }
};

const safe = suite('safeRender');

safe('returns what render returns while it works', () => {
  assert.is(
    safeRender(host(), () => 'picture', 'oops'),
    'picture',
  );
});

safe('keeps the last good picture and adds a notice when render throws, then recovers', () => {
  const h = host();
  safeRender(h, () => 'good picture', 'oops');
  const { value, logged } = quietly(() =>
    safeRender(
      h,
      () => {
        throw new Error('bad record');
      },
      'oops',
    ),
  );
  const parts = (value as { values: unknown[] }).values;
  assert.is(parts[0], 'good picture');
  assert.is(parts[1], 'oops');
  assert.is(logged, 1);
  assert.is(
    safeRender(h, () => 'next picture', 'oops'),
    'next picture',
  );
});

safe('logs a render that fails every second at most once a minute', () => {
  const h = host();
  const { logged } = quietly(() => {
    for (let i = 0; i < 60; i++)
      safeRender(
        h,
        () => {
          throw new Error('still bad');
        },
        'oops',
      );
  });
  assert.is(logged, 1);
});

safe.run();

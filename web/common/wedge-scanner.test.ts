import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WedgeScanDetector, scanTokenOf } from './wedge-scanner';

/** Type `text` then Enter, `gap` ms apart; returns what the detector reported. */
const typeInto = (d: WedgeScanDetector, text: string, gap: number, start = 1000, enterGap = gap) => {
  let t = start;
  for (const key of text) {
    d.feed({ key, at: t });
    t += gap;
  }
  return d.feed({ key: 'Enter', at: t - gap + enterGap });
};

const detector = suite('WedgeScanDetector');

detector('reports a fast burst ending in Enter as a scan', () => {
  assert.is(typeInto(new WedgeScanDetector(), 'https://x/s/AbC123', 5), 'https://x/s/AbC123');
});

detector('ignores the same text typed at human speed', () => {
  assert.is(typeInto(new WedgeScanDetector(), 'AbC123xyz', 150), undefined);
});

detector('ignores a fast burst shorter than the minimum length', () => {
  assert.is(typeInto(new WedgeScanDetector(), 'abc', 5), undefined);
});

detector('forgives one late key in a fast burst (a busy machine), judging the mean gap', () => {
  const d = new WedgeScanDetector();
  const gaps = [5, 5, 5, 120, 5, 5, 5, 5, 5, 5, 5, 5];
  let t = 0;
  for (const [i, key] of [...'TOKEN1234567X'].entries()) {
    d.feed({ key, at: t });
    t += gaps[i] ?? 5;
  }
  assert.is(d.feed({ key: 'Enter', at: t }), 'TOKEN1234567X');
});

detector('ignores quick typists too: 70 ms a key is fast for a person and slow for a scanner', () => {
  assert.is(typeInto(new WedgeScanDetector(), 'AbC123xyz', 70), undefined);
});

detector('drops slow typing before a scan and keeps only the scan', () => {
  const d = new WedgeScanDetector();
  d.feed({ key: 'h', at: 0 });
  d.feed({ key: 'i', at: 300 });
  assert.is(typeInto(d, 'TOKEN12345', 4, 900), 'TOKEN12345');
});

detector("ignores Shift between a scanner's upper-case characters", () => {
  const d = new WedgeScanDetector();
  let t = 0;
  for (const key of ['Shift', 'A', 'Shift', 'B', 'c', 'd', 'e', 'f']) d.feed({ key, at: (t += 3) });
  assert.is(d.feed({ key: 'Enter', at: t + 3 }), 'ABcdef');
});

detector('does not count an Enter pressed long after the burst', () => {
  assert.is(typeInto(new WedgeScanDetector(), 'TOKEN12345', 5, 0, 600), undefined);
});

detector('forgets the burst after Enter, so a second Enter reports nothing', () => {
  const d = new WedgeScanDetector();
  assert.is(typeInto(d, 'TOKEN12345', 5), 'TOKEN12345');
  assert.is(d.feed({ key: 'Enter', at: 1100 }), undefined);
});

detector('treats shortcuts (Ctrl/Alt/Meta) as the end of any burst', () => {
  const d = new WedgeScanDetector();
  for (const [i, key] of [...'TOKEN1'].entries()) d.feed({ key, at: i * 5 });
  d.feed({ key: 'v', at: 31, ctrlKey: true });
  assert.is(d.feed({ key: 'Enter', at: 35 }), undefined);
});

detector('cannot grow without bound when a key sticks', () => {
  const d = new WedgeScanDetector({ maxLength: 20 });
  for (let i = 0; i < 1000; i++) d.feed({ key: 'x', at: i });
  const code = d.feed({ key: 'Enter', at: 1000 });
  assert.ok(code && code.length <= 20);
});

detector.run();

const token = suite('scanTokenOf');

token('takes the token from a scan-page URL', () => {
  assert.is(scanTokenOf('https://shop.example.cn/s/eyJ2IjoxfQ.abc_DEF-123'), 'eyJ2IjoxfQ.abc_DEF-123');
  assert.is(scanTokenOf('http://10.0.0.5:3000/s/AbCdEf123?x=1#y'), 'AbCdEf123');
  assert.is(scanTokenOf('/s/op/store-1/op-9'), 'op/store-1/op-9');
});

token('accepts a bare token', () => {
  assert.is(scanTokenOf('  eyJ2IjoxfQ.sig-_9  '), 'eyJ2IjoxfQ.sig-_9');
});

token('refuses codes that are neither', () => {
  assert.is(scanTokenOf('hello world'), undefined);
  assert.is(scanTokenOf('abc'), undefined);
  assert.is(scanTokenOf('https://example.com/other/path'), undefined);
  assert.is(scanTokenOf('https://x/s/'), undefined);
  assert.is(scanTokenOf('<script>alert(1)</script>'), undefined);
});

token.run();

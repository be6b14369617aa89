import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DisplayRow } from './fleet-api';
import { isOutdated, normaliseCode, seenAgo, sortDisplays } from './fleet-format';

const NOW = Date.parse('2025-03-04T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const aDisplay = (o: Partial<DisplayRow> = {}): DisplayRow => ({
  id: 'd1',
  storeId: 's1',
  name: 'TV',
  board: 'customer',
  pairedAt: ago(0),
  online: true,
  ...o,
});

const SeenAgo = suite('seenAgo');
SeenAgo('says "just now" for an online screen, whatever its last heartbeat', () => {
  assert.equal(seenAgo(ago(3 * 3600_000), true, NOW), { key: 'seen.now' });
});
SeenAgo('counts minutes, then hours, then days for an offline screen', () => {
  assert.equal(seenAgo(ago(30_000), false, NOW), { key: 'seen.now' });
  assert.equal(seenAgo(ago(5 * 60_000), false, NOW), { key: 'seen.minutes', n: 5 });
  assert.equal(seenAgo(ago(3 * 3600_000), false, NOW), { key: 'seen.hours', n: 3 });
  assert.equal(seenAgo(ago(5 * 24 * 3600_000), false, NOW), { key: 'seen.days', n: 5 });
});
SeenAgo('says "never" for a screen this server has not seen', () => {
  assert.equal(seenAgo(undefined, false, NOW), { key: 'seen.never' });
  assert.equal(seenAgo('garbage', false, NOW), { key: 'seen.never' });
});
SeenAgo.run();

const Sort = suite('sortDisplays');
Sort('lists offline screens first, then customer, dispatch and bay boards by bay', () => {
  const rows = [
    aDisplay({ id: 'b2', board: 'bay', bayId: 'bay-02' }),
    aDisplay({ id: 'b1', board: 'bay', bayId: 'bay-01' }),
    aDisplay({ id: 'd', board: 'dispatch' }),
    aDisplay({ id: 'off', board: 'bay', bayId: 'bay-09', online: false }),
    aDisplay({ id: 'c' }),
  ];
  assert.equal(
    sortDisplays(rows).map((r) => r.id),
    ['off', 'c', 'd', 'b1', 'b2'],
  );
});
Sort('does not reorder the array it was given', () => {
  const rows = [aDisplay({ id: 'b', online: true }), aDisplay({ id: 'a', online: false })];
  sortDisplays(rows);
  assert.equal(
    rows.map((r) => r.id),
    ['b', 'a'],
  );
});
Sort.run();

const Outdated = suite('isOutdated');
Outdated('flags a screen whose reported version differs from the server’s', () => {
  assert.ok(isOutdated('0.1.0', '0.2.0'));
  assert.not.ok(isOutdated('0.2.0', '0.2.0'));
  assert.not.ok(isOutdated(undefined, '0.2.0'));
  assert.not.ok(isOutdated('unknown', '0.2.0'));
});
Outdated.run();

const Code = suite('normaliseCode');
Code('upper-cases and drops the spaces and dashes people type for readability', () => {
  assert.is(normaliseCode('k7m 4x-a'), 'K7M4XA');
});
Code.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreSchema } from '../../shared/domain/shop';
import { silentLogger } from '../log';
import { openStore, removeDir, tempDir } from '../store/journal/test-journal';
import { eraseInDataDir } from './journal-erasure';
import { remindOfRetention } from './reminder';
import { DAY, VisitWriter, WANG } from './test-visits';

const T0 = Date.parse('2023-01-02T02:00:00Z');
const store = StoreSchema.parse({
  id: 'store-a',
  name: { 'zh-CN': '店', en: 'Store' },
  bays: [{ id: 'bay-1', name: '1', kind: 'general' }],
  personalDataRetentionDays: 365,
});

test('warns at start while a log reaches back past the retention and expire has not run for a month', async () => {
  const dir = await tempDir('reminder');
  try {
    const events = await openStore(dir);
    await new VisitWriter(events).deliveredVisit(WANG, 'w1', T0);
    const warnings: object[] = [];
    const log = { ...silentLogger, warn: (ctx: object) => warnings.push(ctx) };
    const remind = (now: number) => remindOfRetention({ events, stores: [store], dataDir: dir, log, now });
    assert.equal(await remind(T0 + 300 * DAY), [], 'not yet due');
    assert.equal(await remind(T0 + 400 * DAY), ['store-a']);
    assert.equal(warnings, [{ stores: ['store-a'], lastExpire: null }]);
    await events.close();

    await eraseInDataDir(dir, { kind: 'expired', now: T0 + 400 * DAY, retentionDays: () => 365 }, { now: () => T0 + 400 * DAY });
    const reopened = await openStore(dir);
    try {
      assert.equal(await remindOfRetention({ events: reopened, stores: [store], dataDir: dir, log, now: T0 + 410 * DAY }), [], 'expire ran 10 days ago');
      assert.equal(await remindOfRetention({ events: reopened, stores: [store], dataDir: dir, log, now: T0 + 440 * DAY }), ['store-a'], 'and 40 days ago');
    } finally {
      await reopened.close();
    }
    // A run that finds no one due still counts as the schedule running.
    const again = await eraseInDataDir(dir, { kind: 'expired', now: T0 + 440 * DAY, retentionDays: () => 365 }, { now: () => T0 + 440 * DAY });
    assert.is(again.records, 0);
    const last = await openStore(dir);
    try {
      assert.equal(await remindOfRetention({ events: last, stores: [store], dataDir: dir, log, now: T0 + 445 * DAY }), []);
    } finally {
      await last.close();
    }
  } finally {
    await removeDir(dir);
  }
});

test.run();

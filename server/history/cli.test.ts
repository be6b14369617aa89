import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aBusyDay, ClockedWorkshop, dumpHistory } from '../../tests/helpers/history';
import { runCommand } from '../../tests/helpers/run-command';
import { silentLogger } from '../log';
import { EmbeddedEventStore } from '../store/embedded-store';
import { openHistory, openHistoryDatabase } from '.';

const keys = { SIGNING_KEY: 'k'.repeat(40), API_KEY: 'a'.repeat(30) };

test("`npm run history -- rebuild` gives the rows the server's incremental projector wrote into DATA_DIR/history.sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-history-cli-'));
  try {
    const events = await EmbeddedEventStore.open(dir, { log: silentLogger });
    const history = await openHistory({ dataDir: dir, events, signingKey: keys.SIGNING_KEY, log: silentLogger });
    const w = new ClockedWorkshop(events);
    const stop = history.projector.follow(w.service, []);
    await aBusyDay(w);
    await history.projector.idle();
    stop();
    const incremental = await dumpHistory(history.db);
    await history.close();
    await events.close();

    const run = await runCommand('npm', ['run', '--silent', 'history', '--', 'rebuild', '--data-dir', dir], keys);
    assert.is(run.code, 0, run.stderr);
    assert.match(run.stdout, /Rebuilt every store in .*history\.sqlite: \d+ events in [\d.]+ s \(\d+ events\/s\)/);
    const rebuilt = await openHistoryDatabase({ dataDir: dir });
    try {
      assert.equal(await dumpHistory(rebuilt.db), incremental);
    } finally {
      await rebuilt.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unknown command prints the usage and exits 2', async () => {
  const run = await runCommand('npm', ['run', '--silent', 'history', '--', 'rebiuld']);
  assert.is(run.code, 2);
  assert.match(run.stderr, /usage: npm run history -- rebuild/);
});

test.run();

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FACT_VERSIONS } from '../../shared/workflow/facts';
import { silentLogger } from '../log';
import { WorkshopService } from '../workshop-service';
import { createEventStore } from './index';

const FIXTURE = new URL('../../tests/fixtures/legacy-v0/', import.meta.url);

test('a data dir holding a first-format journal opens, migrated to facts, to the state main folded it to, and reopens the same', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tw-legacy-'));
  try {
    await cp(new URL('journal.ndjson', FIXTURE), join(dir, 'journal.ndjson'));
    const expected = JSON.parse(readFileSync(new URL('expected-state.json', FIXTURE), 'utf8'));
    for (let round = 0; round < 2; round++) {
      const events = await createEventStore({ dataDir: dir, log: silentLogger });
      const service = new WorkshopService(events, [], silentLogger);
      const state = await service.state(expected.ros[0].storeId);
      assert.equal(JSON.parse(JSON.stringify(state.toSnapshot())), expected, `round ${round}`);
      const stored = await events.read(state.storeId, 0, 5);
      assert.ok(
        stored.every((e) => typeof e.type === 'string' && e.v === FACT_VERSIONS[e.type] && !('command' in e)),
        'stored as facts',
      );
      await service.close();
      await events.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();

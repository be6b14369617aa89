import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { listFiles } from '../../server/store/journal/rewrite';
import { verifyJournal } from '../../server/store/journal/repair';
import { copyDir, openStore, removeDir, tempDir } from '../../server/store/journal/test-journal';
import { DAY, VisitWriter, ZHANG, valuesOf } from '../../server/privacy/test-visits';
import { REPO_ROOT } from '../helpers/run-command';

/**
 * kill -9 of `npm run privacy -- erase` at different moments of its rewrite: whenever it dies,
 * the next open of the store finishes or drops the erasure, the journal verifies with every
 * event, and the customer is either wholly there (not erased yet) or wholly gone — never half.
 */
const T0 = Date.parse('2023-01-02T02:00:00Z');
// The whole erasure takes about 4 s here (tsx start-up, three reads, 51 segments fsync'd): spread over it.
const KILL_AFTER_MS = [1200, 1700, 2200, 2700, 3200];

async function holding(dir: string): Promise<number> {
  let n = 0;
  for (const file of await listFiles(dir)) {
    const text = await readFile(file, 'utf8');
    for (const v of valuesOf(ZHANG)) if (text.includes(v)) n++;
  }
  return n;
}

function eraseAndKill(dir: string, afterMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/privacy.ts', 'erase', '--plate', ZHANG.plate, '--data-dir', dir], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
      env: { ...process.env, DATABASE_URL: '' },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : code === 0 ? 'finished' : (reject(new Error(`erase exited ${code}`)) as never));
    });
  });
}

interface Ctx {
  base: string;
  events: number;
  before: number;
}
const test = suite<Ctx>('kill -9 during an erasure', {} as Ctx);

test.before(async (ctx) => {
  ctx.base = await tempDir('erase-crash');
  let now = T0;
  const store = await openStore(ctx.base, { segmentBytes: 64 * 1024, now: () => now });
  const w = new VisitWriter(store);
  await w.deliveredVisit(ZHANG, 'z0', T0);
  for (let i = 1; i <= 600; i++) {
    now = T0 + i * 3_600_000;
    const plate = `沪D${String(10000 + i)}`;
    await w.deliveredVisit(
      { plateTyped: plate, plate, name: '顾客', phones: [`137${String(i).padStart(8, '0')}`], vin: `LHGCR2F58J${String(i).padStart(7, '0')}` },
      `c${i}`,
      now,
    );
  }
  await w.deliveredVisit(ZHANG, 'z1', T0 + 30 * DAY);
  await store.saveSnapshot('store-a', w.state.toSnapshot());
  await store.close();
  ctx.events = w.state.seq;
  ctx.before = await holding(ctx.base);
});
test.after(async ({ base }) => removeDir(base));

test('whenever it is killed, the store opens to all of the customer or none, with every event', async ({ base, events, before }) => {
  const outcomes: string[] = [];
  for (const ms of KILL_AFTER_MS) {
    const dir = await copyDir(base, 'erase-crash-run');
    try {
      const how = await eraseAndKill(dir, ms);
      const store = await openStore(dir);
      const read = (await store.read('store-a', 0)).length;
      await store.close();
      const summary = await verifyJournal(dir);
      const left = await holding(dir);
      assert.is(read, events, `${ms} ms: every event is still there`);
      assert.is(summary.events, events);
      assert.ok(left === 0 || left === before, `${ms} ms (${how}): ${left} of ${before} values left — a half-done erasure`);
      outcomes.push(`${ms} ms ${how}: ${left === 0 ? 'erased' : 'not erased'}`);
    } finally {
      await removeDir(dir);
    }
  }
  console.log(`    ${outcomes.join('; ')}`);
});

test.run();

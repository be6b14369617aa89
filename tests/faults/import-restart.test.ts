import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../server/log';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { StoreState } from '../../shared/workflow/state';
import { aRepairOrderInput } from '../helpers/build';
import { freePort } from '../helpers/ports';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * A DMS import job outlives the server process that ran it: killed (-9) mid-file, then stopped
 * (SIGTERM) mid-file, the restarted server answers `GET …/imports/{id}` with the job as far as it
 * is known — `interrupted`, the line from which lines may not have been applied, its counts and
 * per-line errors — and importing the same file again finishes it without a duplicate.
 */
const STORE = 'bj-wangjing'; // config/shop.json
const LINES = 250;
const BAD_LINE = 3; // a bad line near the start, so the job has an error to keep

const work = mkdtempSync(join(tmpdir(), 'tw-import-restart-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const file =
  Array.from({ length: LINES }, (_, i) =>
    i + 1 === BAD_LINE
      ? JSON.stringify({ externalId: `DMS-R-${i}`, operations: [{ code: 'MNT-OIL' }] })
      : JSON.stringify({ externalId: `DMS-R-${i}`, ...aRepairOrderInput({ operations: [{ code: 'MNT-OIL' }] }) }),
  ).join('\n') + '\n';

test('an import interrupted by a crash and by a stop is reported as interrupted at its line after the restart; importing the file again finishes it, no duplicates', async () => {
  const dataDir = join(work, 'data');
  const apiKey = randomBytes(18).toString('hex');
  const env = { API_KEY: apiKey, SIGNING_KEY: randomBytes(32).toString('hex'), DATA_DIR: dataDir };
  const call = async (server: ServerProcess, method: string, path: string, body?: string) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      body,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/x-ndjson' } : {}) },
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  // Every server this test starts is stopped at its end, passed or failed: one left running would
  // hold the test process (and the run) open for ever.
  const started: ServerProcess[] = [];
  const start = async () => {
    const s = await startServerProcess({ ...env, PORT: String(await freePort()) });
    started.push(s);
    return s;
  };
  const importFile = async (server: ServerProcess) => {
    const res = await call(server, 'POST', `/api/stores/${STORE}/imports?kind=repair-orders`, file);
    assert.is(res.status, 202, JSON.stringify(res.body));
    return res.body.data.id as string;
  };
  /** Polls the running job until it has done at least `lines` lines (and is not finished). */
  const until = async (server: ServerProcess, id: string, lines: number) => {
    for (;;) {
      const job = (await call(server, 'GET', `/api/stores/${STORE}/imports/${id}`)).body.data;
      assert.is(job.status, 'running', `the job still runs (at ${job.processed} of ${job.lines})`);
      if (job.processed >= lines) return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  try {
    // 1. Killed mid-file, past line 100: progress is written at least every 100 lines (and every
    // second), before the next line, so at 101 some of it is on disk whatever the machine's speed
    // (killed at 40, a fast machine had written nothing yet and the job read 'interrupted' at line 1).
    let server = await start();
    const first = await importFile(server);
    const live = await until(server, first, 101);
    await server.stop('SIGKILL');
    server = await start();
    const crashed = (await call(server, 'GET', `/api/stores/${STORE}/imports/${first}`)).body.data;
    assert.is(crashed.status, 'interrupted');
    assert.ok(crashed.processed > 0 && crashed.processed <= LINES, `progress was kept (${crashed.processed})`);
    // Lines are numbered from 1 and one a line: the first line not known to be done is the next one.
    assert.is(crashed.interruptedAtLine, crashed.processed + 1);
    assert.match(crashed.message, new RegExp(`from line ${crashed.interruptedAtLine} on may not have been applied`));
    assert.equal(
      crashed.errors.map((e: { line: number }) => e.line),
      [BAD_LINE],
      "the bad line's error survived the crash",
    );
    assert.is(crashed.counts.failed, 1);
    assert.ok(live.processed >= 101, 'it was running when killed');

    // 2. Imported again, then stopped (SIGTERM) mid-file: recorded at the exact line it stopped after.
    const second = await importFile(server);
    await until(server, second, crashed.processed + 40);
    await server.stop('SIGTERM');
    server = await start();
    const stopped = (await call(server, 'GET', `/api/stores/${STORE}/imports/${second}`)).body.data;
    assert.is(stopped.status, 'interrupted');
    assert.ok(stopped.processed < LINES, 'stopped before the end');
    assert.is(stopped.interruptedAtLine, stopped.processed + 1);
    assert.ok(stopped.counts.unchanged >= crashed.processed - 1, `the lines the crashed job had applied are unchanged (${stopped.counts.unchanged})`);

    // 3. Imported a third time: runs to the end; every line applied once.
    const third = await importFile(server);
    let done;
    for (;;) {
      done = (await call(server, 'GET', `/api/stores/${STORE}/imports/${third}`)).body.data;
      if (done.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.is(done.status, 'done');
    assert.is(done.processed, LINES);
    assert.is(done.counts.failed, 1);
    assert.is(done.counts.created + done.counts.unchanged, LINES - 1);
    assert.ok(done.counts.unchanged >= stopped.processed - 1, 'what the stopped job applied is unchanged');
    // The first two jobs are still reported as they ended.
    assert.is((await call(server, 'GET', `/api/stores/${STORE}/imports/${first}`)).body.data.status, 'interrupted');
    await server.stop();
  } finally {
    for (const s of started) await s.stop('SIGKILL').catch(() => undefined);
  }

  const events = await EmbeddedEventStore.open(dataDir, { log: silentLogger });
  try {
    const state = new StoreState(STORE);
    for (const e of await events.read(STORE, 0)) state.applyEvent(e);
    const ids = state
      .toSnapshot()
      .ros.map((r) => r.externalId)
      .filter((id): id is string => !!id?.startsWith('DMS-R-'));
    assert.is(ids.length, LINES - 1, 'one repair order per good line');
    assert.is(new Set(ids).size, ids.length, 'no duplicate');
  } finally {
    await events.close();
  }
});

test.run();

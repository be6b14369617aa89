import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../server/log';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { PostgresEventStore } from '../../server/store/postgres-store';
import { createDatabase, findPostgres, reportNoPostgres } from '../helpers/postgres';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { freePort } from '../helpers/ports';
import { ActionStream, keyCounts } from './support';

/**
 * kill -9 of the real server process while a client streams actions, each with its own id and
 * retried until acknowledged: after the restarts every acknowledged action is in the log exactly
 * once, with the seq it was acknowledged with, and nothing else is.
 */
const STORE = 'bj-wangjing'; // config/shop.json
const ACTIONS = 100;
const KILLS = 1;

async function streamThroughKills(env: Record<string, string>): Promise<ActionStream> {
  const port = await freePort();
  const fullEnv = { ...env, PORT: String(port) };
  let server: ServerProcess = await startServerProcess(fullEnv);
  const url = `http://localhost:${port}`;
  const stream = new ActionStream(() => [url], env.API_KEY, STORE);
  const streaming = stream.run(ACTIONS, 4);
  let failed: unknown;
  streaming.catch((err) => (failed = err));
  try {
    for (let kill = 1; kill <= KILLS; kill++) {
      // Kill while requests are in flight: the four lanes never pause.
      while (stream.acked < (kill * ACTIONS) / (KILLS + 1) && !failed) await new Promise((r) => setTimeout(r, 20));
      await server.stop('SIGKILL');
      server = await startServerProcess(fullEnv);
    }
    await streaming;
  } finally {
    await server.stop();
  }
  return stream;
}

function checkExactlyOnce(stream: ActionStream, events: { seq: number; key: string }[]) {
  assert.is(stream.acked, ACTIONS, 'every action was acknowledged in the end');
  const counts = keyCounts(events);
  for (const action of stream.actions) {
    assert.is(counts.get(action.key), 1, `action ${action.key} is in the log exactly once`);
    const event = events.find((e) => e.key === action.key)!;
    assert.is(event.seq, action.acked!.seq, `action ${action.key} kept the seq it was acknowledged with`);
  }
  assert.is(events.length, ACTIONS, 'the log holds the streamed actions and nothing else');
  assert.equal(
    events.map((e) => e.seq),
    events.map((_, i) => i + 1),
    'seqs have no gaps',
  );
  const failures = stream.attempts.filter((a) => a.outcome !== 201 && a.outcome !== 200);
  assert.ok(failures.length > 0, 'the kills did interrupt some requests');
  assert.not.ok(
    stream.attempts.some((a) => a.outcome === 500),
    'no request was answered 500',
  );
}

const Embedded = suite('kill -9 of the server, embedded journal');

Embedded('every acknowledged action is applied exactly once after restarts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-kill-'));
  try {
    const stream = await streamThroughKills({
      DATA_DIR: dataDir,
      API_KEY: randomBytes(18).toString('hex'),
      SIGNING_KEY: randomBytes(32).toString('hex'),
    });
    const store = await EmbeddedEventStore.open(dataDir, { log: silentLogger });
    try {
      checkExactlyOnce(stream, await store.read(STORE, 0));
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

Embedded.run();

const postgres = await findPostgres();
if ('reason' in postgres) {
  reportNoPostgres('kill -9 of the server, PostgreSQL', postgres.reason);
} else {
  const OnPostgres = suite('kill -9 of the server, PostgreSQL');

  OnPostgres('every acknowledged action is applied exactly once after restarts', async () => {
    const db = await createDatabase(postgres.url, 'kill');
    const dataDir = mkdtempSync(join(tmpdir(), 'tw-kill-'));
    try {
      const stream = await streamThroughKills({
        DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        API_KEY: randomBytes(18).toString('hex'),
        SIGNING_KEY: randomBytes(32).toString('hex'),
      });
      const store = await PostgresEventStore.open({ url: db.url, log: silentLogger });
      try {
        checkExactlyOnce(stream, await store.read(STORE, 0));
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    }
  });

  OnPostgres.run();
}

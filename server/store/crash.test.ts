import { answers, targetOfFact } from '../../shared/workflow/fact-targets';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StoreState } from '../../shared/workflow/state';
import { createDatabase, findPostgres, reportNoPostgres } from '../../tests/helpers/postgres';
import { silentLogger } from '../log';
import { CRASH_STORES, crashCommand } from './crash-writer';
import { EmbeddedEventStore } from './embedded-store';
import type { EventStore } from './event-store';
import { PostgresEventStore } from './postgres-store';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const ACKS_BEFORE_KILL = 400;

interface Ack {
  storeId: string;
  seq: number;
  key: string;
}

/**
 * Runs crash-writer.ts until it has acknowledged `count` appends, kills it with SIGKILL, and
 * returns every acknowledgement it printed (lines still in the pipe after the kill count too).
 */
function writeThenKill(args: string[], count: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let partial = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!; // a line cut by the kill was never fully printed: not an ack
      for (const line of lines) {
        const [word, storeId, seq, key] = line.split(' ');
        if (word === 'ack') acks.push({ storeId, seq: Number(seq), key });
      }
      if (!killed && acks.length >= count) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && killed) resolve(acks);
      else reject(new Error(`crash-writer stopped by itself (code ${code}, signal ${signal}) after ${acks.length} acks:\n${stderr}`));
    });
  });
}

/** Every acknowledged event is there at its seq, the log is gap-free, and it folds cleanly. */
async function assertSurvived(store: EventStore, acks: Ack[]): Promise<number> {
  for (const ack of acks) {
    const event = await store.findByKey(ack.storeId, ack.key);
    assert.ok(event, `acknowledged ${ack.storeId} #${ack.seq} (${ack.key}) is missing`);
    assert.is(event!.seq, ack.seq);
  }
  let total = 0;
  for (const storeId of CRASH_STORES) {
    const events = await store.read(storeId, 0);
    const acked = Math.max(0, ...acks.filter((a) => a.storeId === storeId).map((a) => a.seq));
    assert.ok(events.length >= acked, `${storeId}: ${events.length} events but #${acked} was acknowledged`);
    assert.equal(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
      `${storeId}: seqs are gap-free`,
    );
    assert.is(await store.lastSeq(storeId), events.length);

    const state = new StoreState(storeId);
    for (const event of events) {
      const expected = crashCommand(storeId, event.seq);
      assert.ok(answers(event, expected.type), `${storeId} #${event.seq}: ${event.type} answers ${expected.type}`);
      assert.is(targetOfFact(event).roId, expected.roId, `${storeId} #${event.seq}`);
      state.applyEvent(event); // throws if the log does not fold with the workflow
    }
    assert.is(state.seq, events.length);
    const last = events.at(-1);
    if (last?.type === 'repairOrderUpdated')
      assert.is(state.ros.get(last.data.roId)?.description, `update ${last.seq}`, `${storeId}: state reflects the last event`);
    total += events.length;
  }
  return total;
}

const embedded = suite('crash: embedded journal under kill -9');

embedded('keeps every acknowledged append, gap-free and foldable, across three kills mid-write', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tw-crash-'));
  try {
    const acks: Ack[] = [];
    for (let round = 0; round < 3; round++) {
      acks.push(...(await writeThenKill([dir], ACKS_BEFORE_KILL)));
      const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
      try {
        const total = await assertSurvived(store, acks);
        assert.ok(total >= acks.length);
      } finally {
        await store.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

embedded.run();

const postgres = await findPostgres();
if ('reason' in postgres) {
  reportNoPostgres('crash: postgres', postgres.reason);
} else {
  const onPostgres = suite(`crash: postgres (${postgres.origin}) under kill -9 of the writer`);

  onPostgres('keeps every acknowledged append, gap-free and foldable, across two kills', async () => {
    const db = await createDatabase(postgres.url, 'crash');
    try {
      const acks: Ack[] = [];
      for (let round = 0; round < 2; round++) {
        acks.push(...(await writeThenKill(['--postgres', db.url], ACKS_BEFORE_KILL)));
        const store = await PostgresEventStore.open({ url: db.url, log: silentLogger });
        try {
          await assertSurvived(store, acks);
        } finally {
          await store.close();
        }
      }
    } finally {
      await db.drop();
    }
  });

  onPostgres.run();
}

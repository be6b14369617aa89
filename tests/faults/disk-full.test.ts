import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../server/log';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { aRepairOrderInput } from '../helpers/build';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { mountTmpfs, reportNoTmpfs } from '../helpers/tmpfs';
import { keyCounts } from './support';

/**
 * The data dir on a real (tmpfs) file system that fills up under the running server: writes
 * that cannot be made durable are answered 503 and leave nothing behind, /healthz says why,
 * and once space comes back the same process takes writes again by itself.
 */
const STORE = 'bj-wangjing'; // config/shop.json
const NAME = 'disk full under the real server, embedded journal';

interface Answer {
  key: string;
  status: number;
  body: { data?: { seq: number }; error?: { code: string; message: string } };
}

async function post(server: ServerProcess, apiKey: string, key: string): Promise<Answer> {
  const res = await fetch(`${server.url}/api/stores/${STORE}/repair-orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(aRepairOrderInput({ operations: [{ code: 'MNT-OIL' }] })),
  });
  return { key, status: res.status, body: (await res.json().catch(() => ({}))) as Answer['body'] };
}

/** /healthz with the API key: only then does it say why (anonymous callers see ok or not). */
async function health(server: ServerProcess, apiKey: string): Promise<{ status: number; body: { store?: { ok: boolean; detail?: string } } }> {
  const res = await fetch(`${server.url}/healthz`, { headers: { authorization: `Bearer ${apiKey}` } });
  return { status: res.status, body: (await res.json()) as { store?: { ok: boolean; detail?: string } } };
}

const tmpfs = await mountTmpfs(16);
if ('reason' in tmpfs) {
  reportNoTmpfs(NAME, tmpfs.reason);
} else {
  const disk = tmpfs;
  const DiskFull = suite(NAME);

  /** The whole story on a fresh data dir of the tmpfs; `extra` is more server environment. */
  async function fillAndRecover(label: string, extra: Record<string, string> = {}): Promise<void> {
    const dataDir = join(disk.dir, label);
    const apiKey = randomBytes(18).toString('hex');
    const env = { DATA_DIR: dataDir, API_KEY: apiKey, SIGNING_KEY: randomBytes(32).toString('hex'), ...extra };
    const acknowledged: Answer[] = [];
    const refused: Answer[] = [];
    let n = 0;
    const write = async () => {
      const answer = await post(server, apiKey, `disk-full-${label}-${n++}`);
      assert.ok(
        answer.status === 201 || answer.status === 200 || answer.status === 503,
        `write ${answer.key}: 2xx or 503, not ${answer.status} ${JSON.stringify(answer.body)}`,
      );
      if (answer.status === 503) {
        refused.push(answer);
        assert.is(answer.body.error?.code, 'store_unavailable', 'a 503 names why');
      } else {
        assert.ok(answer.body.data?.seq, `an acknowledged write has its seq: ${JSON.stringify(answer.body)}`);
        acknowledged.push(answer);
      }
      return answer;
    };
    const server = await startServerProcess(env);
    try {
      for (let i = 0; i < 10; i++) assert.is((await write()).status, 201, 'writes go through while there is space');
      assert.is((await health(server, apiKey)).status, 200);

      disk.fill();
      // The last page of the active segment may still hold a small write: that one is durable and
      // acknowledged. Past it the disk refuses, and so must the server.
      let first503 = -1;
      for (let i = 0; i < 50 && first503 < 0; i++) if ((await write()).status === 503) first503 = i;
      assert.ok(first503 >= 0, 'a write on the full disk is answered 503');
      const whileFull = await health(server, apiKey);
      assert.is(whileFull.status, 503, '/healthz is 503 while the disk is full');
      assert.is(whileFull.body.store?.ok, false);
      assert.match(whileFull.body.store?.detail ?? '', /write failed/, `/healthz says why: ${whileFull.body.store?.detail}`);
      for (let i = 0; i < 5; i++) assert.is((await write()).status, 503, 'writes stay refused while the disk is full');

      rmSync(join(disk.dir, 'filler'));
      // A failure deadline, not a speed bound: the store probes the disk on a backoff of up to 5 s.
      let healthy = false;
      for (let i = 0; i < 600 && !healthy; i++) {
        healthy = (await health(server, apiKey)).status === 200;
        if (!healthy) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(healthy, '/healthz comes back to 200 once space is free, without a restart');
      for (let i = 0; i < 10; i++) assert.is((await write()).status, 201, 'writes go through again');
    } finally {
      await server.stop();
    }

    const verify = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/journal.ts', 'verify', '--data-dir', dataDir]);
    assert.match(verify.stdout, /is sound/, verify.stdout);
    assert.not.match(verify.stdout, /torn last line/, 'nothing half-written is left');

    const store = await EmbeddedEventStore.open(dataDir, { log: silentLogger });
    try {
      const events = await store.read(STORE, 0);
      const counts = keyCounts(events);
      for (const a of acknowledged) {
        assert.is(counts.get(a.key), 1, `acknowledged write ${a.key} is in the journal exactly once`);
        assert.is(events.find((e) => e.key === a.key)!.seq, a.body.data!.seq, `${a.key} kept its acknowledged seq`);
      }
      for (const r of refused) assert.not.ok(counts.has(r.key), `refused write ${r.key} left nothing in the journal`);
      assert.is(events.length, acknowledged.length, 'the journal holds the acknowledged writes and nothing else');
      assert.equal(
        events.map((e) => e.seq),
        events.map((_, i) => i + 1),
        'seqs have no gaps',
      );
    } finally {
      await store.close();
    }
  }

  DiskFull('answers 503 while the disk is full, recovers without a restart, and keeps every acknowledged write exactly once', () => fillAndRecover('data'));

  // Segments of about 4 kB (five events each): writes on the full disk also have to start new segment files.
  DiskFull('does the same when writes on the full disk fall on segment rotations', () => fillAndRecover('small-segments', { JOURNAL_SEGMENT_MB: '0.004' }));

  DiskFull.after(() => disk.unmount());
  DiskFull.run();
}

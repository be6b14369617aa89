import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { silentLogger } from '../../server/log';
import { readBackup } from '../../server/store/backup';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import { PostgresEventStore } from '../../server/store/postgres-store';
import { scanJournal } from '../../server/store/journal/scan';
import type { WorkshopEvent } from '../../shared/workflow/events';
import { StoreState } from '../../shared/workflow/state';
import { freePort } from '../helpers/ports';
import { createDatabase, findPostgres, reportNoPostgres, type TestDatabase } from '../helpers/postgres';
import { startServerProcess } from '../helpers/server-process';
import { ActionStream } from './support';

/**
 * `npm run backup` of a live server's data dir while acknowledged writes keep arriving, then
 * `npm run restore` into a fresh dir: the restored store verifies, ends at the manifest's seqs,
 * and holds exactly the live journal's events (and state) up to them. Plus restore's refusals.
 */
const STORE = 'bj-wangjing'; // config/shop.json

function npm(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATA_DIR: '' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const fold = (storeId: string, events: WorkshopEvent[]) => {
  const state = new StoreState(storeId);
  for (const e of events) state.applyEvent(e);
  return state.toSnapshot();
};

const work = mkdtempSync(join(tmpdir(), 'tw-backup-'));
const liveDir = join(work, 'live');
const backupFile = join(work, 'live.twb');
let backupOut = '';

const Live = suite('backup of a live server, restore into a fresh dir');

Live('a backup taken under load restores to exactly the journal up to its seq', async () => {
  const port = await freePort();
  const apiKey = randomBytes(18).toString('hex');
  // Small segments, so the copy spans sealed segments and an active one.
  const server = await startServerProcess({
    PORT: String(port),
    DATA_DIR: liveDir,
    API_KEY: apiKey,
    SIGNING_KEY: randomBytes(32).toString('hex'),
    JOURNAL_SEGMENT_MB: '0.02',
  });
  const stream = new ActionStream(() => [`http://localhost:${port}`], apiKey, STORE);
  let total = 0;
  let backupResult: { code: number; out: string } | undefined;
  let ackedAtBackupStart: number;
  try {
    total += 60;
    await stream.run(total, 4);
    ackedAtBackupStart = stream.acked;
    const running = npm(['backup', '--', backupFile, '--data-dir', liveDir]).then((r) => (backupResult = r));
    // Writes keep arriving while the backup runs, and some more after it.
    while (!backupResult) {
      total += 8;
      await stream.run(total, 4);
    }
    await running;
    total += 20;
    await stream.run(total, 4);
  } finally {
    await server.stop();
  }
  backupOut = backupResult!.out;
  assert.is(backupResult!.code, 0, `backup succeeded:\n${backupResult!.out}`);
  assert.match(backupResult!.out, /1 store, \d+ events, \d+ bytes \(verified\)/);
  assert.is(stream.acked, total, 'every action was acknowledged');

  const { manifest } = await readBackup(backupFile);
  const seq = manifest.stores[STORE]?.lastSeq ?? 0;
  assert.ok(seq >= ackedAtBackupStart, `the backup (seq ${seq}) holds every action acknowledged before it started (${ackedAtBackupStart})`);
  assert.ok(seq < total, `the backup (seq ${seq}) was taken while writes went on (${total} in the end)`);
  assert.ok(manifest.files.filter((f) => f.path.endsWith('.ndjson')).length > 1, 'the copy spans several segments');

  const restoredDir = join(work, 'restored');
  const restored = await npm(['restore', '--', backupFile, '--data-dir', restoredDir]);
  assert.is(restored.code, 0, `restore succeeded:\n${restored.out}`);
  assert.match(restored.out, new RegExp(`${STORE}: up to seq ${seq}`));

  // (a) it verifies with the journal's own scan, and (b) ends at the manifest's seqs.
  const scan = await scanJournal(restoredDir);
  assert.not.ok(scan.torn, 'no torn tail');
  assert.equal(Object.fromEntries(scan.lastSeqs), Object.fromEntries(Object.entries(manifest.stores).map(([id, s]) => [id, s.lastSeq])));

  const live = await EmbeddedEventStore.open(liveDir, { log: silentLogger });
  const copy = await EmbeddedEventStore.open(restoredDir, { log: silentLogger });
  try {
    assert.equal(await copy.storeIds(), Object.keys(manifest.stores).sort());
    for (const [id, s] of Object.entries(manifest.stores)) {
      assert.is(await copy.lastSeq(id), s.lastSeq, `${id}: restored last seq is the manifest's`);
      const liveEvents = await live.read(id, 0, s.lastSeq);
      const copyEvents = await copy.read(id, 0);
      // (c) the same events, (d) the same state.
      assert.equal(copyEvents, liveEvents, `${id}: restored events equal the live journal's up to seq ${s.lastSeq}`);
      assert.equal(fold(id, copyEvents), fold(id, liveEvents), `${id}: restored state equals the state at seq ${s.lastSeq}`);
      assert.ok((await live.lastSeq(id)) > s.lastSeq || id !== STORE, 'the live store went on past the backup');
    }
    // The restored store takes new writes where the backup ended.
    const next = await copy.append({ ...(await copy.read(STORE, seq - 1))[0], key: 'after-restore-1' } as never, seq);
    assert.is(next.status, 'appended');
  } finally {
    await live.close();
    await copy.close();
  }
});

Live.run();

const Bad = suite('restore refuses bad input, leaving nothing behind');

// The PostgreSQL suite below restores the same file: the folder goes when the process does.
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('.restoring-') || n.includes('.tmp-'));

Bad('a non-empty data dir', async () => {
  const dir = join(work, 'nonempty');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'keep.txt'), 'mine');
  const r = await npm(['restore', '--', backupFile, '--data-dir', dir]);
  assert.is(r.code, 1);
  assert.match(r.out, /is not empty/);
  assert.equal(readdirSync(dir), ['keep.txt']);
  assert.equal(leftovers(work), []);
});

for (const [name, damage, message] of [
  ['a truncated file', (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.7)), /truncated/],
  ['a file cut by its last byte', (b: Buffer) => b.subarray(0, b.length - 1), /truncated/],
  [
    'a flipped byte',
    (b: Buffer) => {
      const c = Buffer.from(b);
      c[Math.floor(c.length / 2)] ^= 0x01;
      return c;
    },
    /checksum does not match/,
  ],
  ['not a backup', (_: Buffer) => Buffer.from('hello, this is not a backup\n'), /not a Transparent Workshop backup/],
] as const) {
  Bad(name, async () => {
    const file = join(work, `bad-${name.replaceAll(' ', '-')}.twb`);
    writeFileSync(file, damage(readFileSync(backupFile)));
    const dir = join(work, `target-${name.replaceAll(' ', '-')}`);
    const r = await npm(['restore', '--', file, '--data-dir', dir]);
    assert.is(r.code, 1, r.out);
    assert.match(r.out, message);
    assert.is(r.out.trim().split('\n').length, 1, `one readable message:\n${r.out}`);
    assert.not.ok(r.out.includes('    at '), 'no stack trace');
    assert.not.ok(existsSync(dir), 'the data dir was not created');
    assert.equal(leftovers(work), []);
  });
}

Bad('the backup command refuses to write into the data dir', async () => {
  assert.ok(backupOut, 'the live test ran first');
  const r = await npm(['backup', '--', join(liveDir, 'inside.twb'), '--data-dir', liveDir]);
  assert.is(r.code, 1);
  assert.match(r.out, /inside the data directory/);
  assert.not.ok(existsSync(join(liveDir, 'inside.twb')));
});

Bad.run();

const postgres = await findPostgres();
if ('reason' in postgres) {
  reportNoPostgres('restore into PostgreSQL', postgres.reason);
} else {
  const Pg = suite('restore of the same backup into an empty PostgreSQL store');
  let db: TestDatabase;
  Pg.before(async () => {
    db = await createDatabase(postgres.url, 'restore');
  });
  Pg.after(async () => {
    await db?.drop();
  });

  Pg('restores exactly the backed-up events and state; a second restore is refused and changes nothing', async () => {
    assert.ok(backupOut, 'the live test ran first');
    const { manifest } = await readBackup(backupFile);
    const restored = await npm(['restore', '--', backupFile, '--database-url', db.url]);
    assert.is(restored.code, 0, restored.out);
    const seq = manifest.stores[STORE]!.lastSeq;
    assert.match(restored.out, new RegExp(`${STORE}: up to seq ${seq}`));

    const live = await EmbeddedEventStore.open(liveDir, { log: silentLogger });
    const pg = await PostgresEventStore.open({ url: db.url, log: silentLogger });
    try {
      const liveEvents = await live.read(STORE, 0, seq);
      const pgEvents = await pg.read(STORE, 0);
      assert.equal(pgEvents, liveEvents, 'the same events, seq, keys, actors and times');
      assert.equal(fold(STORE, pgEvents), fold(STORE, liveEvents), 'the same state');
      const again = await npm(['restore', '--', backupFile, '--database-url', db.url]);
      assert.is(again.code, 1, again.out);
      assert.match(again.out, new RegExp(`store ${STORE} already has ${seq} events`));
      assert.is(again.out.trim().split('\n').length, 1, `one readable message:\n${again.out}`);
      assert.is(await pg.lastSeq(STORE), seq, 'nothing was added');
    } finally {
      await live.close();
      await pg.close();
    }
  });
  Pg.run();
}

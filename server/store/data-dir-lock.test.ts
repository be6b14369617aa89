import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aDraft } from '../../tests/helpers/events';
import { startServerProcess } from '../../tests/helpers/server-process';
import { silentLogger } from '../log';
import { DataDirInUseError } from './data-dir-lock';
import { EmbeddedEventStore } from './embedded-store';

const test = suite('embedded store: one process per data directory');
const tempDir = () => mkdtemp(join(tmpdir(), 'tw-lock-'));
const lockFile = (dir: string) => join(dir, 'journal.lock');
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Another process that opens the store in `dir`, appends one event and keeps it open until killed. */
async function holder(dir: string): Promise<ChildProcess> {
  const script = `
    const { EmbeddedEventStore } = await import('./server/store/embedded-store.ts');
    const { silentLogger } = await import('./server/log.ts');
    const { aDraft } = await import('./tests/helpers/events.ts');
    const store = await EmbeddedEventStore.open(${JSON.stringify(dir)}, { log: silentLogger });
    await store.append(aDraft(), 0);
    console.log('holding');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('holding') && resolve());
    child.once('exit', (code) => reject(new Error(`the holder exited (${code}): ${out}`)));
  });
  return child;
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** The start time /proc records for a process (field 22), as the lock does. */
const startTimeOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};

test('a second process is refused while the first runs, naming it, and the journal is untouched', async () => {
  const dir = await tempDir();
  const child = await holder(dir);
  try {
    const journal = await readFile(join(dir, 'journal', '000001.ndjson'), 'utf8');
    const err = await EmbeddedEventStore.open(dir, { log: silentLogger }).then(
      (opened) => opened.close(),
      (e: unknown) => e,
    );
    assert.instance(err, DataDirInUseError);
    assert.match((err as Error).message, `${dir} is in use by another server (process ${child.pid})`);
    assert.is(await readFile(join(dir, 'journal', '000001.ndjson'), 'utf8'), journal, 'nothing read back into a second writer, nothing written');
    assert.is(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid, child.pid, 'the lock still names the owner');
  } finally {
    await killed(child);
    await rm(dir, { recursive: true, force: true });
  }
});

test('after the owner is killed (kill -9) the next open takes the lock over and finds its event', async () => {
  const dir = await tempDir();
  try {
    const child = await holder(dir);
    await killed(child);
    assert.ok(await exists(lockFile(dir)), 'a killed owner leaves its lock behind');
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    assert.is(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid, process.pid);
    assert.is(await store.lastSeq('store-a'), 1);
    await store.close();
    assert.not.ok(await exists(lockFile(dir)), 'closing releases the lock');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a lock naming a running process with another start time (a reused pid) is stale; the same start time holds', async () => {
  const dir = await tempDir();
  try {
    // This test's parent runs; only its start time decides whether it is the owner.
    await writeFile(lockFile(dir), JSON.stringify({ pid: process.ppid, startTime: '1' }));
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    await store.append(aDraft(), 0);
    await store.close();

    await writeFile(lockFile(dir), JSON.stringify({ pid: process.ppid, startTime: startTimeOf(process.ppid) }));
    const err = await EmbeddedEventStore.open(dir, { log: silentLogger }).then(
      (opened) => opened.close(),
      (e: unknown) => e,
    );
    assert.instance(err, DataDirInUseError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a half-written lock (a crash while taking it) is taken over', async () => {
  const dir = await tempDir();
  try {
    await writeFile(lockFile(dir), '{"pi');
    const store = await EmbeddedEventStore.open(dir, { log: silentLogger });
    assert.is(JSON.parse(await readFile(lockFile(dir), 'utf8')).pid, process.pid);
    await store.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('npm start on a data directory another server runs on stops with that message, and the first serves on', async () => {
  const dir = await tempDir();
  const first = await startServerProcess({ DATA_DIR: dir });
  try {
    // Should it start after all, stop it: a server left running would hold the test run open.
    const err = await startServerProcess({ DATA_DIR: dir }).then(
      (second) => second.stop(),
      (e: Error) => e,
    );
    assert.instance(err, Error, 'the second server must not start');
    assert.match(err!.message, /server exited with 1/);
    assert.match(err!.message, `The server did not start: The data directory ${dir} is in use by another server (process ${first.child.pid})`);
    assert.not.match(err!.message, /\n\s+at /, 'a sentence, not a stack trace');
    const health = await fetch(`${first.url}/healthz`);
    assert.is(health.status, 200);
  } finally {
    await first.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();

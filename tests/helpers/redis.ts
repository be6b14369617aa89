/**
 * Which Redis the tests use, and how they clean up after themselves.
 *
 * `findRedis()` picks, in order: REDIS_URL if set; the shared server at 127.0.0.1:6379 (on this
 * project's machines one answers there and keeps nothing on disk); a private redis-server this
 * process starts on a free port. Tests always use a unique key prefix and delete their keys.
 * Tests that stop or restart Redis use `startPrivateRedis()`, never the shared one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { freePort } from './ports';
import { tmpdir } from 'node:os';
import { createClient } from 'redis';
import { reportCannotRun } from './cannot-run';

export interface TestRedis {
  url: string;
  /** Where it came from, for suite names and messages. */
  origin: 'REDIS_URL' | 'shared' | 'private';
  /** Stops it if this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM to its PID, then SIGKILL if it lingers). Safe to call twice. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (it keeps nothing on disk). */
  restart(): Promise<void>;
}

const SHARED_URL = 'redis://127.0.0.1:6379';

/** A key prefix no other run or test shares, e.g. `test:contract:4242:1a2b3c4d`. */
export const uniquePrefix = (label: string) => `test:${label}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Whether a Redis at `url` answers PING now. */
export async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** The Redis tests should use, or why there is none. */
export async function findRedis(): Promise<TestRedis | { reason: string }> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    if (await redisAnswers(fromEnv)) return { url: fromEnv, origin: 'REDIS_URL', stop: async () => undefined };
    return { reason: `REDIS_URL (${fromEnv}) does not answer` };
  }
  if (await redisAnswers(SHARED_URL)) return { url: SHARED_URL, origin: 'shared', stop: async () => undefined };
  try {
    const own = await startPrivateRedis();
    return { url: own.url, origin: 'private', stop: own.stop };
  } catch (err) {
    return { reason: `nothing answers at ${SHARED_URL} and no redis-server could be started (${(err as Error).message})` };
  }
}

/** Says that a Redis suite cannot run: a failing test in CI, else a "skipped" line. */
export const reportNoRedis = (suiteName: string, reason: string): void => reportCannotRun(suiteName, 'a Redis', reason);

/** Deletes every key under `prefix` (as laid out by RedisKeys); returns how many. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    let deleted = 0;
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
      if (keys.length) deleted += await client.unlink(keys);
    }
    return deleted;
  } finally {
    client.destroy();
  }
}

/** Starts a redis-server of this process's own on a free port, keeping nothing on disk. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(port);
    } catch (err) {
      // Another process may have taken the port between our probe and redis binding it.
      if (attempt >= 2 || (err as NodeJS.ErrnoException).code === 'ENOENT') throw err;
    }
  }
  let current: ChildProcess | undefined = child;
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    port,
    async stop() {
      const running = current;
      current = undefined;
      if (running) await terminate(running);
    },
    async restart() {
      if (current) await terminate(current);
      current = await launch(port);
    },
  };
}

const running = new Set<ChildProcess>();
// If a test file dies without stopping its servers, they must not outlive it.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server on port ${port} exited (${code}): ${output.trim().split('\n').pop()}`)));
  });
  exited.catch(() => undefined);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ready = await Promise.race([redisAnswers(url), exited]);
    if (ready) {
      child.stdout!.resume();
      return child;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await terminate(child);
  throw new Error(`redis-server on port ${port} did not answer`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await gone;
  clearTimeout(timer);
}

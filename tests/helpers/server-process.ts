import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'uvu';
import { startFlags } from '../../scripts/start-flags';
import { createDatabase, type TestDatabase } from './postgres';
import { deleteKeys, uniquePrefix, type TestRedis } from './redis';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the real server exactly as `npm start` does (scripts/start.mjs, which runs the server
 * bundle, with the script's Node flags) in its own process on a free port, and resolves once it
 * prints its URLs.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...startFlags(), 'scripts/start.mjs'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', DEMO: 'false', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'tw-proc-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /Customer board\s+(http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/**
 * Several server processes started together. If any fails to start, the ones that did are
 * stopped and the failure is printed before it is thrown: uvu swallows an error thrown by a
 * `before` hook (the suite reports "0 / N" with no reason), and a server left running keeps the
 * test process alive, so the whole run hung instead of failing.
 */
export async function startServerProcesses(envs: Record<string, string>[]): Promise<ServerProcess[]> {
  const started = await Promise.allSettled(envs.map((env) => startServerProcess(env)));
  const failures = started.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as Error);
  const servers = started.filter((s): s is PromiseFulfilledResult<ServerProcess> => s.status === 'fulfilled').map((s) => s.value);
  if (failures.length === 0) return servers;
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  console.error(`${failures.length} of ${envs.length} server processes did not start:\n${failures.map((e) => e.message).join('\n')}`);
  throw failures[0]!;
}

/**
 * What server processes sharing one event log need: the PostgreSQL database holding it, the
 * Redis they fan out through, a fresh key prefix (REDIS_PREFIX allows no colons, unlike
 * uniquePrefix's) and the same API and signing keys, so any of them answers for any other.
 */
export function sharedEnv(databaseUrl: string, redisUrl: string, label: string) {
  const prefix = uniquePrefix(label).replaceAll(':', '-');
  const apiKey = randomBytes(16).toString('hex');
  return {
    prefix,
    apiKey,
    env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, API_KEY: apiKey, SIGNING_KEY: randomBytes(32).toString('hex') },
  };
}

export interface ProcessPair {
  /** Set once the suite's `before` hook has run. */
  a: ServerProcess;
  b: ServerProcess;
  apiKey: string;
  prefix: string;
  db: TestDatabase;
}

/**
 * Two server processes on one event log (a database of their own) and one Redis (a key prefix
 * of their own), as `npm run cluster` runs them: started in the suite's `before` hook; stopped,
 * with their database, keys and a Redis the test run started, in its `after` hook.
 */
export async function twoProcesses(
  suite: Test,
  o: { postgresUrl: string; redis: TestRedis; label: string; env?: Record<string, string> },
): Promise<ProcessPair> {
  const db = await createDatabase(o.postgresUrl, o.label);
  const shared = sharedEnv(db.url, o.redis.url, o.label);
  const env = { ...shared.env, ...o.env };
  const pair = { apiKey: shared.apiKey, prefix: shared.prefix, db } as ProcessPair;
  suite.before(async () => {
    [pair.a, pair.b] = await startServerProcesses([env, env]);
  });
  suite.after(async () => {
    await Promise.all([pair.a?.stop(), pair.b?.stop()]);
    await deleteKeys(o.redis.url, shared.prefix);
    await o.redis.stop();
    await db.drop();
  });
  return pair;
}

/**
 * `npm run cluster -- --workers N`: N server processes (server/main.ts, exactly what `npm start`
 * runs) sharing one port through Node's cluster module, all on the event log in the PostgreSQL
 * database named by DATABASE_URL, fanning out to each other's screens through REDIS_URL.
 *
 * Why one port and node:cluster rather than N ports: screens, phones and integrations keep a
 * single URL, and the primary hands each new TCP connection to the next worker in turn. The
 * realtime link is WebSocket only (no long-polling), so one socket.io session is one TCP
 * connection and lives on one worker: nothing needs sticky sessions. Behind a real load balancer
 * (nginx, HAProxy, a cloud LB) run one `npm start` per machine or container with the same
 * DATABASE_URL, REDIS_URL, API_KEY and SIGNING_KEY, balance round-robin or least-connections, and let it pass
 * WebSocket upgrades (`Upgrade`/`Connection` headers, an idle timeout above the 10 s ping).
 *
 * `kill -HUP <primary pid>` restarts the workers one at a time, each replacement listening before
 * its predecessor stops, so the port never closes: a deploy without downtime. The old worker's
 * screens reconnect at once (to the others, or the replacement) and resync from their seq.
 *
 * The primary builds dist/ once (when stale, in a checkout) and settles the keys, so every worker
 * serves the same bundles under the same version and accepts the same tokens. Workers start one after the
 * other, so the demo day is seeded once. A worker that dies is
 * started again after a second; a worker dying over and over stops the cluster.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ensureDist, SERVER_BUNDLE } from './dist.mjs';
import { ConfigError, loadEnv } from '../server/config';
import { loadSecrets } from '../server/auth/secrets';
import { redactUrl } from '../server/redact-url';

const USAGE = 'usage: DATABASE_URL=postgres://… REDIS_URL=redis://… npm run cluster -- --workers N   (other settings as for npm start)';
const RESTART_DELAY_MS = 1000;
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES_IN_WINDOW = 5;

/** Node flags minus `--import tsx` (or `--import=tsx`). */
const withoutTsx = (argv: string[]) =>
  argv.filter((a, i) => a !== '--import=tsx' && !(a === '--import' && argv[i + 1] === 'tsx') && !(a === 'tsx' && argv[i - 1] === '--import'));

function workerCount(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--workers' || a.startsWith('--workers='));
  if (i < 0) return availableParallelism();
  const raw = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError([`--workers must be a whole number from 1 to 64, not "${raw ?? ''}"`], 'arguments');
  return n;
}

async function primary() {
  const workers = workerCount(process.argv.slice(2));
  const env = loadEnv();
  const missing = [
    ...(env.DATABASE_URL
      ? []
      : [
          'environment: DATABASE_URL: the cluster needs PostgreSQL, where its processes share the event log (e.g. postgres://postgres@127.0.0.1:5432/workshop)',
        ]),
    ...(env.REDIS_URL
      ? []
      : [
          "environment: REDIS_URL: the cluster needs Redis, through which its processes reach each other's screens and share rate limits and one-time links (e.g. redis://127.0.0.1:6379)",
        ]),
  ];
  if (missing.length) throw new ConfigError(missing, 'environment');
  // Every worker must sign and accept the same tokens: settle the keys once, here.
  const secrets = await loadSecrets({ dataDir: env.DATA_DIR, env: process.env });
  const shared = { API_KEY: secrets.apiKey, SIGNING_KEY: secrets.signingKey.toString('utf8') };

  // Workers run the server bundle with plain node (as npm start does): the primary's Node flags
  // without the TypeScript loader it needs itself, so a restarted worker is up sooner.
  await ensureDist();
  cluster.setupPrimary({ exec: resolve(SERVER_BUNDLE), execArgv: withoutTsx(process.execArgv) });
  console.log(
    `cluster: starting ${workers} worker${workers > 1 ? 's' : ''} on port ${env.PORT} (PostgreSQL ${redactUrl(env.DATABASE_URL!)}, Redis ${redactUrl(env.REDIS_URL!)})`,
  );

  const crashes: number[] = [];
  let stopping = false;
  let started = false;
  const live = new Set<Worker>();
  /** Workers being replaced by a rolling restart: their exit is expected. */
  const retiring = new Set<Worker>();
  const bySlot = new Map<number, Worker>();

  const start = (slot: number) =>
    new Promise<Worker>((resolve, reject) => {
      // CLUSTER_WORKER names the worker's slot (for its environment and logs).
      const worker = cluster.fork({ ...shared, CLUSTER_WORKER: String(slot) });
      live.add(worker);
      worker.once('listening', () => {
        bySlot.set(slot, worker);
        resolve(worker);
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        reject(new Error(`worker ${slot} exited before listening (${signal ?? `code ${code}`})`));
        // A worker that fails while the cluster starts has a problem a restart will not fix.
        if (stopping || !started || retiring.delete(worker)) return;
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && crashes[0] < now - CRASH_WINDOW_MS) crashes.shift();
        console.error(`cluster: worker ${slot} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`})`);
        if (crashes.length > MAX_CRASHES_IN_WINDOW) {
          console.error(`cluster: ${crashes.length} worker exits within a minute; stopping`);
          void stop(1);
          return;
        }
        setTimeout(() => {
          if (!stopping) start(slot).catch((err) => console.error(`cluster: ${(err as Error).message}`));
        }, RESTART_DELAY_MS);
      });
    });

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      [...live].map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let rolling = false;
  process.on('SIGHUP', async () => {
    if (rolling || stopping || !started) return;
    rolling = true;
    console.log('cluster: rolling restart');
    for (const [slot, old] of [...bySlot]) {
      try {
        const fresh = await start(slot);
        retiring.add(old);
        await new Promise<void>((resolve) => {
          if (old.isDead()) return resolve();
          old.once('exit', () => resolve());
          old.process.kill('SIGTERM');
        });
        console.log(`cluster: worker ${slot} replaced (pid ${old.process.pid} → ${fresh.process.pid})`);
      } catch (err) {
        console.error(`cluster: rolling restart of worker ${slot} failed: ${(err as Error).message}; the old one keeps running`);
      }
    }
    rolling = false;
    console.log(`cluster: rolling restart done; pids ${[...live].map((w) => w.process.pid).join(' ')}`);
  });

  for (let slot = 1; slot <= workers; slot++) {
    const worker = await start(slot).catch(async (err: Error) => {
      console.error(`cluster: ${err.message}; stopping`);
      await stop(1);
      throw err;
    });
    console.log(`cluster: worker ${slot} (pid ${worker.process.pid}) is listening`);
  }
  started = true;
  console.log(`cluster: ${workers} worker${workers > 1 ? 's' : ''} ready; pids ${[...live].map((w) => w.process.pid).join(' ')}`);
}

primary().catch((err) => {
  console.error(err instanceof ConfigError ? `\nConfiguration error — the cluster did not start:\n${err.message}\n${USAGE}\n` : err);
  process.exit(1);
});

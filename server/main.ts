/**
 * `npm start`: builds the browser bundles, opens the store, seeds the demo day when the data
 * dir is empty (demo mode), serves everything on PORT and prints a URL for every page.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundles } from '../scripts/build';
import { createApplication, createHttpServer } from './app';
import { Auth } from './auth';
import { ConfigError, loadEnv, loadShopConfig } from './config';
import { kioskPath } from './http/kiosk-staff';
import { kioskKey } from './kiosk/kiosk-limits';
import { seedDemoDay } from './demo/seed';
import { DEMO_PIN, setDemoPins } from './scan/demo';
import { startSimulation } from './demo/simulate';
import { createLogger } from './log';
import { DIST_DIR, ROOT } from './paths';
import { createEventStore, DataDirInUseError, JournalCorruptError, StoreUnavailableError } from './store';
import { WorkshopService } from './workshop-service';

const log = createLogger();
/** Stores whose pages the welcome lists in full. */
const WELCOME_STORES = 3;
/** Connections the kernel may queue before we accept them; it caps this at net.core.somaxconn (4096 on current Linux). */
const LISTEN_BACKLOG = 4096;

/** Package version plus a hash of the bundles: a display reloads when either changes. */
function serverVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256');
  for (const file of readdirSync(DIST_DIR).filter((f) => f.endsWith('.js')).sort()) hash.update(readFileSync(join(DIST_DIR, file)));
  return `${pkg.version}+${hash.digest('hex').slice(0, 8)}`;
}

async function main() {
  const env = loadEnv();
  const shop = loadShopConfig(env.SHOP_CONFIG);
  const simulate = env.SIMULATE || process.argv.includes('--simulate');

  // Under scripts/cluster.ts the primary builds once, so every worker serves (and names) the same bundles.
  if (!process.env.CLUSTER_WORKER) await buildBundles();
  const version = serverVersion();

  const events = await createEventStore({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL,
    journalSegmentMb: env.JOURNAL_SEGMENT_MB, idempotencyWindowDays: env.IDEMPOTENCY_WINDOW_DAYS,
    redisUrl: env.REDIS_URL, redisPrefix: env.REDIS_PREFIX, log });
  const service = new WorkshopService(events, shop.stores, log);
  await service.init();
  const auth = await Auth.create({ dataDir: env.DATA_DIR, env: process.env, shop, log, demo: env.DEMO });

  if (env.DEMO) {
    for (const store of shop.stores) {
      if ((await service.state(store.id)).seq === 0) {
        const summary = await seedDemoDay(service, store.id, new Date());
        log.info({ storeId: store.id, summary }, 'seeded a demo day');
      }
      await setDemoPins(service, store);
    }
  }

  const httpServer = createHttpServer();
  await createApplication(httpServer, {
    service, shop, auth, log, version, redisUrl: env.REDIS_URL, redisPrefix: env.REDIS_PREFIX, demo: env.DEMO,
    trustProxy: env.TRUST_PROXY, publicUrl: env.PUBLIC_URL, metricsToken: env.METRICS_TOKEN, frameAncestors: env.FRAME_ANCESTORS, maxSocketsPerAddress: env.MAX_SOCKETS_PER_ADDRESS,
  });
  // A restarted server has thousands of screens knocking at once: with Node's default queue of
  // 511 unaccepted connections the kernel drops the rest and they retry a second or more later.
  await new Promise<void>((resolve) => httpServer.listen({ port: env.PORT, backlog: LISTEN_BACKLOG }, resolve));

  const stops = simulate ? shop.stores.map((s) => startSimulation(service, s.id, { intervalMs: 4000 })) : [];
  const port = (httpServer.address() as AddressInfo).port;
  printWelcome({ port, publicUrl: env.PUBLIC_URL, shop, auth, demo: env.DEMO, simulate, storeKind: events.kind, version });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    for (const stop of stops) stop();
    // Take no new connections, save the stores' snapshots, close the journal, exit. The open
    // connections are not closed one by one (application.close() does that for tests): exiting
    // closes them all at once, and with 10,000 screens the one-by-one teardown took a second
    // that a restart's screens spent waiting. They reconnect to the next process and resync.
    httpServer.close();
    await service.close();
    await events.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function printWelcome(o: {
  port: number; publicUrl?: string; shop: import('../shared/domain/shop').ShopConfig; auth: Auth; demo: boolean;
  simulate: boolean; storeKind: string; version: string;
}) {
  const base = `http://localhost:${o.port}`;
  const lines: string[] = ['', `Transparent Workshop ${o.version} — store: ${o.storeKind}${o.simulate ? ', simulating the day' : ''}`, ''];
  // A dealer group's hundreds of stores would print thousands of lines (and sign a display
  // token for every board): the first few show the pattern.
  const listed = o.shop.stores.slice(0, WELCOME_STORES);
  for (const store of listed) {
    const q = o.shop.stores.length > 1 ? `?store=${store.id}` : '';
    const sep = q ? '&' : '?';
    const display = (board: 'dispatch' | 'bay', bayId?: string) =>
      o.demo ? `${sep}display=${o.auth.issueDisplayToken({ id: `demo-${board}${bayId ? `-${bayId}` : ''}`, storeId: store.id, board, bayId })}` : '';
    lines.push(`  ${store.name['zh-CN']} / ${store.name.en}`);
    lines.push(`    Customer board   ${base}/display/customer${q}`);
    lines.push(`    Dispatch board   ${base}/display/dispatch${q}${display('dispatch')}`);
    // Names go last: CJK characters are double width, so padding them would not line up.
    for (const bay of store.bays) lines.push(`    Bay board        ${base}/display/bay/${bay.id}${q}${display('bay', bay.id)}   (${bay.name})`);
    // A demo kiosk comes paired, so it shows the limits a real one has once an admin pairs it.
    const kiosk = o.demo ? kioskPath(store.id, 'kiosk-1', kioskKey(o.auth.signingKey, store.id, 'kiosk-1')) : `/kiosk${q}`;
    lines.push(`    Check-in kiosk   ${base}${kiosk}   (touch screen at the entrance; customers' tracking links are /t/<token>)`);
    lines.push(`    Scan page        ${base}/s   (technicians' phones; every printed QR opens /s/<code>)`);
    lines.push(`    Print (staff)    ${base}/print/job-card/<roId>   ${base}/print/badges${q}   ${base}/print/bays${q}`);
    lines.push(`    Scan sign-ins    ${base}/admin/scan${q}   (admin: devices, PIN locks, PINs)`);
    lines.push('');
  }
  const more = o.shop.stores.length - listed.length;
  if (more > 0) lines.push(`  …and ${more} more stores: the same pages with ?store=<id> (${o.shop.stores[listed.length].id} … ${o.shop.stores.at(-1)!.id}; ids in the shop config)`, '');
  // As Jupyter does: whoever can read the server's console can sign in as admin, once.
  const token = o.auth.issueOneTimeLogin({ id: 'console-admin', name: 'Administrator', roles: ['admin'], storeIds: '*' });
  lines.push(`  Admin sign-in (one click, single use, 10 min):  ${o.publicUrl ?? base}/auth/one-time/${token}`);
  if (o.demo) lines.push(`  Scan page PIN of everyone in the demo:  ${DEMO_PIN}   (or print badges and scan one)`);
  // The key is secret: show it when it was just generated (or in the demo), not on every start.
  const key = o.demo || o.auth.apiKeyGenerated ? o.auth.apiKey : '<API_KEY from the environment or DATA_DIR/secrets.json>';
  lines.push(`  API (Authorization: Bearer ${key})`);
  lines.push(`    OpenAPI          ${base}/api/openapi.json`);
  lines.push(`    Health           ${base}/healthz`, '');
  console.log(lines.join('\n'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(`\nConfiguration error — the server did not start:\n${err.message}\n`);
  } else if (err instanceof DataDirInUseError || err instanceof StoreUnavailableError || err instanceof JournalCorruptError) {
    console.error(`\nThe server did not start: ${err.message}\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});

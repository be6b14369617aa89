/**
 * `npm start` (scripts/start.mjs runs this as dist/server/main.mjs, built beforehand): opens the
 * store, seeds the demo day when the data dir is empty (demo mode), serves everything on PORT and
 * prints a URL for every page.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApplication, createHttpServer } from './app';
import { Auth } from './auth';
import { ConfigError, loadEnv, loadShopConfig } from './config';
import { kioskPath } from './http/kiosk-staff';
import { kioskKey } from './kiosk/kiosk-limits';
import { pairDemoDisplays } from './demo/displays';
import { seedDemoDay } from './demo/seed';
import { withDemoStores } from './demo/group';
import { PAST_DAYS, writeDemoPast } from './demo/past';
import { DEMO_PIN, setDemoPins } from './scan/demo';
import { DEMO_PASSWORD, setDemoPasswords } from './people/demo';
import { startSimulation } from './demo/simulate';
import { createLogger } from './log';
import { DIST_DIR, ROOT } from './paths';
import { createEventStore, DataDirInUseError, JournalCorruptError, StoreUnavailableError } from './store';
import { openHistory } from './history';
import { openWebhooks } from './webhooks';
import { ImportJobs } from './dms/import-jobs';
import { Metrics } from './metrics';
import { openNotify } from './notify';
import { startDemoNotify } from './demo/notify';
import { openPhotoStore } from './add-ons/photo-store';
import { seedDemoAddOn } from './demo/add-on';
import { remindOfRetention } from './privacy/reminder';
import { WorkshopService } from './workshop-service';
import { AlarmDetector } from './alarms/alarm-detector';
import { LearnedStageLimits } from './alarms/learned-limits';

const log = createLogger();
/** Stores whose pages the welcome lists in full. */
const WELCOME_STORES = 3;
/** Connections the kernel may queue before we accept them; it caps this at net.core.somaxconn (4096 on current Linux). */
const LISTEN_BACKLOG = 4096;

/** Package version plus a hash of the bundles: a display reloads when either changes. */
function serverVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256');
  for (const file of readdirSync(DIST_DIR)
    .filter((f) => f.endsWith('.js'))
    .sort())
    hash.update(readFileSync(join(DIST_DIR, file)));
  return `${pkg.version}+${hash.digest('hex').slice(0, 8)}`;
}

async function main() {
  const env = loadEnv();
  // The demo on the shipped shop serves a group of three stores (config/demo-stores.json).
  const configured = env.DEMO && !process.env.SHOP_CONFIG ? withDemoStores(loadShopConfig(env.SHOP_CONFIG)) : loadShopConfig(env.SHOP_CONFIG);
  // The demo's messages to customers go to local stand-ins of the SMS providers and of a push
  // service, which log every request to DATA_DIR (server/demo/notify.ts); never to a real provider.
  const demoNotify = env.DEMO && process.env.DEMO_NOTIFY !== '0' ? await startDemoNotify({ shop: configured, dataDir: env.DATA_DIR, log }) : undefined;
  const shop = demoNotify?.shop ?? configured;
  if (demoNotify)
    console.log(
      `Demo: text messages and pushes go to local stand-ins (DEMO STAND-IN, nothing is sent to anyone): ${demoNotify.smsLog} and ${demoNotify.pushLog}`,
    );
  const simulate = env.SIMULATE || process.argv.includes('--simulate');

  // The pages were built before this ran (scripts/start.mjs, or the cluster's primary), so the
  // server needs no build tools and every cluster worker names the same bundles.
  const version = serverVersion();

  const events = await createEventStore({
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    journalSegmentMb: env.JOURNAL_SEGMENT_MB,
    idempotencyWindowDays: env.IDEMPOTENCY_WINDOW_DAYS,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    log,
  });
  // Demo: a store with an empty log gets its past first (written once: next time it has events),
  // then today's seeded day below.
  const fresh = env.DEMO
    ? await emptyStores(
        events,
        shop.stores.map((s) => s.id),
      )
    : [];
  const pastDays = env.DEMO_PAST_DAYS ?? PAST_DAYS;
  if (fresh.length && pastDays > 0) {
    if (events.kind !== 'embedded')
      log.warn({ store: events.kind }, 'demo: the history before today is written into the embedded journal only; with DATABASE_URL the demo has today alone');
    else {
      console.log(`Writing ${pastDays} days of demo history for ${fresh.length} store(s) into ${env.DATA_DIR} (once; the next start reuses it)…`);
      const started = performance.now();
      const past = await writeDemoPast(
        events,
        shop.stores.filter((s) => fresh.includes(s.id)),
        new Date(),
        { days: pastDays },
      );
      log.info({ past, ms: Math.round(performance.now() - started) }, 'demo: wrote the history before today');
    }
  }
  const service = new WorkshopService(events, shop.stores, log);
  await service.init();
  // One registry for the app and the notifier's counts (createApplication would make its own).
  const metrics = new Metrics();
  const auth = await Auth.create({ dataDir: env.DATA_DIR, env: process.env, shop, log, demo: env.DEMO, integrationName: env.INTEGRATION_NAME });

  // The history read model (reports): fed from the log after each commit, never on its path. If
  // it cannot be opened the workshop still runs; only the reports answer 503.
  let historyCaughtUp = false;
  const history = await openHistory({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, events, signingKey: auth.signingKey, log }).catch(
    (err: unknown) => void log.error({ err }, 'history: the read model could not be opened; the reports answer 503 until a restart'),
  );

  // The webhook outbox: fed from the log after each commit and delivered on its own timer, never
  // on a request's path. Without it the workshop runs; the webhook routes answer 503.
  const webhooks = await openWebhooks({
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    events,
    log,
    allowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK,
    stateOf: (storeId) => service.state(storeId),
  })
    .then(async (w) => {
      await w.outbox.start(shop.stores.map((s) => s.id));
      return w;
    })
    .catch((err: unknown) => void log.error({ err }, 'webhooks: the outbox could not be opened; no webhooks are sent until a restart'));
  const stopWebhooks = webhooks?.outbox.follow(
    service,
    shop.stores.map((s) => s.id),
  );

  // DMS import jobs' progress and errors, kept so that GET …/imports/{id} outlives a restart.
  const imports = await ImportJobs.open({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, log }).catch(
    (err: unknown) => void log.error({ err }, 'imports: the jobs table could not be opened; import jobs are kept in memory until a restart'),
  );
  // Add-on photos: files in the data directory, or the add_on_photos table when scaled out.
  const photos = await openPhotoStore({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, log });

  if (env.DEMO) {
    // Stores side by side: their appends then share the journal's fsyncs.
    await Promise.all(
      shop.stores.map(async (store) => {
        if (fresh.includes(store.id)) {
          const summary = await seedDemoDay(service, store.id, new Date(), { afterPast: true, exclusive: events.kind === 'embedded' });
          log.info({ storeId: store.id, summary }, 'seeded a demo day');
          // One car's customer has add-on work with a photo to approve on their tracking page.
          const addOnRo = await seedDemoAddOn(service, photos, store.id).catch(
            (err: unknown) => void log.warn({ err, storeId: store.id }, 'demo: no add-on work seeded'),
          );
          const token = addOnRo ? (await service.state(store.id)).ros.get(addOnRo)?.trackingToken : undefined;
          if (token)
            log.info(
              { storeId: store.id, trackingUrl: `${env.PUBLIC_URL ?? `http://localhost:${env.PORT}`}/t/${token}` },
              'demo: add-on work waiting for its customer',
            );
        }
        await setDemoPins(service, store);
        await pairDemoDisplays(service, store);
      }),
    );
    await setDemoPasswords(service, shop);
  }

  // Messages to customers (stores with a `notify` config): the outbox follows the log from its own
  // checkpoint, never on the commit path; opened after the demo seed so a first start does not
  // message the seeded day. If it cannot open, the workshop still runs, silently.
  const notify = await openNotify({
    shop,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    env: { ...process.env, ...demoNotify?.env },
    baseUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    log,
    probe: metrics.notifyProbe,
    service,
    pushAgent: demoNotify?.pushAgent,
    webhooks: webhooks?.outbox,
  }).catch((err: unknown) => void log.error({ err }, 'notify: the outbox could not be opened; no messages are sent until a restart'));

  // The demo's consenting customers get a stand-in phone subscribed to push (demo-push.log).
  const stopPhones = notify && demoNotify ? demoNotify.phones(service, notify.notifier) : undefined;

  const httpServer = createHttpServer();
  await createApplication(httpServer, {
    service,
    shop,
    auth,
    log,
    version,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    demo: env.DEMO,
    trustProxy: env.TRUST_PROXY,
    publicUrl: env.PUBLIC_URL,
    metricsToken: env.METRICS_TOKEN,
    frameAncestors: env.FRAME_ANCESTORS,
    maxSocketsPerAddress: env.MAX_SOCKETS_PER_ADDRESS,
    history: history?.db,
    historyComplete: () => historyCaughtUp,
    webhooks: webhooks ?? undefined,
    imports: imports ?? undefined,
    metrics,
    notifier: notify?.notifier,
    vapidPublicKey: notify?.vapidPublicKey,
    photos,
  });
  // A restarted server has thousands of screens knocking at once: with Node's default queue of
  // 511 unaccepted connections the kernel drops the rest and they retry a second or more later.
  await new Promise<void>((resolve) => httpServer.listen({ port: env.PORT, backlog: LISTEN_BACKLOG }, resolve));

  // Anomaly alarms: every process looks; the log lets only one raise each incident.
  const alarms = new AlarmDetector(service, { log, learned: history ? new LearnedStageLimits(history.db, log) : undefined });
  alarms.start();

  // Only now: a first start of the demo has 90 days per store to project, in batches that each
  // hold the event loop for a moment, and the first answer should not wait behind them.
  const stopHistory = history?.projector.follow(
    service,
    shop.stores.map((s) => s.id),
  );
  // Until the first catch-up ends (a first demo start projects 90 days), the reports say partial.
  if (history) void history.projector.idle().then(() => (historyCaughtUp = true));
  const stops = simulate ? shop.stores.map((s) => startSimulation(service, s.id, { intervalMs: 4000, incidents: true })) : [];
  const port = (httpServer.address() as AddressInfo).port;
  printWelcome({ port, publicUrl: env.PUBLIC_URL, shop, auth, demo: env.DEMO, simulate, storeKind: events.kind, version });
  // After the welcome, so it is the last line an operator sees; a warning only, never a stop.
  void remindOfRetention({ events, stores: shop.stores, dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, log }).catch((err: unknown) =>
    log.warn({ err }, 'personal data retention: could not check when expire last ran'),
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    for (const stop of stops) stop();
    await alarms.stop();
    // Take no new connections, save the stores' snapshots, close the journal, exit. The open
    // connections are not closed one by one (application.close() does that for tests): exiting
    // closes them all at once, and with 10,000 screens the one-by-one teardown took a second
    // that a restart's screens spent waiting. They reconnect to the next process and resync.
    httpServer.close();
    // A running import stops after its line and is recorded as interrupted there.
    await imports?.close();
    await service.close();
    stopHistory?.();
    await history?.close();
    stopWebhooks?.();
    await webhooks?.close();
    stopPhones?.();
    await notify?.close();
    await demoNotify?.close();
    await photos.close();
    await events.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function printWelcome(o: {
  port: number;
  publicUrl?: string;
  shop: import('../shared/domain/shop').ShopConfig;
  auth: Auth;
  demo: boolean;
  simulate: boolean;
  storeKind: string;
  version: string;
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
  if (more > 0)
    lines.push(
      `  …and ${more} more stores: the same pages with ?store=<id> (${o.shop.stores[listed.length].id} … ${o.shop.stores.at(-1)!.id}; ids in the shop config)`,
      '',
    );
  // As Jupyter does: whoever can read the server's console can sign in as admin, once.
  const token = o.auth.issueOneTimeLogin({ id: 'console-admin', name: 'Administrator', roles: ['admin'], storeIds: '*' });
  lines.push(`  Admin sign-in (one click, single use, 10 min):  ${o.publicUrl ?? base}/auth/one-time/${token}`);
  if (o.demo) lines.push(`  Scan page PIN of everyone in the demo:  ${DEMO_PIN}   (or print badges and scan one)`);
  if (o.demo)
    lines.push(
      `  Staff sign-in:  ${base}/sign-in   staff number (e.g. ${o.shop.stores[0]!.staff[0]?.id ?? o.shop.stores[0]!.advisors[0]?.id ?? 'adv-01'}) and the demo password ${DEMO_PASSWORD}`,
    );
  // The key is secret: show it when it was just generated (or in the demo), not on every start.
  const key = o.demo || o.auth.apiKeyGenerated ? o.auth.apiKey : '<API_KEY from the environment or DATA_DIR/secrets.json>';
  lines.push(`  API (Authorization: Bearer ${key})`);
  lines.push(`    OpenAPI          ${base}/api/openapi.json`);
  lines.push(`    Health           ${base}/healthz`, '');
  console.log(lines.join('\n'));
}

async function emptyStores(events: import('./store/event-store').EventStore, ids: string[]): Promise<string[]> {
  const empty: string[] = [];
  for (const id of ids) if ((await events.lastSeq(id)) === 0) empty.push(id);
  return empty;
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

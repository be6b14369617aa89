/**
 * `npm run bench:soak`: a week on the wall. The three wall boards (lobby, dispatch, one bay) in
 * headless Chromium at 1920×1080, paired as in a store, receive a week of a busy store's updates at
 * accelerated pace: the demo simulator moves cars through the real workflow (create, check in,
 * assign, work, pauses, QC, washing, delivery), every event stamped with a simulated clock that runs
 * a week through the run, and the pages' own clocks follow it, so the boards cross midnight seven
 * times. Pages turn on their own (a short dwell), and every few thousand events the network between
 * the boards and the server is cut so they reconnect and catch up.
 *
 * Reports per board, after warm-up and at the end (and a trend in between): JS heap after a forced
 * GC, DOM nodes and event listeners (CDP Memory.getDOMCounters), deltas received, reconnects.
 * Goal: heap at the end ≤ 1.05 × after warm-up, and DOM nodes flat. `--snapshots` also writes heap
 * snapshots (artifacts/soak-<board>-{warm,end}.heapsnapshot) to diff in Chrome DevTools.
 *
 *   npm run bench:soak                                   # 50,000 events over 7 simulated days
 *   npm run bench:soak -- --events 5000 --days 2         # a quick look
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { ShopConfigSchema } from '../../shared/domain/shop';
import { loadShopConfig } from '../../server/config';
import { seededRng, simulateStep } from '../../server/demo/simulate';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { tcpProxy } from '../../tests/helpers/tcp-proxy';
import { installSoakHooks } from './page-hooks';
import { boardPath, type BoardKind } from '../common/paired-board';
import { installSocketTap } from '../common/socket-tap';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EVENTS = Number(arg('events') ?? 50_000);
const DAYS = Number(arg('days') ?? 7);
const WARMUP = Math.min(Number(arg('warmup') ?? 3000), Math.floor(EVENTS / 5));
const SAMPLES = 8;
const RECONNECTS = Number(arg('reconnects') ?? 10);
const SNAPSHOTS = process.argv.includes('--snapshots');
/** Also print, per sample, where each board's DOM nodes are (the elements with the most nodes under them). */
const DOM_DETAIL = process.argv.includes('--dom-detail');
const GOAL_HEAP = 1.05;
const DAY_MS = 86_400_000;

type Board = BoardKind;
interface Sample {
  at: number;
  heap: number;
  nodes: number;
  listeners: number;
  deltas: number;
  sockets: number;
}
interface Screen {
  board: Board;
  page: Page;
  cdp: CDPSession;
  samples: Sample[];
  errors: string[];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function openBoard(browser: Browser, server: TestServer, origin: string, storeId: string, board: Board, bayId: string, clock: number): Promise<Screen> {
  const path = await boardPath(server, storeId, board, bayId, 'soak');
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.evaluateOnNewDocument(installSoakHooks);
  await page.evaluateOnNewDocument(`window.__soakClock.set(${clock})`);
  await page.evaluateOnNewDocument(installSocketTap);
  await page.goto(`${origin}${path}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction((tag) => !!document.querySelector(tag)?.shadowRoot?.childElementCount, { timeout: 60_000 }, `${board}-board`);
  return { board, page, cdp, samples: [], errors };
}

const counts = (s: Screen) =>
  s.page.evaluate(() => (window as unknown as { __soakCount(): { deltas: number; opened: number; lastSeq: number } }).__soakCount());

/**
 * Hold the next events while a board is more than LAG deltas behind the log: a real store writes
 * far slower than this benchmark can, and a board the server had to cut off as a slow consumer
 * (it keeps 256 packets queued at most) would catch up by one merged delta instead of receiving
 * the week delta by delta.
 */
const LAG = 120;
async function keepPace(screens: Screen[], seq: number): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const behind = (await Promise.all(screens.map(counts))).some((c) => c.lastSeq < seq - LAG);
    if (!behind) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function sample(s: Screen, at: number): Promise<Sample> {
  await s.cdp.send('HeapProfiler.collectGarbage');
  await s.cdp.send('HeapProfiler.collectGarbage');
  const heap = (await s.cdp.send('Runtime.getHeapUsage')).usedSize;
  const counters = await s.cdp.send('Memory.getDOMCounters');
  const { deltas, opened } = await counts(s);
  const taken = { at, heap, nodes: counters.nodes, listeners: counters.jsEventListeners, deltas, sockets: opened };
  s.samples.push(taken);
  return taken;
}

/** Nodes in the page, by the custom element (or shadow root host) they sit under: to find what grows. */
const domDetail = (s: Screen) =>
  s.page.evaluate(() => {
    const counts: Record<string, number> = {};
    let all = 0;
    const walk = (node: Node, owner: string) => {
      all++;
      const here = node instanceof Element && node.tagName.includes('-') ? node.tagName.toLowerCase() : owner;
      counts[here] = (counts[here] ?? 0) + 1;
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot, here);
      node.childNodes.forEach((c) => walk(c, here));
    };
    walk(document, 'document');
    return {
      attached: all,
      top: Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6),
    };
  });

async function snapshot(s: Screen, name: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  s.cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await s.cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  s.cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  mkdirSync('artifacts', { recursive: true });
  writeFileSync(`artifacts/soak-${s.board}-${name}.heapsnapshot`, chunks.join(''));
}

async function main(): Promise<void> {
  await buildBundles();
  const raw = JSON.parse(JSON.stringify(loadShopConfig()));
  // One store, turning pages every 4 s so a run sees thousands of page turns.
  raw.stores = [{ ...raw.stores[0], pageDwellSeconds: 4 }];
  const shop = ShopConfigSchema.parse(raw);
  const store = shop.stores[0]!;
  const bayId = store.bays[0]!.id;
  // Monday 07:30 in the store's zone (Asia/Shanghai in the demo config).
  let clock = Date.parse('2026-12-07T07:30:00+08:00');
  const stepMs = (DAYS * DAY_MS) / EVENTS;
  const server = await startTestServer({ shop, now: () => new Date(clock) });
  const proxy = await tcpProxy(server.port);
  const browser = await puppeteer.launch({
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--mute-audio',
      '--enable-precise-memory-info',
    ],
  });
  const chromium = await browser.version();
  const loadBefore = loadavg()[0]!;
  const started = Date.now();
  const rng = seededRng(20261207);
  const screens: Screen[] = [];
  let committed = 0;
  let idle = 0;
  let cuts = 0;
  try {
    for (const board of ['customer', 'dispatch', 'bay'] as const) screens.push(await openBoard(browser, server, proxy.url, store.id, board, bayId, clock));
    const sampleAt = new Set([WARMUP, ...Array.from({ length: SAMPLES }, (_, k) => Math.round(WARMUP + ((EVENTS - WARMUP) * (k + 1)) / SAMPLES))]);
    const cutEvery = Math.max(1, Math.floor(EVENTS / (RECONNECTS + 1)));
    console.log(
      `Soak: ${EVENTS} events over ${DAYS} simulated days (one every ${(stepMs / 1000).toFixed(1)} s of store time), store ${store.id}, bay board ${bayId}`,
    );
    while (committed < EVENTS) {
      clock += stepMs;
      const step = await simulateStep(server.service, store.id, rng, { now: () => new Date(clock), targetOpen: 60 });
      if (!step?.ok) {
        // Nothing could move at this moment of the day: time passes all the same.
        if (++idle > EVENTS * 4) throw new Error(`the simulator stopped moving after ${committed} events`);
        continue;
      }
      committed++;
      if (committed % 40 === 0) await keepPace(screens, (await server.service.state(store.id)).seq);
      if (committed % 100 === 0)
        await Promise.all(
          screens.map((s) => s.page.evaluate((ms) => (window as unknown as { __soakClock: { set(ms: number): void } }).__soakClock.set(ms), clock)),
        );
      if (committed % cutEvery === 0 && cuts < RECONNECTS) {
        proxy.cutAll();
        cuts++;
      }
      if (sampleAt.has(committed)) {
        // Let the boards catch up (and reconnect after a cut) before measuring.
        await new Promise((r) => setTimeout(r, 3000));
        const line = await Promise.all(screens.map((s) => sample(s, committed)));
        if (committed === WARMUP && SNAPSHOTS) await Promise.all(screens.map((s) => snapshot(s, 'warm')));
        const day = Math.floor((clock - Date.parse('2026-12-07T00:00:00+08:00')) / DAY_MS) + 1;
        if (DOM_DETAIL) for (const s of screens) console.log(`    ${s.board}: ${JSON.stringify(await domDetail(s))}`);
        console.log(
          `  ${committed} events (day ${day}, ${((Date.now() - started) / 60_000).toFixed(1)} min): ${line.map((l, i) => `${screens[i]!.board} ${mb(l.heap)} ${l.nodes} nodes ${l.deltas} deltas`).join(' · ')}`,
        );
      }
    }
    if (SNAPSHOTS) await Promise.all(screens.map((s) => snapshot(s, 'end')));
  } finally {
    await browser.close();
    await proxy.close();
    await server.close();
  }

  const minutes = (Date.now() - started) / 60_000;
  const lines = [
    `Machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown'}; Node ${process.version}; ${chromium} (headless, 1920×1080); load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end; ${minutes.toFixed(1)} min`,
    `Workload: ${EVENTS} events of the demo simulator (store ${store.id}, ~60 cars open) over ${DAYS} simulated days; pages turn every 4 s; the network cut ${cuts} times; warm-up ${WARMUP} events.`,
    '',
    '| board | deltas received | connections opened | heap after warm-up | heap at end | ratio | DOM nodes warm-up → end | listeners warm-up → end | heap trend (MB) | goal (heap ≤ 1.05×, nodes flat) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  let pass = true;
  for (const s of screens) {
    const warm = s.samples[0]!;
    const end = s.samples.at(-1)!;
    const ratio = end.heap / warm.heap;
    // "Flat": within 10 % of warm-up — a board's rows come and go with the cars on the floor.
    const nodesFlat = end.nodes <= warm.nodes * 1.1;
    const ok = ratio <= GOAL_HEAP && nodesFlat;
    pass &&= ok;
    lines.push(
      `| ${s.board} | ${end.deltas} | ${end.sockets} | ${mb(warm.heap)} | ${mb(end.heap)} | ${ratio.toFixed(3)} | ${warm.nodes} → ${end.nodes} | ${warm.listeners} → ${end.listeners} | ${s.samples.map((x) => (x.heap / 1048576).toFixed(1)).join(' ')} | ${ok ? 'PASS' : 'NOT MET'} |`,
    );
    if (s.errors.length) lines.push(`|  | ${s.errors.length} page errors, first: ${s.errors[0]!.slice(0, 120)} |`);
  }
  console.log(`\n${lines.join('\n')}\n`);
  process.exitCode = pass ? 0 : 1;
}

await main();

/**
 * `npm run bench:render`: the three wall boards in headless Chromium at 1920×1080 against the
 * real server with 200 open repair orders, 1,000 single-RO updates each. Reports per board the
 * median and p95 time from a delta frame arriving to the DOM being updated, JS heap (after a
 * forced GC) before, after the first 100 updates and after all of them, and the gzip size of
 * each page's bundle. Prints a Markdown table (paste it into BENCHMARKS.md).
 *
 *   npm run bench:render                 # all boards, 1,000 updates
 *   npm run bench:render -- --updates 200 --boards customer,bay
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Browser } from 'puppeteer';
import { buildBundles, PAGES } from '../../scripts/build';
import { startTestServer, type TestServer } from '../../tests/helpers/server';
import { installRenderProbe, PROBE_BINDING, PROBE_CAPACITY } from './probe';
import { boardPath, type BoardKind } from '../common/paired-board';
import { installSocketTap } from '../common/socket-tap';
import { applyUpdate, seedOpenRos, updateFor, type Workload } from './workload';

const GOALS = { medianMs: 5, p95Ms: 16, heapRatio: 1.1, gzipKb: 60 };

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const UPDATES = Number(arg('updates') ?? 1000);
const WARMUP = Math.min(100, UPDATES);
const BOARDS = (arg('boards') ?? 'customer,dispatch,bay').split(',') as BoardKind[];

interface BoardResult {
  board: BoardKind;
  tag: string;
  dom: number[];
  frame: number[];
  layout: number[];
  /** Heap after GC: on load, after the first 100 updates, after all; trend: after 100, every 300 more, and at the end. */
  heap: { before: number; after100: number; after: number; trend: number[] };
  missedUpdates: number;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};
const ms = (v: number) => `${v.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ok = (pass: boolean) => (pass ? '✓' : '✗');

async function launch(): Promise<Browser> {
  return puppeteer.launch({
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
      // performance.memory with exact figures (we read the heap through CDP as well).
      '--enable-precise-memory-info',
    ],
  });
}

async function runBoard(browser: Browser, server: TestServer, storeId: string, board: BoardKind, workload: Workload, bayId: string): Promise<BoardResult> {
  const tag = `${board}-board`;
  const path = await boardPath(server, storeId, board, bayId);

  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  const cdp = await page.createCDPSession();
  await cdp.send('Runtime.enable');
  await cdp.send('HeapProfiler.enable');
  // The probe reports each measurement through a binding, so the loop needs no page.evaluate.
  let measured = 0;
  let wake: (() => void) | undefined;
  cdp.on('Runtime.bindingCalled', (e) => {
    if (e.name !== PROBE_BINDING) return;
    measured = Number(e.payload);
    wake?.();
  });
  await cdp.send('Runtime.addBinding', { name: PROBE_BINDING });
  const measuredAtLeast = (n: number) =>
    new Promise<boolean>((resolve) => {
      if (measured >= n) return resolve(true);
      // Not a speed bound: a delta that never shows up must not hang the run.
      const timer = setTimeout(() => resolve(false), 10_000);
      wake = () => {
        if (measured < n) return;
        clearTimeout(timer);
        wake = undefined;
        resolve(true);
      };
    });
  const heapAfterGc = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };

  // tsx compiles with keepNames, so functions sent to the page call esbuild's `__name` helper.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.evaluateOnNewDocument(installRenderProbe, tag, PROBE_BINDING, PROBE_CAPACITY);
  await page.evaluateOnNewDocument(installSocketTap);
  await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
  // Live: the element has drawn a view (its loading text is gone and it has content).
  await page.waitForFunction(
    (tag) => {
      let text = '';
      const walk = (node: Node) => {
        if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
        if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
        node.childNodes.forEach(walk);
      };
      const el = document.querySelector(tag);
      if (el) walk(el);
      return text.length > 300 && !/正在载入|正在连接/.test(text);
    },
    { polling: 200, timeout: 60_000 },
    tag,
  );
  await new Promise((r) => setTimeout(r, 1000));
  const before = await heapAfterGc();

  const paused = new Set<string>();
  const heapTrend: number[] = [];
  let missedUpdates = 0;
  const baseline = await page.evaluate(() => (window as any).__renderProbe.count() as number);
  measured = Math.max(measured, baseline);
  for (let i = 0; i < UPDATES; i++) {
    // Frames come at 60 Hz; without a random pause every delta would land at the same point of
    // the frame period (right after the frame that ended the previous measurement).
    await new Promise((r) => setTimeout(r, Math.random() * 17));
    await applyUpdate(server, storeId, updateFor(i, workload, paused));
    if (!(await measuredAtLeast(baseline + i + 1))) missedUpdates++;
    if ((i + 1) % WARMUP === 0 && ((i + 1) / WARMUP) % 3 === 1 && i + 1 < UPDATES) heapTrend.push(await heapAfterGc());
  }
  const after = await heapAfterGc();
  heapTrend.push(after);
  const samples = await page.evaluate(
    (from) => (window as any).__renderProbe.read(from) as { dom: number[]; layout: number[]; frame: number[]; notPending: number },
    baseline,
  );
  if (errors.length) console.warn(`  ${board}: ${errors.length} page errors, first: ${errors[0]}`);
  if (samples.notPending) console.warn(`  ${board}: ${samples.notPending} deltas found no lit update pending (probe out of step?)`);
  await context.close();
  return {
    board,
    tag,
    missedUpdates,
    dom: samples.dom,
    frame: samples.frame,
    layout: samples.layout,
    heap: { before, after100: heapTrend.length > 1 ? heapTrend[0]! : after, after, trend: heapTrend },
  };
}

function gzipKb(bundle: string): number {
  return gzipSync(readFileSync(`dist/${bundle}.js`)).length / 1024;
}

function cpuModel(): string {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

async function main(): Promise<void> {
  await buildBundles();
  const server = await startTestServer();
  const store = server.service.storeConfigs[0]!;
  const bayId = store.bays[0]!.id;
  const loadBefore = loadavg()[0]!;
  console.log(`Seeding 200 open repair orders in ${store.id}…`);
  const workload = await seedOpenRos(server, store.id, 200);
  const browser = await launch();
  const chromium = await browser.version();
  const results: BoardResult[] = [];
  try {
    for (const board of BOARDS) {
      console.log(`Measuring ${board} board: ${UPDATES} updates…`);
      results.push(await runBoard(browser, server, store.id, board, workload, bayId));
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const lines = [
    `Machine: ${cpus().length} cores, ${cpuModel()}; Node ${process.version}; ${chromium} (headless, 60 Hz frames); load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end (other work on the machine skews the figures upward)`,
    `Workload: 200 open ROs (12 in service, 50 unassigned, 36 queued at bays, 20 each in QC, washing, ready, the rest checked in); ${UPDATES} single-RO updates per board (pause/resume in a bay, promised time, priority), one at a time; bay board = ${bayId}.`,
    '',
    '| board | delta → DOM updated + layout, median | p95 | script only, median / p95 | to next 60 Hz frame, median / p95 | heap before | after 100 | after all | ratio | JS gzip | goals |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  let allPass = true;
  for (const r of results) {
    const ratio = r.heap.after / r.heap.after100;
    const size = gzipKb(r.tag);
    const median = quantile(r.layout, 0.5);
    const p95 = quantile(r.layout, 0.95);
    const pass = { median: median <= GOALS.medianMs, p95: p95 <= GOALS.p95Ms, heap: ratio <= GOALS.heapRatio, size: size <= GOALS.gzipKb };
    allPass &&= Object.values(pass).every(Boolean) && r.missedUpdates === 0;
    lines.push(
      `| ${r.board} | ${ms(median)} | ${ms(p95)} | ${ms(quantile(r.dom, 0.5))} / ${ms(quantile(r.dom, 0.95))} | ${ms(quantile(r.frame, 0.5))} / ${ms(quantile(r.frame, 0.95))} | ${mb(r.heap.before)} | ${mb(r.heap.after100)} | ${mb(r.heap.after)} | ${ratio.toFixed(3)} | ${size.toFixed(1)} KB | median ${ok(pass.median)} p95 ${ok(pass.p95)} heap ${ok(pass.heap)} size ${ok(pass.size)}${r.missedUpdates ? ` (${r.missedUpdates} updates not seen)` : ''} |`,
    );
  }
  const trendAt = (n: number) => (n < results[0]!.heap.trend.length - 1 ? WARMUP * (1 + 3 * n) : UPDATES);
  lines.push(
    '',
    `Heap after GC after 100 updates, every 300 more, and at the end (a leak keeps growing; warm-up levels off): ${results
      .map((r) => `${r.board} ${r.heap.trend.map((h, n) => `${trendAt(n)}: ${mb(h)}`).join(' → ')}`)
      .join('; ')}`,
  );
  lines.push('', '| other page bundles | JS gzip |', '|---|---|');
  for (const bundle of Object.keys(PAGES).filter((b) => !results.some((r) => r.tag === b))) {
    try {
      lines.push(`| ${bundle} | ${gzipKb(bundle).toFixed(1)} KB |`);
    } catch {
      // A page another engineer has not built yet.
    }
  }
  lines.push(
    '',
    `Goals: median ≤ ${GOALS.medianMs} ms and p95 ≤ ${GOALS.p95Ms} ms (delta → DOM updated + layout), heap after all ≤ ${GOALS.heapRatio}× heap after the first 100, ≤ ${GOALS.gzipKb} KB gzip per page. ${allPass ? 'All met.' : 'Not all met (✗ above).'}`,
  );
  console.log(`\n${lines.join('\n')}\n`);
}

await main();

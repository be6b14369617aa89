/**
 * The lounge board (客户看板) in a real Chromium against the real server: the seeded demo day,
 * a change made through the REST API, privacy of everything the page receives, paging through
 * many cars, and screenshots to look at (artifacts/customer-board-*.png).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { seedDemoDay } from '../../server/demo/seed';
import { localDay } from '../../web/boards/customer/board-model';
import { maskPlate } from '../../shared/domain/plate';
import { formatDateTime, formatTime } from '../../shared/i18n/translate';
import type { ShopConfig } from '../../shared/domain/shop';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act, createRo } from '../helpers/build';
import { aTestShop } from '../helpers/shop';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const FULL_HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };

let browser: Browser;
let demo: TestServer;
let demoStore: string;
const pages: Page[] = [];

/** Speech is recorded instead of spoken, so a test can read what the board said. */
const recordSpeech = () => {
  const w = window as unknown as Record<string, unknown>;
  w.__spoken = [];
  class Utterance {
    lang = '';
    rate = 1;
    voice: unknown = null;
    onend?: () => void;
    constructor(readonly text: string) {}
  }
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      speak: (u: Utterance) => {
        (w.__spoken as unknown[]).push({ text: u.text, lang: u.lang });
        setTimeout(() => u.onend?.(), 50);
      },
      getVoices: () => [
        { lang: 'zh-CN', name: 'Mandarin' },
        { lang: 'en-US', name: 'English' },
      ],
      cancel() {},
    },
  });
};

/** Open the board, recording every websocket frame it receives. */
async function openBoard(server: TestServer, query: string, viewport = FULL_HD, opts: { speech?: boolean; context?: BrowserContext } = {}) {
  const page = await (opts.context ?? browser).newPage();
  pages.push(page);
  await page.setViewport(viewport);
  page.on('pageerror', (err) => console.error('[page error]', err));
  const frames: string[] = [];
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameReceived', (e) => frames.push(e.response.payloadData));
  // tsx compiles with keepNames, so functions sent to the page call esbuild's `__name` helper.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  if (opts.speech !== false) await page.evaluateOnNewDocument(recordSpeech);
  await page.goto(`${server.url}/display/customer?${query}`, { waitUntil: 'domcontentloaded' });
  return { page, frames };
}

/** The visible text of the first element with this tag, looking through every shadow root. */
const textOf = (page: Page, tag: string) =>
  page.evaluate((tag) => {
    const find = (root: ParentNode): Element | undefined => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === tag) return el;
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return undefined;
    };
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      node.childNodes.forEach(walk);
    };
    const el = find(document);
    if (el) walk(el);
    return parts.join(' ').replace(/\s+/g, ' ');
  }, tag);

/** Wait until the short animations (page fade-in, call-out pop) have finished; timers (dwell bars) run on. */
const settle = (page: Page) =>
  page.waitForFunction(
    () => {
      const roots: (Document | ShadowRoot)[] = [document];
      for (let i = 0; i < roots.length; i++) {
        roots[i]!.querySelectorAll('*').forEach((el) => el.shadowRoot && roots.push(el.shadowRoot));
      }
      return roots.every((root) =>
        root
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity || Number(a.effect?.getTiming().duration) >= 2000),
      );
    },
    { timeout: 5000, polling: 100 },
  );

/** A screenshot once the board has come to rest. */
const shoot = async (page: Page, name: string) => {
  await settle(page);
  await screenshot(page, name);
};

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test.before(async () => {
  browser = await launchBrowser();
  demo = await startTestServer();
  demoStore = demo.deps.shop.stores[0]!.id;
  await seedDemoDay(demo.service, demoStore, new Date());
});

test.after(async () => {
  for (const p of pages) await p.close().catch(() => {});
  await browser?.close();
  await demo?.close();
});

test('shows the seeded day: masked plates, masked owners, stage names and the ready car in the pickup area', async () => {
  const { page } = await openBoard(demo, `store=${demoStore}`);
  const state = await demo.service.state(demoStore);
  const onBoard = [...state.ros.values()].filter((r) =>
    ['checked_in', 'waiting_dispatch', 'in_service', 'quality_check', 'washing', 'ready'].includes(r.stage),
  );
  const ready = onBoard.filter((r) => r.stage === 'ready');
  assert.ok(ready.length >= 1, 'the demo day has a car waiting for pickup');

  const text = await waitForText(page, (t) => t.includes('在修车辆') && t.includes('可取车'));
  assert.ok(text.includes('华通奥迪北京望京4S店'), 'the shop name is in the header');
  for (const stage of ['已接车', '维修中', '质检', '洗车']) assert.ok(text.includes(stage), `stage name ${stage} is shown`);
  assert.match(text, /\d{2}:\d{2}/, 'a clock and times are shown');

  const pickup = await textOf(page, 'pickup-panel');
  for (const ro of ready) assert.ok(pickup.includes(maskPlate(ro.vehicle.plate)), `${maskPlate(ro.vehicle.plate)} is in the pickup area`);
  assert.ok(pickup.includes('请到一楼服务前台 A 区结算取车'), 'the pickup desk from the store config is shown');
  assert.match(pickup, /[\u4e00-\u9fff]先生|[\u4e00-\u9fff]女士/, 'owners are shown masked (张先生)');

  // The first page of the workshop list shows its first cars' masked plates.
  const list = await textOf(page, 'car-list');
  assert.ok(
    onBoard.some((r) => r.stage !== 'ready' && list.includes(maskPlate(r.vehicle.plate))),
    'a masked plate is in the workshop list',
  );
  // Rows are sized to be read from 4 m, so the car waiting for parts may be on a later page.
  const partsPage = await waitFor(
    'the parts wait said on a step indicator',
    async () => {
      const shown = await textOf(page, 'car-list');
      return shown.includes('等待配件') && shown;
    },
    60_000,
  );
  // The seeded part is due two hours after the seed: late in the evening that is tomorrow, and
  // the row then says the date too (配件预计 11月24日 00:15 到店).
  const partEta = onBoard.flatMap((r) => r.operations.flatMap((o) => (o.pause?.reason === 'parts' && o.pause.eta ? [o.pause.eta] : [])))[0];
  assert.ok(partEta, 'the demo day has a part on its way');
  const zone = demo.deps.shop.stores[0]!.timezone;
  const etaText =
    localDay(partEta, zone) === localDay(new Date().toISOString(), zone) ? formatTime(partEta, zone, 'zh-CN') : formatDateTime(partEta, zone, 'zh-CN');
  assert.ok(partsPage.includes(`配件预计 ${etaText} 到店`), `with the part's ETA (${etaText}) in: ${partsPage}`);

  // Cars that were already ready when the board started are not called out again.
  assert.is(await textOf(page, 'pickup-callout'), '');
  assert.equal(await spoken(page), []);

  // Legible from across the lounge: plates at least 4.5% of the screen height, nothing cut off.
  const metrics = await page.evaluate(() => {
    const all = (root: ParentNode, sel: string, out: Element[] = []): Element[] => {
      root.querySelectorAll('*').forEach((el) => {
        if (el.matches(sel)) out.push(el);
        if (el.shadowRoot) all(el.shadowRoot, sel, out);
      });
      return out;
    };
    const inRows = all(document, 'lounge-plate').filter((el) => (el.getRootNode() as ShadowRoot).host?.localName === 'car-row');
    const plates = inRows.map((el) => parseFloat(getComputedStyle(el.shadowRoot!.querySelector('.plate')!).fontSize));
    const lists = all(document, '.page').map((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    return { plates, lists, doc: { scroll: document.documentElement.scrollHeight, client: innerHeight } };
  });
  assert.ok(metrics.plates.length > 0);
  for (const px of metrics.plates) assert.ok(px >= 0.045 * FULL_HD.height, `plate font ${px}px ≥ 4.5vh`);
  for (const l of metrics.lists) assert.ok(l.scroll <= l.client + 1, `a page of rows fits its box (${l.scroll} > ${l.client})`);
  assert.ok(metrics.doc.scroll <= metrics.doc.client, 'the board never scrolls');
  await shoot(page, 'customer-board-1080p');
});

test('a car marked ready through the REST API moves to the pickup area, is called out and announced', async () => {
  const { page } = await openBoard(demo, `store=${demoStore}`);
  await waitForText(page, (t) => t.includes('在修车辆'));
  const washing = [...(await demo.service.state(demoStore)).ros.values()].find((r) => r.stage === 'washing');
  assert.ok(washing, 'the demo day has a car in the wash bay');
  const plate = maskPlate(washing!.vehicle.plate);
  assert.not.ok((await textOf(page, 'pickup-panel')).includes(plate), 'not in the pickup area yet');

  await act(demo, `/api/stores/${demoStore}/repair-orders/${washing!.id}/wash-done`);

  await waitFor('the car in the pickup area', async () => (await textOf(page, 'pickup-panel')).includes(plate));
  const callout = await waitFor('the call-out', async () => {
    const t = await textOf(page, 'pickup-callout');
    return t.includes(plate) && t;
  });
  assert.ok(callout.includes('您的爱车已可取车'));
  assert.ok(callout.includes('请到一楼服务前台 A 区结算取车'));
  assert.not.ok((await textOf(page, 'car-list')).includes(plate), 'it left the workshop list');
  // After the chime: the plate and the desk, said twice.
  const said = await waitFor('the call said twice', async () => {
    const s = await spoken(page);
    return s.length >= 2 && s;
  });
  assert.is(said.length, 2, 'said twice');
  assert.is(said[0]!.lang, 'zh-CN');
  assert.is(said[0]!.text, said[1]!.text);
  assert.match(said[0]!.text, /您的爱车已可取车。请到一楼服务前台 A 区结算取车$/);
  await shoot(page, 'customer-board-callout-1080p');

  // The call-out goes away by itself (~8 s) and the car stays in the pickup area.
  await waitFor('the call-out to end', async () => (await textOf(page, 'pickup-callout')) === '', 12_000);
  assert.ok((await textOf(page, 'pickup-panel')).includes(plate));
});

test('an English board without speech synthesis still calls the car out (and says nothing)', async () => {
  const { page } = await openBoard(demo, `store=${demoStore}&lang=en`, FULL_HD, { speech: false });
  await page.evaluate(() => {
    delete (window as { speechSynthesis?: unknown }).speechSynthesis;
    delete (Window.prototype as { speechSynthesis?: unknown }).speechSynthesis;
  });
  await waitForText(page, (t) => t.includes('In the workshop') && t.includes('Ready for pickup'));
  const qc = [...(await demo.service.state(demoStore)).ros.values()].find((r) => r.stage === 'quality_check');
  assert.ok(qc, 'the demo day has a car waiting for quality check');
  await act(demo, `/api/stores/${demoStore}/repair-orders/${qc!.id}/qc-pass`);
  await act(demo, `/api/stores/${demoStore}/repair-orders/${qc!.id}/ready`);
  const callout = await waitFor('the call-out', async () => {
    const t = await textOf(page, 'pickup-callout');
    return t.includes(maskPlate(qc!.vehicle.plate)) && t;
  });
  assert.ok(callout.includes('Your car is ready'));
  await shoot(page, 'customer-board-en-1080p');
});

test('privacy: no full plate, name, phone number or VIN in the page text or in any frame it received', async () => {
  const { page, frames } = await openBoard(demo, `store=${demoStore}`);
  await waitForText(page, (t) => t.includes('在修车辆'));
  // A change while the page is open, so frames hold deltas as well as the snapshot.
  const inService = [...(await demo.service.state(demoStore)).ros.values()].find(
    (r) => r.stage === 'in_service' && r.operations.some((o) => o.status === 'in_progress'),
  );
  assert.ok(inService);
  const op = inService!.operations.find((o) => o.status === 'in_progress')!;
  await act(demo, `/api/stores/${demoStore}/repair-orders/${inService!.id}/operations/${op.id}/pause`, {
    reason: 'parts',
    part: '机油滤芯',
    eta: new Date(Date.now() + 3600_000).toISOString(),
  });
  await waitFor('the delta frame', async () => frames.some((f) => f.includes('"delta"')));
  await new Promise((r) => setTimeout(r, 300));

  const state = await demo.service.state(demoStore);
  const secrets = new Set<string>();
  for (const r of [...state.ros.values(), ...state.appointments.values()]) {
    secrets.add(r.vehicle.plate);
    secrets.add(r.vehicle.plate.slice(2)); // the serial alone
    secrets.add(r.customer.name);
    secrets.add(r.customer.phone);
    if (r.vehicle.vin) secrets.add(r.vehicle.vin);
  }
  for (const r of state.ros.values()) if (r.trackingToken) secrets.add(r.trackingToken);
  const text = await deepText(page);
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(frames.length > 2, 'frames were captured');
  assert.ok(
    frames.some((f) => f.includes('"snapshot"')),
    'the snapshot was captured',
  );
  for (const secret of secrets) {
    assert.not.ok(text.includes(secret), `"${secret}" is in the page text`);
    assert.not.ok(html.includes(secret), `"${secret}" is in the page HTML`);
    for (const f of frames) assert.not.ok(f.includes(secret), `"${secret}" is in a websocket frame`);
  }
});

test('4K: the same layout, only sharper', async () => {
  const { page } = await openBoard(demo, `store=${demoStore}`, UHD);
  await waitForText(page, (t) => t.includes('在修车辆') && t.includes('可取车'));
  const platePx = await page.evaluate(() => {
    const row = document
      .querySelector('customer-board')!
      .shadowRoot!.querySelector('lounge-screen')!
      .shadowRoot!.querySelector('car-list')!
      .shadowRoot!.querySelector('car-row')!;
    return parseFloat(getComputedStyle(row.shadowRoot!.querySelector('lounge-plate')!.shadowRoot!.querySelector('.plate')!).fontSize);
  });
  assert.ok(platePx >= 0.045 * UHD.height, `plate font ${platePx}px at 4K`);
  await shoot(page, 'customer-board-4k');
});

test('a malformed row is logged and skipped; the rest of the board keeps showing and updating', async () => {
  const { page } = await openBoard(demo, `store=${demoStore}`);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await waitForText(page, (t) => t.includes('在修车辆'));
  const ready = [...(await demo.service.state(demoStore)).ros.values()].find((r) => r.stage === 'ready')!;
  const plate = maskPlate(ready.vehicle.plate);
  assert.ok((await textOf(page, 'pickup-panel')).includes(plate));

  // A row missing most of its fields, as a buggy server or a bad delta might send.
  await page.evaluate(() => {
    const screen = document.querySelector('customer-board')!.shadowRoot!.querySelector('lounge-screen')! as unknown as { rows: object[] };
    screen.rows = [{ id: 'broken', stage: 'washing', stageSince: new Date().toISOString() }, ...screen.rows];
  });
  await waitFor('the render error to be logged', async () => errors.some((e) => e.includes('[car-row] render failed')));
  assert.ok((await textOf(page, 'pickup-panel')).includes(plate), 'the pickup area still shows its cars');

  await act(demo, `/api/stores/${demoStore}/repair-orders/${ready.id}/deliver`);
  await waitFor('the delivered car to leave the board', async () => !(await textOf(page, 'pickup-panel')).includes(plate));
});

test('memory stays flat over thousands of updates (cars coming, moving on, becoming ready, leaving)', async () => {
  const { page } = await openBoard(demo, `store=${demoStore}`, FULL_HD, { speech: false });
  await waitForText(page, (t) => t.includes('在修车辆'));
  const cdp = await page.createCDPSession();
  /** Feed the screen a day's worth of churn directly, then let the hourly rebuild happen. */
  const churn = (n: number) =>
    page.evaluate(async (n) => {
      const screen = document.querySelector('customer-board')!.shadowRoot!.querySelector('lounge-screen')! as unknown as {
        rows: Record<string, unknown>[];
        updateComplete: Promise<unknown>;
        generation: number;
      };
      const w = window as unknown as { base?: Record<string, unknown>[]; k?: number };
      w.base ??= screen.rows.slice(0, 12);
      const stages = ['checked_in', 'waiting_dispatch', 'in_service', 'quality_check', 'washing', 'ready'];
      for (let i = 0; i < n; i++) {
        const k = (w.k = (w.k ?? 0) + 1);
        screen.rows = w.base.map((r, j) => ({
          ...r,
          id: `car-${Math.floor((k + j * 40) / 400)}-${j}`,
          stage: stages[(j + Math.floor(k / 5)) % 6],
          readyAt: new Date().toISOString(),
          partsWait: k % 3 ? undefined : { eta: new Date().toISOString() },
        }));
        await screen.updateComplete;
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
      }
      screen.generation++; // what the page turn does once an hour
    }, n);
  const measure = async () => {
    await new Promise((r) => setTimeout(r, 4500)); // the "stage moved" glow holds a row for 4 s
    await cdp.send('HeapProfiler.collectGarbage');
    return { heap: (await cdp.send('Runtime.getHeapUsage')).usedSize, nodes: (await cdp.send('Memory.getDOMCounters')).nodes };
  };
  await churn(1500);
  const before = await measure();
  await churn(3000);
  const after = await measure();
  assert.ok(after.nodes <= before.nodes * 1.25 + 300, `DOM nodes ${before.nodes} → ${after.nodes}`);
  assert.ok(after.heap <= before.heap * 1.3, `JS heap ${before.heap} → ${after.heap}`);
});

test('pages through 40 cars at the configured dwell and shows every car within one cycle', async () => {
  const shop: ShopConfig = aTestShop();
  shop.stores[0]!.pageDwellSeconds = 3;
  const server = await startTestServer({ shop });
  // Its own browser context, closed before the server: an open connection pool to a server
  // makes its close() wait about a minute.
  const context = await browser.createBrowserContext();
  try {
    const storeId = shop.stores[0]!.id;
    const plates: string[] = [];
    for (let i = 0; i < 40; i++) plates.push(maskPlate((await createRo(server, storeId)).vehicle.plate));
    assert.is(new Set(plates).size, 40, 'forty different masked plates');

    const { page } = await openBoard(server, `store=${storeId}`, FULL_HD, { context });
    const first = await waitForText(page, (t) => /第 1\/\d+ 页/.test(t));
    const pageCount = Number(/第 1\/(\d+) 页/.exec(first)![1]);
    assert.ok(pageCount >= 5, `40 cars take several pages (${pageCount})`);

    const seen = new Set<string>();
    const pagesSeen = new Set<string>();
    const deadline = Date.now() + (pageCount + 1) * 3000 + 3000;
    while (Date.now() < deadline && seen.size < plates.length) {
      const list = await textOf(page, 'car-list');
      for (const p of plates) if (list.includes(p)) seen.add(p);
      const m = /第 (\d+)\/\d+ 页/.exec(await deepText(page));
      if (m && !pagesSeen.has(m[1]!)) {
        pagesSeen.add(m[1]!);
        if (pagesSeen.size === 2) await shoot(page, 'customer-board-paging-1080p');
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.is(seen.size, plates.length, `every car shown within one cycle (missing: ${plates.filter((p) => !seen.has(p)).join(' ')})`);
    assert.ok(pagesSeen.size >= pageCount, `the indicator went through every page (${[...pagesSeen].join(',')})`);
  } finally {
    await context.close();
    await server.close();
  }
});

test.run();

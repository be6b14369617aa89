/**
 * The lounge board read the way a waiting customer reads it, 4 m from a 1080p TV: every word at
 * least 24 px, nothing cut off ("Mercedes-Be…"), owners' names masked in the page's own language
 * whatever script they were typed in, and an outage that no one can mistake for live data.
 * Screenshots to open and judge: artifacts/lobby-legible-{zh,en}.png, artifacts/lobby-stale.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { seedDemoDay } from '../../server/demo/seed';
import { launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { createRo } from '../helpers/build';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const FULL_HD = { width: 1920, height: 1080 };
/** What a customer must be able to read from 4 m on a 1080p screen. */
const MIN_PX = 24;
const PATIENCE = 60_000;

let browser: Browser;
let server: TestServer;
let storeId: string;
const pages: Page[] = [];

async function openBoard(query: string): Promise<Page> {
  const page = await browser.newPage();
  pages.push(page);
  await page.setViewport(FULL_HD);
  page.on('pageerror', (err) => console.error('[page error]', err));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  // Speech is not what these tests are about; keep the page from trying to talk.
  await page.evaluateOnNewDocument(() => Object.defineProperty(window, 'speechSynthesis', { value: undefined }));
  await page.goto(`${server.url}/display/customer?store=${storeId}&${query}`, { waitUntil: 'domcontentloaded' });
  return page;
}

/** Wait until the page fade-in and call-out pop have finished (endless and slow timers run on). */
const settle = (page: Page) =>
  page.waitForFunction(
    () => {
      const roots: (Document | ShadowRoot)[] = [document];
      for (let i = 0; i < roots.length; i++) roots[i]!.querySelectorAll('*').forEach((el) => el.shadowRoot && roots.push(el.shadowRoot));
      return roots.every((root) =>
        root
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity || Number(a.effect?.getTiming().duration) >= 2000),
      );
    },
    { timeout: PATIENCE, polling: 100 },
  );

/** Every piece of text on screen whose type is below `min` px, or which is clipped (ellipsis or overflow). */
const legibilityProblems = (page: Page, min: number) =>
  page.evaluate((min) => {
    const problems: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) roots[i]!.querySelectorAll('*').forEach((el) => el.shadowRoot && roots.push(el.shadowRoot));
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim();
        const el = node.parentElement;
        if (!text || !el || el.closest('[aria-hidden="true"]')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.top > innerHeight) continue;
        // Dropped out of a line that hides what does not fit: not on screen.
        const holder = el.closest('[data-hides-whole]');
        if (holder && box.top >= holder.getBoundingClientRect().bottom) continue;
        // Text that runs out of its column into the next one (the colour under the steps).
        const cell = el.closest('.car, .time');
        if (cell && box.right > cell.getBoundingClientRect().right + 1)
          problems.push(`runs out of its column <${el.localName} class="${el.className}">: ${text.slice(0, 40)}`);
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < min - 0.5) problems.push(`${size.toFixed(1)}px <${el.localName} class="${el.className}">: ${text.slice(0, 40)}`);
      }
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        const style = getComputedStyle(el);
        const clips = style.textOverflow === 'ellipsis' || style.overflowX === 'hidden';
        if (clips && el.textContent?.trim() && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
          problems.push(`cut off <${el.localName} class="${el.className}">: ${el.textContent.trim().slice(0, 60)} (${el.scrollWidth} > ${el.clientWidth})`);
        }
        // A second line that runs out of its row is cut off too, only at the bottom.
        // (Except a line built to drop what does not fit whole, marked data-hides-whole.)
        if (
          style.overflowY === 'hidden' &&
          !el.hasAttribute('data-hides-whole') &&
          el.textContent?.trim() &&
          el.scrollHeight > el.clientHeight + 2 &&
          el.clientHeight > 0
        ) {
          problems.push(
            `cut at the bottom <${el.localName} class="${el.className}">: ${el.textContent.trim().slice(0, 60)} (${el.scrollHeight} > ${el.clientHeight})`,
          );
        }
      }
    }
    // Step labels may run past their cell, but never into each other ("ServiceInspection").
    for (const root of roots) {
      for (const steps of root.querySelectorAll('ol.steps')) {
        const boxes = [...steps.querySelectorAll('.label')].map((l) => l.getBoundingClientRect());
        for (let i = 1; i < boxes.length; i++) {
          if (boxes[i]!.left < boxes[i - 1]!.right + 4) problems.push(`step labels touch: ${steps.textContent?.replace(/\s+/g, ' ').trim()}`);
        }
      }
    }
    return problems;
  }, min);

test.before(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  storeId = server.deps.shop.stores[0]!.id;
  await seedDemoDay(server.service, storeId, new Date());
  // Owners and cars the seed does not have: a Latin name, markup typed as a name, a long make.
  await createRo(server, storeId, {
    vehicle: { plate: '京A5E123', make: 'Mercedes-Benz', model: 'GLE 450 4MATIC', color: 'Silver' },
    customer: { name: 'Wei Zhang', phone: '13800000001', salutation: 'mr' },
    operations: [{ code: 'MNT-OIL' }],
  });
  await createRo(server, storeId, {
    vehicle: { plate: '京A7F456', make: 'Land Rover', model: 'Range Rover Evoque', color: 'White' },
    customer: { name: '<b>Smith</b>', phone: '13800000002', salutation: 'ms' },
    operations: [{ code: 'MNT-OIL' }],
  });
});

test.after(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

/** Page through the workshop list until the car with this masked plate is on screen. */
const showing = (page: Page, words: string[]) => waitForText(page, (t) => words.every((w) => t.includes(w)), PATIENCE);

for (const lang of ['zh-CN', 'en'] as const) {
  test(`${lang}: every word is at least ${MIN_PX}px at 1080p and nothing is cut off`, async () => {
    const page = await openBoard(`lang=${lang}`);
    await waitForText(page, (t) => t.includes(lang === 'en' ? 'In the workshop' : '在修车辆'), PATIENCE);
    // The newest cars come last: wait for the page that shows them, then look at it.
    await showing(page, ['Mercedes-Benz GLE 450 4MATIC']);
    await settle(page);
    const problems = await legibilityProblems(page, MIN_PX);
    await screenshot(page, `lobby-legible-${lang === 'en' ? 'en' : 'zh'}`);
    assert.equal(problems, [], problems.join('\n'));
  });
}

test('owners are masked in the page language whatever script their name was typed in, and markup never shows', async () => {
  const zh = await openBoard('lang=zh-CN');
  // The two cars may be on different pages: read each page they are on.
  const zhText = (await showing(zh, ['Mercedes-Benz GLE'])) + (await showing(zh, ['Range Rover']));
  assert.match(zhText, 'Z先生');
  assert.match(zhText, 'S女士');
  assert.not.match(zhText, /Mr\.|Ms\.|[<>]|Smith|Wei Zhang/);

  const en = await openBoard('lang=en');
  const enText = (await showing(en, ['Mercedes-Benz GLE'])) + (await showing(en, ['Range Rover']));
  assert.match(enText, 'Mr. Z.');
  assert.match(enText, 'Ms. S.');
  assert.match(enText, /(Mr|Ms)\. [\u4e00-\u9fff]/, 'a Han surname is titled in English too');
  assert.not.match(enText, /先生|女士|[<>]|Smith|Wei Zhang/);
});

test('an outage: the cars dim, the footer says since when the data stands, and nothing covers the page indicator', async () => {
  const away = await startTestServer();
  try {
    const store = away.deps.shop.stores[0]!.id;
    await seedDemoDay(away.service, store, new Date());
    const page = await browser.newPage();
    pages.push(page);
    await page.setViewport(FULL_HD);
    await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
    await page.goto(`${away.url}/display/customer?store=${store}`, { waitUntil: 'domcontentloaded' });
    const live = await waitForText(page, (t) => /第 1\/\d+ 页/.test(t), PATIENCE);
    assert.not.match(live, '数据停留在');
    const shownAt = /\d{2}:\d{2}/.exec(
      await page.evaluate(() =>
        new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date()),
      ),
    )![0];
    await away.close();
    const text = await waitForText(page, (t) => t.includes('数据停留在'), PATIENCE);
    assert.match(text, /数据停留在 \d{2}:\d{2}/);
    assert.ok(text.includes('在修车辆'), 'the last good data stays on screen');
    assert.ok(
      Math.abs(minutes(/数据停留在 (\d{2}:\d{2})/.exec(text)![1]!) - minutes(shownAt)) <= 1,
      'dated by the time the data was current, on the store clock',
    );
    await settle(page);
    const look = await page.evaluate(() => {
      const screen = document.querySelector('customer-board')!.shadowRoot!.querySelector('lounge-screen')!.shadowRoot!;
      const indicator = screen.querySelector('footer page-indicator')!;
      const box = indicator.shadowRoot!.querySelector('.text')!.getBoundingClientRect();
      const x = box.left + box.width / 2,
        y = box.top + box.height / 2;
      // elementFromPoint through shadow roots: follow each root's own answer down.
      let hit: Element | null = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return { mainOpacity: Number(getComputedStyle(screen.querySelector('main')!).opacity), indicatorFree: !!hit && indicator.shadowRoot!.contains(hit) };
    });
    assert.ok(look.mainOpacity < 0.7, `the cars are dimmed (opacity ${look.mainOpacity})`);
    assert.ok(look.indicatorFree, 'the page indicator is not covered');
    assert.equal(await legibilityProblems(page, MIN_PX), []);
    await screenshot(page, 'lobby-stale');
  } finally {
    await away.close().catch(() => undefined);
  }
});

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

test.run();

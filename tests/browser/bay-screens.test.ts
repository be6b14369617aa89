/**
 * The bay board as the people at a bay meet it (issue 18 items 7, 8, 9, 11): a portrait tablet
 * (800×1280) laid out for portrait, not a squeezed landscape; a promise that has passed shown as
 * an alarm in words; an English board saying its bay and jobs in English; and a job card scanned
 * with the board's USB scanner, worked and signed out on that shared screen, back on the board.
 * Screenshots: artifacts/bay-screens-*.png (opened and judged).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { seedDemoDay } from '../../server/demo/seed';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { asStaff } from '../helpers/build';
import { issueCode } from '../helpers/scan';
import { commitOk } from '../helpers/workshop';
import { waitDeep } from '../helpers/tap-targets';
import { axeSerious, describeFindings } from '../helpers/axe';

await buildBundles();

const HOUR = 3_600_000;
const PORTRAIT = { width: 800, height: 1280 };
const FULL_HD = { width: 1920, height: 1080 };
/** The electrical bay: the seeded day has the A/C job under way there. */
const EV_BAY = 'bay-09';

let browser: Browser;
let server: TestServer;
let storeId: string;
const errors: string[] = [];
let walking: number | undefined;
const clock = () => new Date(walking === undefined ? Date.now() : (walking += 100_000));

test.before(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ now: clock });
  storeId = server.deps.shop.stores[0]!.id;
  walking = Date.now() - 3 * HOUR;
  await seedDemoDay(server.service, storeId, new Date());
  walking = undefined;
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function bayBoard(bayId: string, viewport: { width: number; height: number }, lang?: string): Promise<Page> {
  const displayId = `bay-screen-${bayId}-${Math.random().toString(36).slice(2, 7)}`;
  await commitOk(server.service, storeId, { type: 'pairDisplay', displayId, name: displayId, board: 'bay', bayId });
  const token = server.auth.issueDisplayToken({ id: displayId, storeId, board: 'bay', bayId });
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(viewport);
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.goto(`${server.url}/display/bay/${bayId}?display=${encodeURIComponent(token)}${lang ? `&lang=${lang}` : ''}`, { waitUntil: 'domcontentloaded' });
  await waitDeep(page, 'bay-current-job');
  await new Promise((r) => setTimeout(r, 500));
  return page;
}

const roAt = async (bayId: string) =>
  [...(await server.service.state(storeId)).ros.values()].find((ro) => ro.operations.some((o) => o.bayId === bayId && o.status === 'in_progress'))!;

test('a portrait tablet at the bay: one column filling the screen top to bottom, large type, nothing cut off', async () => {
  const page = await bayBoard(EV_BAY, PORTRAIT);
  await screenshot(page, 'bay-screens-portrait');
  const m = await page.evaluate(() => {
    const board = document.querySelector('bay-board')!.shadowRoot!;
    const rect = (sel: string) => {
      const r = board.querySelector(sel)!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, width: r.width };
    };
    const job = board.querySelector('bay-current-job')!.shadowRoot!;
    const timer = job.querySelector('work-timer');
    return {
      now: rect('section.now'),
      aside: rect('aside'),
      qr: rect('bay-qr'),
      checklist: rect('bay-checklist'),
      plate: parseFloat(getComputedStyle(job.querySelector('.plate')!).fontSize),
      title: parseFloat(getComputedStyle(job.querySelector('.title')!).fontSize),
      timer: timer ? timer.getBoundingClientRect().height : 0,
      scroll: document.documentElement.scrollHeight - innerHeight,
      lowest: Math.max(...[...board.querySelectorAll('main > *, main > * > *')].map((el) => el.getBoundingClientRect().bottom)),
    };
  });
  assert.ok(m.scroll <= 0, 'the board does not scroll');
  assert.ok(m.aside!.top >= m.now!.bottom - 1, `the next job and QR sit under the job, not squeezed beside it (${JSON.stringify(m)})`);
  assert.ok(m.now!.width > PORTRAIT.width * 0.85, `the job gets the full width (${m.now!.width})`);
  assert.ok(m.lowest > PORTRAIT.height * 0.85, `content reaches the foot of the screen (${Math.round(m.lowest)} of ${PORTRAIT.height})`);
  assert.ok(m.lowest <= PORTRAIT.height + 1, 'and nothing falls off it');
  assert.ok(m.plate >= 44, `the plate is large (${m.plate}px)`);
  assert.ok(m.title >= 32, `the job title is large (${m.title}px)`);
  const cut = await page.$$eval('pierce/bay-checklist li .title', (els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
  assert.equal(cut, [], 'no job title in the checklist is cut short');
  await page.close();
});

test('a promise that has passed shows as an alarm on the bay board, in words with a sign, not plain text', async () => {
  const ro = await roAt(EV_BAY);
  const promisedAt = new Date(Date.now() - 33 * 60_000).toISOString();
  const res = await server.api('PATCH', `/api/stores/${storeId}/repair-orders/${ro.id}`, { promisedAt });
  assert.is(res.status, 200, JSON.stringify(res.body));
  const page = await bayBoard(EV_BAY, FULL_HD);
  await waitDeep(page, '.promise[data-promise="over"]');
  const text = await deepText(page);
  assert.match(text, /⚠ 已超承诺交车时间 3[3-5] 分钟（承诺 \d{2}:\d{2}）/);
  const look = await page.$eval('pierce/.promise[data-promise="over"]', (el) => ({ bg: getComputedStyle(el).backgroundColor, role: el.getAttribute('role') }));
  assert.is(look.role, 'alert');
  assert.not.equal(look.bg, 'rgba(0, 0, 0, 0)', 'it stands out from the line');
  await screenshot(page, 'bay-screens-promise-over');
  const soon = await server.api('PATCH', `/api/stores/${storeId}/repair-orders/${ro.id}`, { promisedAt: new Date(Date.now() + 20 * 60_000).toISOString() });
  assert.is(soon.status, 200);
  await waitDeep(page, '.promise[data-promise="soon"]');
  assert.match(await deepText(page), /◷ 承诺交车 \d{2}:\d{2}，还剩 (19|20) 分钟/);
  await page.close();
});

test('an English bay board names its bay and the jobs in English, and Latin text is not spaced out like Chinese', async () => {
  const page = await bayBoard(EV_BAY, FULL_HD, 'en');
  const text = await waitForText(page, (t) => t.includes('Electrical bay'));
  assert.ok(text.includes('Air-conditioning service and recharge'), "the job from the catalogue's English title");
  assert.ok(text.includes('High-voltage battery check'), 'and the checklist too');
  assert.not.ok(/空调|电器诊断位|高压电池/.test(text), `no Chinese bay name or job title: ${text.slice(0, 400)}`);
  await screenshot(page, 'bay-screens-english');
  await page.close();

  const wallId = `wall-${Math.random().toString(36).slice(2, 7)}`;
  await commitOk(server.service, storeId, { type: 'pairDisplay', displayId: wallId, name: wallId, board: 'dispatch' });
  const wall = await (await browser.createBrowserContext()).newPage();
  await wall.setViewport(FULL_HD);
  wall.on('pageerror', (err) => errors.push(String(err)));
  await wall.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await wall.goto(
    `${server.url}/display/dispatch?lang=en&display=${encodeURIComponent(server.auth.issueDisplayToken({ id: wallId, storeId, board: 'dispatch' }))}`,
  );
  await waitForText(wall, (t) => t.includes('Repair bay 3') && t.includes('Paint booth'));
  const spacing = await wall.$$eval('pierce/.empty', (els) => els.map((el) => getComputedStyle(el).letterSpacing));
  assert.ok(spacing.length > 0, 'idle lanes are shown');
  for (const s of spacing) assert.is(s, 'normal', '"Idle" is not spaced out');
  assert.not.ok(/更换|保养|机修\d号位/.test(await deepText(wall)), 'no Chinese titles or bay names on the English wall');
  await screenshot(wall, 'bay-screens-dispatch-english');
  await wall.close();
});

test('the scan page in English names the job from the catalogue in English', async () => {
  const ro = [...(await server.service.state(storeId)).ros.values()].find((r) => r.operations.some((o) => o.code === 'AC-SVC'))!;
  const op = ro.operations.find((o) => o.code === 'AC-SVC')!;
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'badge', storeId, personId: 'tech-03' })}?lang=en`);
  await waitForText(page, (t) => t.includes('Signed in'));
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'operation', storeId, roId: ro.id, operationId: op.id })}?lang=en`);
  const text = await waitForText(page, (t) => t.includes('Air-conditioning service and recharge'));
  assert.ok(text.includes('Electrical bay'), 'the bay in English');
  assert.not.ok(text.includes('空调检测'), 'not the Chinese title');
  await screenshot(page, 'bay-screens-scan-english');
  await page.close();
});

test('an English job card names the operations and bays in English, the title not spaced out', async () => {
  const ro = [...(await server.service.state(storeId)).ros.values()].find((r) => r.operations.some((o) => o.code === 'AC-SVC'))!;
  const res = await server.api('GET', `/print/job-card/${ro.id}?lang=en`, undefined, asStaff(server.auth, { roles: ['advisor'], storeIds: [storeId] }));
  assert.is(res.status, 200);
  const html = String(res.body);
  assert.ok(html.includes('Air-conditioning service and recharge') && html.includes('High-voltage battery check'), 'operation titles in English');
  assert.ok(html.includes('Electrical bay'), 'bay in English');
  assert.not.ok(html.includes('空调检测及加注冷媒'), 'not the Chinese title');
  assert.match(html, /html\[lang\|=zh\] \.title \{ letter-spacing/, 'the title is spaced only on Chinese pages');
});

/** A clock the test moves by hand, for the scan's way back to the board (no waiting on the wall clock). */
const installClock = (page: Page) =>
  page.evaluate(() => {
    type Timer = { fn: () => void; at: number };
    const timers: Timer[] = [];
    let now = Date.now();
    const clock = {
      now: () => now,
      setTimeout: (fn: () => void, ms: number) => {
        const t = { fn, at: now + ms };
        timers.push(t);
        return t;
      },
      clearTimeout: (t: unknown) => {
        const i = timers.indexOf(t as Timer);
        if (i >= 0) timers.splice(i, 1);
      },
      advance: (ms: number) => {
        now += ms;
        for (const t of timers.filter((x) => x.at <= now)) {
          timers.splice(timers.indexOf(t), 1);
          t.fn();
        }
      },
    };
    (window as unknown as { testClock: typeof clock }).testClock = clock;
    (document.querySelector('bay-board') as unknown as { scanClock: unknown }).scanClock = clock;
  });
const advance = (page: Page, ms: number) => page.evaluate((n) => (window as unknown as { testClock: { advance(ms: number): void } }).testClock.advance(n), ms);
const scanOpen = (page: Page) => page.evaluate(() => !!document.querySelector('bay-board')!.shadowRoot!.querySelector('[data-testid="bay-scan"] scan-page'));
const session = (page: Page) => page.evaluate(async () => (await fetch('/api/scan/session')).json());

test("a job card scanned at a bay board opens on the board itself: asks for a badge by the same scanner, shows the job and its actions in the board's language, and after Start — or a minute untouched — signs out and shows the board again, never leaving its address", async () => {
  const created = await server.api('POST', `/api/stores/${storeId}/repair-orders`, {
    vehicle: { plate: '京Q5T8W2', make: 'Audi', model: 'Q5L', color: 'Grey' },
    customer: { name: '王芳', phone: '13700001111', salutation: 'ms' },
    operations: [{ code: 'BAT-REP' }],
  });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const ro = created.body.data.repairOrder;
  const base = `/api/stores/${storeId}/repair-orders/${ro.id}`;
  assert.is((await server.api('POST', `${base}/send-to-workshop`, {})).status, 200);
  assert.is((await server.api('POST', `${base}/operations/${ro.operations[0].id}/assign`, { bayId: 'bay-04', technicianId: 'tech-06' })).status, 200);
  const page = await (await browser.createBrowserContext()).newPage();
  const displayId = `bay-screen-scan-${Math.random().toString(36).slice(2, 7)}`;
  await commitOk(server.service, storeId, { type: 'pairDisplay', displayId, name: displayId, board: 'bay', bayId: 'bay-04' });
  const board = `/display/bay/bay-04?display=${encodeURIComponent(server.auth.issueDisplayToken({ id: displayId, storeId, board: 'bay', bayId: 'bay-04' }))}&lang=en`;
  await page.setViewport(FULL_HD);
  page.on('pageerror', (err) => errors.push(String(err)));
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.goto(`${server.url}${board}`);
  await waitForText(page, (t) => t.includes('Repair bay 4'));
  await installClock(page);
  // A scanner types a whole code in one burst. Sent as key events inside the page, so a loaded
  // test machine cannot stretch the burst into what looks like slow human typing (the board's
  // own test types with the real keyboard).
  const scanner = (url: string) =>
    page.evaluate((text) => {
      for (const key of [...text, 'Enter']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    }, url);
  const jobCard = `${server.url}/s/${await issueCode(server, { kind: 'operation', storeId, roId: ro.id, operationId: ro.operations[0].id })}`;
  const badge = `${server.url}/s/${await issueCode(server, { kind: 'badge', storeId, personId: 'tech-06' })}`;
  const signIn = async (shot?: string) => {
    await scanner(jobCard);
    // This Chromium has no camera, like most wall screens: the badge goes through the bay's scanner, and no button offers a camera.
    await waitForText(page, (t) => t.includes("Scan your badge with the bay's scanner") && t.includes('Shared bay screen'));
    assert.not.ok(await page.$('pierce/button[data-action="badge"]'), 'no camera button on a screen without a camera');
    if (shot) await screenshot(page, shot);
    await new Promise((r) => setTimeout(r, 300)); // the scanner's next burst, not one long one
    await scanner(badge);
    await waitForText(page, (t) => t.includes('Battery replacement') && t.includes('Start'), 20_000);
  };

  // 1. Untouched for a minute: signed out, back to the board.
  await signIn('bay-screens-scan-asks-badge');
  assert.ok(await scanOpen(page), 'the job opens over the board');
  assert.is((await session(page)).data?.personId, 'tech-06', 'the badge signed the technician in');
  await advance(page, 59_000);
  assert.ok(await scanOpen(page), 'still open a second before the minute is up');
  await advance(page, 1_000);
  await page.waitForFunction(() => !document.querySelector('bay-board')!.shadowRoot!.querySelector('[data-testid="bay-scan"]'), { polling: 100 });
  assert.is((await session(page)).data, null, 'after a minute untouched nobody is signed in');

  // 2. Start: done, signed out, back to the board after the "started" message.
  await signIn();
  await screenshot(page, 'bay-screens-scan-job');
  assert.not.ok(await page.$('pierce/button[data-action="scan"]'), 'no "scan next" camera button');
  assert.match(await deepText(page), /Scan the next job card with the bay's scanner/);
  const findings = await axeSerious(page);
  assert.equal(findings, [], `axe on the job open over the board: ${describeFindings(findings)}`);
  const start = (await page.$(`pierce/article[data-operation="${ro.operations[0].id}"] button[data-action="startOperation"]`))!;
  await start.click();
  await waitForText(page, (t) => /started/i.test(t));
  await screenshot(page, 'bay-screens-scan-started');
  assert.ok(await scanOpen(page), 'the message stays to be read');
  await advance(page, 4_000);
  await page.waitForFunction(() => !document.querySelector('bay-board')!.shadowRoot!.querySelector('[data-testid="bay-scan"]'), { polling: 100 });
  await waitForText(page, (t) => t.includes('Repair bay 4') && t.includes('Battery replacement'));
  await screenshot(page, 'bay-screens-scan-back');
  const state = await server.service.state(storeId);
  assert.is(state.ros.get(ro.id)!.operations[0].status, 'in_progress', 'the action was done');
  assert.is((await session(page)).data, null, 'nobody is left signed in on the shared screen');
  assert.equal(navigations, [`${server.url}${board}`], 'the board never left its address (its ?lang=en included)');
  assert.is(new URL(page.url()).searchParams.get('lang'), 'en');
  await page.close();
});

test('no page threw', () => {
  assert.equal(errors, []);
});

test.run();

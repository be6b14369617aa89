/**
 * The dispatch board (调度看板) in a real Chromium against the real server and the seeded demo
 * day: what the wall screen shows, a REST change reaching both the dispatch and the bay board,
 * a dispatcher assigning a job and setting priority/promise through the UI, an API refusal shown
 * in the page, and a paired wall screen without any controls.
 * Screenshots: artifacts/dispatch-board-*.png.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { seedDemoDay } from '../../server/demo/seed';
import type { Role } from '../../shared/domain/people';
import type { RepairOrder } from '../../shared/domain/repair-order';
import { launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act } from '../helpers/build';
import { startTestServer, type TestServer } from '../helpers/server';
import { commitOk } from '../helpers/workshop';

await buildBundles();

const FULL_HD = { width: 1920, height: 1080 };
const HOUR = 3_600_000;

let browser: Browser;
let server: TestServer;
let storeId: string;
const pages: Page[] = [];
const pageErrors: string[] = [];

/**
 * The seed runs on a clock that walks through the last three hours (100 s per event), so the
 * day on screen has real elapsed times, waits and overdue stages instead of everything at 0:00.
 */
let walking: number | undefined;
const clock = () => new Date(walking === undefined ? Date.now() : (walking += 100_000));

async function open(path: string, viewport = FULL_HD): Promise<Page> {
  const page = await browser.newPage();
  pages.push(page);
  await page.setViewport(viewport);
  page.on('pageerror', (err) => pageErrors.push(`${path}: ${err}`));
  // tsx compiles with keepNames, so functions sent to the page call esbuild's `__name` helper.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
  return page;
}

/** A paired wall screen: the display is paired as a store event, then given its token. */
async function pairedBoard(board: 'dispatch' | 'bay', bayId?: string, lang?: string): Promise<Page> {
  const displayId = `screen-${board}-${bayId ?? 'wall'}-${Math.random().toString(36).slice(2, 7)}`;
  await commitOk(server.service, storeId, { type: 'pairDisplay', displayId, name: displayId, board, ...(bayId ? { bayId } : {}) });
  const token = server.auth.issueDisplayToken({ id: displayId, storeId, board, ...(bayId ? { bayId } : {}) });
  const path = board === 'dispatch' ? '/display/dispatch' : `/display/bay/${bayId}`;
  return open(`${path}?display=${encodeURIComponent(token)}${lang ? `&lang=${lang}` : ''}`);
}

/** A staff member's browser: a one-time sign-in link sets the session cookie, then the board. */
async function signedInBoard(roles: Role[], name = '调度员小王'): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  pages.push(page);
  await page.setViewport(FULL_HD);
  page.on('pageerror', (err) => pageErrors.push(`staff board: ${err}`));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  const link = server.auth.issueOneTimeLogin({ id: `staff-${roles.join('-')}`, name, roles, storeIds: [storeId] });
  await page.goto(`${server.url}/auth/one-time/${link}?next=${encodeURIComponent('/display/dispatch')}`, { waitUntil: 'domcontentloaded' });
  return page;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A selector through shadow roots: `deep('dispatch-queue', 'li')` is `dispatch-board >>> dispatch-queue >>> li`. */
const deep = (...parts: string[]) => ['dispatch-board', ...parts].join(' >>> ');

/** Text inside one element, through shadow roots. */
const textAt = async (page: Page, selector: string) => {
  const el = await page.$(selector);
  if (!el) return '';
  return el.evaluate((node) => {
    const parts: string[] = [];
    const walk = (n: Node) => {
      if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
      if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
      n.childNodes.forEach(walk);
    };
    walk(node);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
};

const laneText = (page: Page, bayId: string) => textAt(page, deep(`article[data-bay="${bayId}"]`));

/**
 * Count renders from now on: the board's own, and each bay lane's and work timer's (by bay).
 * Instance methods wrap the prototype's, so this watches the real elements on the page.
 */
const watchRenders = (page: Page) =>
  page.evaluate(() => {
    const counts = { board: 0, lanes: {} as Record<string, number>, timers: 0 };
    (window as unknown as { renders: typeof counts }).renders = counts;
    const all = (root: ParentNode, tag: string, out: Element[] = []): Element[] => {
      root.querySelectorAll('*').forEach((el) => {
        if (el.localName === tag) out.push(el);
        if (el.shadowRoot) all(el.shadowRoot, tag, out);
      });
      return out;
    };
    const wrap = (el: Element, bump: () => void) => {
      const target = el as unknown as { render: () => unknown };
      const render = target.render.bind(el);
      target.render = () => {
        bump();
        return render();
      };
    };
    wrap(document.querySelector('dispatch-board')!, () => counts.board++);
    for (const lane of all(document, 'bay-lane')) {
      const bay = (lane as unknown as { lane: { bay: { id: string } } }).lane.bay.id;
      counts.lanes[bay] = 0;
      wrap(lane, () => counts.lanes[bay]++);
    }
    for (const timer of all(document, 'work-timer')) wrap(timer, () => counts.timers++);
  });
const renders = (page: Page) =>
  page.evaluate(() => (window as unknown as { renders: { board: number; lanes: Record<string, number>; timers: number } }).renders);

const ros = async () => [...(await server.service.state(storeId)).ros.values()];
const roOf = async (plate: string): Promise<RepairOrder> => {
  const ro = (await ros()).find((r) => r.vehicle.plate === plate && !['delivered', 'cancelled', 'no_show'].includes(r.stage));
  if (!ro) throw new Error(`no open repair order for ${plate}`);
  return ro;
};

test.before(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ now: clock, alarms: true });
  storeId = server.deps.shop.stores[0]!.id;
  walking = Date.now() - 3 * HOUR;
  await seedDemoDay(server.service, storeId, new Date());
  walking = undefined;
  // The server's detector looks once at the walked day (stage limits are its alarms now).
  await server.alarms!.tick();
});

test.after(async () => {
  for (const p of pages) await p.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

test('a paired wall screen shows the seeded day: a lane per bay, the queue, parts waits, alarms and counters, and no controls', async () => {
  const page = await pairedBoard('dispatch');
  const store = server.deps.shop.stores[0]!;
  const text = await waitForText(page, (t) => t.includes('待派工') && t.includes('机修1号位'));

  for (const bay of store.bays) assert.ok(text.includes(bay.name), `a lane for ${bay.name}`);
  assert.ok(text.includes('华通奥迪北京望京4S店'), 'the store is named');
  for (const counter of ['今日进厂', '今日交车', '准时交车率', '平均维修周期']) assert.ok(text.includes(counter), counter);

  // The car in the electrical bay: full plate (staff only), RO number, job, technician, timer.
  const han = await roOf('京AD73918');
  const ev = await laneText(page, 'bay-09');
  for (const part of ['京AD73918', han.number, '空调检测及加注冷媒', '张伟', '作业中', '/ 标准 1:00'])
    assert.ok(ev.includes(part), `electrical lane shows ${part}: ${ev}`);
  assert.match(ev, /\d:\d{2}:\d{2}/, 'a running stopwatch');

  // The paint booth has the GL8's paint job queued next.
  assert.match(await laneText(page, 'bay-11'), /下一个 冀R3K778 喷漆（单面）/);

  // Queue: the Passat waits for dispatch with its two jobs; the parts wait names its part and ETA.
  const queue = await textAt(page, deep('dispatch-queue'));
  assert.ok(queue.includes('冀F8M223') && queue.includes('更换前刹车片') && queue.includes('更换刹车油'), queue);
  assert.match(await textAt(page, deep('parts-wait-list')), /京K1R7B3 变速箱油滤芯总成（原厂）.*预计 \d{2}:\d{2} 到货/);

  // The walked clock left cars past their stage limits; the car in quality check is among them.
  assert.match(await textAt(page, deep('overdue-alarm-list')), /超时警报 \d+ .*已 .*（上限 \d+ 分钟）/);
  const alarms = await page.$eval(deep('overdue-alarm-list'), (el) => (el as unknown as { alarms: { kind: string; alarm?: { stage?: string } }[] }).alarms);
  assert.ok(
    alarms.some((a) => a.kind === 'stage_overdue' && a.alarm?.stage === 'quality_check'),
    JSON.stringify(alarms),
  );

  // A wall screen is read-only: not one button anywhere, and /api/me was never needed.
  assert.is((await page.$$('pierce/button')).length, 0, 'no action controls on a paired screen');

  // Legible and nothing cut off: lanes fit their boxes, the page does not scroll, plates are big.
  const m = await page.evaluate(() => {
    const all = (root: ParentNode, sel: string, out: Element[] = []): Element[] => {
      root.querySelectorAll('*').forEach((el) => {
        if (el.matches(sel)) out.push(el);
        if (el.shadowRoot) all(el.shadowRoot, sel, out);
      });
      return out;
    };
    return {
      lanes: all(document, 'article.lane').map((el) => el.scrollHeight - el.clientHeight),
      plates: all(document, '.car .plate').map((el) => parseFloat(getComputedStyle(el).fontSize)),
      scroll: document.documentElement.scrollHeight - innerHeight,
    };
  });
  assert.is(m.lanes.length, store.bays.length);
  for (const over of m.lanes) assert.ok(over <= 1, `a lane overflows by ${over}px`);
  assert.ok(m.scroll <= 0, 'the board does not scroll');
  for (const px of m.plates) assert.ok(px >= 28, `lane plates are ${px}px (≥ 28px at 1080p)`);
  await screenshot(page, 'dispatch-board-1080p');
});

test('the seconds tick only the timers: the board and its lanes do not re-render for time', async () => {
  const page = await pairedBoard('dispatch');
  await waitForText(page, (t) => t.includes('待派工'));
  await sleep(500);
  // The board itself re-renders on the half minute (…:00, …:30) for waiting times and alarms:
  // watch a stretch of seconds that does not cross one.
  const toHalfMinute = 30_000 - (Date.now() % 30_000);
  if (toHalfMinute < 4_000) await sleep(toHalfMinute + 300);
  await watchRenders(page);
  await sleep(3200);
  const r = await renders(page);
  assert.ok(r.timers >= 2 * 4, `the four running timers ticked (${r.timers} renders)`);
  assert.is(r.board, 0, 'the board did not re-render');
  assert.equal(
    Object.values(r.lanes).filter((n) => n > 0),
    [],
    'no lane re-rendered',
  );
});

test('an English wall screen says it in English', async () => {
  const page = await pairedBoard('dispatch', undefined, 'en');
  const text = await waitForText(page, (t) => t.includes('Dispatch board'));
  for (const s of ['Waiting for dispatch', 'Waiting for parts', 'Cars in today', 'Next']) assert.ok(text.includes(s), s);
});

test("a job started through the REST API shows on the dispatch board and on that bay's board", async () => {
  const modelY = await roOf('京ADF5023');
  const tyres = modelY.operations.find((o) => o.status === 'assigned')!;
  const bayId = tyres.bayId!;
  const wall = await pairedBoard('dispatch');
  const bay = await pairedBoard('bay', bayId);
  await waitFor('the lane with its next job', async () => (await laneText(wall, bayId)).includes('下一个 京ADF5023'));
  await waitForText(bay, (t) => t.includes('京ADF5023') && t.includes('等待开工'));

  await watchRenders(wall);
  await act(server, `/api/stores/${storeId}/repair-orders/${modelY.id}/operations/${tyres.id}/start`);

  const lane = await waitFor('the lane to show the work', async () => {
    const t = await laneText(wall, bayId);
    return t.includes('作业中') && t.includes('京ADF5023') && t;
  });
  assert.ok(lane.includes(tyres.title));
  assert.match(lane, /0:0\d:\d{2}/, 'a fresh stopwatch');
  // The update touched only the lane that changed.
  const r = await renders(wall);
  assert.ok(r.board >= 1, 'the board re-rendered for the delta');
  assert.ok(r.lanes[bayId]! >= 1, 'the changed lane re-rendered');
  assert.equal(
    Object.entries(r.lanes).filter(([bay, n]) => bay !== bayId && n > 0),
    [],
    'no other lane re-rendered',
  );
  const bayText = await waitForText(bay, (t) => t.includes('作业中') && t.includes('标准工时 1:00'));
  assert.ok(bayText.includes('京ADF5023') && bayText.includes('更换轮胎（四条）'));
});

test('a signed-in dispatcher assigns a queued job to a bay and technician, and the lane shows it', async () => {
  const passat = await roOf('冀F8M223');
  const pads = passat.operations.find((o) => o.code === 'BRK-PAD-F')!;
  const page = await signedInBoard(['dispatcher']);
  await waitForText(page, (t) => t.includes('已登录：调度员小王') && t.includes('冀F8M223'));

  await page.click(`pierce/button[data-action="assign"][data-op="${pads.id}"]`);
  await page.waitForSelector(deep('assign-dialog', 'dialog[open]'), { visible: true });
  await page.click('pierce/button[data-bay="bay-03"]');
  await page.click('pierce/button[data-tech="tech-03"]');
  await page.click(deep('assign-dialog', 'button[data-action="submit"]'));

  const lane = await waitFor('the lane to show the new job', async () => {
    const t = await laneText(page, 'bay-03');
    return t.includes('冀F8M223') && t;
  });
  assert.match(lane, /下一个 冀F8M223 更换前刹车片 · 张伟/);
  assert.is(await page.$(deep('assign-dialog')), null, 'the dialog closed');
  const after = (await roOf('冀F8M223')).operations.find((o) => o.id === pads.id)!;
  assert.is(after.status, 'assigned');
  assert.is(after.bayId, 'bay-03');
  assert.is(after.technicianId, 'tech-03');

  // The job left the queue's buttons; only the brake fluid is still offered for assignment.
  await waitFor('the queue to update', async () => !(await page.$(`pierce/button[data-action="assign"][data-op="${pads.id}"]`)));
  assert.ok(await page.$(`pierce/button[data-action="assign"][data-op="${passat.operations.find((o) => o.code === 'BRK-FLUID')!.id}"]`));
  await screenshot(page, 'dispatch-board-desk-1080p');
});

test('a dispatcher sets priority and promised time (on the store clock), and the queue shows them', async () => {
  const camry = await roOf('京P3L9A1');
  const page = await signedInBoard(['dispatcher']);
  await waitForText(page, (t) => t.includes('京P3L9A1'));
  await page.click(deep('dispatch-queue', `button[data-action="edit"][data-ro="${camry.id}"]`));
  await page.waitForSelector(deep('edit-dialog', 'dialog[open]'), { visible: true });
  await page.click('pierce/button[data-priority="urgent"]');
  // Tomorrow 17:30 in Beijing, chosen in the day / hour / minute selects (on the store's clock).
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 24 * HOUR));
  const field = (part: string) => deep('edit-dialog', 'zoned-datetime-field', `select[name="promised-${part}"]`);
  await (await page.$(field('day')))!.select(tomorrow);
  await (await page.$(field('hour')))!.select('17');
  await (await page.$(field('minute')))!.select('30');
  await page.click(deep('edit-dialog', 'button[data-action="submit"]'));

  await waitFor('the queue row to show it', async () => {
    const t = await textAt(page, deep('dispatch-queue', `li[data-ro="${camry.id}"]`));
    return t.includes('特急') && t.includes('承诺 17:30');
  });
  const after = await roOf('京P3L9A1');
  assert.is(after.priority, 'urgent');
  assert.is(after.promisedAt && new Date(after.promisedAt).toISOString(), new Date(`${tomorrow}T17:30:00+08:00`).toISOString());
  // Urgent goes to the head of the queue.
  const first = await page.$eval(deep('dispatch-queue', 'li[data-ro]'), (el) => el.getAttribute('data-ro'));
  assert.is(first, camry.id);
});

test('a refusal from the API is shown in the page, and nothing changes', async () => {
  // Signed in, but as a technician: the server refuses assignment (dispatchers only).
  const c260 = await roOf('京HJ7562');
  const op = c260.operations.find((o) => o.status === 'unassigned')!;
  const page = await signedInBoard(['technician'], '技师老周');
  await waitForText(page, (t) => t.includes('京HJ7562'));
  await page.click(`pierce/button[data-action="assign"][data-op="${op.id}"]`);
  await page.waitForSelector(deep('assign-dialog', 'dialog[open]'), { visible: true });
  await page.click('pierce/button[data-bay="bay-06"]');
  await page.click(deep('assign-dialog', 'button[data-action="submit"]'));

  const alert = await waitFor('the error in the dialog', async () => {
    const t = await textAt(page, deep('assign-dialog', '[role="alert"]'));
    return t.includes('操作未成功') && t;
  });
  assert.ok(alert.includes('您没有权限执行此操作'), alert);
  assert.ok(alert.includes('forbidden'), "the server's code and message are kept as the detail");
  assert.ok(await page.$(deep('assign-dialog', 'dialog[open]')), 'the dialog stays open to try again or cancel');
  assert.is((await roOf('京HJ7562')).operations.find((o) => o.id === op.id)!.status, 'unassigned');
  await screenshot(page, 'dispatch-board-error-1080p');
});

// 70 KB since the desk's add-on work (the proposal dialog and the pending list, about 7 KB gzip)
// joined the board: 59.6 KB before it. The wall screen loads it once; the desk's dialogs are the
// next thing to load apart if it must shrink.
test('the page bundle stays under 70 KB gzip and carries no zod', () => {
  const js = readFileSync('dist/dispatch-board.js');
  const size = gzipSync(js).length;
  assert.ok(size <= 70 * 1024, `dispatch-board.js is ${size} bytes gzip`);
  assert.not.ok(js.includes('ZodError'), 'zod is not in the bundle');
});

test('no page threw', () => {
  assert.equal(pageErrors, []);
});

test.run();

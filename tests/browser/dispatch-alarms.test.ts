/**
 * The whole workshop on the dispatch board, and the server's alarms on it: a store where every
 * kind of alarm is open (raised by the real detector), cars in QC, washing and ready, a cancelled
 * walk-in; seen on a paired 1920×1080 wall and a dispatcher's 1366×768 desk, and on the bay board.
 * Also: the chime plays for a new call, not for what was open at load, and stays off once switched off.
 *
 * Screenshots to open and judge: artifacts/dispatch-alarms-wall-1920.png,
 * artifacts/dispatch-alarms-desk-1366.png, artifacts/dispatch-alarms-bay.png.
 */
import type { Browser, Page } from 'puppeteer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadShopConfig } from '../../server/config';
import { localDate } from '../../shared/domain/local-date';
import type { Command } from '../../shared/workflow/commands';
import { axeSerious, describeFindings } from '../helpers/axe';
import { launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { buildBundles } from '../../scripts/build';
import { startTestServer, type TestServer } from '../helpers/server';
import { tapProblems } from '../helpers/tap-targets';
import { aNewRepairOrder, commitOk } from '../helpers/workshop';

await buildBundles();

const MIN = 60_000;
let browser: Browser;
let server: TestServer;
let storeId: string;
const pageErrors: string[] = [];

// The service's clock: set back for the commits that set the scene, the real one otherwise.
let pinned: number | undefined;
const clock = () => new Date(pinned ?? Date.now());
const ago = async (minutes: number, command: Command) => {
  pinned = Date.now() - minutes * MIN;
  try {
    return await commitOk(server.service, storeId, command);
  } finally {
    pinned = undefined;
  }
};

/** Store-local HH:MM of an instant (the store is in Asia/Shanghai, no DST). */
const hhmm = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);

let plateNo = 0;
const car = (ops: { id: string; code: string; title: string; standardHours: number }[]) =>
  aNewRepairOrder({ vehicle: { plate: `京A${String(70000 + ++plateNo)}`, make: 'Audi', model: 'A4L', color: '白' }, operations: ops });

/** A car taken through its jobs to the given stage, minutes ago. */
async function carIn(stage: 'quality_check' | 'washing' | 'ready', minutesAgo: number) {
  const ro = car([{ id: `op-${plateNo + 1}`, code: 'MNT-OIL', title: '更换机油机滤', standardHours: 0.5 }]);
  const op = ro.operations[0].id;
  await ago(minutesAgo + 60, ro);
  await ago(minutesAgo + 59, { type: 'startOperation', roId: ro.roId, operationId: op, bayId: 'bay-06', technicianId: 'tech-04' });
  await ago(minutesAgo, { type: 'finishOperation', roId: ro.roId, operationId: op });
  if (stage !== 'quality_check') await ago(minutesAgo, { type: 'qcPass', roId: ro.roId });
  if (stage === 'ready') await ago(minutesAgo, { type: 'washDone', roId: ro.roId });
}

test.before(async () => {
  const shop = loadShopConfig();
  const store = shop.stores[0];
  const now = Date.now();
  // Shifts relative to now, so the scene is the same at any hour: tech-03's ended an hour ago
  // (his clock is still running), everyone else's runs for six more hours.
  const around = { start: hhmm(now - 6 * 60 * MIN), end: hhmm(now + 6 * 60 * MIN) };
  store.teams = store.teams.map((t) => ({ ...t, shift: around }));
  store.technicians = store.technicians.map((t) => (t.id === 'tech-03' ? { ...t, shift: { start: hhmm(now - 9 * 60 * MIN), end: hhmm(now - 60 * MIN) } } : t));
  browser = await launchBrowser();
  server = await startTestServer({ shop, now: clock, alarms: true });
  storeId = store.id;

  // Over 1.5 × standard hours: a 0.5 h oil change at bay 1 for an hour.
  const overrun = car([{ id: 'op-over', code: 'MNT-OIL', title: '更换机油机滤', standardHours: 0.5 }]);
  await ago(70, overrun);
  await ago(60, { type: 'startOperation', roId: overrun.roId, operationId: 'op-over', bayId: 'bay-01', technicianId: 'tech-01' });
  // A clock running past the shift: tech-03 at bay 3 since before his shift ended.
  const late = car([{ id: 'op-late', code: 'DIAG', title: '故障诊断', standardHours: 8 }]);
  await ago(100, late);
  await ago(90, { type: 'startOperation', roId: late.roId, operationId: 'op-late', bayId: 'bay-03', technicianId: 'tech-03' });
  // A part that should have come twenty minutes ago (it was promised for then, an hour ago).
  const parts = car([{ id: 'op-parts', code: 'BRK-PAD-F', title: '更换前刹车片', standardHours: 1.2 }]);
  await ago(80, parts);
  await ago(75, { type: 'startOperation', roId: parts.roId, operationId: 'op-parts', bayId: 'bay-02', technicianId: 'tech-02' });
  await ago(60, {
    type: 'pauseOperation',
    roId: parts.roId,
    operationId: 'op-parts',
    pause: { reason: 'parts', part: '前刹车片（原厂）', eta: new Date(now - 20 * MIN).toISOString() },
  });
  // Work in progress that is fine, and the queue.
  const fine = car([{ id: 'op-fine', code: 'MNT-40K', title: '4万公里保养', standardHours: 2.5 }]);
  await ago(30, fine);
  await ago(25, { type: 'startOperation', roId: fine.roId, operationId: 'op-fine', bayId: 'bay-04', technicianId: 'tech-05' });
  for (const minutes of [15, 5]) {
    const queued = car([{ id: `op-q${minutes}`, code: 'BRK-FLUID', title: '更换刹车油', standardHours: 0.6 }]);
    await ago(minutes, queued);
    await ago(minutes, { type: 'sendToWorkshop', roId: queued.roId });
  }
  // After the bays: QC (one past its 30-minute limit), washing, ready for pickup.
  for (const [stage, minutes] of [
    ['quality_check', 50],
    ['quality_check', 8],
    ['quality_check', 3],
    ['washing', 12],
    ['washing', 4],
    ['ready', 95],
    ['ready', 40],
    ['ready', 20],
    ['ready', 2],
  ] as const)
    await carIn(stage, minutes);
  // A walk-in who left: checked in today, cancelled, so not one of 今日进厂.
  const left = car([{ id: 'op-left', code: 'MNT-OIL', title: '更换机油机滤', standardHours: 0.5 }]);
  await ago(40, left);
  await ago(35, { type: 'cancel', roId: left.roId, reason: '客户不等了' });
  // A customer at the kiosk, unanswered for six minutes.
  await ago(6, { type: 'callAdvisor', callId: 'call-old', kioskId: 'K1' });
  await server.alarms!.tick();
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(path: string, viewport: { width: number; height: number }, context = browser.defaultBrowserContext()): Promise<Page> {
  const page = await context.newPage();
  await page.setViewport(viewport);
  page.on('pageerror', (err) => pageErrors.push(`${path}: ${err}`));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
  return page;
}

async function wall(viewport = { width: 1920, height: 1080 }, query = ''): Promise<Page> {
  const displayId = `wall-${Math.random().toString(36).slice(2, 7)}`;
  await commitOk(server.service, storeId, { type: 'pairDisplay', displayId, name: displayId, board: 'dispatch' });
  const token = server.auth.issueDisplayToken({ id: displayId, storeId, board: 'dispatch' });
  return openPage(`/display/dispatch?display=${encodeURIComponent(token)}${query}`, viewport);
}

async function desk(viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.createBrowserContext();
  const link = server.auth.issueOneTimeLogin({ id: 'disp-01', name: '赵磊', roles: ['dispatcher'], storeIds: [storeId] });
  return openPage(`/auth/one-time/${link}?next=${encodeURIComponent('/display/dispatch')}`, viewport, context);
}

const KINDS = ['呼叫未应答', '下班未停钟', '超工时', '配件逾期', '停留超时'];

/** The numbers the board shows, read through shadow roots. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const all = (root: ParentNode, sel: string, out: Element[] = []): Element[] => {
      root.querySelectorAll('*').forEach((el) => {
        if (el.matches(sel)) out.push(el);
        if (el.shadowRoot) all(el.shadowRoot, sel, out);
      });
      return out;
    };
    const text = (el: Element | undefined) => {
      if (!el) return '';
      const parts: string[] = [];
      const walk = (n: Node) => {
        if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
        if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
        n.childNodes.forEach(walk);
      };
      walk(el);
      return parts.join(' ').replace(/\s+/g, ' ').trim();
    };
    const columns = all(document, 'after-work-column').map((el) => ({
      text: text(el),
      rect: el.getBoundingClientRect().toJSON(),
      overflow: (() => {
        const ol = el.shadowRoot?.querySelector('ol');
        return ol ? ol.scrollHeight - ol.clientHeight : 0;
      })(),
      plateSize: parseFloat(getComputedStyle(el.shadowRoot!.querySelector('.plate') ?? el).fontSize),
    }));
    return {
      kinds: all(document, '[data-testid="alarm-kinds"] .kind').map((el) => text(el)),
      alarmText: text(all(document, 'overdue-alarm-list')[0]),
      carsIn: text(all(document, '[data-counter="cars-in"] .value')[0]),
      columns,
      scroll: document.scrollingElement!.scrollHeight - innerHeight,
      buttons: all(document, 'button').length,
    };
  });

test('a wall at 1920×1080 shows QC / washing / ready with waiting times, every alarm kind with its count, and 今日进厂 without the cancelled car', async () => {
  const page = await wall();
  await waitForText(page, (t) => KINDS.every((k) => t.includes(k)) && t.includes('待取车'), 20_000);
  const m = await measure(page);
  await screenshot(page, 'dispatch-alarms-wall-1920');
  for (const kind of KINDS)
    assert.ok(
      m.kinds.some((k) => k.startsWith(kind)),
      `${kind} counted: ${m.kinds.join(' | ')}`,
    );
  assert.ok(
    m.kinds.some((k) => /^停留超时 \d+$/.test(k)),
    m.kinds.join(' | '),
  );
  // A wall pages through a long alarm list: the rows themselves are read on the desk, which scrolls.
  assert.match(m.alarmText, /^超时警报 5 /);
  // Every car after the bays, in its column with its wait: 3 in QC, 2 washing, 4 ready.
  assert.equal(
    m.columns.map((c) => c.text.match(/^\S+ (\d+)/)?.[1]),
    ['3', '2', '4'],
    m.columns.map((c) => c.text).join(' | '),
  );
  assert.match(m.columns[0].text, /^质检中 3 .*京A7\d{4} ⚠ 50 分钟/);
  assert.match(m.columns[2].text, /^待取车 4 .*京A7\d{4} 95 分钟/);
  for (const c of m.columns) assert.ok(c.overflow <= 2, `a column's cars fit: ${c.text}`);
  for (const c of m.columns) assert.ok(c.plateSize >= 18, `plates legible at 5 m: ${c.plateSize}px`);
  // Checked in today (the store's day; near midnight some of the scene was yesterday), less the cancelled one.
  const today = localDate(Date.now(), 'Asia/Shanghai');
  const ros = [...(await server.service.state(storeId)).ros.values()].filter((ro) => ro.checkedInAt && localDate(ro.checkedInAt, 'Asia/Shanghai') === today);
  assert.ok(ros.some((ro) => ro.stage === 'cancelled') || ros.length < 16, "the cancelled walk-in is among today's");
  assert.is(m.carsIn, String(ros.filter((ro) => ro.stage !== 'cancelled').length));
  assert.is(m.scroll, 0, 'the wall does not scroll');
  assert.is(m.buttons, 0, 'a paired wall has no controls');
  const findings = await axeSerious(page);
  assert.equal(findings, [], describeFindings(findings));
  await page.close();
});

test('a desk at 1366×768 shows the strip and the alarms, and no panel covers a button', async () => {
  const page = await desk();
  await waitForText(page, (t) => KINDS.every((k) => t.includes(k)) && t.includes('改到货时间') && t.includes('提示音'), 20_000);
  const m = await measure(page);
  await screenshot(page, 'dispatch-alarms-desk-1366');
  assert.equal(m.columns.length, 3);
  assert.match(m.alarmText, /超工时 京A7\d{4} ⚠ 更换机油机滤已做 1 小时/);
  assert.match(m.alarmText, /下班未停钟 京A7\d{4} ⚠ 张伟下班（\d\d:\d\d）后仍计时/);
  assert.match(m.alarmText, /配件逾期 京A7\d{4} ⚠ 前刹车片（原厂）超预计到货/);
  assert.match(m.alarmText, /呼叫未应答 ⚠ 自助机 K1 顾客等顾问已 6 分钟/);
  assert.match(m.alarmText, /停留超时 京A7\d{4} ⚠ 质检中已 50 分钟（上限 30 分钟）/);

  for (const c of m.columns) assert.ok(c.rect.bottom <= 768 && c.rect.height > 60, `the strip is on screen: ${JSON.stringify(c.rect)}`);
  assert.equal(await tapProblems(page), [], 'every button can be tapped');
  const findings = await axeSerious(page);
  assert.equal(findings, [], describeFindings(findings));
  await page.browserContext().close();
});

test("the bay board shows its own alarm, not another bay's", async () => {
  const displayId = 'bay-01-screen';
  await commitOk(server.service, storeId, { type: 'pairDisplay', displayId, name: displayId, board: 'bay', bayId: 'bay-01' });
  const token = server.auth.issueDisplayToken({ id: displayId, storeId, board: 'bay', bayId: 'bay-01' });
  const page = await openPage(`/display/bay/bay-01?display=${encodeURIComponent(token)}`, { width: 1920, height: 1080 });
  const text = await waitForText(page, (t) => t.includes('超工时'), 20_000);
  await screenshot(page, 'dispatch-alarms-bay');
  assert.match(text, /超工时 1 .*更换机油机滤已做 1 小时/);
  assert.not.ok(text.includes('下班未停钟') || text.includes('配件逾期'), "other bays' alarms stay on their boards");
  await page.close();
});

test('the chime plays for a new call, not for the alarms open at load; switched off it stays off after a reload', async () => {
  const page = await wall({ width: 1920, height: 1080 }, '&chime=on');
  await waitForText(page, (t) => t.includes('呼叫未应答'), 20_000);
  const chimes = () => page.evaluate(() => (window as unknown as { __twChimes?: number }).__twChimes ?? 0);
  assert.is(await chimes(), 0, 'what was open when the page loaded is old news');
  await commitOk(server.service, storeId, { type: 'callAdvisor', callId: 'call-new', kioskId: 'K2' });
  await waitForText(page, (t) => t.includes('K2'), 20_000);
  assert.is(await chimes(), 1, 'a new call chimes once');

  const staff = await desk({ width: 1920, height: 1080 });
  await waitForText(staff, (t) => t.includes('提示音 开'), 20_000);
  await (await staff.$('dispatch-board >>> button[data-action="chime"]'))!.click();
  await waitForText(staff, (t) => t.includes('提示音 关'));
  await staff.reload({ waitUntil: 'domcontentloaded' });
  await waitForText(staff, (t) => t.includes('提示音 关'), 20_000);
  const staffChimes = () => staff.evaluate(() => (window as unknown as { __twChimes?: number }).__twChimes ?? 0);
  await commitOk(server.service, storeId, { type: 'callAdvisor', callId: 'call-newer', kioskId: 'K3' });
  await waitForText(staff, (t) => t.includes('K3'), 20_000);
  assert.is(await staffChimes(), 0, 'a screen switched off stays silent');
  await staff.browserContext().close();
  await page.close();
  assert.equal(pageErrors, []);
});

test.run();

/**
 * A repair order's history in the dispatch board's dialog, in a real Chromium against the real
 * server and the seeded demo day: a dispatcher at the desk, a technician's phone and the DMS act
 * on one car, and the dialog names each of them with what they did, when and from where.
 * Screenshots: artifacts/ro-history-dialog-1080p.png, artifacts/ro-history-dialog-768p.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { seedDemoDay } from '../../server/demo/seed';
import type { RepairOrder } from '../../shared/domain/repair-order';
import { launchBrowser, screenshot } from '../helpers/browser';
import { act } from '../helpers/build';
import { issueCode, Phone } from '../helpers/scan';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const HOUR = 3_600_000;
let browser: Browser;
let server: TestServer;
let storeId: string;
let passat: RepairOrder;
let tech: { id: string; name: string };
const pageErrors: string[] = [];

let walking: number | undefined;
const clock = () => new Date(walking === undefined ? Date.now() : (walking += 100_000));

const deep = (...parts: string[]) => ['dispatch-board', ...parts].join(' >>> ');
const rowsSelector = deep('edit-dialog', 'ro-history', 'tr[data-type]');

test.before(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ now: clock });
  storeId = server.deps.shop.stores[0]!.id;
  walking = Date.now() - 3 * HOUR;
  await seedDemoDay(server.service, storeId, new Date());
  walking = undefined;
  passat = [...(await server.service.state(storeId)).ros.values()].find((r) => r.vehicle.plate === '冀F8M223' && r.stage === 'waiting_dispatch')!;
  const pads = passat.operations.find((o) => o.code === 'BRK-PAD-F')!;
  // A technician with nothing in hand (the seeded day keeps several busy).
  const state = await server.service.state(storeId);
  const busy = new Set([...state.ros.values()].flatMap((r) => r.operations.filter((o) => o.status === 'in_progress').map((o) => o.technicianId)));
  tech = server.deps.shop.stores[0]!.technicians.find((t) => t.roles.includes('technician') && !busy.has(t.id))!;
  const base = `/api/stores/${storeId}/repair-orders/${passat.id}`;
  // The dispatcher at the desk, the technician's phone, then the DMS moving the promise.
  const desk = {
    authorization: undefined,
    cookie: `tw_session=${server.auth.issueSession({ id: 'disp-01', name: '赵磊', roles: ['dispatcher'], storeIds: [storeId] })}`,
    'x-source': 'dispatch',
  };
  await act(server, `${base}/operations/${pads.id}/assign`, { bayId: 'bay-03', technicianId: tech.id }, desk);
  const phone = new Phone(server);
  await phone.signInWithBadge(storeId, tech.id);
  const code = await issueCode(server, { kind: 'operation', storeId, roId: passat.id, operationId: pads.id });
  const started = await phone.act(code, { type: 'startOperation' });
  assert.is(started.status, 200, JSON.stringify(started.body));
  assert.is((await phone.act(code, { type: 'pauseOperation', pause: { reason: 'parts', part: '前刹车片（原厂）' } })).status, 200);
  const promise = await server.api('PATCH', base, { promisedAt: new Date(Date.now() + 4 * HOUR).toISOString() });
  assert.is(promise.status, 200, JSON.stringify(promise.body));
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

/** A dispatcher's browser on the board, with the Passat's dialog open and its history loaded. */
async function openDialog(viewport: { width: number; height: number }, lang = ''): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  const link = server.auth.issueOneTimeLogin({ id: 'disp-01', name: '赵磊', roles: ['dispatcher'], storeIds: [storeId] });
  const next = `/display/dispatch${lang ? `?lang=${lang}` : ''}`;
  await page.goto(`${server.url}/auth/one-time/${link}?next=${encodeURIComponent(next)}`, { waitUntil: 'domcontentloaded' });
  const edit = `pierce/button[data-action="edit"][data-ro="${passat.id}"]`;
  await page.waitForSelector(edit, { visible: true, timeout: 15_000 });
  await page.click(edit);
  await page.waitForSelector(deep('edit-dialog', 'dialog[open]'), { visible: true });
  await page.waitForSelector(rowsSelector, { visible: true, timeout: 15_000 });
  return page;
}

const rowsOf = (page: Page) =>
  page.$$eval(rowsSelector, (rows) =>
    rows.map((r) => ({
      type: r.getAttribute('data-type'),
      cells: [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()),
    })),
  );

/** How far the dialog and its history overflow sideways (0: nothing is cut off). */
const overflow = (page: Page) =>
  page.$eval(deep('edit-dialog', 'dialog'), (dialog) => {
    const history = dialog.querySelector('ro-history')!;
    const rect = dialog.getBoundingClientRect();
    return {
      dialog: dialog.scrollWidth - dialog.clientWidth,
      history: history.scrollWidth - history.clientWidth,
      offScreen: rect.right > window.innerWidth || rect.bottom > window.innerHeight || rect.left < 0 || rect.top < 0,
    };
  });

test('the RO dialog shows who did what, when and from where, in Chinese, at 1920×1080 and 1366×768', async () => {
  const page = await openDialog({ width: 1920, height: 1080 });
  const rows = await rowsOf(page);
  const types = rows.map((r) => r.type);
  assert.is(types[0], 'repairOrderCreated', 'oldest first');
  assert.equal(types.slice(-4), ['operationAssigned', 'operationStarted', 'operationPaused', 'repairOrderUpdated']);
  const [assigned, started, paused, updated] = rows.slice(-4).map((r) => r.cells);
  assert.match(assigned[0], /^\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/, 'when, on the store clock');
  assert.equal(assigned.slice(1), ['赵磊 员工', `派工「更换前刹车片」→ 机修3号位，${tech.name}`, '调度看板']);
  assert.equal(started.slice(1, 3), [`${tech.name} 技师`, '在机修3号位开始「更换前刹车片」']);
  assert.match(started[3], /^扫码报工 /, 'from the scan page, with the phone');
  assert.equal(paused[2], '暂停「更换前刹车片」：等待配件 前刹车片（原厂）');
  assert.equal([updated[1], updated[3]], ['DMS 系统接口', '接口']);
  assert.match(updated[2], /^修改承诺交车时间为 \d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  assert.equal(rows[0].cells[1], '系统 demo-seed', 'the demo seed wrote the first lines');
  assert.equal(await overflow(page), { dialog: 0, history: 0, offScreen: false });
  await screenshot(page, 'ro-history-dialog-1080p');

  const small = await openDialog({ width: 1366, height: 768 });
  assert.equal(await overflow(small), { dialog: 0, history: 0, offScreen: false });
  // Scroll the history to its newest lines, as a dispatcher would.
  await small.$eval(deep('edit-dialog', 'ro-history'), (el) => el.scrollTo(0, el.scrollHeight));
  await screenshot(small, 'ro-history-dialog-768p');
  assert.equal(pageErrors, []);
});

test('in English the lines and labels are English', async () => {
  const page = await openDialog({ width: 1366, height: 768 }, 'en');
  const rows = await rowsOf(page);
  const assigned = rows.find((r) => r.type === 'operationAssigned')!.cells;
  assert.equal(assigned.slice(1), ['赵磊 Staff', `Assigned “更换前刹车片” to 机修3号位, ${tech.name}`, 'Dispatch board']);
  assert.equal(pageErrors, []);
});

test.run();

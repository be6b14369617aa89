/**
 * The scan-to-work flow in a real Chromium against the real server: a printed job card's QR
 * codes decoded from a screenshot with jsQR, opened on a phone-sized page, signed in with a
 * decoded badge, and worked through start → pause for parts → resume → finish while the
 * dispatch and bay boards' live views follow; then offline taps that queue and apply once,
 * two technicians racing for one job, and "pause your other job first".
 * Screenshots: artifacts/scan-*.png and artifacts/job-card-*.png.
 */
import { targetOfFact } from '../../shared/workflow/fact-targets';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import type { StaffRo } from '../../shared/projections/views';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act, asStaff, createRo, seqOf } from '../helpers/build';
import { LiveClient } from '../helpers/live-client';
import { decodeRegions } from '../helpers/qr-decode';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const S = 'bj-wangjing';
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let browser: Browser;
let server: TestServer;
let adminCookie: string;
const contexts: BrowserContext[] = [];

test.before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  adminCookie = asStaff(server.auth, { roles: ['admin'], id: 'admin-1' })
    .cookie.split('=')
    .slice(1)
    .join('=');
});
test.after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

/** A browser profile of its own: a phone, or the admin's desk PC. */
async function aContext(): Promise<BrowserContext> {
  const context = await browser.createBrowserContext();
  contexts.push(context);
  return context;
}

/** tsx compiles with keepNames, so functions sent to the page call esbuild's `__name` helper. */
const KEEP_NAMES = 'globalThis.__name = (fn) => fn;';

async function adminPage(viewport = { width: 1000, height: 1400, deviceScaleFactor: 2 }): Promise<Page> {
  const page = await (await aContext()).newPage();
  await page.evaluateOnNewDocument(KEEP_NAMES);
  await page.setViewport(viewport);
  await page.setCookie({ name: 'tw_session', value: adminCookie, url: server.url });
  page.on('pageerror', (err) => console.error('[admin page error]', err));
  return page;
}

async function aPhone(): Promise<Page> {
  const page = await (await aContext()).newPage();
  await page.evaluateOnNewDocument(KEEP_NAMES);
  await page.setViewport(PHONE);
  page.on('pageerror', (err) => console.error('[phone page error]', err));
  return page;
}

/** Every QR on the page, decoded from one full-page screenshot. */
async function decodeAll(page: Page, selector: string, name: string): Promise<{ url?: string; code?: string; operation?: string }[]> {
  const boxes = await page.$$eval(selector, (els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return {
        x: r.x + scrollX,
        y: r.y + scrollY,
        width: r.width,
        height: r.height,
        attrs: { ...(el as HTMLElement).dataset } as Record<string, string | undefined>,
      };
    }),
  );
  const png = Buffer.from(await page.screenshot({ fullPage: true, path: `artifacts/${name}.png` }));
  return decodeRegions(png, boxes, 2).map((url, i) => ({ url, ...boxes[i].attrs }));
}

/** A repair order in the workshop with two operations, assigned by dispatch. */
async function aJob() {
  const ro = await createRo(server, S, {
    operations: [{ code: 'MNT-OIL' }, { code: 'BRK-PAD-F' }],
    advisorId: 'adv-01',
    promisedAt: new Date(Date.now() + 4 * 3600_000).toISOString(),
    description: '保养，刹车有异响',
    vehicle: { plate: '京N8K2M5', make: 'Audi', model: 'A6L', color: '黑色', mileageKm: 41230 },
  });
  const base = `/api/stores/${S}/repair-orders/${ro.id}`;
  await act(server, `${base}/send-to-workshop`);
  await act(server, `${base}/operations/${ro.operations[0].id}/assign`, { bayId: 'bay-06', technicianId: 'tech-01' });
  await act(server, `${base}/operations/${ro.operations[1].id}/assign`, { bayId: 'bay-02', technicianId: 'tech-02' });
  return ro as StaffRo;
}

const opStatus = async (roId: string, i: number) => (await server.service.state(S)).ros.get(roId)!.operations[i];

/** What a live board shows for one operation, once it has caught up with the store. */
async function boardShows(client: LiveClient, roId: string, i: number) {
  await client.waitForSeq(await seqOf(server, S));
  return (client.entries()[`ro:${roId}`] as StaffRo | undefined)?.operations[i];
}

/** Tap a button as a person would: scrolled to the middle of the screen, clear of the scan button docked at the bottom. */
const tap = async (page: Page, selector: string) => {
  const el = (await page.waitForSelector(`pierce/${selector}`, { visible: true }))!;
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await el.click();
};

let jobCard: { ro: StaffRo; codes: { url?: string; code?: string; operation?: string }[] };
let badgeUrl: string;

test('a printed job card (A4 and 80 mm) decodes to one signed scan URL per operation plus one for the RO', async () => {
  const ro = await aJob();
  const page = await adminPage();
  const res = await page.goto(`${server.url}/print/job-card/${ro.id}`, { waitUntil: 'load' });
  assert.is(res?.status(), 200);
  const text = await deepText(page);
  for (const expected of [ro.number, '京N·8K2M5', '刘婷', '更换机油机滤', '更换前刹车片', '0.5 h', '1.2 h'])
    assert.ok(text.includes(expected), `job card shows ${expected}`);
  assert.not.ok(text.includes('张伟'), 'no customer name on the card');
  const codes = await decodeAll(page, '.qr', 'job-card-a4');
  assert.is(codes.length, 3);
  for (const c of codes) assert.ok(c.url?.startsWith(`${server.url}/s/`), `decoded: ${c.url}`);
  assert.is(new Set(codes.map((c) => c.url)).size, 3, 'every code is different');
  assert.match(codes.find((c) => c.code === 'ro')!.url!, new RegExp(`/s/r~${S}~${ro.id}~`));
  for (const op of ro.operations) assert.match(codes.find((c) => c.operation === op.id)!.url!, new RegExp(`/s/o~${S}~${ro.id}~${op.id}~`));

  await page.setViewport({ width: 420, height: 1200, deviceScaleFactor: 2 });
  await page.goto(`${server.url}/print/job-card/${ro.id}?paper=80mm`, { waitUntil: 'load' });
  const receipt = await decodeAll(page, '.qr', 'job-card-80mm');
  assert.equal(
    receipt.map((c) => c.url && new URL(c.url).pathname.split('~').slice(0, -2).join('~')),
    codes.map((c) => c.url && new URL(c.url).pathname.split('~').slice(0, -2).join('~')),
  );
  jobCard = { ro, codes };

  await page.setViewport({ width: 1000, height: 1400, deviceScaleFactor: 2 });
  await page.goto(`${server.url}/print/badges`, { waitUntil: 'load' });
  const badges = await page.$$eval('.badge', (els) => els.map((el) => el.querySelector('.id')?.textContent));
  const decoded = await decodeAll(page, '.badge .qr', 'print-badges');
  assert.is(decoded.filter((d) => d.url).length, badges.length, 'every badge decodes');
  badgeUrl = decoded[badges.indexOf('tech-01')].url!;
  await page.goto(`${server.url}/print/bays`, { waitUntil: 'load' });
  const bays = await decodeAll(page, '.bay .qr', 'print-bays');
  assert.is(bays.filter((d) => d.url?.includes('/s/b~')).length, 12);
});

test('on a phone: sign in with the badge, start, pause for parts, resume, finish; the dispatch and bay boards follow each step', async () => {
  const { ro, codes } = jobCard;
  const opUrl = codes.find((c) => c.operation === ro.operations[0].id)!.url!;
  const session = server.auth.issueSession({ id: 'watcher', name: 'W', roles: ['dispatcher'], storeIds: [S] });
  const dispatch = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { session });
  const bay = new LiveClient(server.url, { kind: 'bay', storeId: S, bayId: 'bay-06' }, { session });
  assert.ok((await dispatch.connect()).ok);
  assert.ok((await bay.connect()).ok);
  try {
    const page = await aPhone();
    await page.goto(opUrl, { waitUntil: 'domcontentloaded' });
    await waitForText(page, (t) => t.includes('请先登录'));
    await screenshot(page, 'scan-1-sign-in');
    await page.goto(badgeUrl, { waitUntil: 'domcontentloaded' });
    await waitForText(page, (t) => t.includes('已登录') && t.includes('王建国'));
    await screenshot(page, 'scan-2-signed-in');

    await page.goto(opUrl, { waitUntil: 'domcontentloaded' });
    await waitForText(page, (t) => t.includes('工位：快保1号位'));
    await screenshot(page, 'scan-3-assigned');
    const buttons = await page.evaluate(() =>
      [...document.querySelector('scan-page')!.shadowRoot!.querySelector('work-op[large]')!.shadowRoot!.querySelectorAll('button[data-action]')].map((e) =>
        e.getAttribute('data-action'),
      ),
    );
    assert.equal(buttons, ['startOperation', 'chooseBay'], 'only Start is offered for an assigned job');

    await tap(page, 'button[data-action="startOperation"]');
    await waitForText(page, (t) => t.includes('已开始'));
    assert.is((await opStatus(ro.id, 0)).status, 'in_progress');
    assert.is((await boardShows(dispatch, ro.id, 0))?.status, 'in_progress');
    assert.is((await boardShows(bay, ro.id, 0))?.technicianId, 'tech-01');
    await waitForText(page, (t) => t.includes('暂停') && t.includes('完工'));
    await screenshot(page, 'scan-4-in-progress');

    await tap(page, 'button[data-action="pauseOperation"]');
    await tap(page, 'button[data-choice="parts"]');
    await page.type('pierce/input[name="part"]', '机油滤芯');
    await tap(page, 'button[data-eta="2h"]');
    await screenshot(page, 'scan-5-pause-parts');
    await tap(page, 'button[data-choice="confirm"]');
    await waitForText(page, (t) => t.includes('已暂停'));
    const paused = await boardShows(dispatch, ro.id, 0);
    assert.is(paused?.status, 'paused');
    assert.is(paused?.pause?.reason === 'parts' && paused.pause.part, '机油滤芯');
    assert.is((await boardShows(bay, ro.id, 0))?.status, 'paused');
    await waitForText(page, (t) => t.includes('继续'));
    await screenshot(page, 'scan-6-paused');

    await tap(page, 'button[data-action="resumeOperation"]');
    await waitForText(page, (t) => t.includes('已继续'));
    assert.is((await boardShows(dispatch, ro.id, 0))?.status, 'in_progress');
    assert.is((await boardShows(bay, ro.id, 0))?.status, 'in_progress');

    await tap(page, 'button[data-action="finishOperation"]');
    await waitForText(page, (t) => t.includes('已完工'));
    assert.is((await boardShows(dispatch, ro.id, 0))?.status, 'done');
    assert.is((await boardShows(bay, ro.id, 0))?.status, 'done');
    await screenshot(page, 'scan-7-done');

    const events = (await server.service.events.read(S, 0)).filter((e) => e.source === 'scan' && targetOfFact(e).operationId === ro.operations[0].id);
    assert.equal(
      events.map((e) => e.type),
      ['operationStarted', 'operationPaused', 'operationResumed', 'operationFinished'],
    );
    for (const e of events) assert.equal(e.actor, { kind: 'technician', id: 'tech-01', name: '王建国' });
    assert.is(new Set(events.map((e) => e.device)).size, 1, 'one device');
  } finally {
    dispatch.disconnect();
    bay.disconnect();
  }
});

test('offline: three taps queue as pending; with the network back they apply in order, exactly once', async () => {
  const { ro, codes } = jobCard;
  const page = await aPhone();
  await page.goto(badgeUrl, { waitUntil: 'domcontentloaded' });
  await waitForText(page, (t) => t.includes('已登录'));
  await page.goto(codes.find((c) => c.operation === ro.operations[1].id)!.url!, { waitUntil: 'domcontentloaded' });
  await waitForText(page, (t) => t.includes('工位：机修2号位'));

  const before = await seqOf(server, S);
  await page.setOfflineMode(true);
  await waitForText(page, (t) => t.includes('离线'));
  await tap(page, 'button[data-action="startOperation"]');
  await waitForText(page, (t) => t.includes('1 个操作等待发送'));
  await tap(page, 'button[data-action="pauseOperation"]');
  await tap(page, 'button[data-choice="break"]');
  await waitForText(page, (t) => t.includes('2 个操作等待发送'));
  await tap(page, 'button[data-action="resumeOperation"]');
  await waitForText(page, (t) => t.includes('3 个操作等待发送'));
  await screenshot(page, 'scan-8-offline-pending');
  const ids = await page.$$eval('pierce/li[data-action-id]', (els) => els.map((e) => e.getAttribute('data-action-id')!));
  assert.is(ids.length, 3);
  assert.is(await seqOf(server, S), before, 'nothing reached the server');
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('tw-scan');
        req.onsuccess = () => {
          const r = req.result.transaction('actions').objectStore('actions').count();
          r.onsuccess = () => resolve(r.result);
        };
      }),
  );
  assert.is(stored, 3, 'the queue is in IndexedDB');

  await page.setOfflineMode(false);
  await waitForText(page, (t) => !t.includes('等待发送') && t.includes('已继续'), 20_000);
  const events = (await server.service.events.read(S, before)).filter((e) => ids.includes(e.key));
  assert.equal(
    events.map((e) => e.type),
    ['operationStarted', 'operationPaused', 'operationResumed'],
    'in the order tapped',
  );
  assert.equal(
    events.map((e) => e.key),
    ids,
    'each action id once',
  );
  assert.is((await opStatus(ro.id, 1)).status, 'in_progress');
  // Sending the same ids again (a lost answer, a second tab) changes nothing.
  const seq = await seqOf(server, S);
  await page.evaluate(
    async (ids, roId, opId) => {
      for (const id of ids)
        await fetch('/api/scan/actions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id },
          body: JSON.stringify({ roId, operationId: opId, action: { type: 'resumeOperation' } }),
        });
    },
    ids,
    ro.id,
    ro.operations[1].id,
  );
  assert.is(await seqOf(server, S), seq);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitForText(page, (t) => t.includes('完工'));
  assert.not.ok((await deepText(page)).includes('等待发送'), 'nothing left queued after a reload');
});

test('two technicians start the same job at once: one does, the other is told it is already in progress', async () => {
  const ro = await aJob();
  const page = await adminPage();
  await page.goto(`${server.url}/print/job-card/${ro.id}`, { waitUntil: 'load' });
  const url = (await decodeAll(page, '.qr', 'job-card-race')).find((c) => c.operation === ro.operations[0].id)!.url!;
  const phones = [await aPhone(), await aPhone()];
  for (const [i, person] of ['tech-03', 'tech-04'].entries()) {
    const badge = `${server.url}/s/${await import('../helpers/scan').then((m) => m.issueCode(server, { kind: 'badge', storeId: S, personId: person }))}`;
    await phones[i].goto(badge, { waitUntil: 'domcontentloaded' });
    await waitForText(phones[i], (t) => t.includes(name(person)));
    await phones[i].goto(url, { waitUntil: 'domcontentloaded' });
    await waitForText(phones[i], (t) => t.includes('工位：快保1号位'));
  }
  await Promise.all(phones.map((p) => tap(p, 'button[data-action="startOperation"]')));
  const texts = await Promise.all(phones.map((p) => waitForText(p, (t) => t.includes('已开始') || t.includes('没有执行'))));
  assert.is(texts.filter((t) => t.includes('已开始')).length, 1);
  const loser = phones[texts.findIndex((t) => t.includes('没有执行'))];
  await waitForText(loser, (t) => t.includes('它现在是「进行中」'));
  await screenshot(loser, 'scan-9-conflict');
  assert.is((await opStatus(ro.id, 0)).status, 'in_progress');
});

const name = (id: string) => ({ 'tech-03': '张伟', 'tech-04': '刘洋' })[id]!;

test('starting a second job while one runs asks to pause the first; then both happen in order', async () => {
  const first = await aJob();
  const second = await aJob();
  const { issueCode } = await import('../helpers/scan');
  const page = await aPhone();
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'badge', storeId: S, personId: 'tech-05' })}`);
  await waitForText(page, (t) => t.includes('陈志明'));
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'bay', storeId: S, bayId: 'bay-04' })}`);
  await waitForText(page, (t) => t.includes('已选为当前工位'));
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'operation', storeId: S, roId: first.id, operationId: first.operations[1].id })}`);
  await waitForText(page, (t) => t.includes('工位：机修4号位'));
  await tap(page, 'button[data-action="startOperation"]');
  await waitForText(page, (t) => t.includes('已开始'));
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'bay', storeId: S, bayId: 'bay-03' })}`);
  await waitForText(page, (t) => t.includes('已选为当前工位'));
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'operation', storeId: S, roId: second.id, operationId: second.operations[1].id })}`);
  await waitForText(page, (t) => t.includes('工位：机修3号位'), 10_000);
  await tap(page, 'button[data-action="startOperation"]');
  await waitForText(page, (t) => t.includes('你正在做另一个项目'));
  await screenshot(page, 'scan-10-busy');
  await tap(page, 'button[data-choice="pause-first"]');
  await tap(page, 'button[data-choice="break"]');
  await waitForText(page, (t) => t.includes('已开始'));
  const state = await server.service.state(S);
  assert.is(state.ros.get(first.id)!.operations[1].status, 'paused');
  const started = state.ros.get(second.id)!.operations[1];
  assert.equal([started.status, started.bayId, started.technicianId], ['in_progress', 'bay-03', 'tech-05'], 'started at the scanned bay');
});

test('the scan page bundle stays under 60 KB gzip and carries no zod; jsQR is its own bundle, loaded only when needed', () => {
  const js = readFileSync('dist/scan-page.js');
  const size = gzipSync(js).length;
  assert.ok(size <= 60 * 1024, `scan-page.js is ${size} bytes gzip`);
  assert.not.ok(js.includes('ZodError'), 'zod is not in the bundle');
  assert.not.ok(js.includes('inversionAttempts'), 'jsQR is not in the page bundle');
  assert.ok(readFileSync('dist/scan-decoder.js', 'utf8').includes('inversionAttempts'), 'it is in the decoder bundle');
});

test.run();

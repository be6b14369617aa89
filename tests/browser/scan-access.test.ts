/**
 * The scan page's gatekeeping and the other roles, in a real Chromium against the real server:
 * wrong PINs slowed down and locked (and the lock on the admin's page), refused codes, a
 * delivered car, QC fail and pass, wash, ready and delivery; and continuous scanning through
 * the page's own camera (Chromium's fake camera showing a real QR code, decoded by jsQR).
 * Screenshots: artifacts/scan-1x-*.png and artifacts/admin-scan.png.
 */
import { targetOfFact } from '../../shared/workflow/fact-targets';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act, asStaff, createRo, seqOf } from '../helpers/build';
import { writeQrVideo } from '../helpers/fake-camera';
import { issueCode } from '../helpers/scan';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const S = 'bj-wangjing';
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const KEEP_NAMES = 'globalThis.__name = (fn) => fn;';

let browser: Browser;
let server: TestServer;
const admin = () => asStaff(server.auth, { roles: ['admin'], id: 'admin-1' });

test.before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function aPhone(b = browser): Promise<Page> {
  const page = await (await b.createBrowserContext()).newPage();
  await page.evaluateOnNewDocument(KEEP_NAMES);
  await page.setViewport(PHONE);
  page.on('pageerror', (err) => console.error('[phone page error]', err));
  return page;
}

const tap = async (page: Page, selector: string) => {
  const el = (await page.waitForSelector(`pierce/${selector}`, { visible: true }))!;
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await el.click();
};

/** Wait until a button (anywhere in the shadow roots) exists and is enabled. */
const enabled = (page: Page, selector: string) =>
  page.waitForFunction(
    (selector) => {
      const find = (root: Document | ShadowRoot): HTMLButtonElement | undefined => {
        const hit = root.querySelector<HTMLButtonElement>(selector);
        if (hit) return hit;
        for (const el of root.querySelectorAll('*')) {
          const inner = el.shadowRoot && find(el.shadowRoot);
          if (inner) return inner;
        }
        return undefined;
      };
      const b = find(document);
      return !!b && !b.disabled;
    },
    { timeout: 15_000 },
    selector,
  );

async function signIn(page: Page, personId: string) {
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'badge', storeId: S, personId })}`, { waitUntil: 'domcontentloaded' });
  await waitForText(page, (t) => t.includes('已登录'));
}

/** A repair order with one operation, worked through to `until`. */
async function aCar(until: 'assigned' | 'quality_check' | 'ready' | 'delivered', wash = true) {
  const ro = await createRo(server, S, { operations: [{ code: 'MNT-OIL' }, { code: 'TYR-BAL' }], wash });
  const base = `/api/stores/${S}/repair-orders/${ro.id}`;
  await act(server, `${base}/send-to-workshop`);
  for (const [i, op] of ro.operations.entries())
    await act(server, `${base}/operations/${op.id}/assign`, { bayId: i ? 'bay-08' : 'bay-07', technicianId: 'tech-02' });
  if (until === 'assigned') return ro;
  for (const op of ro.operations) {
    await act(server, `${base}/operations/${op.id}/start`);
    await act(server, `${base}/operations/${op.id}/finish`);
  }
  if (until === 'quality_check') return ro;
  await act(server, `${base}/qc-pass`);
  if (wash) await act(server, `${base}/wash-done`);
  if (until === 'ready') return ro;
  await act(server, `${base}/deliver`);
  return ro;
}

test("wrong PINs: the phone waits longer after each (never a lock), and the admin's page shows them", async () => {
  assert.is((await server.api('POST', `/api/stores/${S}/people/tech-03/pin`, { pin: '2580' }, admin())).status, 204);
  const ro = await aCar('assigned');
  const page = await aPhone();
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: ro.operations[0].id })}`);
  await tap(page, 'button[data-person="tech-03"]');
  for (let i = 1; i <= 3; i++) {
    for (const key of ['9', '9', '9', '9']) {
      await enabled(page, `button[data-key="${key}"]`);
      await tap(page, `button[data-key="${key}"]`);
    }
    await enabled(page, 'button[data-key="ok"]');
    await tap(page, 'button[data-key="ok"]');
    // A phone that is not the person's own shares four fifths of the day's 50 wrong PINs.
    await waitForText(page, (t) => t.includes(`还可以再试 ${40 - i} 次`));
    if (i === 3) {
      await waitForText(page, (t) => t.includes('请等待'));
      await screenshot(page, 'scan-11-pin-wrong');
      assert.ok(await page.$eval('pierce/button[data-key="2"]', (b) => (b as HTMLButtonElement).disabled), 'the keypad is off while it waits');
    }
  }

  const desk = await (await browser.createBrowserContext()).newPage();
  await desk.evaluateOnNewDocument(KEEP_NAMES);
  await desk.setViewport({ width: 1000, height: 1200 });
  await desk.setCookie({ name: 'tw_session', value: admin().cookie.slice('tw_session='.length), url: server.url });
  await desk.goto(`${server.url}/admin/scan`, { waitUntil: 'load' });
  const text = await deepText(desk);
  assert.match(text, /连续错误 3 次/);
  assert.match(text, /今日错误 3 \/ 50 次/);
  assert.not.match(text, /PIN 已锁定/, 'wrong PINs lock nobody');
  assert.ok(await desk.$('tr[data-person="tech-03"] button[data-call]'), 'with a button to clear them');
  await screenshot(desk, 'admin-scan');
});

test('an altered code and a withdrawn code get a clear page and change nothing', async () => {
  const ro = await aCar('assigned');
  const page = await aPhone();
  await signIn(page, 'tech-04');
  const code = await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: ro.operations[0].id });
  const before = await seqOf(server, S);
  const altered = code.slice(0, -3) + (code.at(-3) === 'Q' ? 'R' : 'Q') + code.slice(-2);
  const res = await page.goto(`${server.url}/s/${altered}`, { waitUntil: 'domcontentloaded' });
  assert.is(res?.status(), 400);
  await waitForText(page, (t) => t.includes('二维码无效') && t.includes('Invalid code'));
  await screenshot(page, 'scan-13-refused-altered');
  assert.is((await server.api('POST', `/api/stores/${S}/scan/revocations`, { kind: 'ro', id: ro.id }, admin())).status, 201);
  const revoked = await page.goto(`${server.url}/s/${code}`, { waitUntil: 'domcontentloaded' });
  assert.is(revoked?.status(), 410);
  await waitForText(page, (t) => t.includes('二维码已作废'));
  await screenshot(page, 'scan-14-refused-withdrawn');
  assert.is(await seqOf(server, S), before + 1, 'only the withdrawal itself was recorded');
});

test("a delivered car's code says so and offers nothing", async () => {
  const ro = await aCar('delivered');
  const page = await aPhone();
  await signIn(page, 'adv-01');
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'ro', storeId: S, roId: ro.id })}`);
  await waitForText(page, (t) => t.includes('此车已交车'));
  const actions = await page.$$eval('pierce/button[data-action]', (bs) => bs.map((b) => b.getAttribute('data-action')));
  assert.equal(actions.sort(), ['my-jobs', 'scan'], 'only the way on: scan next, or back to my jobs');
  await screenshot(page, 'scan-15-delivered');
});

test('inspector fails QC (reason, which operation) then passes it; washer finishes the wash; advisor marks delivered', async () => {
  const ro = await aCar('quality_check');
  const roCode = await issueCode(server, { kind: 'ro', storeId: S, roId: ro.id });
  const qc = await aPhone();
  await signIn(qc, 'qc-01');
  await qc.goto(`${server.url}/s/${roCode}`);
  await waitForText(qc, (t) => t.includes('质检通过') && t.includes('质检不通过'));
  await screenshot(qc, 'scan-16-qc');
  await tap(qc, 'button[data-action="qcFail"]');
  await tap(qc, 'button[data-reason="qc.r.noise"]');
  await tap(qc, `button[data-redo="${ro.operations[1].id}"]`);
  await screenshot(qc, 'scan-17-qc-fail');
  await tap(qc, 'button[data-choice="confirm"]');
  await waitForText(qc, (t) => t.includes('已退回返工'));
  let state = (await server.service.state(S)).ros.get(ro.id)!;
  assert.equal([state.stage, state.reworkCount, state.operations[1].status, state.qcNote], ['in_service', 1, 'assigned', '有异响']);

  const base = `/api/stores/${S}/repair-orders/${ro.id}/operations/${ro.operations[1].id}`;
  await act(server, `${base}/start`);
  await act(server, `${base}/finish`);
  await qc.reload();
  await tap(qc, 'button[data-action="qcPass"]');
  await waitForText(qc, (t) => t.includes('质检通过：'));

  const washer = await aPhone();
  await signIn(washer, 'tech-10');
  await washer.goto(`${server.url}/s/${roCode}`);
  await tap(washer, 'button[data-action="washDone"]');
  await waitForText(washer, (t) => t.includes('洗车完成：'));

  const advisor = await aPhone();
  await signIn(advisor, 'adv-02');
  await advisor.goto(`${server.url}/s/${roCode}`);
  await waitForText(advisor, (t) => t.includes('交车给客户') && t.includes('待取车'));
  await screenshot(advisor, 'scan-18-ready');
  await tap(advisor, 'button[data-action="deliver"]');
  await waitForText(advisor, (t) => t.includes('确认交车？'));
  await screenshot(advisor, 'scan-18b-deliver-confirm');
  await tap(advisor, 'button[data-choice="confirm"]');
  await waitForText(advisor, (t) => t.includes('此车已交车'));
  state = (await server.service.state(S)).ros.get(ro.id)!;
  assert.is(state.stage, 'delivered');
  const events = (await server.service.events.read(S, 0)).filter((e) => e.source === 'scan' && targetOfFact(e).roId === ro.id);
  assert.equal(
    events.map((e) => [e.type, e.actor.id]),
    [
      ['qcFailed', 'qc-01'],
      ['qcPassed', 'qc-01'],
      ['washFinished', 'tech-10'],
      ['repairOrderDelivered', 'adv-02'],
    ],
  );
});

test("a bay code lists the cars with work there and becomes the bay for Start; so does ?bay= from a bay board's scanner", async () => {
  const ro = await aCar('assigned');
  const page = await aPhone();
  await signIn(page, 'tech-02');
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'bay', storeId: S, bayId: 'bay-07' })}`);
  await waitForText(page, (t) => t.includes('已选为当前工位') && t.includes(ro.number));
  await screenshot(page, 'scan-20-bay');
  assert.ok(await page.$('pierce/button[data-action="startOperation"] small[data-bay="bay-07"]'), 'Start there, at this bay');

  // A bay board's USB scanner opens the job card with the board's signed bay code as ?bay=.
  const other = await aPhone();
  await signIn(other, 'tech-04');
  const bayCode = await issueCode(server, { kind: 'bay', storeId: S, bayId: 'bay-09' });
  await other.goto(
    `${server.url}/s/${await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: ro.operations[1].id })}?bay=${encodeURIComponent(bayCode)}`,
  );
  await waitForText(other, (t) => t.includes('工位：电器诊断位'));
  await tap(other, 'button[data-action="startOperation"]');
  await waitForText(other, (t) => t.includes('已开始'));
  const op = (await server.service.state(S)).ros.get(ro.id)!.operations[1];
  assert.equal([op.status, op.bayId, op.technicianId], ['in_progress', 'bay-09', 'tech-04']);
});

test('in English with ?lang=en', async () => {
  const ro = await aCar('assigned');
  const page = await aPhone();
  await signIn(page, 'tech-05');
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: ro.operations[0].id })}?lang=en`);
  await waitForText(page, (t) => t.includes('Start') && t.includes('Scan next') && t.includes('Assigned'));
  await screenshot(page, 'scan-21-english');
});

test("continuous scanning with the page's own camera: a job card in front of the lens opens it", async () => {
  const ro = await aCar('assigned');
  const code = await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: ro.operations[1].id });
  const video = join(mkdtempSync(join(tmpdir(), 'tw-cam-')), 'card.y4m');
  writeQrVideo(video, `${server.url}/s/${code}`);
  const camera = await puppeteer.launch({
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const page = await aPhone(camera);
    await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'badge', storeId: S, personId: 'tech-02' })}`);
    await waitForText(page, (t) => t.includes('已登录'));
    await tap(page, 'button[data-action="scan"]');
    await waitForText(page, (t) => t.includes('四轮定位位') && t.includes('轮胎动平衡'), 20_000);
    assert.match(new URL(page.url()).pathname, new RegExp(`^/s/o~${S}~${ro.id}~`), 'the page now shows the scanned code');
    await screenshot(page, 'scan-19-camera-opened');
  } finally {
    await camera.close();
  }
});

test.run();

/**
 * The scan page as a technician's phone meets it (390×844), issue 18 items 1–3: nothing is drawn
 * over a tap target (every button hit-tested at its centre, at rest and scrolled to the bottom
 * edge), the PIN pad's last row and the last name take a tap, messages hide neither the plate nor
 * a button, and a signed-in technician at `/s` gets their own job list that opens the same action
 * view a scanned job card does. Screenshots: artifacts/scan-phone-*.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act, asStaff, createRo } from '../helpers/build';
import { issueCode } from '../helpers/scan';
import { startTestServer, type TestServer } from '../helpers/server';
import { overlaps, rectOf, tapCentre, tapProblems, waitDeep } from '../helpers/tap-targets';

await buildBundles();

const S = 'bj-wangjing';
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const KEEP_NAMES = 'globalThis.__name = (fn) => fn;';

let browser: Browser;
let server: TestServer;
const errors: string[] = [];

test.before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = asStaff(server.auth, { roles: ['admin'], id: 'admin-1' });
  for (const id of ['tech-01', 'tech-04']) assert.is((await server.api('POST', `/api/stores/${S}/people/${id}/pin`, { pin: '2580' }, admin)).status, 204);
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function aPhone(): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.evaluateOnNewDocument(KEEP_NAMES);
  await page.setViewport(PHONE);
  page.on('pageerror', (err) => errors.push(String(err)));
  return page;
}

/** A car with two operations for `tech` at a bay and one for someone else at the same bay. */
async function aCar(bayId: string, tech = 'tech-04') {
  const ro = await createRo(server, S, {
    operations: [{ code: 'MNT-OIL' }, { code: 'BRK-PAD-F' }, { code: 'SPK-PLUG' }],
    vehicle: { plate: '京N7Q3L8', make: 'BMW', model: '530Li', color: '白色' },
  });
  const base = `/api/stores/${S}/repair-orders/${ro.id}`;
  await act(server, `${base}/send-to-workshop`);
  await act(server, `${base}/operations/${ro.operations[0].id}/assign`, { bayId, technicianId: tech });
  await act(server, `${base}/operations/${ro.operations[1].id}/assign`, { bayId, technicianId: tech });
  await act(server, `${base}/operations/${ro.operations[2].id}/assign`, { bayId, technicianId: 'tech-05' });
  return ro;
}

const noProblems = async (page: Page, where: string) => {
  const problems = await tapProblems(page);
  assert.equal(problems, [], `${where}: every button takes a tap at its centre`);
};

/** Tap a button after scrolling it to the bottom edge of the screen: where a docked bar used to cover it. */
async function tapAtBottom(page: Page, selector: string) {
  await waitDeep(page, `${selector}:not([disabled])`);
  const el = (await page.$(`pierce/${selector}:not([disabled])`))!;
  await el.evaluate((e) => e.scrollIntoView({ block: 'end' }));
  await tapCentre(page, `${selector}:not([disabled])`);
}

/** The message under the bar hides nothing: not the plate, not a button; and the plate is on screen. */
async function messageHidesNothing(page: Page, what: string) {
  const notice = await rectOf(page, '.notice');
  assert.ok(notice, `${what}: a message is shown`);
  const plate = (await rectOf(page, '.ro .plate'))!;
  assert.ok(plate.y >= 0 && plate.y + plate.height <= PHONE.height, `${what}: the plate is on screen`);
  assert.not.ok(overlaps(notice!, plate), `${what}: the message does not cover the plate`);
  const hit = await page.evaluate(
    ({ x, y }) => {
      let el = document.elementFromPoint(x, y);
      while (el?.shadowRoot?.elementFromPoint(x, y) && el.shadowRoot.elementFromPoint(x, y) !== el) el = el.shadowRoot.elementFromPoint(x, y);
      return el?.className ?? '';
    },
    { x: plate.x + plate.width / 2, y: plate.y + plate.height / 2 },
  );
  assert.match(String(hit), /plate/, `${what}: the plate is what a look at its place finds`);
  await noProblems(page, what);
}

test("signing in by PIN on a phone: the last name and the keypad's bottom row take a tap; nothing covers a button", async () => {
  const ro = await aCar('bay-03');
  const page = await aPhone();
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: ro.operations[0].id })}`);
  await waitForText(page, (t) => t.includes('扫描工牌') || t.includes('工牌'));
  await waitDeep(page, 'button[data-person]');
  await screenshot(page, 'scan-phone-01-names');
  await noProblems(page, 'the list of names');
  const people = await page.$$eval('pierce/button[data-person]', (bs) => bs.map((b) => (b as HTMLElement).dataset.person!));
  // The last name: the one a docked bar covered.
  await tapAtBottom(page, `button[data-person="${people.at(-1)}"]`);
  await waitDeep(page, 'button[data-key="0"]');
  assert.not.ok(await page.$('pierce/camera-scanner'), 'a tap on the last name chose the person, not the camera');
  await tapCentre(page, '.pad-head button.back');
  await tapAtBottom(page, 'button[data-person="tech-04"]');
  await waitDeep(page, 'button[data-key="0"]');
  await screenshot(page, 'scan-phone-02-pin-pad');
  await noProblems(page, 'the PIN pad');
  for (const key of ['2', '5', '8', '0']) await tapAtBottom(page, `button[data-key="${key}"]`);
  assert.is(await page.$$eval('pierce/.dots span.on', (s) => s.length), 4, 'all four digits were typed, the "0" too');
  await tapAtBottom(page, 'button[data-key="ok"]');
  await waitForText(page, (t) => t.includes('已登录') && t.includes('更换机油机滤') && t.includes('开始'));
  await waitDeep(page, '.ro .plate');
  await screenshot(page, 'scan-phone-03-signed-in');
  await messageHidesNothing(page, 'after signing in');
});

test('after an action the message sits above the job, hiding neither the plate nor a button, and stays put when it fades', async () => {
  const ro = await aCar('bay-04');
  const page = await aPhone();
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'badge', storeId: S, personId: 'tech-04' })}`);
  await waitForText(page, (t) => t.includes('已登录'));
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: ro.operations[0].id })}`);
  await tapAtBottom(page, `article[data-operation="${ro.operations[0].id}"] button[data-action="startOperation"]`);
  await waitForText(page, (t) => t.includes('已开始'));
  await messageHidesNothing(page, 'after Start');
  await screenshot(page, 'scan-phone-04-started');
  const before = await rectOf(page, `article[data-operation="${ro.operations[0].id}"] button[data-action="pauseOperation"]`);
  // The "done" message dims after a few seconds instead of going, so the buttons under it stay where they are.
  // Polled: a change inside a shadow root does not wake waitForSelector's observer.
  for (let i = 0; !(await page.$('pierce/.notice.old')); i++) {
    assert.ok(i < 200, 'the message dims');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(
    await rectOf(page, `article[data-operation="${ro.operations[0].id}"] button[data-action="pauseOperation"]`),
    before,
    'no button moved when the message faded',
  );
});

test("a signed-in technician at /s sees their own jobs and their bay's, with state and time, each opening the job's actions", async () => {
  const ro = await aCar('bay-05', 'tech-06');
  await act(server, `/api/stores/${S}/repair-orders/${ro.id}/operations/${ro.operations[1].id}/start`);
  const page = await aPhone();
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'badge', storeId: S, personId: 'tech-06' })}`);
  await waitForText(page, (t) => t.includes('已登录'));
  // The bay code makes bay-03 this phone's bay; then the home page lists it.
  await page.goto(`${server.url}/s/${await issueCode(server, { kind: 'bay', storeId: S, bayId: 'bay-05' })}`);
  await waitForText(page, (t) => t.includes('已选择') || t.includes('当前工位'));
  await page.goto(`${server.url}/s`);
  await waitDeep(page, `button[data-job="${ro.operations[0].id}"]`);
  const text = await deepText(page);
  assert.match(text, /我的任务（\d+）/);
  assert.ok(text.includes('更换机油机滤') && text.includes('更换前刹车片'), 'both of my operations');
  assert.ok(text.includes('更换火花塞'), 'and the one waiting at my bay for a colleague');
  assert.ok(text.includes(ro.number), 'with the RO number');
  const mine = await page.$$eval('pierce/section:first-of-type button[data-job]', (bs) =>
    bs.map((b) => [(b as HTMLElement).dataset.job, b.querySelector('[data-status]')?.getAttribute('data-status')]),
  );
  assert.equal(mine[0], [ro.operations[1].id, 'in_progress'], 'running work first, with its state');
  assert.ok(mine.some(([id, s]) => id === ro.operations[0].id && s === 'assigned'));
  assert.not.ok(
    mine.some(([id]) => id === ro.operations[2].id),
    'a colleague\'s job is not in "mine"',
  );
  await screenshot(page, 'scan-phone-05-my-jobs');
  await noProblems(page, 'my jobs');
  const small = (await tapProblems(page, { minSize: 44 })).filter((p) => p.problem.includes('under'));
  assert.equal(small, [], 'every button at least 44×44');

  await tapAtBottom(page, `button[data-job="${ro.operations[0].id}"]`);
  await waitDeep(page, `article[data-operation="${ro.operations[0].id}"] button[data-action="startOperation"]`);
  assert.match(new URL(page.url()).pathname, new RegExp(`^/s/o~${S}~${ro.id}~`), 'the same page a scanned job card opens');
  await screenshot(page, 'scan-phone-06-opened-from-list');
  await tapAtBottom(page, 'button[data-action="my-jobs"]');
  await waitDeep(page, `button[data-job="${ro.operations[0].id}"]`);
  assert.is(new URL(page.url()).pathname, '/s');
});

test('the job list needs a sign-in: nobody signed in gets 401 from the API and the sign-in on the page', async () => {
  const res = await server.api('GET', '/api/scan/my-jobs', undefined, { authorization: undefined });
  assert.is(res.status, 401);
  const page = await aPhone();
  await page.goto(`${server.url}/s`);
  await waitForText(page, (t) => t.includes('扫描工牌') || t.includes('工牌'));
  assert.not.ok(await page.$('pierce/my-jobs'));
});

test('no page threw', () => {
  assert.equal(errors, []);
});

test.run();

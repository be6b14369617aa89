/**
 * "Call an advisor" answered, with the real server and two real pages: a customer at the kiosk
 * calls; the kiosk says honestly that the advisor was told; an advisor signed in on the dispatch
 * board answers; the kiosk then tells the customer who is coming (surname and title only).
 * Screenshots to open and judge: artifacts/kiosk-call-{waiting,answered}-zh.png,
 * artifacts/kiosk-call-answered-en.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { launchBrowser, screenshot } from '../helpers/browser';
import { aKioskShop } from '../helpers/kiosk';
import { openPage, PORTRAIT, tap, textIn, waitFor, waitForScreen } from '../helpers/kiosk-page';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const S = 'store-a';
let server: TestServer;
let browser: Browser;
const open: Page[] = [];

/** A kiosk paired by an admin (its own key, so each kiosk has its own call). */
async function pairedKiosk(kioskId: string, lang: string): Promise<Page> {
  const res = await server.api('POST', `/api/stores/${S}/kiosks/${kioskId}/key`, {});
  assert.is(res.status, 201);
  const page = await openPage(browser, `${server.url}${res.body.data.path}&lang=${lang}`, PORTRAIT);
  open.push(page);
  await waitForScreen(page, 'start');
  return page;
}

/** The dispatch board as a signed-in advisor sees it at the front desk. */
async function dispatchBoardAs(name: string): Promise<Page> {
  const board = await browser.newPage();
  open.push(board);
  await board.setViewport({ width: 1920, height: 1080 });
  await board.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await board.setCookie({
    name: 'tw_session',
    value: server.auth.issueSession({ id: `adv-${name.length}`, name, roles: ['advisor'], storeIds: '*' }),
    url: server.url,
  });
  await board.goto(`${server.url}/display/dispatch?store=${S}`, { waitUntil: 'domcontentloaded' });
  return board;
}

const answerOn = async (board: Page, kioskId: string) => {
  const alert = await board.waitForSelector('dispatch-board >>> advisor-call-alert >>> [data-testid="advisor-calls"]', { visible: true });
  await board.waitForFunction((el, id) => (el as HTMLElement).innerText.includes(id), { polling: 100 }, alert, kioskId);
  await (await board.waitForSelector('dispatch-board >>> advisor-call-alert >>> button', { visible: true }))!.click();
};

const noticeOf = (page: Page) => textIn(page, '[data-testid="call-notice"] p');

async function until(what: string, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test.before(async () => {
  server = await startTestServer({ shop: aKioskShop() });
  browser = await launchBrowser();
});

test.after(async () => {
  for (const page of open.splice(0)) await page.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

test('the kiosk says the advisor was told, then "王顾问正在赶来" once 王磊 answers on the dispatch board', async () => {
  const kiosk = await pairedKiosk('entrance-east', 'zh-CN');
  await tap(kiosk, 'button[data-action="call-advisor"]');
  await waitFor(kiosk, '[data-testid="call-notice"]');
  assert.is(await noticeOf(kiosk), '已通知服务顾问，请稍候', 'unanswered: it promises nothing more than that the advisor knows');
  await screenshot(kiosk, 'kiosk-call-waiting-zh');

  const board = await dispatchBoardAs('王磊');
  await answerOn(board, 'entrance-east');
  await until('the kiosk to hear the answer', async () => (await noticeOf(kiosk)) === '王顾问正在赶来');
  assert.not.match(await noticeOf(kiosk), '磊', 'only the surname leaves for the public kiosk');
  await screenshot(kiosk, 'kiosk-call-answered-zh');
});

test('an English kiosk answered by "Lei WANG" says "Advisor Wang is on the way"', async () => {
  const kiosk = await pairedKiosk('entrance-west', 'en');
  await tap(kiosk, 'button[data-action="call-advisor"]');
  await waitFor(kiosk, '[data-testid="call-notice"]');
  assert.match(await noticeOf(kiosk), /^An advisor has been called/);
  const board = await dispatchBoardAs('Lei WANG');
  await answerOn(board, 'entrance-west');
  await until('the kiosk to hear the answer', async () => (await noticeOf(kiosk)) === 'Advisor Wang is on the way');
  await screenshot(kiosk, 'kiosk-call-answered-en');
});

test('the answer is told only for a call that was answered: an unknown call id is "unknown", a bad query is a 400', async () => {
  const res = await server.api('GET', `/api/kiosk/${S}/calls/call-nope?since=0`, undefined, { authorization: undefined });
  assert.is(res.status, 200);
  assert.equal(res.body.data, { state: 'unknown' });
  const bad = await server.api('GET', `/api/kiosk/${S}/calls/call-nope?since=soon`, undefined, { authorization: undefined });
  assert.is(bad.status, 400);
  assert.match(JSON.stringify(bad.body.error), 'since');
});

test.run();

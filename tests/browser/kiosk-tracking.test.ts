/**
 * The customer's tracking page (/t/<token>) on a phone-sized Chromium against the real server:
 * it receives its own car and nothing else, follows the car live, refuses unknown and expired
 * links kindly, and takes one survey answer per repair order.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { createRo } from '../helpers/build';
import { aKioskShop, deliver } from '../helpers/kiosk';
import { openKiosk, openPage, PHONE, tap, textIn, typeDigits, typePlate, waitFor, waitForScreen } from '../helpers/kiosk-page';
import { LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const S = 'store-a';
const DAY = 86_400_000;
let server: TestServer;
let browser: Browser;
/** The service's clock: tests move it forward to see links expire. */
let clockOffset = 0;
const pages: Page[] = [];

const tokenOf = async (roId: string) => (await server.service.state(S)).ros.get(roId)!.trackingToken!;

/** Open a tracking page, recording every websocket frame it receives. */
async function openTracking(token: string, query = '') {
  const page = await openPage(browser, `${server.url}/t/${token}${query}`, PHONE);
  pages.push(page);
  return page;
}

async function recordFrames(page: Page, url: string): Promise<string[]> {
  const frames: string[] = [];
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameReceived', (e) => frames.push(e.response.payloadData));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return frames;
}

const Tracking = suite('tracking page');
Tracking.before(async () => {
  server = await startTestServer({ shop: aKioskShop({}, { trackingExpiryDays: 7 }), now: () => new Date(Date.now() + clockOffset) });
  browser = await launchBrowser();
});
Tracking.after(async () => {
  for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  await browser.close();
  await server.close();
});

Tracking('shows its own car only, masked, and receives nothing about any other car', async () => {
  const mine = await createRo(server, S, {
    vehicle: { plate: '京A13579', make: 'Audi', model: 'A4L' },
    customer: { name: '张伟', phone: '13812345678', salutation: 'mr' },
  });
  const other = await createRo(server, S, {
    vehicle: { plate: '沪B24680', make: 'BMW', model: 'X3' },
    customer: { name: '李娜', phone: '13900001111', salutation: 'ms' },
  });
  const page = await browser.newPage();
  pages.push(page);
  await page.setViewport(PHONE);
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  const frames = await recordFrames(page, `${server.url}/t/${await tokenOf(mine.id)}`);
  const text = await waitForText(page, (t) => t.includes('京A·1**79'));
  assert.match(text, /张先生/);
  // Another car changes while the page is open: its room is not this page's room.
  await server.api('POST', `/api/stores/${S}/repair-orders/${other.id}/operations/${other.operations[0].id}/start`, { bayId: 'bay-1' });
  await server.api('POST', `/api/stores/${S}/repair-orders/${mine.id}/operations/${mine.operations[0].id}/start`, { bayId: 'bay-2' });
  await waitForText(page, (t) => t.includes('技师正在为您的爱车维修'));
  const received = frames.join('\n');
  for (const secret of [other.id, other.number, '沪B', 'BMW', '李', '13900001111', await tokenOf(other.id), '京A13579', '张伟', '13812345678'])
    assert.not.ok(received.includes(secret), `the page never received ${secret}`);
  assert.not.match(await deepText(page), /沪B|BMW|京A13579|张伟/);
  // This store has no Web Push: no empty white card where the push button would be.
  const emptyCards = await page.$$eval(
    'tracking-page >>> section.card',
    (cards) => cards.filter((c) => (c as HTMLElement).offsetHeight > 0 && !(c as HTMLElement).innerText.trim()).length,
  );
  assert.is(emptyCards, 0, 'no visible card without content');
  // Leave the bays free for the next tests.
  for (const ro of [mine, other])
    await server.api('POST', `/api/stores/${S}/repair-orders/${ro.id}/operations/${ro.operations[0].id}/pause`, { reason: 'break' });
});

Tracking('follows the car live: a parts wait in plain words, then "ready" with where to go', async () => {
  const ro = await createRo(server, S, { vehicle: { plate: '京A24601', make: 'Audi' }, operations: [{ code: 'BRK' }] });
  const base = `/api/stores/${S}/repair-orders/${ro.id}`;
  const op = `${base}/operations/${ro.operations[0].id}`;
  const page = await openTracking(await tokenOf(ro.id));
  await waitForText(page, (t) => t.includes('已接车'));
  await server.api('POST', `${op}/start`, { bayId: 'bay-1' });
  await server.api('POST', `${op}/pause`, { reason: 'parts', part: '前刹车片', eta: '2030-05-10T14:30:00+08:00' });
  await waitFor(page, 'tracking-page >>> car-status >>> [data-testid="parts-wait"]');
  assert.match(await textIn(page, 'tracking-page >>> car-status >>> [data-testid="parts-wait"]'), /前刹车片预计 5月10日 14:30 到店/);
  await server.api('POST', `${op}/resume`);
  await server.api('POST', `${op}/finish`);
  await server.api('POST', `${base}/qc-pass`);
  await server.api('POST', `${base}/ready`);
  await waitFor(page, 'tracking-page >>> car-status >>> [data-testid="ready"]');
  assert.match(await textIn(page, 'tracking-page >>> car-status >>> [data-testid="ready"]'), /您的爱车已可取车[\s\S]*请到一楼服务前台 A 区取车/);
  assert.match(await textIn(page, 'tracking-page >>> car-story >>> [data-testid="timeline"]'), /可以取车[\s\S]*进入质检[\s\S]*完成：更换前刹车片/);
});

Tracking('the timeline shows each parts wait: when the job stopped for which part, and when it went on', async () => {
  const ro = await createRo(server, S, { vehicle: { plate: '京A24602', make: 'Audi' }, operations: [{ code: 'BRK' }] });
  const op = `/api/stores/${S}/repair-orders/${ro.id}/operations/${ro.operations[0].id}`;
  const page = await openTracking(await tokenOf(ro.id));
  await waitForText(page, (t) => t.includes('已接车'));
  await server.api('POST', `${op}/start`, { bayId: 'bay-1' });
  await server.api('POST', `${op}/pause`, { reason: 'parts', part: '前刹车片' });
  const timeline = 'tracking-page >>> car-story >>> [data-testid="timeline"]';
  await page.waitForFunction(
    () => {
      const story = document.querySelector('tracking-page')?.shadowRoot?.querySelector('car-story')?.shadowRoot?.querySelector('[data-testid="timeline"]');
      return story?.textContent?.includes('等待配件「前刹车片」');
    },
    { polling: 100, timeout: 30_000 },
    timeline,
  );
  await server.api('POST', `${op}/resume`);
  await page.waitForFunction(
    () => {
      const story = document.querySelector('tracking-page')?.shadowRoot?.querySelector('car-story')?.shadowRoot?.querySelector('[data-testid="timeline"]');
      return story?.textContent?.includes('配件「前刹车片」已到');
    },
    { polling: 100, timeout: 30_000 },
  );
  const text = await textIn(page, timeline);
  // Newest first: resumed, then the wait, then the start.
  assert.match(text, /配件「前刹车片」已到，继续：更换前刹车片[\s\S]*等待配件「前刹车片」，更换前刹车片暂停[\s\S]*开始：更换前刹车片/);
  await screenshot(page, 'tracking-parts-wait-phone');
  const waits = await fetch(`${server.url}/api/track/${await tokenOf(ro.id)}/parts-waits`).then((r) => r.json());
  assert.equal(
    waits.data.waits.map((w: { kind: string; part: string }) => [w.kind, w.part]),
    [
      ['paused', '前刹车片'],
      ['resumed', '前刹车片'],
    ],
  );
  assert.not.match(JSON.stringify(waits), /京A|24602|张伟|138|tech-|technician/);
  await server.api('POST', `${op}/finish`); // frees bay-1 for the tests after this one
});

Tracking('answers an unknown link with a friendly page that says nothing more', async () => {
  for (const token of ['A'.repeat(24), 'not-a-token', 'x'.repeat(80)]) {
    const res = await fetch(`${server.url}/t/${token}`);
    assert.is(res.status, 404);
    const html = await res.text();
    assert.match(html, /链接无效/);
    assert.match(html, /This link does not work/);
  }
  const refused = new LiveClient(server.url, { kind: 'tracking', token: 'B'.repeat(24) });
  assert.equal((await refused.connect()).error?.code, 'unknown_token');
  refused.disconnect();
});

Tracking('takes one survey answer after delivery and politely refuses a second', async () => {
  const ro = await createRo(server, S, { vehicle: { plate: '京A97531', make: 'Audi' }, customer: { name: '周杰', phone: '13600008642', salutation: 'mr' } });
  const token = await tokenOf(ro.id);
  await deliver(server, S, ro.id);
  const page = await openTracking(token);
  await waitFor(page, 'tracking-page >>> survey-form');
  await tap(page, 'tracking-page >>> survey-form >>> button[data-score="5"]');
  await page.type('tracking-page >>> survey-form >>> textarea', '顾问很专业');
  await tap(page, 'tracking-page >>> survey-form >>> button[data-action="send-survey"]');
  await waitFor(page, 'tracking-page >>> [data-testid="survey-done"]');
  assert.match(await textIn(page, 'tracking-page >>> [data-testid="survey-done"]'), /感谢您的评价/);
  const stored = (await server.service.state(S)).ros.get(ro.id)!.survey!;
  assert.equal([stored.score, stored.comment], [5, '顾问很专业']);
  // A second answer, from the phone…
  const again = await server.api('POST', `/api/track/${token}/survey`, { score: 1 }, { authorization: undefined });
  assert.equal([again.status, again.body.error.code], [409, 'already_answered']);
  // …or at the kiosk, by plate and phone digits, is refused with thanks.
  const kioskPage = await openKiosk(browser, server);
  pages.push(kioskPage);
  await tap(kioskPage, 'start-screen >>> button[data-action="survey"]');
  await waitForScreen(kioskPage, 'plate');
  await typePlate(kioskPage, '京A97531');
  await tap(kioskPage, 'plate-screen >>> button[data-action="next"]');
  await waitForScreen(kioskPage, 'last4');
  await typeDigits(kioskPage, '8642');
  await tap(kioskPage, 'digits-screen >>> button[data-action="next"]');
  await waitFor(kioskPage, 'digits-screen >>> [data-testid="screen-error"]');
  assert.is(await textIn(kioskPage, 'digits-screen >>> [data-testid="screen-error"]'), '感谢您！这次服务的评价我们已经收到了。');
  // A reopened page shows the thanks, not the form.
  const reopened = await openTracking(token, '?lang=en');
  await waitFor(reopened, 'tracking-page >>> [data-testid="survey-done"]');
  assert.is(await reopened.$('tracking-page >>> survey-form'), null);
  const events = (await server.service.events.read(S, 0)).filter((e) => e.type === 'surveySubmitted' && e.data.roId === ro.id);
  assert.is(events.length, 1);
});

Tracking('expires the configured number of days after delivery: a friendly page, a refused join, no survey', async () => {
  const ro = await createRo(server, S, { vehicle: { plate: '京A86420', make: 'Audi' } });
  const token = await tokenOf(ro.id);
  await deliver(server, S, ro.id);
  clockOffset = 6 * DAY;
  assert.is((await fetch(`${server.url}/t/${token}`)).status, 200, 'still open six days after delivery');
  clockOffset = 8 * DAY;
  const res = await fetch(`${server.url}/t/${token}`);
  assert.is(res.status, 410);
  const html = await res.text();
  assert.match(html, /链接已过期/);
  assert.not.match(html, /京A|86420|Audi|RO\d/);
  const live = new LiveClient(server.url, { kind: 'tracking', token });
  assert.equal((await live.connect()).error?.code, 'expired_token');
  live.disconnect();
  const survey = await server.api('POST', `/api/track/${token}/survey`, { score: 5 }, { authorization: undefined });
  assert.is(survey.status, 410);
  clockOffset = 0;
});

Tracking("a cancelled visit's link says it was cancelled, never that the car was handed back", async () => {
  const ro = await createRo(server, S, { vehicle: { plate: '京A97531', make: 'Audi' } });
  const token = await tokenOf(ro.id);
  const cancelled = await server.api('POST', `/api/stores/${S}/repair-orders/${ro.id}/cancel`, { reason: '客户改期' });
  assert.is(cancelled.status, 200, JSON.stringify(cancelled.body));
  for (const [query, words] of [
    ['', /本次服务已取消/],
    ['?lang=en', /This visit was cancelled/],
  ] as const) {
    const res = await fetch(`${server.url}/t/${token}${query}`);
    assert.is(res.status, 410);
    const html = await res.text();
    assert.match(html, words);
    assert.not.match(html, /已交付|handed back|感谢您的光临/);
    assert.not.match(html, /京A|97531|Audi|RO\d/);
  }
});

Tracking.run();

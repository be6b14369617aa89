/**
 * The check-in kiosk in a real Chromium against the real server, driven the way a customer
 * drives it — tapping the plate keyboard and the number pad. The dispatch side is watched with a
 * real socket.io client on the dispatch audience, and the advisor call on the real dispatch page.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { writeQrVideo } from '../helpers/fake-camera';
import { aKioskShop, bookToday } from '../helpers/kiosk';
import {
  decodeQrIn,
  inKiosk,
  LANDSCAPE,
  openKiosk,
  openPage,
  PORTRAIT,
  screenOf as screenOfPage,
  tap,
  textIn,
  typeDigits,
  typePlate,
  waitFor,
  waitForScreen,
} from '../helpers/kiosk-page';
import { LiveClient } from '../helpers/live-client';
import { startTestServer, type TestServer } from '../helpers/server';
import { scannerTypes } from '../helpers/wedge-input';

await buildBundles();

const S = 'store-a';
let server: TestServer;
let browser: Browser;
let dispatch: LiveClient;
const open: Page[] = [];

const kioskPage = async (opts: Parameters<typeof openKiosk>[2] = {}) => {
  const page = await openKiosk(browser, server, opts);
  open.push(page);
  return page;
};

const setUp =
  (kioskConfig: Record<string, unknown> = {}) =>
  async () => {
    server = await startTestServer({ shop: aKioskShop(kioskConfig) });
    browser = await launchBrowser();
    dispatch = new LiveClient(server.url, { kind: 'dispatch', storeId: S }, { token: server.apiKey });
    assert.ok((await dispatch.connect()).ok);
  };
const tearDown = async () => {
  dispatch.disconnect();
  for (const page of open.splice(0)) await page.close().catch(() => undefined);
  await browser.close();
  await server.close();
};

/** Start → appointment → plate → last four digits, as a customer taps them. */
async function lookUp(page: Page, plate: string, digits: string): Promise<void> {
  await tap(page, 'start-screen >>> button[data-action="appointment"]');
  await waitForScreen(page, 'plate');
  await typePlate(page, plate);
  await tap(page, 'plate-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'last4');
  await typeDigits(page, digits);
  await tap(page, 'digits-screen >>> button[data-action="next"]');
}

async function confirmAndCheckIn(page: Page): Promise<string> {
  await waitForScreen(page, 'confirm');
  await tap(page, 'confirm-screen >>> .consent');
  await tap(page, 'confirm-screen >>> button[data-action="submit"]');
  await waitForScreen(page, 'done');
  return textIn(page, 'done-screen >>> [data-testid="queue-number"]');
}

/** The dispatch audience's entry for the car with this plate, once it has arrived. */
async function onDispatch(plate: string): Promise<{ stage: string; queueNumber?: string; operations: { code: string }[] }> {
  await dispatch.waitForSeq((await server.service.state(S)).seq);
  const entry = Object.values(dispatch.entries()).find((e) => (e as { vehicle?: { plate: string } }).vehicle?.plate === plate);
  assert.ok(entry, `the dispatch audience has ${plate}`);
  return entry as never;
}

const CheckIn = suite('kiosk: checking in');
CheckIn.before(setUp());
CheckIn.after(tearDown);

CheckIn('checks an appointment in by plate and the last four phone digits; the dispatch board has it at once', async () => {
  const appt = await bookToday(server, S, { services: ['OIL', 'BRK'], vehicle: { plate: '京A12345', make: 'Audi' } });
  const page = await kioskPage();
  await lookUp(page, '京A12345', '1111');
  await waitForScreen(page, 'confirm');
  const summary = await textIn(page, 'confirm-screen >>> [data-testid="summary"]');
  assert.match(summary, /李女士/);
  assert.match(summary, /139\*\*\*\*1111/);
  assert.not.match(await deepText(page), /李娜|13900001111/, 'contact details are masked');
  const queue = await confirmAndCheckIn(page);
  assert.match(queue, /^A\d{3}$/);
  const ro = await onDispatch('京A12345');
  assert.equal([ro.stage, ro.queueNumber, ro.operations.map((o) => o.code)], ['checked_in', queue, ['OIL', 'BRK']]);
  assert.is((await server.service.state(S)).appointments.get(appt.id)!.status, 'checked_in');
});

CheckIn('checks a walk-in in with the services, mileage and words the customer chose', async () => {
  const page = await kioskPage({ viewport: LANDSCAPE });
  await tap(page, 'start-screen >>> button[data-action="walk-in"]');
  await waitForScreen(page, 'plate');
  await typePlate(page, '粤BD12345');
  await tap(page, 'plate-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'phone');
  await typeDigits(page, '13655557777');
  await tap(page, 'digits-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'services');
  assert.match(await textIn(page, 'services-screen >>> button[data-code="BRK"]'), /约 1 小时 10 分钟/, 'standard duration shown');
  await tap(page, 'services-screen >>> button[data-code="BRK"]');
  await tap(page, 'services-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'details');
  await typeDigits(page, '45210');
  await tap(page, 'details-screen >>> .chip');
  await tap(page, 'details-screen >>> button[data-action="next"]');
  const queue = await confirmAndCheckIn(page);
  assert.match(queue, /^W\d{3}$/);
  const ro = (await onDispatch('粤BD12345')) as unknown as {
    stage: string;
    vehicle: { mileageKm: number };
    description: string;
    operations: { code: string }[];
  };
  assert.equal([ro.stage, ro.vehicle.mileageKm, ro.description, ro.operations.map((o) => o.code)], ['checked_in', 45210, '有异响', ['BRK']]);
});

CheckIn('prints a ticket whose QR code decodes to a tracking link that works', async () => {
  await bookToday(server, S, { vehicle: { plate: '京A88D66', make: 'Audi' }, customer: { name: '王强', phone: '13500002468', salutation: 'mr' } });
  const page = await kioskPage();
  await lookUp(page, '京A88D66', '2468');
  await confirmAndCheckIn(page);
  const onScreen = await decodeQrIn(page, 'done-screen >>> img[data-testid="tracking-qr"]');
  await page.emulateMediaType('print');
  await page.setViewport({ width: 302, height: 1100 });
  const printed = await decodeQrIn(page, 'kiosk-ticket >>> img[data-testid="ticket-qr"]');
  assert.ok(printed, 'the printed QR decodes');
  assert.is(printed, onScreen);
  assert.match(printed!, new RegExp(`^${server.url}/t/[A-Za-z0-9_-]{24}$`));
  assert.match(await textIn(page, 'kiosk-ticket >>> [data-testid="ticket"]'), /A\d{3}/);
  const phone = await openPage(browser, printed!, { width: 390, height: 844 });
  open.push(phone);
  const text = await waitForText(phone, (t) => t.includes('京A·8**66') && t.includes('王先生'));
  assert.not.match(text, /京A88D66|王强|13500002468/, 'the tracking page shows masked details only');
});

CheckIn('checks in from the booking QR code typed by a keyboard-wedge scanner, on any screen', async () => {
  const appt = await bookToday(server, S, { vehicle: { plate: '京C2W877', make: 'Audi' } });
  const { code } = (await server.api('GET', `/api/stores/${S}/appointments/${appt.id}/kiosk-code`)).body.data;
  const page = await kioskPage();
  await scannerTypes(page, code);
  await waitForScreen(page, 'confirm');
  assert.match(await textIn(page, 'confirm-screen >>> [data-testid="summary"]'), /京C·2W877/);
  await confirmAndCheckIn(page);
  assert.is((await onDispatch('京C2W877')).stage, 'checked_in');
});

CheckIn("reads the booking QR code with the kiosk's own camera", async () => {
  const appt = await bookToday(server, S, { vehicle: { plate: '京D3M520', make: 'Audi' } });
  const { code } = (await server.api('GET', `/api/stores/${S}/appointments/${appt.id}/kiosk-code`)).body.data;
  const video = join(mkdtempSync(join(tmpdir(), 'tw-kiosk-cam-')), 'booking.y4m');
  writeQrVideo(video, code);
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
    const page = await openKiosk(camera, server, { viewport: LANDSCAPE });
    await tap(page, 'start-screen >>> button[data-action="appointment"]');
    await waitForScreen(page, 'plate');
    await tap(page, 'plate-screen >>> button[data-action="scan"]');
    await waitForScreen(page, 'scan');
    await tap(page, 'scan-screen >>> button[data-action="camera"]');
    await waitForScreen(page, 'confirm', 30_000);
    assert.match(await textIn(page, 'confirm-screen >>> [data-testid="summary"]'), /京D·3M520/);
  } finally {
    await camera.close();
  }
});

const Refusals = suite('kiosk: what it refuses');
Refusals.before(setUp({ lookupsPerPlate: { max: 3, windowSeconds: 900 } }));
Refusals.after(tearDown);

Refusals('refuses wrong digits with the same words whether or not the plate is known', async () => {
  await bookToday(server, S, { vehicle: { plate: '京A55555', make: 'Audi' } });
  const page = await kioskPage();
  await lookUp(page, '京A55555', '0000');
  await waitFor(page, 'digits-screen >>> [data-testid="screen-error"]');
  const wrongDigits = await textIn(page, 'digits-screen >>> [data-testid="screen-error"]');
  const other = await kioskPage();
  await lookUp(other, '京A66666', '1111');
  await waitFor(other, 'digits-screen >>> [data-testid="screen-error"]');
  const unknownPlate = await textIn(other, 'digits-screen >>> [data-testid="screen-error"]');
  assert.is(wrongDigits, unknownPlate);
  assert.match(wrongDigits, /没有找到匹配的预约/);
  assert.not.match(await deepText(page), /李|139|BMW/, 'nothing about the booked car is shown');
});

Refusals('stops guessing: the fourth lookup of a plate is refused even with the right digits', async () => {
  await bookToday(server, S, { vehicle: { plate: '京A77777', make: 'Audi' } });
  const page = await kioskPage();
  const attempt = async (digits: string) => {
    await tap(page, 'digit-pad >>> button[data-key="clear"]');
    await typeDigits(page, digits);
    const answer = page.waitForResponse((r) => r.url().endsWith('/appointments/find'));
    await tap(page, 'digits-screen >>> button[data-action="next"]');
    return (await answer).status();
  };
  await lookUp(page, '京A77777', '0001');
  await waitFor(page, 'digits-screen >>> [data-testid="screen-error"]');
  assert.is(await attempt('0002'), 404);
  assert.is(await attempt('0003'), 404);
  assert.is(await attempt('1111'), 429);
  await page.waitForFunction(
    () => /尝试次数过多/.test(document.querySelector('check-in-kiosk')?.shadowRoot?.querySelector('digits-screen')?.shadowRoot?.textContent ?? ''),
    { polling: 100 },
  );
  assert.match(await textIn(page, 'digits-screen >>> [data-testid="screen-error"]'), /尝试次数过多，请 \d+ 分钟后再试，或呼叫服务顾问/);
  assert.is(await screenOfPage(page), 'last4', 'still on the digits screen: nothing was found');
});

Refusals('explains a malformed plate in plain words before anything is sent', async () => {
  const page = await kioskPage();
  await tap(page, 'start-screen >>> button[data-action="appointment"]');
  await waitForScreen(page, 'plate');
  await typePlate(page, '京A1234');
  const letterO = await page.$eval(inKiosk('plate-input >>> button[data-key="O"]'), (e) => (e as HTMLButtonElement).disabled);
  assert.ok(letterO, 'the keyboard does not offer O in a plate serial');
  await tap(page, 'plate-screen >>> button[data-action="next"]');
  await waitFor(page, 'plate-screen >>> [data-testid="plate-error"]');
  assert.is(await textIn(page, 'plate-screen >>> [data-testid="plate-error"]'), '字母后应有 5 位号码，新能源车牌为 6 位');
  await typePlate(page, '56');
  await tap(page, 'plate-screen >>> button[data-action="next"]');
  await waitFor(page, 'plate-screen >>> [data-testid="plate-error"]');
  assert.is(await textIn(page, 'plate-screen >>> [data-testid="plate-error"]'), '新能源车牌的 6 位号码以 D 或 F 开头或结尾');
  assert.is(await page.$eval(inKiosk('plate-input >>> [data-testid="plate-value"]'), (e) => e.getAttribute('data-value')), '京A123456');
});

Refusals('speaks English after the switch, and back in the store language after the idle reset', async () => {
  const page = await kioskPage({ query: 'idle=5' });
  await tap(page, 'button[data-action="lang"]');
  await waitForText(page, (t) => t.includes('I have an appointment'));
  await tap(page, 'start-screen >>> button[data-action="walk-in"]');
  await waitForScreen(page, 'plate');
  await typePlate(page, '京A123');
  await waitForScreen(page, 'start', 20_000);
  assert.match(await deepText(page), /我有预约/);
});

const Idle = suite('kiosk: left alone');
Idle.before(setUp({ idleSeconds: 5 }));
Idle.after(tearDown);

Idle('goes back to the start after the configured idle time and wipes what was typed', async () => {
  const page = await kioskPage();
  await tap(page, 'start-screen >>> button[data-action="appointment"]');
  await waitForScreen(page, 'plate');
  await typePlate(page, '京A24680');
  await tap(page, 'plate-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'last4');
  await typeDigits(page, '13');
  await waitFor(page, '[data-testid="idle-warning"]', 20_000);
  await waitForScreen(page, 'start', 20_000);
  await tap(page, 'start-screen >>> button[data-action="appointment"]');
  await waitForScreen(page, 'plate');
  assert.is(await page.$eval(inKiosk('plate-input >>> [data-testid="plate-value"]'), (e) => e.getAttribute('data-value')), '');
  assert.not.match(await deepText(page), /24680/);
});

Idle('raises a call on the real dispatch board, which the advisor answers from there', async () => {
  const page = await kioskPage({ viewport: PORTRAIT, query: 'kiosk=entrance-east&lang=en' });
  await tap(page, 'button[data-action="call-advisor"]');
  await waitFor(page, '[data-testid="call-notice"]');
  assert.match(await textIn(page, '[data-testid="call-notice"]'), /advisor has been called/);
  const board = await browser.newPage();
  open.push(board);
  await board.setViewport({ width: 1920, height: 1080 });
  await board.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await board.setCookie({
    name: 'tw_session',
    value: server.auth.issueSession({ id: 'adv-1', name: '赵顾问', roles: ['advisor'], storeIds: '*' }),
    url: server.url,
  });
  await board.goto(`${server.url}/display/dispatch?store=${S}`, { waitUntil: 'domcontentloaded' });
  const alert = await board.waitForSelector('dispatch-board >>> advisor-call-alert >>> [data-testid="advisor-calls"]', { visible: true });
  assert.match(await alert!.evaluate((e) => (e as HTMLElement).innerText), /客户呼叫服务顾问[\s\S]*entrance-east[\s\S]*客户使用英文/);
  await screenshot(board, 'dispatch-advisor-call');
  await (await board.waitForSelector('dispatch-board >>> advisor-call-alert >>> button', { visible: true }))!.click();
  await board.waitForFunction(
    () =>
      !document.querySelector('dispatch-board')?.shadowRoot?.querySelector('advisor-call-alert')?.shadowRoot?.querySelector('[data-testid="advisor-calls"]'),
    { polling: 100 },
  );
  assert.is((await server.service.state(S)).calls.size, 0);
});

CheckIn.run();
Refusals.run();
Idle.run();

/**
 * Add-on work (增项) end to end in a real Chromium against the real server: a technician on the
 * scan page (390×844) proposes found work with a photo uploaded from a file — a JPEG carrying GPS
 * EXIF — the dispatch desk (1920×1080) lists it with its waiting time, the customer approves on
 * the tracking page (390×844) with the photo shown, and the work lands on the dispatch board as
 * an operation of the car, while the lobby board's socket frames never carry the photo's URL or
 * the price. Screenshots: artifacts/addon-*.png (opened and judged).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { axeSerious, describeFindings } from '../helpers/axe';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act, createRo } from '../helpers/build';
import { issueCode, Phone } from '../helpers/scan';
import { startTestServer, type TestServer } from '../helpers/server';
import { commitOk } from '../helpers/workshop';
import { photoStoreOf } from '../../server/add-ons/propose';

await buildBundles();

const S = 'bj-wangjing';
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const KEEP_NAMES = 'globalThis.__name = (fn) => fn;';
const TITLE = '更换前刹车片（磨损到限）';

let browser: Browser;
let server: TestServer;
const errors: string[] = [];

test.before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function aPage(viewport: { width: number; height: number; deviceScaleFactor?: number; isMobile?: boolean; hasTouch?: boolean }): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(viewport);
  await page.evaluateOnNewDocument(KEEP_NAMES);
  page.on('pageerror', (err) => errors.push(String(err)));
  return page;
}

const tap = async (page: Page, selector: string) => {
  const el = (await page.waitForSelector(selector, { visible: true }))!;
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await el.click();
};

/** A photo as a phone camera writes it, with the camera's make and the GPS position in its EXIF. */
async function cameraPhotoFile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'addon-photo-'));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="2250"><rect width="3000" height="2250" fill="#3b4252"/>
    <circle cx="1500" cy="1125" r="800" fill="#9aa5b1"/><circle cx="1500" cy="1125" r="380" fill="#2e3440"/><rect x="2050" y="700" width="260" height="850" rx="40" fill="#d08770"/></svg>`;
  const bytes = await sharp(Buffer.from(svg))
    .jpeg({ quality: 88 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Camera 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 59/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 28/1 2345/100' },
    })
    .toBuffer();
  const file = join(dir, 'IMG_2041.jpg');
  writeFileSync(file, bytes);
  return file;
}

test('scan page → photo upload from a file → tracking page approve → the operation on the dispatch board; the lobby never hears the price or the photo', async () => {
  // A car in service: its oil change started at bay 6 by tech-01, then paused for approval.
  const ro = await createRo(server, S, {
    operations: [{ code: 'MNT-OIL' }],
    advisorId: 'adv-01',
    vehicle: { plate: '京N8K2M5', make: 'Audi', model: 'A6L', color: '黑色' },
  });
  const opId = ro.operations[0].id;
  await act(server, `/api/stores/${S}/repair-orders/${ro.id}/send-to-workshop`);
  await act(server, `/api/stores/${S}/repair-orders/${ro.id}/operations/${opId}/assign`, { bayId: 'bay-06', technicianId: 'tech-01' });
  await commitOk(server.service, S, { type: 'startOperation', roId: ro.id, operationId: opId });
  await commitOk(server.service, S, { type: 'pauseOperation', roId: ro.id, operationId: opId, pause: { reason: 'approval' } });
  const token = (await server.service.state(S)).ros.get(ro.id)!.trackingToken!;

  // The lobby board, recording every websocket frame it receives.
  const lobby = await aPage({ width: 1920, height: 1080 });
  const frames: string[] = [];
  const cdp = await lobby.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameReceived', (e) => frames.push(e.response.payloadData));
  await lobby.goto(`${server.url}/display/customer?store=${S}`, { waitUntil: 'domcontentloaded' });
  await waitForText(lobby, (t) => t.includes('A6L'), 45_000);

  // The dispatcher's desk.
  const desk = await aPage({ width: 1920, height: 1080 });
  const link = server.auth.issueOneTimeLogin({ id: 'disp-01', name: '调度员小王', roles: ['dispatcher', 'advisor'], storeIds: [S] });
  await desk.goto(`${server.url}/auth/one-time/${link}?next=${encodeURIComponent('/display/dispatch')}`, { waitUntil: 'domcontentloaded' });
  await waitForText(desk, (t) => t.includes('没有待确认的增项'), 45_000);

  // The technician's phone, signed in by badge, opens the job card's code.
  const phone = new Phone(server);
  await phone.signInWithBadge(S, 'tech-01');
  const code = await issueCode(server, { kind: 'operation', storeId: S, roId: ro.id, operationId: opId });
  const scan = await aPage(PHONE);
  await scan.setCookie(...[...phone.cookies].map(([name, value]) => ({ name, value, url: server.url })));
  await scan.goto(`${server.url}/s/${code}`, { waitUntil: 'domcontentloaded' });
  await tap(scan, 'scan-page >>> button[data-action="proposeAddOn"]');
  await scan.waitForSelector('scan-page >>> add-on-sheet >>> input[name="title"]', { visible: true });
  await (await scan.$('scan-page >>> add-on-sheet >>> input[name="title"]'))!.type(TITLE);
  await (await scan.$('scan-page >>> add-on-sheet >>> input[name="price"]'))!.type('680.50');
  await (await scan.$('scan-page >>> add-on-sheet >>> input[name="hours"]'))!.type('1.2');
  const fileInput = (await scan.$('scan-page >>> add-on-sheet >>> input[type="file"]'))!;
  assert.equal(
    await fileInput.evaluate((i) => [i.getAttribute('accept'), i.getAttribute('capture')]),
    ['image/*', 'environment'],
    'the phone offers its back camera',
  );
  await (fileInput as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(await cameraPhotoFile());
  await scan.waitForSelector('scan-page >>> add-on-sheet >>> figure img', { visible: true });
  await scan.waitForFunction(() => {
    const img = document
      .querySelector('scan-page')
      ?.shadowRoot?.querySelector('add-on-sheet')
      ?.shadowRoot?.querySelector('figure img') as HTMLImageElement | null;
    return !!img && img.complete && img.naturalWidth > 0;
  });
  await screenshot(scan, 'addon-scan-proposal');
  const sheetAxe = await axeSerious(scan);
  assert.is(sheetAxe.length, 0, describeFindings(sheetAxe));
  await tap(scan, 'scan-page >>> add-on-sheet >>> button[data-choice="send"]');
  await waitForText(scan, (t) => t.includes('已发送，等待顾客确认'));
  await waitForText(scan, (t) => t.includes('等待顾客确认') && t.includes('680.50'));

  // Stored once, with the photo re-encoded and its GPS gone.
  const stored = (await server.service.state(S)).ros.get(ro.id)!;
  const addOn = stored.addOns![0];
  assert.equal(
    [addOn.title, addOn.price, addOn.hours, addOn.status, addOn.photoIds.length, addOn.by, addOn.bayId],
    [TITLE, 680.5, 1.2, 'pending', 1, 'tech-01', 'bay-06'],
  );
  const kept = (await photoStoreOf(server.deps).get(S, ro.id, addOn.photoIds[0]))!;
  const meta = await sharp(kept).metadata();
  assert.equal([meta.width, meta.height, meta.exif], [1600, 1200, undefined]);

  // The desk lists it with how long it has waited.
  await waitForText(desk, (t) => t.includes(TITLE) && t.includes('已等') && t.includes('680.50'));
  await screenshot(desk, 'addon-dispatch-pending');

  // The customer's phone: the proposal with the photo, price and hours.
  const tracking = await aPage(PHONE);
  await tracking.goto(`${server.url}/t/${token}`, { waitUntil: 'domcontentloaded' });
  await waitForText(tracking, (t) => t.includes(TITLE) && t.includes('680.50') && t.includes('1.2'));
  await tracking.waitForFunction(() => {
    const img = document
      .querySelector('tracking-page')
      ?.shadowRoot?.querySelector('add-on-approval')
      ?.shadowRoot?.querySelector('img') as HTMLImageElement | null;
    return !!img && img.complete && img.naturalWidth > 0;
  });
  const shown = await tracking.evaluate(() => {
    const img = document.querySelector('tracking-page')!.shadowRoot!.querySelector('add-on-approval')!.shadowRoot!.querySelector('img')!;
    return { src: img.getAttribute('src'), width: img.naturalWidth };
  });
  assert.is(shown.src, `/api/track/${token}/photos/${addOn.photoIds[0]}`);
  assert.is(shown.width, 1600);
  await tracking.evaluate(() => document.querySelector('tracking-page')!.shadowRoot!.querySelector('add-on-approval')!.scrollIntoView({ block: 'start' }));
  await screenshot(tracking, 'addon-tracking-proposal');
  const trackingAxe = await axeSerious(tracking);
  assert.is(trackingAxe.length, 0, describeFindings(trackingAxe));
  await tap(tracking, 'tracking-page >>> add-on-approval >>> button[data-decision="approve"]');
  await waitForText(tracking, (t) => t.includes('您已同意'));

  // The work is an operation of the car now, at bay 6, on the dispatch board; nothing pending.
  const after = (await server.service.state(S)).ros.get(ro.id)!;
  assert.ok(after.operations.some((o) => o.id === addOn.id && o.bayId === 'bay-06'));
  assert.is(after.operations.find((o) => o.id === opId)!.status, 'in_progress', 'the approval pause ended');
  assert.equal(after.addOns![0].decision!.channel, 'phone-page');
  await waitForText(desk, (t) => t.includes('没有待确认的增项'));
  const laneText = await desk.evaluate(() =>
    [...document.querySelector('dispatch-board')!.shadowRoot!.querySelectorAll('bay-lane')].map((l) => l.shadowRoot?.textContent ?? '').join(' '),
  );
  assert.ok(laneText.includes(TITLE), "the approved work is in its bay's lane");
  await screenshot(desk, 'addon-dispatch-approved');

  // The lobby heard about the car all along, and never about its price or photo.
  await waitForText(lobby, (t) => t.includes('A6L'));
  const all = frames.join('\n');
  assert.ok(all.includes(ro.id), "the lobby did receive this car's updates");
  const leaks = ['/photos/', addOn.photoIds[0], '680.5', 'addOns', TITLE].filter((needle) => all.includes(needle));
  assert.equal(leaks, [], `found in the lobby's frames: ${leaks.join(', ')}`);
  assert.equal(errors, []);
  assert.not.ok((await deepText(lobby)).includes('680'));
});

test.run();

/**
 * Add-on work (增项) proposed at the desk, in a real Chromium against the real server: a signed-in
 * advisor on the dispatch board (1366×768) opens a car's dialog, taps 发现增项, fills in the work,
 * its price and hours and uploads a photo from a file; a non-image file first is refused with the
 * refusal, naming the photo in Chinese (第 1 张照片), and nothing is stored. The proposal then shows in the panel
 * 增项待顾客确认 and on the order's tracking page. A person whose roles may not propose (an
 * inspector) gets no such button; a paired wall screen gets no dialogs at all.
 * Screenshot: artifacts/addon-desk-dialog.png (opened and judged).
 */
import { mkdtempSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, ElementHandle, Page } from 'puppeteer';
import type { Role } from '../../shared/domain/people';
import { buildBundles } from '../../scripts/build';
import { axeSerious, describeFindings } from '../helpers/axe';
import { launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act, createRo } from '../helpers/build';
import { startTestServer, type TestServer } from '../helpers/server';
import { tapProblems, waitDeep } from '../helpers/tap-targets';
import { commitOk } from '../helpers/workshop';

await buildBundles();

const S = 'bj-wangjing';
const DESK = { width: 1366, height: 768 };
const KEEP_NAMES = 'globalThis.__name = (fn) => fn;';
const TITLE = '更换雨刮片（胶条老化）';

let browser: Browser;
let server: TestServer;
let roId = '';
let token = '';
const errors: string[] = [];

test.before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  // A car at work in bay 6.
  const ro = await createRo(server, S, {
    operations: [{ code: 'MNT-OIL' }],
    advisorId: 'adv-01',
    vehicle: { plate: '京Q7D3L9', make: 'Toyota', model: 'Camry', color: '白色' },
  });
  roId = ro.id;
  const opId = ro.operations[0].id;
  await act(server, `/api/stores/${S}/repair-orders/${ro.id}/send-to-workshop`);
  await act(server, `/api/stores/${S}/repair-orders/${ro.id}/operations/${opId}/assign`, { bayId: 'bay-06', technicianId: 'tech-01' });
  await commitOk(server.service, S, { type: 'startOperation', roId: ro.id, operationId: opId });
  token = (await server.service.state(S)).ros.get(ro.id)!.trackingToken!;
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function deskBoard(roles: Role[], id: string, lang?: 'en'): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(DESK);
  await page.evaluateOnNewDocument(KEEP_NAMES);
  page.on('pageerror', (err) => errors.push(String(err)));
  const link = server.auth.issueOneTimeLogin({ id, name: '顾问小李', roles, storeIds: [S] });
  await page.goto(`${server.url}/auth/one-time/${link}?next=${encodeURIComponent(`/display/dispatch${lang ? `?lang=${lang}` : ''}`)}`, {
    waitUntil: 'domcontentloaded',
  });
  await waitDeep(page, `button[data-action="edit"][data-ro="${roId}"]`, 45_000);
  return page;
}

/** An element by a `>>>` path through the shadow roots, polled (a change inside a shadow root wakes no observer). */
async function el(page: Page, selector: string, timeoutMs = 30_000): Promise<ElementHandle> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await page.$(selector);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${selector}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
const EDIT = 'dispatch-board >>> edit-dialog >>>';
const ADD = 'dispatch-board >>> add-on-dialog >>>';

async function openOrderDialog(page: Page) {
  await (await el(page, `pierce/button[data-action="edit"][data-ro="${roId}"]`)).click();
  await waitDeep(page, 'edit-dialog');
}

function files(): { dir: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'addon-desk-'));
  const text = join(dir, 'notes.jpg');
  // Named like a photo, but its bytes are text: the server reads the bytes, not the name.
  writeFileSync(text, 'wiper blades: rubber cracked on both sides\n');
  return { dir, text };
}

async function photo(dir: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="1200" height="900" fill="#334155"/>
    <rect x="150" y="380" width="900" height="60" rx="30" fill="#0f172a"/><rect x="150" y="450" width="900" height="18" fill="#e2e8f0"/></svg>`;
  const file = join(dir, 'wiper.jpg');
  writeFileSync(file, await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
  return file;
}

const storedPhotos = () => {
  const dir = join(server.auth.dataDir!, 'add-on-photos', S, roId);
  return existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')) : [];
};

const dialogText = (page: Page) => page.$eval('pierce/add-on-dialog', (d) => (d.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));

test('an inspector (who may not propose) gets no 发现增项 in the order dialog', async () => {
  const page = await deskBoard(['inspector'], 'insp-01');
  await openOrderDialog(page);
  await el(page, `${EDIT} button[data-action="cancel"]`);
  assert.not.ok(await page.$('pierce/button[data-action="propose-add-on"]'), 'no propose button for an inspector');
  await page.browserContext().close();
});

test('in English the dialog reads in English, fits 1366×768 and passes axe-core', async () => {
  const page = await deskBoard(['dispatcher'], 'disp-02', 'en');
  await openOrderDialog(page);
  const propose = await el(page, `${EDIT} button[data-action="propose-add-on"]`);
  assert.is((await propose.evaluate((b) => b.textContent ?? '')).trim(), 'Propose add-on');
  await propose.click();
  await el(page, `${ADD} input[name="title"]`);
  const words = await dialogText(page);
  for (const w of ['Propose add-on work', 'Work found', 'Price (¥)', 'Standard hours', 'Photos (up to 3)', 'Add photos', 'Send to customer'])
    assert.ok(words.includes(w), `"${w}" in: ${words}`);
  assert.not.match(words, /[\u4e00-\u9fff]{2,}/u, 'no Chinese words (the plate has one character)');
  const findings = await axeSerious(page);
  assert.is(findings.length, 0, describeFindings(findings));
  assert.equal(await tapProblems(page, { minSize: 44, within: 'add-on-dialog' }), []);
  await screenshot(page, 'addon-desk-dialog-en');
  await (await el(page, `${ADD} button[data-action="cancel"]`)).click();
  await page.waitForFunction(() => !document.querySelector('dispatch-board')?.shadowRoot?.querySelector('add-on-dialog'));
  await page.browserContext().close();
});

test('a paired wall screen (no person) has no order actions, so no way to propose', async () => {
  const displayId = 'screen-wall-addon';
  await commitOk(server.service, S, { type: 'pairDisplay', displayId, name: displayId, board: 'dispatch' });
  const wallToken = server.auth.issueDisplayToken({ id: displayId, storeId: S, board: 'dispatch' });
  const page = await browser.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  await page.evaluateOnNewDocument(KEEP_NAMES);
  await page.goto(`${server.url}/display/dispatch?display=${encodeURIComponent(wallToken)}`, { waitUntil: 'domcontentloaded' });
  await waitForText(page, (t) => t.includes('京Q7D3L9'), 45_000);
  assert.not.ok(await page.$('pierce/button[data-action="edit"]'));
  assert.not.ok(await page.$('pierce/button[data-action="propose-add-on"]'));
  await page.close();
});

test('an advisor at the desk proposes an add-on with a photo from a file; a non-image is refused with the server message and stores nothing', async () => {
  const page = await deskBoard(['advisor'], 'adv-01');
  await openOrderDialog(page);
  await (await el(page, `${EDIT} button[data-action="propose-add-on"]`)).click();
  await el(page, `${ADD} input[name="title"]`);
  assert.not.ok(await page.$('pierce/edit-dialog'), 'the order dialog gave way to the proposal');

  const submit = async () => (await el(page, `${ADD} button[data-action="submit"]`)).click();
  const disabled = () => page.$eval(`${ADD} button[data-action="submit"]`, (b) => (b as HTMLButtonElement).disabled);
  assert.ok(await disabled(), 'nothing to send yet');
  await (await el(page, `${ADD} input[name="title"]`)).type(TITLE);
  await (await el(page, `${ADD} input[name="price"]`)).type('120');
  await (await el(page, `${ADD} input[name="hours"]`)).type('0.3');
  assert.not.ok(await disabled());

  const fileInput = await el(page, `${ADD} input[type="file"]`);
  assert.is(await fileInput.evaluate((i) => i.getAttribute('accept')), 'image/*');

  // A file that is not an image: the server's 422 names photos[0], which the dialog says in Chinese; nothing stored.
  const { dir, text } = files();
  await (fileInput as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(text);
  await el(page, `${ADD} figure`);
  await submit();
  await el(page, `${ADD} .error`);
  const refused = await dialogText(page);
  assert.match(refused, /未能发送/);
  assert.match(refused, /部分输入未被接受。\s*第 1 张照片无法读取/, `the refusal names the photo, in Chinese: ${refused}`);
  assert.not.match(refused, /not an image we can read/, `not the server's English: ${refused}`);
  let state = (await server.service.state(S)).ros.get(roId)!;
  assert.equal(state.addOns ?? [], [], 'no proposal stored');
  assert.equal(storedPhotos(), [], 'no photo stored');
  await screenshot(page, 'addon-desk-dialog-refused');
  const refusedAxe = await axeSerious(page);
  assert.is(refusedAxe.length, 0, describeFindings(refusedAxe));

  // Remove it, add a real photo, send.
  await (await el(page, `${ADD} button[data-action="remove-photo"]`)).click();
  await page.waitForFunction(() => !document.querySelector('dispatch-board')?.shadowRoot?.querySelector('add-on-dialog')?.shadowRoot?.querySelector('figure'));
  assert.not.ok(await page.$(`${ADD} .error`), 'the refusal goes once what was refused is removed');
  const input2 = await el(page, `${ADD} input[type="file"]`);
  await (input2 as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(await photo(dir));
  await page.waitForFunction(() => {
    const img = document
      .querySelector('dispatch-board')
      ?.shadowRoot?.querySelector('add-on-dialog')
      ?.shadowRoot?.querySelector('figure img') as HTMLImageElement | null;
    return !!img && img.complete && img.naturalWidth > 0;
  });

  // The open dialog: axe-core, touch targets, a screenshot.
  const findings = await axeSerious(page);
  assert.is(findings.length, 0, describeFindings(findings));
  assert.equal(await tapProblems(page, { minSize: 44, within: 'add-on-dialog' }), []);
  const addLabel = await page.$eval(`${ADD} label.add`, (l) => {
    const r = l.getBoundingClientRect();
    return [r.width, r.height];
  });
  assert.ok(addLabel[0] >= 44 && addLabel[1] >= 44, `the add-photo target is ${addLabel.join('×')}`);
  const box = await page.$eval(`${ADD} dialog`, (d) => {
    const r = d.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, scroll: d.scrollHeight - d.clientHeight };
  });
  assert.ok(box.top >= 0 && box.bottom <= DESK.height && box.left >= 0 && box.right <= DESK.width, `the dialog fits the screen: ${JSON.stringify(box)}`);
  assert.ok(box.scroll <= 1, 'nothing in the dialog is scrolled out of sight');
  await screenshot(page, 'addon-desk-dialog');

  await submit();
  await page.waitForFunction(() => !document.querySelector('dispatch-board')?.shadowRoot?.querySelector('add-on-dialog'), { timeout: 15_000 });

  // Stored once, by the advisor, with the photo.
  state = (await server.service.state(S)).ros.get(roId)!;
  assert.is(state.addOns?.length, 1);
  const addOn = state.addOns![0];
  assert.equal([addOn.title, addOn.price, addOn.hours, addOn.status, addOn.photoIds.length, addOn.by], [TITLE, 120, 0.3, 'pending', 1, 'adv-01']);
  assert.equal(storedPhotos(), [`${addOn.photoIds[0]}.jpg`]);

  // The pending panel lists it.
  await page.waitForFunction(
    (title) => (document.querySelector('dispatch-board')?.shadowRoot?.querySelector('add-on-list')?.shadowRoot?.textContent ?? '').includes(title),
    { timeout: 15_000 },
    TITLE,
  );
  const panel = await page.$eval('pierce/add-on-list', (l) => l.shadowRoot!.textContent!.replace(/\s+/g, ' '));
  assert.match(panel, /¥120\.00/);

  // And the customer's tracking page shows it, photo included.
  const tracking = await (await browser.createBrowserContext()).newPage();
  await tracking.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await tracking.evaluateOnNewDocument(KEEP_NAMES);
  tracking.on('pageerror', (err) => errors.push(String(err)));
  await tracking.goto(`${server.url}/t/${token}`, { waitUntil: 'domcontentloaded' });
  await waitForText(tracking, (t) => t.includes(TITLE) && t.includes('120.00'), 30_000);
  const src = await tracking.waitForFunction(() => {
    const img = document
      .querySelector('tracking-page')
      ?.shadowRoot?.querySelector('add-on-approval')
      ?.shadowRoot?.querySelector('img') as HTMLImageElement | null;
    return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : false;
  });
  assert.is(await src.jsonValue(), `/api/track/${token}/photos/${addOn.photoIds[0]}`);
  assert.equal(errors, []);
});

test.run();

/**
 * Issue 15: the live ETA as people see it, in a real Chromium. A walk-in checks in at the kiosk
 * (1080 × 1920) behind a busy bay; its ready time on the kiosk's Done screen is the one the lobby
 * board (1920 × 1080), the dispatch board (1920 × 1080) and the customer's phone (390 × 844)
 * show. A second car promised too soon: the dispatch board warns "预计超承诺 N 分钟", the lobby
 * and the phone show the later time.
 * Screenshots: artifacts/eta-{kiosk,lobby,dispatch,tracking}.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { formatTime } from '../../shared/i18n/translate';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act, createRo } from '../helpers/build';
import { aKioskShop } from '../helpers/kiosk';
import { openKiosk, openPage, PHONE, PORTRAIT, tap, typeDigits, typePlate, waitForScreen } from '../helpers/kiosk-page';
import { startTestServer, type TestServer } from '../helpers/server';
import { commitOk } from '../helpers/workshop';

await buildBundles();

const S = 'store-a';
const FULL_HD = { width: 1920, height: 1080 };
let server: TestServer;
let browser: Browser;
const pages: Page[] = [];

test.before(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ shop: aKioskShop() });
});
test.after(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

const open = async (url: string, viewport: Parameters<Page['setViewport']>[0]) => {
  const page = await openPage(browser, url, viewport);
  pages.push(page);
  return page;
};

test('the same ETA on the kiosk, the lobby, the dispatch board and the phone; a car past its promise is flagged', async () => {
  const base = `/api/stores/${S}/repair-orders`;
  const tz = server.service.storeConfig(S)!.timezone;
  const inBay = await createRo(server, S, { operations: [{ code: 'BRK' }] });
  await act(server, `${base}/${inBay.id}/operations/${inBay.operations[0].id}/start`, { bayId: 'bay-1' });
  const promisedAt = new Date(Date.now() + 30 * 60_000).toISOString();
  const late = await createRo(server, S, { operations: [{ code: 'BRK' }], promisedAt });

  // The walk-in, through the kiosk's own screens.
  const kiosk = await openKiosk(browser, server, { viewport: PORTRAIT });
  pages.push(kiosk);
  const plate = '京B23456';
  await tap(kiosk, 'start-screen >>> button[data-action="walk-in"]');
  await waitForScreen(kiosk, 'plate');
  await typePlate(kiosk, plate);
  await tap(kiosk, 'plate-screen >>> button[data-action="next"]');
  await waitForScreen(kiosk, 'phone');
  await typeDigits(kiosk, '13655557777');
  await tap(kiosk, 'digits-screen >>> button[data-action="next"]');
  await waitForScreen(kiosk, 'services');
  await tap(kiosk, 'services-screen >>> button[data-code="BRK"]');
  await tap(kiosk, 'services-screen >>> button[data-action="next"]');
  await waitForScreen(kiosk, 'details');
  await tap(kiosk, 'details-screen >>> button[data-action="next"]');
  await waitForScreen(kiosk, 'confirm');
  await tap(kiosk, 'confirm-screen >>> .consent');
  await tap(kiosk, 'confirm-screen >>> button[data-action="submit"]');
  await waitForScreen(kiosk, 'done');

  const ro = [...(await server.service.state(S)).ros.values()].find((r) => r.vehicle.plate === plate)!;
  const eta = server.service.etas(S)(ro.id)!;
  const lateEta = server.service.etas(S)(late.id)!;
  assert.ok(lateEta.lateMinutes! > 0);
  const hhmm = formatTime(eta.p50, tz, 'zh-CN');
  const lateHhmm = formatTime(lateEta.p50, tz, 'zh-CN');

  const kioskText = await waitForText(kiosk, (t) => t.includes(`预计 ${hhmm} 完工`));
  assert.match(kioskText, '约 ');
  await screenshot(kiosk, 'eta-kiosk');

  const lobby = await open(`${server.url}/display/customer?store=${S}`, FULL_HD);
  await waitForText(lobby, (t) => t.includes(hhmm) && t.includes(lateHhmm));
  await screenshot(lobby, 'eta-lobby');

  await commitOk(server.service, S, { type: 'pairDisplay', displayId: 'eta-wall', name: 'eta-wall', board: 'dispatch' });
  const token = server.auth.issueDisplayToken({ id: 'eta-wall', storeId: S, board: 'dispatch' });
  const dispatch = await open(`${server.url}/display/dispatch?store=${S}&display=${encodeURIComponent(token)}`, FULL_HD);
  const dispatchText = await waitForText(dispatch, (t) => t.includes(`预计超承诺 ${lateEta.lateMinutes} 分钟`));
  assert.match(dispatchText, `预计 ${hhmm}`);
  assert.match(dispatchText, `预计 ${lateHhmm}`);
  await screenshot(dispatch, 'eta-dispatch');

  const phone = await open(`${server.url}/t/${ro.trackingToken}`, PHONE);
  await waitForText(phone, (t) => t.includes(hhmm));
  await screenshot(phone, 'eta-tracking');
  const latePhone = await open(`${server.url}/t/${[...(await server.service.state(S)).ros.values()].find((r) => r.id === late.id)!.trackingToken}`, PHONE);
  const latePhoneText = await waitForText(latePhone, (t) => t.includes(lateHhmm));
  assert.match(latePhoneText, formatTime(promisedAt, tz, 'zh-CN'), 'the promise is still named beside the later time');
  await screenshot(latePhone, 'eta-tracking-late');
  assert.not.match(await deepText(lobby), '13655557777');
});

test.run();

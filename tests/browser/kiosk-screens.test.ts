/**
 * Every kiosk screen in both orientations of a real touch kiosk (portrait 1080×1920, landscape
 * 1920×1080), the 80 mm ticket, and the customer's tracking page on a phone (390×844), as
 * screenshots under artifacts/ for a person to look at. Each shot also checks the screen is the
 * one we meant, so a broken flow fails here rather than producing a misleading picture.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { createRo } from '../helpers/build';
import { aKioskShop, bookToday, deliver } from '../helpers/kiosk';
import { LANDSCAPE, openKiosk, openPage, PHONE, PORTRAIT, tap, textIn, typeDigits, typePlate, waitFor, waitForScreen } from '../helpers/kiosk-page';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const S = 'store-a';
let server: TestServer;
/** The shipped demo shop, for screens that show its full service catalogue. */
let real: TestServer;
let browser: Browser;

const Shots = suite('kiosk and tracking screenshots');
Shots.before(async () => {
  server = await startTestServer({ shop: aKioskShop() });
  real = await startTestServer();
  browser = await launchBrowser();
});
Shots.after(async () => {
  await browser.close();
  await server.close();
  await real.close();
});

const ORIENTATIONS = [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const;
const shot = (page: Page, orientation: string, name: string) => screenshot(page, `kiosk-${orientation}-${name}`);

for (const [orientation, viewport] of ORIENTATIONS) {
  Shots(`appointment screens, ${orientation}`, async () => {
    const plate = orientation === 'portrait' ? '京A52E01' : '京A52E02';
    await bookToday(server, S, { services: ['OIL', 'BRK'], vehicle: { plate, make: 'Audi', model: 'A6L' } });
    const page = await openKiosk(browser, server, { viewport });
    await shot(page, orientation, '01-start');
    await tap(page, 'start-screen >>> button[data-action="appointment"]');
    await waitForScreen(page, 'plate');
    await shot(page, orientation, '02-plate-province');
    await typePlate(page, plate.slice(0, 5));
    await shot(page, orientation, '03-plate-typing');
    await typePlate(page, plate.slice(5));
    await tap(page, 'plate-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'last4');
    await typeDigits(page, '0000');
    await tap(page, 'digits-screen >>> button[data-action="next"]');
    await waitFor(page, 'digits-screen >>> [data-testid="screen-error"]');
    await shot(page, orientation, '04-digits-no-match');
    await tap(page, 'digit-pad >>> button[data-key="clear"]');
    await typeDigits(page, '1111');
    await tap(page, 'digits-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'confirm');
    await shot(page, orientation, '05-confirm');
    await tap(page, 'confirm-screen >>> .consent');
    await tap(page, 'confirm-screen >>> button[data-action="submit"]');
    await waitForScreen(page, 'done');
    await waitFor(page, 'done-screen >>> img[data-testid="tracking-qr"]');
    await shot(page, orientation, '06-done');
    assert.match(await textIn(page, 'done-screen >>> [data-testid="queue-number"]'), /^A\d{3}$/);
    await page.emulateMediaType('print');
    await page.setViewport({ width: 302, height: 1100 });
    await screenshot(page, `kiosk-ticket-80mm-${orientation}`);
    await page.close();
  });

  Shots(`walk-in screens, ${orientation}`, async () => {
    const page = await openKiosk(browser, real, { viewport, query: 'lang=en' });
    await tap(page, 'start-screen >>> button[data-action="walk-in"]');
    await waitForScreen(page, 'plate');
    await typePlate(page, orientation === 'portrait' ? '粤BD12345' : '粤BD12346');
    await shot(page, orientation, '11-walkin-plate-new-energy');
    await tap(page, 'plate-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'phone');
    await typeDigits(page, '13655557777');
    await shot(page, orientation, '12-walkin-phone');
    await tap(page, 'digits-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'services');
    await tap(page, 'services-screen >>> button[data-code="MNT-10K"]');
    await tap(page, 'services-screen >>> button[data-code="BRK-PAD-F"]');
    await shot(page, orientation, '13-walkin-services');
    await tap(page, 'services-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'details');
    await typeDigits(page, '45210');
    await tap(page, 'details-screen >>> .chip');
    await tap(page, 'details-screen >>> button[data-action="pick-make"]');
    await tap(page, 'details-screen >>> pick-sheet >>> button[data-value="BMW"]');
    await tap(page, 'details-screen >>> button[data-action="pick-surname"]');
    await waitFor(page, 'details-screen >>> pick-sheet >>> button[data-value="W"]');
    await shot(page, orientation, '14a-walkin-surname-picker');
    await tap(page, 'details-screen >>> pick-sheet >>> button[data-value="W"]');
    await tap(page, 'details-screen >>> button[data-salutation="mr"]');
    await shot(page, orientation, '14-walkin-details');
    await tap(page, 'details-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'confirm');
    await tap(page, 'confirm-screen >>> button[data-action="submit"]');
    await waitFor(page, 'confirm-screen >>> .error');
    await shot(page, orientation, '15-walkin-confirm-needs-consent');
    await tap(page, 'confirm-screen >>> .consent');
    await tap(page, 'confirm-screen >>> button[data-action="submit"]');
    await waitForScreen(page, 'done');
    await waitFor(page, 'done-screen >>> img[data-testid="tracking-qr"]');
    await shot(page, orientation, '16-walkin-done');
    await page.close();
  });

  Shots(`scan, call-an-advisor, idle warning and survey screens, ${orientation}`, async () => {
    const page = await openKiosk(browser, server, { viewport, query: 'idle=15' });
    await tap(page, 'start-screen >>> button[data-action="appointment"]');
    await waitForScreen(page, 'plate');
    await tap(page, 'plate-screen >>> button[data-action="scan"]');
    await waitForScreen(page, 'scan');
    await shot(page, orientation, '07-scan');
    await tap(page, 'button[data-action="call-advisor"]');
    await waitFor(page, '[data-testid="call-notice"]');
    await shot(page, orientation, '08-call-advisor');
    await tap(page, '[data-testid="call-notice"] button');
    await waitFor(page, '[data-testid="idle-warning"]', 20_000);
    await shot(page, orientation, '09-idle-warning');
    await page.close();

    const ro = await createRo(server, S, {
      vehicle: { plate: orientation === 'portrait' ? '沪C8K2M9' : '沪C8K2M8', make: 'VW' },
      customer: { name: '赵敏', phone: '13711112222', salutation: 'ms' },
    });
    await deliver(server, S, ro.id);
    const rate = await openKiosk(browser, server, { viewport });
    await tap(rate, 'start-screen >>> button[data-action="survey"]');
    await waitForScreen(rate, 'plate');
    await typePlate(rate, ro.vehicle.plate);
    await tap(rate, 'plate-screen >>> button[data-action="next"]');
    await waitForScreen(rate, 'last4');
    await typeDigits(rate, '2222');
    await tap(rate, 'digits-screen >>> button[data-action="next"]');
    await waitForScreen(rate, 'rate');
    await tap(rate, 'survey-form >>> button[data-score="4"]');
    await shot(rate, orientation, '17-survey');
    await tap(rate, 'survey-form >>> button[data-action="send-survey"]');
    await waitForScreen(rate, 'thanks');
    await shot(rate, orientation, '18-survey-thanks');
    await rate.close();
  });
}

Shots('the tracking page on a phone: in service with a parts wait, ready, delivered with the survey, expired', async () => {
  const ro = await createRo(server, S, {
    vehicle: { plate: '京B66F88', make: 'Audi', model: 'Q5L', color: '白色' },
    operations: [{ code: 'OIL' }, { code: 'BRK' }],
  });
  const token = (await server.service.state(S)).ros.get(ro.id)!.trackingToken!;
  const base = `/api/stores/${S}/repair-orders/${ro.id}`;
  await server.api('POST', `${base}/operations/${ro.operations[0].id}/start`, { bayId: 'bay-2' });
  await server.api('POST', `${base}/operations/${ro.operations[0].id}/finish`);
  await server.api('POST', `${base}/operations/${ro.operations[1].id}/start`, { bayId: 'bay-1' });
  await server.api('POST', `${base}/operations/${ro.operations[1].id}/pause`, {
    reason: 'parts',
    part: '前刹车片',
    eta: new Date(Date.now() + 3 * 3600_000).toISOString(),
  });
  const page = await openPage(browser, `${server.url}/t/${token}`, PHONE);
  await waitForText(page, (t) => t.includes('等待配件'));
  await screenshot(page, 'tracking-phone-1-parts-wait');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await screenshot(page, 'tracking-phone-2-timeline');
  await server.api('POST', `${base}/operations/${ro.operations[1].id}/resume`);
  await server.api('POST', `${base}/operations/${ro.operations[1].id}/finish`);
  await server.api('POST', `${base}/qc-pass`);
  await server.api('POST', `${base}/wash-done`);
  await waitForText(page, (t) => t.includes('可以取车'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'tracking-phone-3-ready');
  await server.api('POST', `${base}/deliver`);
  await waitFor(page, 'tracking-page >>> survey-form');
  await screenshot(page, 'tracking-phone-4-survey');
  await page.close();
  const english = await openPage(browser, `${server.url}/t/${token}?lang=en`, PHONE);
  await waitForText(english, (t) => t.includes('How was your visit'));
  await screenshot(english, 'tracking-phone-5-survey-en');
  await english.close();
  const unknown = await openPage(browser, `${server.url}/t/${'x'.repeat(24)}`, PHONE);
  await screenshot(unknown, 'tracking-phone-6-unknown-link');
  await unknown.close();
});

Shots.run();

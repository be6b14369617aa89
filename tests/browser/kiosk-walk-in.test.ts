/**
 * A walk-in at a locked kiosk with no Chinese input method: the phone number is checked as an
 * 11-digit mainland mobile (other numbers: 00 + country code), the make and the surname are
 * tapped on sheets, and the car never shows the store's brand as its make. Screenshots:
 * artifacts/kiosk-walkin-{portrait,landscape}-{make,surname,phone-error}.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { customerRow } from '../../shared/projections/project';
import { launchBrowser, screenshot } from '../helpers/browser';
import { aKioskShop } from '../helpers/kiosk';
import { LANDSCAPE, openKiosk, PORTRAIT, tap, textIn, typeDigits, typePlate, waitFor, waitForScreen } from '../helpers/kiosk-page';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const S = 'store-a';
let server: TestServer;
let browser: Browser;
const pages: Page[] = [];

test.before(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ shop: aKioskShop() }); // its brand is Audi
});
test.after(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

const roOf = async (plate: string) => [...(await server.service.state(S)).ros.values()].find((r) => r.vehicle.plate === plate);

/** Through plate and phone to the services screen, choosing one service. */
async function toDetails(page: Page, plate: string, phone: string) {
  await tap(page, 'start-screen >>> button[data-action="walk-in"]');
  await waitForScreen(page, 'plate');
  await typePlate(page, plate);
  await tap(page, 'plate-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'phone');
  await typeDigits(page, phone);
  await tap(page, 'digits-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'services');
  await tap(page, 'services-screen >>> button[data-code="BRK"]');
  await tap(page, 'services-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'details');
}

async function checkIn(page: Page) {
  await tap(page, 'details-screen >>> button[data-action="next"]');
  await waitForScreen(page, 'confirm');
  await tap(page, 'confirm-screen >>> .consent');
  await tap(page, 'confirm-screen >>> button[data-action="submit"]');
  await waitForScreen(page, 'done');
}

/** Every button of the open sheet answers a tap at its centre itself: nothing lies over a choice. */
const coveredChoices = (page: Page) =>
  page.evaluate(() => {
    const kiosk = document.querySelector('check-in-kiosk')!.shadowRoot!;
    const sheet = kiosk.querySelector('details-screen')!.shadowRoot!.querySelector('pick-sheet')!.shadowRoot!;
    const covered: string[] = [];
    const list = sheet.querySelector('.groups')!.getBoundingClientRect();
    for (const b of sheet.querySelectorAll<HTMLButtonElement>('button')) {
      const r = b.getBoundingClientRect();
      // A choice scrolled out of the sheet's list is reached by scrolling, not covered.
      if (b.closest('.groups') && (r.top + r.height / 2 < list.top || r.top + r.height / 2 > list.bottom)) continue;
      const hit = sheet.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || (hit !== b && !b.contains(hit))) covered.push(b.dataset.value ?? b.textContent ?? '');
    }
    return covered;
  });

for (const [orientation, viewport] of [
  ['portrait', PORTRAIT],
  ['landscape', LANDSCAPE],
] as const) {
  test(`${orientation}: an 11-digit mainland mobile is checked, make and surname are tapped, the car is not called "Audi"`, async () => {
    const plate = orientation === 'portrait' ? '京B12345' : '京B12346';
    const page = await openKiosk(browser, server, { viewport });
    pages.push(page);
    await tap(page, 'start-screen >>> button[data-action="walk-in"]');
    await waitForScreen(page, 'plate');
    await typePlate(page, plate);
    await tap(page, 'plate-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'phone');
    await typeDigits(page, '1365555777'); // one digit short
    await tap(page, 'digits-screen >>> button[data-action="next"]');
    await waitFor(page, 'digits-screen >>> .error');
    assert.match(await textIn(page, 'digits-screen >>> .error'), /11 位中国大陆手机号/);
    await screenshot(page, `kiosk-walkin-${orientation}-phone-error`);
    await typeDigits(page, '7');
    await tap(page, 'digits-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'services');
    await tap(page, 'services-screen >>> button[data-code="BRK"]');
    await tap(page, 'services-screen >>> button[data-action="next"]');
    await waitForScreen(page, 'details');

    await screenshot(page, `kiosk-walkin-${orientation}-details`);
    // The details screen's own buttons answer a tap at their centre: the Next bar lies over none.
    const coveredOnScreen = await page.evaluate(() => {
      const screen = document.querySelector('check-in-kiosk')!.shadowRoot!.querySelector('details-screen')!.shadowRoot!;
      return [...screen.querySelectorAll<HTMLButtonElement>('button')]
        .filter((b) => {
          const r = b.getBoundingClientRect();
          const hit = screen.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return !hit || (hit !== b && !b.contains(hit));
        })
        .map((b) => b.dataset.action ?? b.textContent?.trim());
    });
    assert.equal(coveredOnScreen, []);
    await tap(page, 'details-screen >>> button[data-action="pick-make"]');
    await waitFor(page, 'details-screen >>> pick-sheet >>> button[data-value="BMW"]');
    assert.equal(await coveredChoices(page), []);
    await screenshot(page, `kiosk-walkin-${orientation}-make`);
    await tap(page, 'details-screen >>> pick-sheet >>> button[data-value="BMW"]');
    await tap(page, 'details-screen >>> button[data-action="pick-surname"]');
    await waitFor(page, 'details-screen >>> pick-sheet >>> button[data-value="张"]');
    assert.equal(await coveredChoices(page), []);
    await screenshot(page, `kiosk-walkin-${orientation}-surname`);
    await tap(page, 'details-screen >>> pick-sheet >>> button[data-value="张"]');
    await tap(page, 'details-screen >>> button[data-salutation="mr"]');
    assert.match(await textIn(page, 'details-screen >>> button[data-action="pick-surname"]'), '张');
    await checkIn(page);

    const ro = await roOf(plate);
    assert.equal([ro?.vehicle.make, ro?.customer.name, ro?.customer.phone], ['BMW', '张', '13655557777']);
    assert.equal(customerRow(ro!, 'CN')?.customer, { 'zh-CN': '张先生', en: 'Mr. 张' });
  });
}

test('a walk-in who chooses no make shows "—" until the advisor fills it, never the store brand', async () => {
  const page = await openKiosk(browser, server, { viewport: PORTRAIT });
  pages.push(page);
  await toDetails(page, '京B12347', '0085291234567');
  await checkIn(page);
  const ro = await roOf('京B12347');
  assert.is(ro?.vehicle.make, '—');
  assert.is(ro?.customer.phone, '+85291234567', 'a number dialled with 00 and its country code is kept as +852…');
  assert.not.match(JSON.stringify(customerRow(ro!, 'CN')), 'Audi');
});

test('the API refuses a mainland number that is not an 11-digit mobile, and says how to give another', async () => {
  const res = await server.api(
    'POST',
    `/api/kiosk/${S}/walk-in`,
    {
      kioskId: 'k1',
      plate: '京B12348',
      phone: '010-12345678',
      services: ['BRK'],
      consent: true,
    },
    { authorization: undefined, 'idempotency-key': 'walk-in-phone-check-1' },
  );
  assert.is(res.status, 400);
  assert.match(JSON.stringify(res.body), /11 digits/);
});

test.run();

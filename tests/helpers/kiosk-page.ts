import type { Browser, Page } from 'puppeteer';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { TestServer } from './server';

/**
 * Driving the kiosk page the way a customer does: tapping the on-screen keys. Selectors name
 * the element that owns a shadow root and what is inside it, `plate-input >>> button`; they are
 * looked up inside the kiosk (puppeteer's `>>>` crosses shadow roots).
 */
export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export async function openPage(browser: Browser, url: string, viewport: Parameters<Page['setViewport']>[0] = PORTRAIT): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  page.on('pageerror', (err) => console.error('[page error]', url, err));
  // tsx compiles with keepNames, so functions sent to the page call esbuild's `__name` helper.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

export async function openKiosk(
  browser: Browser,
  server: TestServer,
  opts: { viewport?: Parameters<Page['setViewport']>[0]; query?: string } = {},
): Promise<Page> {
  const page = await openPage(browser, `${server.url}/kiosk?${opts.query ?? ''}`, opts.viewport ?? PORTRAIT);
  await waitForScreen(page, 'start');
  // By animation frame (waitFor): the button renders inside the start screen's shadow root, where a
  // plain wait's MutationObserver never looks — on a busy machine it rendered after the first look
  // and the wait ran out (CI, kiosk-screens "appointment screens, landscape").
  await waitFor(page, 'start-screen >>> button[data-action="appointment"]');
  return page;
}

/** The screen the kiosk shows now (`start`, `plate`, `last4`, …). */
export const screenOf = (page: Page) =>
  page.evaluate(() => document.querySelector('check-in-kiosk')?.shadowRoot?.querySelector('.kiosk')?.getAttribute('data-screen') ?? '');

export async function waitForScreen(page: Page, screen: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let now = '';
  while (Date.now() < deadline) {
    now = await screenOf(page);
    if (now === screen) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`kiosk stayed on "${now}", expected "${screen}"`);
}

/** A selector inside the kiosk element (or inside the page's top element when it starts with one). */
export const inKiosk = (selector: string) => (/^(check-in-kiosk|tracking-page)\b/.test(selector) ? selector : `check-in-kiosk >>> ${selector}`);

/**
 * Wait for an element inside the kiosk (or tracking page) to be shown. Always polls by animation
 * frame: puppeteer's default for a plain wait is a MutationObserver on the document, which never
 * hears about changes inside shadow roots.
 */
export const waitFor = (page: Page, selector: string, timeoutMs = 15_000) => page.waitForSelector(inKiosk(selector), { visible: true, timeout: timeoutMs });

export const tap = async (page: Page, selector: string) => {
  const el = await page.waitForSelector(inKiosk(selector), { visible: true });
  await el!.click();
};

/** Type a plate on the plate keyboard, key by key. */
export async function typePlate(page: Page, plate: string): Promise<void> {
  for (const ch of plate) await tap(page, `plate-input >>> button[data-key="${ch}"]`);
}

/** Type digits on the number pad. */
export async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) await tap(page, `digit-pad >>> button[data-key="${d}"]`);
}

/** Text of the first element matching a selector, in any shadow root ('' when there is none). */
export async function textIn(page: Page, selector: string): Promise<string> {
  const el = await page.$(inKiosk(selector));
  return el ? ((await el.evaluate((e) => (e as HTMLElement).innerText ?? e.textContent ?? '')) as string).trim() : '';
}

/** Decode the QR code shown by an element (an <img>), with a real decoder. */
export async function decodeQrIn(page: Page, selector: string): Promise<string | undefined> {
  const el = await page.waitForSelector(inKiosk(selector), { visible: true });
  const png = PNG.sync.read(Buffer.from(await el!.screenshot({ type: 'png' })));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data || undefined;
}

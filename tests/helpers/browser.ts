import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';

/** Screenshots go here (git-ignored) so a person can look at them. */
export const ARTIFACTS = join(process.cwd(), 'artifacts');

/**
 * Debian's chromium, headless. The extra flags stop Chromium from calling home, which the
 * closed network here would refuse many times a second.
 */
export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export async function openPage(browser: Browser, url: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  page.on('pageerror', (err) => console.error('[page error]', url, err));
  // tsx compiles this file with esbuild's keepNames, which wraps functions we hand to
  // page.evaluate in `__name(...)`; the page must know that helper.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path });
  return path;
}

/** All text inside the page, shadow roots included (what a person could read). */
export async function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
      node.childNodes.forEach(walk);
    };
    walk(document.body);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}

/** Wait until the page's visible text satisfies a predicate (polls; no fixed sleeps). */
export async function waitForText(page: Page, predicate: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await deepText(page);
    if (predicate(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for text; last text was: ${text.slice(0, 800)}`);
}

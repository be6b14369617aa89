/**
 * Staff sign-in in a real Chromium, as a new colleague meets it: an admin adds them at
 * /admin/people and shows the link's QR code; they open it, choose a password, later sign in at
 * /sign-in from a print link, print a job card, sign out, and the job card is refused afterwards.
 * Screenshots of /sign-in and /admin/people at the wall-desk and phone sizes land in artifacts/.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { launchBrowser, screenshot } from '../helpers/browser';
import { asStaff, createRo } from '../helpers/build';
import { startTestServer, type TestServer } from '../helpers/server';
import { aTestShop } from '../helpers/shop';

await buildBundles();

const S = 'store-a';
const DESK = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
let browser: Browser;
let server: TestServer;

test.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function aPage(viewport: typeof DESK | typeof PHONE, cookie?: string): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(viewport);
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  if (cookie) await page.setCookie({ name: 'tw_session', value: cookie.split('=').slice(1).join('='), url: server.url });
  return page;
}

/** Every button, link and field of the page is what a tap at its centre reaches (nothing covers it). */
async function tapTargetsFree(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main button, main input:not([type=hidden]), main select, main a, nav a, nav button')) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || el.closest('[hidden], details:not([open]) > :not(summary)')) continue;
      el.scrollIntoView({ block: 'center' });
      const box = el.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (hit !== el && !el.contains(hit) && !(hit instanceof HTMLLabelElement && hit.control === el)) covered.push(el.outerHTML.slice(0, 80));
    }
    return covered;
  });
}

test('an admin adds a colleague and shows the link as a QR code; the colleague chooses a password from it', async () => {
  const admin = asStaff(server.auth, { id: 'boss', roles: ['admin'], storeIds: [S] }).cookie;
  const page = await aPage(DESK, admin);
  try {
    await page.goto(`${server.url}/admin/people?store=${S}`, { waitUntil: 'networkidle2' });
    await screenshot(page, 'admin-people-1920');
    await page.click('details.add summary');
    await page.type('input[name=id]', 'desk-01');
    await page.type('input[name=name]', '钱前台');
    await page.click('input[name=roles][value=advisor]');
    await page.click('details.add button[type=submit]');
    await page.waitForSelector('#link-output:not([hidden]) svg', { timeout: 10_000 });
    const url = await page.$eval('[data-link-url]', (e) => e.textContent ?? '');
    assert.match(url, /\/auth\/one-time\/.+\?next=%2Faccount%2Fpassword$/);
    assert.match(await page.$eval('[data-link-title]', (e) => e.textContent ?? ''), /钱前台/);
    await screenshot(page, 'admin-people-link-1920');
    await page.click('[data-reload]');
    await page.waitForSelector('tr[data-person="desk-01"]');
    assert.match(await page.$eval('tr[data-person="desk-01"]', (e) => e.textContent ?? ''), /未设密码/);

    const phone = await aPage(PHONE);
    await phone.goto(url, { waitUntil: 'networkidle2' });
    assert.match(phone.url(), /\/account\/password$/);
    await phone.type('#password', 'Blue-Harbour-42');
    await phone.type('#repeat', 'Blue-Harbour-42');
    await Promise.all([phone.waitForNavigation(), phone.click('button.primary')]);
    assert.match(await phone.$eval('main', (e) => e.textContent ?? ''), /密码已保存/);
    await phone.browserContext().close();
  } finally {
    await page.browserContext().close();
  }
});

test('a job-card link sends them to /sign-in and back; after signing out the card is refused', async () => {
  const ro = await createRo(server, S);
  const page = await aPage(DESK);
  try {
    await page.goto(`${server.url}/print/job-card/${ro.id}`, { waitUntil: 'networkidle2' });
    assert.match(page.url(), /\/sign-in\?store=store-a&next=/);
    await screenshot(page, 'sign-in-1920');
    await page.type('#login', 'desk-01');
    await page.type('#password', 'Blue-Harbour-42');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    assert.is(new URL(page.url()).pathname, `/print/job-card/${ro.id}`);
    assert.match(await page.$eval('main', (e) => e.textContent ?? ''), ro.number, 'the job card printed');
    assert.ok(await page.$('main svg'), 'with its QR codes');
    assert.match(await page.$eval('nav.staff', (e) => e.textContent ?? ''), /钱前台/, 'the navigation names who is signed in');

    await Promise.all([page.waitForNavigation(), page.click('nav.staff form.out button')]);
    assert.match(page.url(), /\/sign-in\?store=store-a&signedOut=1$/);
    assert.match(await page.$eval('main', (e) => e.textContent ?? ''), /已退出登录/);
    await page.goto(`${server.url}/print/job-card/${ro.id}`, { waitUntil: 'networkidle2' });
    assert.match(page.url(), /\/sign-in\?/, 'refused: back to sign-in');
    assert.not.match(await page.content(), ro.number);
  } finally {
    await page.browserContext().close();
  }
});

test('a wrong password is said plainly in Chinese, and the form keeps the staff number', async () => {
  const page = await aPage(PHONE);
  try {
    await page.goto(`${server.url}/sign-in`, { waitUntil: 'networkidle2' });
    await screenshot(page, 'sign-in-390');
    assert.equal(await tapTargetsFree(page), [], 'nothing covers a field or button on the phone');
    await page.type('#login', 'desk-01');
    await page.type('#password', 'wrong-password');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    assert.match(await page.$eval('.error', (e) => e.textContent ?? ''), /工号\/姓名或密码不对/);
    assert.is(await page.$eval('#login', (e) => (e as HTMLInputElement).value), 'desk-01');
    await screenshot(page, 'sign-in-wrong-390');
  } finally {
    await page.browserContext().close();
  }
});

test('/admin/people on a phone: every row and button reachable, nothing covered', async () => {
  const page = await aPage(PHONE, asStaff(server.auth, { id: 'boss', roles: ['admin'], storeIds: [S] }).cookie);
  try {
    await page.goto(`${server.url}/admin/people?store=${S}`, { waitUntil: 'networkidle2' });
    await screenshot(page, 'admin-people-390');
    assert.equal(await tapTargetsFree(page), []);
    const narrowest = await page.$$eval('main button', (bs) =>
      Math.min(
        ...bs
          .map((b) => b.getBoundingClientRect())
          .filter((r) => r.width > 0)
          .map((r) => Math.min(r.width, r.height)),
      ),
    );
    assert.ok(narrowest >= 44, `buttons are at least 44 px (${narrowest})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px too wide)`);
  } finally {
    await page.browserContext().close();
  }
});

test.run();

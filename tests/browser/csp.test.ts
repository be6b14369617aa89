/**
 * Every page the README lists, in a real Chromium under the server's Content-Security-Policy:
 * no CSP violation (reported by the page's `securitypolicyviolation` events and the console),
 * and the page's script ran (its element rendered, or the print tools answer a click).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { launchBrowser } from '../helpers/browser';
import { asStaff, createRo } from '../helpers/build';
import { issueCode } from '../helpers/scan';
import { pairDemoDisplays } from '../../server/demo/displays';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const S = 'bj-wangjing';
let browser: Browser;
let server: TestServer;

test.before(async () => {
  server = await startTestServer({ demo: true });
  // As `npm start` does in the demo: its console's screen tokens name paired displays.
  for (const store of server.deps.shop.stores) await pairDemoDisplays(server.service, store);
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

/** Open a page in its own context (signed in as an admin when asked) and record every CSP complaint. */
async function open(path: string, signedIn: boolean): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await (await browser.createBrowserContext()).newPage();
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.evaluateOnNewDocument(`globalThis.__name = (fn) => fn;
    globalThis.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => globalThis.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));`);
  if (signedIn) {
    const cookie = asStaff(server.auth, { roles: ['admin'], id: 'admin-1' }).cookie.split('=');
    await page.setCookie({ name: cookie[0]!, value: cookie.slice(1).join('='), url: server.url });
  }
  await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle2' });
  return { page, violations: async () => [...console, ...(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp))] };
}

/** The element a page's bundle defines has rendered into its shadow root. */
const rendered = (page: Page, tag: string) =>
  page.waitForFunction((tag) => !!document.querySelector(tag)?.shadowRoot?.childElementCount, { timeout: 10_000 }, tag);

test('every page the README lists works under the CSP without a single violation', async () => {
  const ro = await createRo(server, S, { operations: [{ code: 'MNT-OIL' }] });
  const walkIn = await server.api(
    'POST',
    `/api/kiosk/${S}/walk-in`,
    {
      kioskId: 'entrance',
      plate: '京A7C3M9',
      phone: '13655557777',
      services: ['MNT-OIL'],
      mileageKm: 1000,
      consent: true,
    },
    { authorization: undefined, 'idempotency-key': `csp-${Date.now()}` },
  );
  assert.is(walkIn.status, 201, JSON.stringify(walkIn.body));
  const tracking = new URL(walkIn.body.data.trackingUrl).pathname;
  const bay = server.deps.shop.stores[0]!.bays[0]!.id;
  const dispatch = server.auth.issueDisplayToken({ id: 'demo-dispatch', storeId: S, board: 'dispatch' });
  const bayToken = server.auth.issueDisplayToken({ id: `demo-bay-${bay}`, storeId: S, board: 'bay', bayId: bay });
  const code = await issueCode(server, { kind: 'ro', storeId: S, roId: ro.id });

  const pages: [path: string, signedIn: boolean, element?: string][] = [
    ['/display/customer', false, 'customer-board'],
    [`/display/dispatch?display=${dispatch}`, false, 'dispatch-board'],
    [`/display/bay/${bay}?display=${bayToken}`, false, 'bay-board'],
    ['/display', false, 'display-pairing'],
    ['/admin/displays', true, 'display-fleet'],
    ['/kiosk?kiosk=entrance', false, 'check-in-kiosk'],
    [tracking, false, 'tracking-page'],
    ['/s', true, 'scan-page'],
    [`/s/${code}`, true, 'scan-page'],
    [`/print/job-card/${ro.id}`, true],
    [`/print/job-card/${ro.id}?paper=80mm`, true],
    ['/print/badges', true],
    ['/print/bays', true],
    ['/admin/scan', true],
    ['/admin/people', true],
    ['/admin/webhooks', true],
    ['/reports', true, 'reports-page'],
    ['/plan', true, 'plan-page'],
    ['/reminders', true, 'reminders-page'],
    ['/sign-in?next=%2Fadmin%2Fpeople', false],
    ['/account/password', true],
    ['/t/%', false],
    [`/t/${'z'.repeat(24)}`, false],
    [`/auth/one-time/${server.auth.issueOneTimeLogin({ id: 'a', name: 'A', roles: ['admin'], storeIds: '*' })}?next=/admin/scan`, false],
  ];
  for (const [path, signedIn, element] of pages) {
    const { page, violations } = await open(path, signedIn);
    try {
      if (element) await rendered(page, element);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await violations(), [], `${path}: no CSP violations`);
    } finally {
      await page.browserContext().close();
    }
  }
});

test("the print pages' buttons work from the external script (no inline handlers)", async () => {
  const { page, violations } = await open('/print/badges', true);
  try {
    const dialog = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await page.click('[data-revoke-kind]');
    assert.ok((await dialog).length > 0, 'the revoke button asks first');
    assert.equal(await violations(), []);
  } finally {
    await page.browserContext().close();
  }
});

test.run();

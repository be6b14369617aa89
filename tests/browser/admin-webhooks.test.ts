import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'puppeteer';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRo } from '../helpers/build';
import { axeSerious, describeFindings } from '../helpers/axe';
import { launchBrowser, openPage, screenshot } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { aTestShop } from '../helpers/shop';

/**
 * /admin/webhooks in a real browser: an admin adds an endpoint through the form and sees its
 * secret once; endpoints show enabled / disabled (410) with the reason, and recent deliveries.
 * Screenshots to open and judge: artifacts/admin-webhooks-{1920,1366}.png.
 */
const Page = suite('/admin/webhooks');
let server: TestServer;
let browser: Browser;
let receiver: Server;
let url = '';

Page.before(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    res.writeHead(req.url === '/gone' ? 410 : req.url === '/flaky' ? 503 : 204).end();
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  server = await startTestServer({ shop: aTestShop(), webhooks: true });
  for (const [path, extra] of [
    ['/dms/hooks', { description: 'DMS (STAR)' }],
    ['/gone', { storeId: 'store-a' }],
    ['/flaky', { events: ['repair_order.created', 'repair_order.delivered'] }],
  ] as const)
    assert.is((await server.api('POST', '/api/webhooks', { url: `${url}${path}`, ...extra })).status, 201);
  for (let i = 0; i < 3; i++) await createRo(server, 'store-a');
  await server.webhooks!.outbox.feedAll();
  await server.webhooks!.outbox.tick();
  browser = await launchBrowser();
});
Page.after(async () => {
  await browser?.close();
  await server.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

const signedIn = async (viewport: { width: number; height: number }, lang = 'en') => {
  const token = server.auth.issueSession({ id: 'admin-1', name: 'Admin', roles: ['admin'], storeIds: '*' });
  const page = await openPage(browser, `${server.url}/sign-in`, viewport);
  await page.evaluateOnNewDocument(`globalThis.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => globalThis.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '')));`);
  await page.setCookie({ name: 'tw_session', value: token, url: server.url });
  await page.goto(`${server.url}/admin/webhooks?store=store-a&lang=${lang}`, { waitUntil: 'load' });
  return page;
};

Page('shows every endpoint, the disabled one with its reason, and the recent deliveries', async () => {
  const page = await signedIn({ width: 1920, height: 1080 });
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /410 Gone/);
  assert.match(text, /DMS \(STAR\)/);
  assert.match(text, /delivered 204/);
  assert.match(text, /waiting to retry/);
  assert.not.match(text, /whsec_/, 'no secret on the page');
  assert.is(await page.$$eval('section.endpoint.is-off', (s) => s.length), 1);
  await screenshot(page, 'admin-webhooks-1920');
  assert.equal(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp), [], 'no CSP violation');
  const findings = await axeSerious(page);
  assert.equal(findings, [], describeFindings(findings));
  const narrow = await signedIn({ width: 1366, height: 768 }, 'zh-CN');
  assert.match(await narrow.evaluate(() => document.body.innerText), /已停用/);
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.is(overflow, 0, 'no sideways scrolling at 1366');
  await screenshot(narrow, 'admin-webhooks-1366');
  await page.close();
  await narrow.close();
});

Page('adding an endpoint shows its secret once', async () => {
  const page = await signedIn({ width: 1366, height: 768 });
  const alerts: string[] = [];
  page.on('dialog', (d) => {
    alerts.push(d.message());
    void d.dismiss();
  });
  await page.click('details.add summary');
  await page.type('input[name=url]', `${url}/new-hooks`);
  await page.click('form[data-json-form] button[type=submit]');
  await page.waitForSelector('#secret-output:not([hidden])').catch((err) => {
    throw new Error(`no secret shown (${alerts.join('; ')}): ${err}`);
  });
  const secret = await page.$eval('[data-secret]', (el) => el.textContent ?? '');
  assert.match(secret, /^whsec_[A-Za-z0-9+/=]{40,}$/);
  await screenshot(page, 'admin-webhooks-secret');
  const list = (await server.api('GET', '/api/webhooks')).body.data;
  const added = list.find((e: any) => e.url === `${url}/new-hooks`);
  assert.ok(added, 'registered');
  assert.is(added.storeId, 'store-a', 'for the store the page was opened for');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#secret-output [data-reload]')]);
  assert.not.match(await page.evaluate(() => document.body.innerText), /whsec_/, 'gone after reloading');
  await page.close();
});

Page.run();

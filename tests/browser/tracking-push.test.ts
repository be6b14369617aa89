/**
 * The tracking page's "turn on notifications" in phone-sized Chromium against the real server:
 * the service worker is served under the page's CSP and registers for /t/, the subscription
 * reaches the server for this car only, and a message for the car then goes to the push service
 * (a local stand-in that checks VAPID and decrypts the payload with the browser's keys).
 *
 * Headless Chromium has no push service behind PushManager.subscribe (it fails with AbortError
 * here): the test records that, then gives the page a PushManager that answers with a
 * subscription whose keys the stand-in holds, so everything after subscribe is real.
 */
import { Agent } from 'node:https';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { NotifyConfigSchema } from '../../shared/domain/notify-config';
import { buildBundles } from '../../scripts/build';
import { pushStandIn } from '../../server/notify/stand-ins';
import { launchBrowser, screenshot } from '../helpers/browser';
import { createRo } from '../helpers/build';
import { aKioskShop } from '../helpers/kiosk';
import { openPage, PHONE, waitFor } from '../helpers/kiosk-page';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const S = 'store-a';
let server: TestServer;
let browser: Browser;
let push: Awaited<ReturnType<typeof pushStandIn>>;
let agent: Agent;
const pages: Page[] = [];

const Push = suite('tracking page: browser notifications');
Push.before(async () => {
  push = await pushStandIn();
  agent = new Agent({ ca: push.ca });
  const shop = aKioskShop();
  shop.stores[0]!.notify = NotifyConfigSchema.parse({ push: { subject: 'mailto:service@store-a.example' } });
  server = await startTestServer({ shop, notify: { pushAgent: agent } });
  browser = await launchBrowser();
  await browser.defaultBrowserContext().overridePermissions(server.url, ['notifications']);
});
Push.after(async () => {
  for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  await browser.close();
  await server.close();
  await push.close();
  agent.destroy();
});

const stateOf = (page: Page) =>
  page.$eval('tracking-page >>> push-control', (el) => el.shadowRoot?.querySelector('[data-state]')?.getAttribute('data-state') ?? 'none');
const waitForState = (page: Page, states: string[]) =>
  page.waitForFunction(
    (wanted: string[]) => {
      const el = document.querySelector('tracking-page')?.shadowRoot?.querySelector('push-control');
      return wanted.includes(el?.shadowRoot?.querySelector('[data-state]')?.getAttribute('data-state') ?? '');
    },
    { timeout: 15_000 },
    states,
  );

Push("the subscribe button registers the service worker and hands this car's subscription to the server; a message then reaches the push service", async () => {
  const ro = await createRo(server, S, { vehicle: { plate: '京A24680', make: 'Audi', model: 'A4L' } });
  const token = ro.trackingToken as string;
  const url = `${server.url}/t/${token}?lang=en`;

  // As Chromium is here, with its own PushManager.
  const plain = await openPage(browser, url, PHONE);
  pages.push(plain);
  await waitForState(plain, ['offer']);
  await screenshot(plain, 'tracking-push-offer-390x844');
  // What the button does first, by hand: the service worker must load under the page's CSP and
  // take the /t/ scope. Then whether this Chromium's own PushManager can subscribe at all.
  const native = await plain.evaluate(async (key: string) => {
    const reg = await navigator.serviceWorker.register('/push-sw.js', { scope: '/t/' });
    await navigator.serviceWorker.ready;
    const bytes = Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/') + '='), (c) => c.charCodeAt(0));
    const attempt = reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes }).then(
      () => 'subscribed',
      (e: Error) => `${e.name}: ${e.message}`,
    );
    const answer = await Promise.race([attempt, new Promise<string>((r) => setTimeout(() => r('no answer within 5 s'), 5000))]);
    return { scope: new URL(reg.scope).pathname, active: !!reg.active, answer };
  }, server.deps.vapidPublicKey!);
  assert.equal([native.scope, native.active], ['/t/', true], 'the service worker loads under the CSP and takes the /t/ scope');
  console.log(`  headless Chromium's own PushManager.subscribe: ${native.answer}`);

  // With a subscription the stand-in can decrypt for.
  const phone = push.browser('/push/tracking-phone');
  const page = await browser.newPage();
  pages.push(page);
  await page.setViewport(PHONE);
  page.on('pageerror', (err) => console.error('[page error]', err));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.evaluateOnNewDocument((sub: unknown) => {
    const fake = { endpoint: (sub as { endpoint: string }).endpoint, toJSON: () => sub, unsubscribe: async () => true };
    let subscribed = false;
    PushManager.prototype.subscribe = async function () {
      subscribed = true;
      return fake as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async function () {
      return (subscribed ? fake : null) as unknown as PushSubscription;
    };
  }, phone.json);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await waitForState(page, ['offer']);
  await (await waitFor(page, 'tracking-page >>> push-control >>> button.primary'))!.click();
  await waitForState(page, ['on', 'failed']);
  assert.is(await stateOf(page), 'on');
  await screenshot(page, 'tracking-push-on-390x844');

  assert.is(await server.notify!.notifier.subscriptionCount(S, ro.id), 1, 'the server holds the subscription for this car');
  await server.notify!.notifier.approvalWaiting(S, ro.id, { id: 'addon-x', title: 'Front brake pads' });
  await server.notify!.notifier.idle();
  await server.notify!.notifier.tick();
  const got = push.received.at(-1);
  assert.ok(got, 'the push service received the message');
  assert.equal(got!.problems, []);
  assert.match((got!.params.payload as { body: string }).body, /Front brake pads/);
});

Push.run();

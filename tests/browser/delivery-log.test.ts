/**
 * The staff's delivery log in the dispatch board's RO dialog, in Chromium against the real server
 * and an Alibaba Cloud SMS stand-in: a sent check-in text, a "delayed" text the provider answered
 * 503 (retrying), and a message the store has no template for (not sent, and why).
 * Screenshot: artifacts/delivery-log-dialog-1366x768.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { NotifyConfigSchema } from '../../shared/domain/notify-config';
import { ALIYUN_KEYS } from '../../server/notify/rig';
import { aliyunStandIn, type StandIn } from '../../server/notify/stand-ins';
import { loadShopConfig } from '../../server/config';
import { launchBrowser, screenshot } from '../helpers/browser';
import { act, aRepairOrderInput } from '../helpers/build';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

let browser: Browser;
let server: TestServer;
let sms: StandIn;
const deep = (...parts: string[]) => ['dispatch-board', ...parts].join(' >>> ');

test.before(async () => {
  browser = await launchBrowser();
  sms = await aliyunStandIn(ALIYUN_KEYS);
  const shop = loadShopConfig();
  shop.stores[0]!.notify = NotifyConfigSchema.parse({
    sms: { provider: 'aliyun', signName: '星辰汽车', endpoint: sms.url, templates: { 'zh-CN': { checked_in: 'SMS_1', delayed: 'SMS_2' } } },
  });
  server = await startTestServer({
    shop,
    notify: {
      env: { ALIYUN_SMS_ACCESS_KEY_ID: ALIYUN_KEYS.accessKeyId, ALIYUN_SMS_ACCESS_KEY_SECRET: ALIYUN_KEYS.accessKeySecret },
      baseUrl: 'https://shop.example',
    },
  });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
  await sms?.close();
});

test('the RO dialog lists what the customer was sent, with status and reason, at 1366×768', async () => {
  const store = server.deps.shop.stores[0]!;
  const created = await server.api(
    'POST',
    `/api/stores/${store.id}/repair-orders`,
    aRepairOrderInput({
      operations: [{ code: store.catalogue[0]!.code }],
      promisedAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      contactConsent: { sms: true },
    }),
  );
  assert.is(created.status, 201, JSON.stringify(created.body));
  const ro = created.body.data.repairOrder;
  const base = `/api/stores/${store.id}/repair-orders/${ro.id}`;
  await server.notify!.notifier.idle();
  sms.behave(503);
  await server.api('PATCH', base, { promisedAt: new Date(Date.now() + 4 * 3_600_000).toISOString() });
  await server.notify!.notifier.idle();
  await server.notify!.notifier.approvalWaiting(store.id, ro.id, { id: 'addon-1', title: '更换雨刮片' });
  await act(server, `${base}/send-to-workshop`);

  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  const link = server.auth.issueOneTimeLogin({ id: 'disp-01', name: '赵磊', roles: ['dispatcher'], storeIds: [store.id] });
  await page.goto(`${server.url}/auth/one-time/${link}?next=${encodeURIComponent('/display/dispatch')}`, { waitUntil: 'domcontentloaded' });
  const edit = `pierce/button[data-action="edit"][data-ro="${ro.id}"]`;
  await page.waitForSelector(edit, { visible: true, timeout: 15_000 });
  await page.click(edit);
  await page.waitForSelector(deep('edit-dialog', 'button[data-record="messages"]'), { visible: true });
  await page.click(deep('edit-dialog', 'button[data-record="messages"]'));
  await page.waitForSelector(deep('edit-dialog', 'delivery-log', 'tr[data-status]'), { visible: true, timeout: 15_000 });
  const rows = await page.$$eval(deep('edit-dialog', 'delivery-log', 'tr[data-status]'), (trs) =>
    trs.map((tr) => [tr.getAttribute('data-kind'), tr.getAttribute('data-status'), (tr.querySelector('.why')?.textContent ?? '').trim()]),
  );
  assert.equal(
    rows.map((r) => r.slice(0, 2)),
    [
      ['checked_in', 'sent'],
      ['delayed', 'retrying'],
      ['approval_waiting', 'skipped'],
    ],
  );
  assert.match(rows[1]![2]!, /aliyun 503/);
  assert.match(rows[2]![2]!, /no SMS template/);
  const text = await page.$eval(deep('edit-dialog', 'delivery-log'), (el) => el.shadowRoot!.textContent ?? '');
  assert.ok(!text.includes(ro.customer.phone), 'the phone number is masked');
  await screenshot(page, 'delivery-log-dialog-1366x768');
  await page.close();
});

test.run();

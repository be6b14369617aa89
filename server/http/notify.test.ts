import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NotifyConfigSchema } from '../../shared/domain/notify-config';
import { aPlate, aRepairOrderInput, asStaff } from '../../tests/helpers/build';
import { asNobody, startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { aBrowserSubscription, tencentStandIn, type StandIn } from '../notify/stand-ins';

/** The notification routes on the real server: consent from the kiosk and the desk, the staff's delivery log, push subscriptions, receipts. */
const Notify = suite('notifications over HTTP');
const S = 'store-a';
const TENCENT = { secretId: 'AKIDhttpTestId', secretKey: 'http-test-key', sdkAppId: '1400012345' };
let server: TestServer;
let sms: StandIn;

Notify.before(async () => {
  sms = await tencentStandIn(TENCENT);
  const shop = aTestShop();
  shop.stores[0]!.notify = NotifyConfigSchema.parse({
    sms: {
      provider: 'tencent',
      sdkAppId: TENCENT.sdkAppId,
      signName: '测试一店',
      endpoint: sms.url,
      templates: { 'zh-CN': { checked_in: '2001', ready: '2005' }, en: { checked_in: '3001' } },
    },
    push: { subject: 'mailto:service@store-a.example' },
  });
  server = await startTestServer({
    shop,
    notify: { env: { TENCENT_SMS_SECRET_ID: TENCENT.secretId, TENCENT_SMS_SECRET_KEY: TENCENT.secretKey }, baseUrl: 'https://a.example' },
  });
});
Notify.after(async () => {
  await server.close();
  await sms.close();
});

const logOf = async (roId: string, headers: Record<string, string | undefined> = {}) =>
  server.api('GET', `/api/stores/${S}/repair-orders/${roId}/notifications`, undefined, headers);

Notify("a kiosk walk-in records consent in the kiosk's language and gets the check-in text from that language's template", async () => {
  const res = await server.api(
    'POST',
    `/api/kiosk/${S}/walk-in`,
    {
      kioskId: 'kiosk-1',
      plate: aPlate(),
      phone: '13800138000',
      services: ['OIL'],
      consent: true,
      locale: 'en',
    },
    asNobody,
  );
  assert.is(res.status, 201, JSON.stringify(res.body));
  const ro = [...(await server.service.state(S)).ros.values()].find((r) => r.queueNumber === res.body.data.queueNumber)!;
  assert.equal(ro.contactConsent, { sms: true, locale: 'en', via: 'kiosk' });
  await server.notify!.notifier.idle();
  const got = sms.received.at(-1)!;
  assert.equal(got.problems, []);
  assert.is(got.params.TemplateId, '3001');
  assert.equal(got.params.PhoneNumberSet, ['+8613800138000']);
  const log = await logOf(ro.id);
  assert.is(log.status, 200);
  assert.equal(
    log.body.data.messages.map((m: { status: string; to: string }) => [m.status, m.to]),
    [['sent', '138****8000']],
  );
});

Notify('the desk records consent when asked; without it the log says nothing was sent and why', async () => {
  const withConsent = await server.api('POST', `/api/stores/${S}/repair-orders`, aRepairOrderInput({ contactConsent: { sms: true } }));
  const without = await server.api('POST', `/api/stores/${S}/repair-orders`, aRepairOrderInput());
  await server.notify!.notifier.idle();
  assert.equal(withConsent.body.data.repairOrder.contactConsent, { sms: true, locale: 'zh-CN', via: 'desk' });
  const [a, b] = [await logOf(withConsent.body.data.repairOrder.id), await logOf(without.body.data.repairOrder.id)];
  assert.is(a.body.data.messages[0].status, 'sent');
  assert.is(b.body.data.messages[0].status, 'skipped');
  assert.match(b.body.data.messages[0].lines[0].detail, /no consent/);
});

Notify('the delivery log is for front-desk staff: a technician is refused, an unknown order is 404', async () => {
  const ro = (await server.api('POST', `/api/stores/${S}/repair-orders`, aRepairOrderInput())).body.data.repairOrder;
  assert.is((await logOf(ro.id, asStaff(server.auth, { roles: ['advisor'] }))).status, 200);
  assert.is((await logOf(ro.id, asStaff(server.auth, { roles: ['technician'] }))).status, 403);
  assert.is((await logOf(ro.id, asNobody)).status, 401);
  assert.is((await logOf('ro-nothere')).status, 404);
});

Notify("the tracking page subscribes to Web Push with the server's VAPID key, and can unsubscribe", async () => {
  const ro = (await server.api('POST', `/api/stores/${S}/repair-orders`, aRepairOrderInput())).body.data.repairOrder;
  const base = `/api/track/${ro.trackingToken}/push`;
  const status = await server.api('GET', base, undefined, asNobody);
  assert.is(status.body.data.enabled, true);
  assert.is(status.body.data.publicKey, server.deps.vapidPublicKey);
  assert.match(status.body.data.publicKey, /^[A-Za-z0-9_-]{87}$/);
  const browser = aBrowserSubscription('https://push.example/send/abc');
  assert.is((await server.api('POST', base, { subscription: browser.json, locale: 'en' }, asNobody)).status, 201);
  assert.is((await server.api('GET', base, undefined, asNobody)).body.data.subscriptions, 1);
  const off = await server.api('DELETE', base, { endpoint: browser.json.endpoint }, asNobody);
  assert.equal(off.body.data, { unsubscribed: true, removed: true });
  assert.is((await server.api('GET', base, undefined, asNobody)).body.data.subscriptions, 0);
  assert.is((await server.api('POST', '/api/track/unknown-token-0000000/push', { subscription: browser.json }, asNobody)).status, 404);
});

Notify("a provider's delivery report marks the message delivered; a wrong receipt key is 404", async () => {
  const ro = (await server.api('POST', `/api/stores/${S}/repair-orders`, aRepairOrderInput({ contactConsent: { sms: true } }))).body.data.repairOrder;
  await server.notify!.notifier.idle();
  const url = (await server.api('GET', `/api/stores/${S}/notifications/receipt-url`)).body.data.path as string;
  const serial = (await logOf(ro.id)).body.data.messages[0].lines.at(-1).detail.match(/provider id (\S+)/)[1];
  const report = [
    {
      user_receive_time: '2026-12-07 10:00:00',
      nationcode: '86',
      mobile: '13812345678',
      report_status: 'SUCCESS',
      errmsg: 'DELIVRD',
      description: '用户短信送达成功',
      sid: serial,
    },
  ];
  const res = await server.api('POST', url, report, asNobody);
  assert.is(res.status, 200);
  assert.is(res.body.matched, 1);
  assert.equal(
    (await logOf(ro.id)).body.data.messages[0].lines.map((l: { status: string }) => l.status),
    ['queued', 'sent', 'delivered'],
  );
  assert.is((await server.api('POST', url.replace(/[^/]+$/, 'x'.repeat(32)), report, asNobody)).status, 404);
});

Notify.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AliyunSms } from './aliyun-sms';
import type { OutgoingSms } from './channels';
import { aliyunStandIn, tencentStandIn } from './stand-ins';
import { TencentSms } from './tencent-sms';

const aMessage = (over: Partial<OutgoingSms> = {}): OutgoingSms => ({
  phone: '13800138000',
  templateId: 'SMS_4001',
  key: 'store-1:ro-1:ready::sms:abc',
  params: [
    ['plate', '粤B·D1**45'],
    ['desk', '1号服务台 (front desk)'],
  ],
  locale: 'zh-CN',
  kind: 'ready',
  ...over,
});

const ALIYUN = { accessKeyId: 'LTAI5tExampleId', accessKeySecret: 'example-secret/with+odd*chars' };

test('Alibaba Cloud: a SendSms request the stand-in accepts by the documented parameters and HMAC-SHA1 signature', async () => {
  const standIn = await aliyunStandIn(ALIYUN);
  try {
    const sms = new AliyunSms({ ...ALIYUN, signName: '星辰汽车', endpoint: standIn.url, regionId: 'cn-hangzhou' });
    const outcome = await sms.send(aMessage());
    assert.equal(standIn.received[0]!.problems, []);
    assert.ok(outcome.ok);
    assert.is(outcome.ok && outcome.providerId, '900001^0');
    const p = standIn.received[0]!.params;
    assert.is(p.PhoneNumbers, '13800138000');
    assert.is(p.SignName, '星辰汽车');
    assert.is(p.TemplateCode, 'SMS_4001');
    assert.equal(JSON.parse(String(p.TemplateParam)), { plate: '粤B·D1**45', desk: '1号服务台 (front desk)' });
  } finally {
    await standIn.close();
  }
});

test('Alibaba Cloud: a wrong secret is refused by the stand-in, and not retried', async () => {
  const standIn = await aliyunStandIn(ALIYUN);
  try {
    const sms = new AliyunSms({ ...ALIYUN, accessKeySecret: 'not-the-secret', signName: '星辰汽车', endpoint: standIn.url, regionId: 'cn-hangzhou' });
    const outcome = await sms.send(aMessage());
    assert.equal(standIn.received[0]!.problems, ['Signature does not match']);
    assert.equal(outcome.ok ? 'ok' : [outcome.retry, /SignatureDoesNotMatch/.test(outcome.error)], [false, true]);
  } finally {
    await standIn.close();
  }
});

test('Alibaba Cloud: international numbers go as country code + number', async () => {
  const standIn = await aliyunStandIn(ALIYUN);
  try {
    const sms = new AliyunSms({ ...ALIYUN, signName: 'Star', endpoint: standIn.url, regionId: 'cn-hangzhou' });
    await sms.send(aMessage({ phone: '0085291234567' }));
    assert.is(standIn.received[0]!.params.PhoneNumbers, '85291234567');
  } finally {
    await standIn.close();
  }
});

const TENCENT = { secretId: 'AKIDexampleSecretId', secretKey: 'exampleSecretKey', sdkAppId: '1400006666' };

test('Tencent Cloud: a SendSms 2021-01-11 request the stand-in accepts by the documented headers, body and TC3-HMAC-SHA256 signature', async () => {
  const standIn = await tencentStandIn(TENCENT);
  try {
    const sms = new TencentSms({ ...TENCENT, signName: '星辰汽车', endpoint: standIn.url, region: 'ap-guangzhou' });
    const outcome = await sms.send(aMessage({ templateId: '1110' }));
    assert.equal(standIn.received[0]!.problems, []);
    assert.ok(outcome.ok);
    assert.is(outcome.ok && outcome.providerId, '2028:1');
    const p = standIn.received[0]!.params;
    assert.equal(p.PhoneNumberSet, ['+8613800138000']);
    assert.is(p.TemplateId, '1110');
    assert.equal(p.TemplateParamSet, ['粤B·D1**45', '1号服务台 (front desk)']);
  } finally {
    await standIn.close();
  }
});

test('Tencent Cloud: a wrong key is refused as AuthFailure.SignatureFailure, not retried', async () => {
  const standIn = await tencentStandIn(TENCENT);
  try {
    const sms = new TencentSms({ ...TENCENT, secretKey: 'wrong', signName: '星辰汽车', endpoint: standIn.url, region: 'ap-guangzhou' });
    const outcome = await sms.send(aMessage());
    assert.equal(standIn.received[0]!.problems, ['Signature does not match']);
    assert.equal(outcome.ok ? 'ok' : [outcome.retry, /AuthFailure\.SignatureFailure/.test(outcome.error)], [false, true]);
  } finally {
    await standIn.close();
  }
});

test('both adapters: a 5xx and a timeout are worth a retry', async () => {
  const ali = await aliyunStandIn(ALIYUN);
  const ten = await tencentStandIn(TENCENT);
  try {
    ali.behave(503, 'hang');
    ten.behave(502, 'hang');
    const a = new AliyunSms({ ...ALIYUN, signName: 'x', endpoint: ali.url, regionId: 'cn-hangzhou', timeoutMs: 1000 });
    const t = new TencentSms({ ...TENCENT, signName: 'x', endpoint: ten.url, region: 'ap-guangzhou', timeoutMs: 1000 });
    const results = [await a.send(aMessage()), await a.send(aMessage()), await t.send(aMessage()), await t.send(aMessage())];
    assert.equal(
      results.map((r) => (r.ok ? 'ok' : r.retry)),
      [true, true, true, true],
    );
    assert.match(results[1]!.ok ? '' : results[1]!.error, /timeout/);
    assert.match(results[3]!.ok ? '' : results[3]!.error, /timeout/);
  } finally {
    await ali.close();
    await ten.close();
  }
});

test.run();

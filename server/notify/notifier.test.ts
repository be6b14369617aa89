import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aNewRepairOrder, commitOk } from '../../tests/helpers/workshop';
import type { CommandOf } from '../../shared/workflow/commands';
import { aNotifyRig, type Rig } from './rig';

const consented = (over: Partial<CommandOf<'createRepairOrder'>> = {}) =>
  aNewRepairOrder({ contactConsent: { sms: true, locale: 'zh-CN', via: 'kiosk' }, ...over });

/** Commit, let the notifier read the log, and send what is due. */
async function checkIn(rig: Rig, command = consented()) {
  await commitOk(rig.service, rig.store.id, command);
  await rig.notifier.catchUp(rig.store.id);
  await rig.notifier.tick();
  return command.roId;
}

const statuses = async (rig: Rig, roId: string) =>
  (await rig.notifier.deliveryLog(rig.store.id, roId)).map((m) => [m.channel, m.kind, m.status, m.lines.map((l) => l.status)]);

test('a customer who agreed gets the check-in text with the tracking link, once', async () => {
  const rig = await aNotifyRig();
  try {
    const roId = await checkIn(rig);
    assert.is(rig.sms.received.length, 1);
    assert.equal(rig.sms.received[0]!.problems, []);
    const values = JSON.parse(String(rig.sms.received[0]!.params.TemplateParam)) as Record<string, string>;
    assert.is(values.plate, '京A·1**45');
    assert.match(values.link!, /^https:\/\/shop\.example\/t\/[0-9a-f]{32}$/);
    assert.is(rig.sms.received[0]!.params.TemplateCode, 'SMS_1');
    assert.equal(await statuses(rig, roId), [['sms', 'checked_in', 'sent', ['queued', 'sent']]]);
    // No resend after success: more ticks and another read of the log send nothing.
    await rig.notifier.tick();
    await rig.notifier.catchUp(rig.store.id);
    rig.clock.now += 86_400_000;
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 1);
  } finally {
    await rig.close();
  }
});

test('no consent recorded: nothing is sent, and the log says why', async () => {
  const rig = await aNotifyRig();
  try {
    const roId = await checkIn(rig, aNewRepairOrder());
    assert.is(rig.sms.received.length, 0);
    const [entry] = await rig.notifier.deliveryLog(rig.store.id, roId);
    assert.is(entry!.status, 'skipped');
    assert.is(entry!.to, null, 'a message never sent keeps no phone number');
    assert.match(entry!.lines[0]!.detail!, /no consent/);
  } finally {
    await rig.close();
  }
});

test('a 5xx is retried after the backoff, not before, and then sent once', async () => {
  const rig = await aNotifyRig();
  try {
    rig.sms.behave(503);
    const roId = await checkIn(rig);
    assert.equal(await statuses(rig, roId), [['sms', 'checked_in', 'retrying', ['queued', 'retrying']]]);
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 1, 'not before the backoff');
    rig.clock.now += 30_000;
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 2);
    await rig.notifier.tick();
    rig.clock.now += 3_600_000;
    await rig.notifier.tick();
    assert.equal(
      rig.sms.received.map((r) => r.answered),
      [503, 'ok'],
    );
    assert.equal(await statuses(rig, roId), [['sms', 'checked_in', 'sent', ['queued', 'retrying', 'sent']]]);
  } finally {
    await rig.close();
  }
});

test('a timeout is retried like a 5xx', async () => {
  const rig = await aNotifyRig();
  try {
    rig.sms.behave('hang');
    const roId = await checkIn(rig);
    const [entry] = await rig.notifier.deliveryLog(rig.store.id, roId);
    assert.is(entry!.status, 'retrying');
    assert.match(entry!.lastError!, /timeout/);
    rig.clock.now += 60_000;
    await rig.notifier.tick();
    assert.equal(
      rig.sms.received.map((r) => r.answered),
      ['hang', 'ok'],
    );
    assert.is((await rig.notifier.deliveryLog(rig.store.id, roId))[0]!.status, 'sent');
  } finally {
    await rig.close();
  }
});

test("a refusal that will not change (a 4xx) fails at once, with the provider's reason", async () => {
  const rig = await aNotifyRig();
  try {
    rig.sms.behave(400);
    const roId = await checkIn(rig);
    rig.clock.now += 3_600_000;
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 1);
    const [entry] = await rig.notifier.deliveryLog(rig.store.id, roId);
    assert.is(entry!.status, 'failed');
    assert.match(entry!.lines.at(-1)!.detail!, /aliyun 400/);
  } finally {
    await rig.close();
  }
});

test('retries stop after the last attempt, and the log says so', async () => {
  const rig = await aNotifyRig({ options: { retry: { maxAttempts: 3, baseMs: 1000, maxMs: 1000 } } });
  try {
    rig.sms.behave(500, 500, 500, 500);
    const roId = await checkIn(rig);
    for (let i = 0; i < 5; i++) {
      rig.clock.now += 2000;
      await rig.notifier.tick();
    }
    assert.is(rig.sms.received.length, 3);
    const [entry] = await rig.notifier.deliveryLog(rig.store.id, roId);
    assert.is(entry!.status, 'failed');
    assert.match(entry!.lines.at(-1)!.detail!, /no attempts left/);
  } finally {
    await rig.close();
  }
});

test("quiet hours hold a message until morning in the store's zone", async () => {
  // 23:10 in Shanghai.
  const rig = await aNotifyRig({ now: '2026-12-07T15:10:00Z', notify: { quietHours: { start: '21:00', end: '08:00' } } });
  try {
    const roId = await checkIn(rig);
    assert.is(rig.sms.received.length, 0);
    const [held] = await rig.notifier.deliveryLog(rig.store.id, roId);
    assert.is(held!.status, 'held');
    assert.is(held!.dueAt, '2026-12-08T00:00:00.000Z');
    rig.clock.now = Date.parse('2026-12-07T23:59:00Z'); // 07:59
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 0);
    rig.clock.now = Date.parse('2026-12-08T00:00:00Z'); // 08:00
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 1);
    assert.equal(await statuses(rig, roId), [['sms', 'checked_in', 'sent', ['held', 'sent']]]);
  } finally {
    await rig.close();
  }
});

test('a restart in the middle of retrying delivers the message once', async () => {
  const rig = await aNotifyRig();
  try {
    rig.sms.behave(503);
    const roId = await checkIn(rig);
    await rig.restart();
    rig.clock.now += 60_000;
    await rig.notifier.tick();
    await rig.restart();
    await rig.notifier.catchUp(rig.store.id);
    rig.clock.now += 3_600_000;
    await rig.notifier.tick();
    assert.equal(
      rig.sms.received.map((r) => r.answered),
      [503, 'ok'],
    );
    assert.equal(await statuses(rig, roId), [['sms', 'checked_in', 'sent', ['queued', 'retrying', 'sent']]]);
  } finally {
    await rig.close();
  }
});

test('a message claimed by a process that died mid-send is taken up again after its lease', async () => {
  const rig = await aNotifyRig();
  try {
    const command = consented();
    await commitOk(rig.service, rig.store.id, command);
    await rig.notifier.catchUp(rig.store.id);
    // As if a process had claimed it and died before the provider answered.
    await rig.outbox.db
      .updateTable('notify_messages')
      .set({ status: 'sending', lease_until: new Date(rig.clock.now + 120_000).toISOString() })
      .execute();
    await rig.restart();
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 0, 'not while the lease runs');
    rig.clock.now += 121_000;
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 1);
  } finally {
    await rig.close();
  }
});

test('a later promised time sends "delayed" with the new time; an earlier one sends nothing', async () => {
  const rig = await aNotifyRig();
  try {
    const roId = await checkIn(rig, consented({ promisedAt: '2026-12-07T08:00:00.000Z' }));
    const update = (promisedAt: string) => commitOk(rig.service, rig.store.id, { type: 'updateRepairOrder', roId, patch: { promisedAt } });
    await update('2026-12-07T09:30:00.000Z');
    await update('2026-12-07T09:00:00.000Z');
    await rig.notifier.catchUp(rig.store.id);
    await rig.notifier.tick();
    const sent = rig.sms.received.map((r) => [r.params.TemplateCode, JSON.parse(String(r.params.TemplateParam))]);
    assert.equal(sent, [
      ['SMS_1', { plate: '京A·1**45', link: sent[0]![1].link }],
      ['SMS_2', { plate: '京A·1**45', time: '12月7日 17:30' }],
    ]);
  } finally {
    await rig.close();
  }
});

test('the add-on hook sends "approval waiting" once per add-on, however often it is called', async () => {
  const rig = await aNotifyRig();
  try {
    const roId = await checkIn(rig);
    await rig.notifier.approvalWaiting(rig.store.id, roId, { id: 'addon-1', title: '更换刹车片' });
    await rig.notifier.approvalWaiting(rig.store.id, roId, { id: 'addon-1', title: '更换刹车片' });
    await rig.notifier.tick();
    assert.equal(
      rig.sms.received.map((r) => r.params.TemplateCode),
      ['SMS_1', 'SMS_4'],
    );
  } finally {
    await rig.close();
  }
});

test('a store that turned a message off sends none of it', async () => {
  const rig = await aNotifyRig({ notify: { disabled: ['checked_in'] } });
  try {
    const roId = await checkIn(rig);
    assert.is(rig.sms.received.length, 0);
    assert.equal(await rig.notifier.deliveryLog(rig.store.id, roId), []);
  } finally {
    await rig.close();
  }
});

test('events from before the notifier started send nothing', async () => {
  const rig = await aNotifyRig();
  try {
    await commitOk(rig.service, rig.store.id, consented());
    // A store the outbox has never seen starts at the end of the log.
    await rig.outbox.db.deleteFrom('notify_checkpoints').execute();
    await rig.notifier.catchUp(rig.store.id);
    await rig.notifier.tick();
    assert.is(rig.sms.received.length, 0);
  } finally {
    await rig.close();
  }
});

test('Web Push: a subscribed browser gets the message, VAPID-signed and encrypted for its keys', async () => {
  const rig = await aNotifyRig({ notify: { sms: undefined } });
  try {
    const command = consented();
    await commitOk(rig.service, rig.store.id, command);
    await rig.notifier.catchUp(rig.store.id);
    const browser = rig.push.browser('/push/phone-1');
    await rig.notifier.subscribe(rig.store.id, command.roId, browser.json, 'en');
    await commitOk(rig.service, rig.store.id, { type: 'updateRepairOrder', roId: command.roId, patch: { promisedAt: '2026-12-07T09:00:00.000Z' } });
    await rig.notifier.delayed(rig.store.id, command.roId, '2026-12-07T10:00:00.000Z');
    await rig.notifier.tick();
    assert.is(rig.push.received.length, 1);
    assert.equal(rig.push.received[0]!.problems, []);
    const payload = rig.push.received[0]!.params.payload as { title: string; body: string; url: string; tag: string };
    assert.match(payload.title, /Running late/);
    assert.match(payload.body, /new expected time is Dec 7, 18:00/);
    assert.match(payload.url, /^https:\/\/shop\.example\/t\/[0-9a-f]{32}\?lang=en$/);
    assert.is(payload.tag, 'delayed');
  } finally {
    await rig.close();
  }
});

test('Web Push: a subscription the push service says is gone (410) is removed and not retried', async () => {
  const rig = await aNotifyRig({ notify: { sms: undefined } });
  try {
    const command = consented();
    await commitOk(rig.service, rig.store.id, command);
    const browser = rig.push.browser('/push/phone-2');
    await rig.notifier.subscribe(rig.store.id, command.roId, browser.json, 'zh-CN');
    rig.push.behave(410);
    await rig.notifier.approvalWaiting(rig.store.id, command.roId, { id: 'a1', title: 'Brake pads' });
    await rig.notifier.tick();
    rig.clock.now += 3_600_000;
    await rig.notifier.tick();
    assert.is(rig.push.received.length, 1);
    assert.is(await rig.notifier.subscriptionCount(rig.store.id, command.roId), 0);
    assert.is((await rig.notifier.deliveryLog(rig.store.id, command.roId))[0]!.status, 'failed');
  } finally {
    await rig.close();
  }
});

test.run();

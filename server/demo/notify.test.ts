/**
 * The demo's messages to customers, wired as `npm start` wires them (startDemoNotify, then
 * openNotify with its shop, keys and push agent): the simulated day runs step by step against a
 * real WorkshopService, the real notifier sends through the real Alibaba and Tencent adapters to
 * the stand-ins, and the stand-ins' log in the data directory holds each consenting customer's
 * messages — and nothing for a customer who did not agree. Bounded by a step count, not a clock.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { maskPlate } from '../../shared/domain/plate';
import type { RepairOrder } from '../../shared/domain/repair-order';
import { MemoryEventStore } from '../../tests/helpers/memory-store';
import { aTestShop } from '../../tests/helpers/shop';
import { silentLogger } from '../log';
import { openNotify } from '../notify';
import { WorkshopService } from '../workshop-service';
import { startDemoNotify, DEMO_PUSH_LOG, DEMO_SMS_LOG } from './notify';
import { seededRng, simulateStep } from './simulate';

interface LogLine {
  standIn: string;
  valid: boolean;
  problems?: string[];
  message: string;
  params: unknown;
}

const readLog = (file: string): LogLine[] => {
  try {
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  } catch {
    return [];
  }
};

test('a simulated customer who agrees gets checked-in, ready and survey texts in the stand-in log; one who did not gets none', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'demo-notify-'));
  const demo = await startDemoNotify({ shop: aTestShop(), dataDir, log: silentLogger });
  assert.ok(demo, 'stores without a notify config of their own get the demo stand-ins');
  const [a, b] = demo!.shop.stores;
  assert.is(a!.notify?.sms?.provider, 'aliyun');
  assert.is(b!.notify?.sms?.provider, 'tencent');
  assert.match(a!.notify!.sms!.endpoint, /^http:\/\/127\.0\.0\.1:\d+\/$/, 'a local stand-in, never a provider');

  const service = new WorkshopService(new MemoryEventStore(), demo!.shop.stores, silentLogger);
  await service.init();
  const notify = await openNotify({
    shop: demo!.shop,
    dataDir,
    env: demo!.env,
    baseUrl: 'http://localhost:47250',
    log: silentLogger,
    service,
    pushAgent: demo!.pushAgent,
  });
  assert.ok(notify);
  const stopPhones = demo!.phones(service, notify!.notifier);
  const storeId = a!.id;
  const rng = seededRng(16);
  const log = join(dataDir, DEMO_SMS_LOG);
  const linesFor = (ro: RepairOrder) =>
    readLog(log).filter((l) => {
      const text = JSON.stringify(l.params);
      return (!!ro.trackingToken && text.includes(ro.trackingToken)) || text.includes(maskPlate(ro.vehicle.plate));
    });
  try {
    let agreed: RepairOrder | undefined;
    let refused: RepairOrder | undefined;
    for (let step = 0; step < 3000 && !(agreed && refused); step++) {
      await simulateStep(service, storeId, rng, { targetOpen: 6 });
      await notify!.notifier.idle();
      const delivered = [...(await service.state(storeId)).ros.values()].filter((r) => r.stage === 'delivered');
      agreed ??= delivered.find((r) => r.contactConsent?.sms && linesFor(r).some((l) => l.message === 'survey'));
      refused ??= delivered.find((r) => !r.contactConsent);
    }
    assert.ok(agreed, 'a customer who agreed was delivered, survey and all, within the steps');
    assert.ok(refused, 'and one who did not agree');
    const lines = linesFor(agreed!);
    assert.equal([...new Set(lines.map((l) => l.message))].sort(), ['checked_in', 'ready', 'survey']);
    for (const l of lines) {
      assert.ok(l.valid, `the stand-in found the request as Alibaba documents it: ${l.problems?.join('; ')}`);
      assert.match(l.standIn, 'demo stand-in');
    }
    assert.is(lines.filter((l) => l.message === 'checked_in').length, 1, 'no message twice');
    assert.equal(linesFor(refused!), [], 'nothing for a customer without consent');
    // Their stand-in phone got the ready push, decrypted by the push stand-in.
    const pushes = readLog(join(dataDir, DEMO_PUSH_LOG)).filter((l) => JSON.stringify(l).includes(maskPlate(agreed!.vehicle.plate)));
    assert.ok(pushes.length >= 1, 'a push to the phone of the customer who agreed');
    assert.ok(
      pushes.every((l) => l.valid),
      `push requests as RFC 8030/8291/8292 want them: ${pushes.flatMap((l) => l.problems ?? []).join('; ')}`,
    );
  } finally {
    stopPhones();
    await notify!.close();
    await service.close();
    await demo!.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a store with a notify config of its own keeps it; no stand-ins are started for a shop that needs none', async () => {
  const shop = aTestShop();
  const own = { ...shop, stores: shop.stores.map((s) => ({ ...s, notify: { disabled: [], texts: {} } })) };
  const dataDir = mkdtempSync(join(tmpdir(), 'demo-notify-'));
  try {
    assert.is(await startDemoNotify({ shop: own, dataDir, log: silentLogger }), undefined);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();

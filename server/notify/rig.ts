/**
 * A notifier wired to a real WorkshopService (memory event store), a real outbox (SQLite file in
 * a temp directory) and the provider stand-ins, on a clock the test moves. For tests only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Agent } from 'node:https';
import { join } from 'node:path';
import webpush from 'web-push';
import { NotifyConfigSchema, type NotifyConfig } from '../../shared/domain/notify-config';
import type { Store } from '../../shared/domain/shop';
import { MemoryEventStore } from '../../tests/helpers/memory-store';
import { loadShopConfig } from '../config';
import { silentLogger } from '../log';
import { WorkshopService } from '../workshop-service';
import { AliyunSms } from './aliyun-sms';
import { Notifier, type NotifierOptions } from './notifier';
import { openOutbox, type OpenedOutbox } from './outbox';
import { aliyunStandIn, pushStandIn, type StandIn } from './stand-ins';
import { WebPushSender } from './web-push';

export const ALIYUN_KEYS = { accessKeyId: 'LTAI5tRigKeyId', accessKeySecret: 'rig-secret' };

export interface Rig {
  store: Store;
  service: WorkshopService;
  sms: StandIn;
  push: Awaited<ReturnType<typeof pushStandIn>>;
  notifier: Notifier;
  outbox: OpenedOutbox;
  /** The test's clock (ms). */
  clock: { now: number };
  dataDir: string;
  /** A fresh process: close the notifier and outbox, open both again on the same file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function aNotifyRig(
  o: { notify?: Partial<NotifyConfig>; now?: string; options?: Partial<NotifierOptions>; databaseUrl?: string } = {},
): Promise<Rig> {
  const base = loadShopConfig().stores[0]!;
  const sms = await aliyunStandIn(ALIYUN_KEYS);
  const clock = { now: Date.parse(o.now ?? '2026-12-07T03:00:00Z') };
  // The push service checks the VAPID JWT's expiry on its own (real) clock, as web-push signs it with the real one.
  const push = await pushStandIn();
  const notify = NotifyConfigSchema.parse({
    sms: {
      provider: 'aliyun',
      signName: '星辰汽车',
      endpoint: sms.url,
      templates: { 'zh-CN': { checked_in: 'SMS_1', delayed: 'SMS_2', parts_arrived: 'SMS_3', approval_waiting: 'SMS_4', ready: 'SMS_5', survey: 'SMS_6' } },
    },
    push: { subject: 'mailto:service@store.example' },
    ...o.notify,
  });
  const store: Store = { ...base, notify };
  const service = new WorkshopService(new MemoryEventStore(), [store], silentLogger, () => new Date(clock.now));
  await service.init();
  const dataDir = mkdtempSync(join(tmpdir(), 'notify-rig-'));
  const vapid = webpush.generateVAPIDKeys();
  const pushAgent = new Agent({ ca: push.ca });
  const open = async () => {
    const outbox = await openOutbox({ dataDir, databaseUrl: o.databaseUrl });
    const notifier = new Notifier({
      db: outbox.db,
      events: service.events,
      stores: [store],
      baseUrl: 'https://shop.example',
      log: silentLogger,
      repairOrder: async (storeId, roId) => (await service.state(storeId)).ros.get(roId),
      sms: () =>
        new AliyunSms({ ...ALIYUN_KEYS, signName: '星辰汽车', endpoint: sms.url, regionId: 'cn-hangzhou', timeoutMs: 1000, now: () => new Date(clock.now) }),
      push: () => new WebPushSender(vapid, 'mailto:service@store.example', { timeoutMs: 1000, agent: pushAgent }),
      now: () => clock.now,
      pollMs: 0,
      random: () => 0,
      ...o.options,
    });
    // Start at the end of the (empty) log, as a first start does.
    await notifier.catchUp(store.id);
    return { outbox, notifier };
  };
  let current = await open();
  const rig: Rig = {
    store,
    service,
    sms,
    push,
    clock,
    dataDir,
    get notifier() {
      return current.notifier;
    },
    get outbox() {
      return current.outbox;
    },
    restart: async () => {
      await current.notifier.close();
      await current.outbox.close();
      current = await open();
    },
    close: async () => {
      await current.notifier.close();
      await current.outbox.close();
      await service.close();
      await sms.close();
      await push.close();
      pushAgent.destroy();
    },
  };
  return rig;
}

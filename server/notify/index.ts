import type { Agent } from 'node:https';
import type { RepairOrder } from '../../shared/domain/repair-order';
import type { ShopConfig, Store } from '../../shared/domain/shop';
import type { EventStore } from '../store/event-store';
import type { Logger } from '../log';
import { AliyunSms } from './aliyun-sms';
import type { SmsSender } from './channels';
import { Notifier, type NotifyProbe } from './notifier';
import { openOutbox } from './outbox';
import { TencentSms } from './tencent-sms';
import { loadVapidKeys, WebPushSender, type VapidKeys } from './web-push';
import type { WebhookOutbox } from '../webhooks/outbox';
import { WebhookChannel } from './webhook';

export { Notifier } from './notifier';

export interface OpenedNotify {
  notifier: Notifier;
  /** The VAPID public key browsers subscribe with; undefined when no store has push. */
  vapidPublicKey?: string;
  close(): Promise<void>;
}

/** The store's SMS adapter from its config and the keys its config names in the environment. */
export function smsSenderFor(store: Store, env: NodeJS.ProcessEnv, log: Logger): SmsSender | undefined {
  const sms = store.notify?.sms;
  if (!sms) return undefined;
  if (sms.provider === 'aliyun') {
    const [id, secret] = [env[sms.accessKeyIdEnv], env[sms.accessKeySecretEnv]];
    if (!id || !secret) return warnOnce(log, store, `${sms.accessKeyIdEnv} and ${sms.accessKeySecretEnv}`);
    return new AliyunSms({ accessKeyId: id, accessKeySecret: secret, signName: sms.signName, endpoint: sms.endpoint, regionId: sms.regionId });
  }
  const [id, key] = [env[sms.secretIdEnv], env[sms.secretKeyEnv]];
  if (!id || !key) return warnOnce(log, store, `${sms.secretIdEnv} and ${sms.secretKeyEnv}`);
  return new TencentSms({ secretId: id, secretKey: key, sdkAppId: sms.sdkAppId, signName: sms.signName, endpoint: sms.endpoint, region: sms.region });
}

const warned = new Set<string>();
function warnOnce(log: Logger, store: Store, names: string): undefined {
  if (!warned.has(store.id)) {
    warned.add(store.id);
    log.warn({ storeId: store.id }, `notify: the store's SMS needs ${names} in the environment; its text messages are logged as skipped until then`);
  }
  return undefined;
}

/**
 * Open the outbox and the notifier for every store with a `notify` config, and follow the log.
 * Nothing here is on the commit path: a commit only wakes the notifier, which reads the log
 * after its own checkpoint. A notifier that cannot open leaves the workshop running.
 */
export async function openNotify(o: {
  shop: ShopConfig;
  dataDir: string;
  databaseUrl?: string;
  env: NodeJS.ProcessEnv;
  baseUrl: string;
  log: Logger;
  probe?: NotifyProbe;
  /** Tests: an HTTPS agent that trusts a local push-service stand-in. */
  pushAgent?: Agent;
  /** The Standard Webhooks outbox, for stores whose config has `webhook` (their CRM sends the messages); undefined when it did not open. */
  webhooks?: Pick<WebhookOutbox, 'enqueueCustom' | 'deliveryStatus'>;
  service: {
    events: Pick<EventStore, 'read' | 'lastSeq'>;
    state(storeId: string): Promise<{ ros: ReadonlyMap<string, RepairOrder> }>;
    onChange(listener: (storeId: string) => void): () => void;
  };
}): Promise<OpenedNotify | undefined> {
  const stores = o.shop.stores.filter((s) => s.notify);
  if (!stores.length) return undefined;
  const outbox = await openOutbox({ dataDir: o.dataDir, databaseUrl: o.databaseUrl, log: o.log });
  let vapid: VapidKeys | undefined;
  if (stores.some((s) => s.notify?.push?.enabled)) vapid = await loadVapidKeys(o.dataDir, o.env);
  const senders = new Map(stores.map((s) => [s.id, smsSenderFor(s, o.env, o.log)]));
  const pushers = new Map(
    stores.filter((s) => vapid && s.notify?.push?.enabled).map((s) => [s.id, new WebPushSender(vapid!, s.notify!.push!.subject, { agent: o.pushAgent })]),
  );
  const crm = o.webhooks ? new WebhookChannel(o.webhooks) : undefined;
  for (const s of stores)
    if (s.notify?.webhook?.enabled && !crm)
      o.log.warn({ storeId: s.id }, "notify: the store's webhook channel needs the webhook outbox, which did not open; its messages are logged as skipped");
  const notifier = new Notifier({
    db: outbox.db,
    events: o.service.events,
    stores,
    baseUrl: o.baseUrl,
    log: o.log,
    probe: o.probe,
    repairOrder: async (storeId, roId) => (await o.service.state(storeId)).ros.get(roId),
    sms: (store) => senders.get(store.id),
    push: (store) => pushers.get(store.id),
    webhook: (store) => (store.notify?.webhook?.enabled ? crm : undefined),
  });
  const stop = notifier.follow(o.service);
  o.log.info({ stores: stores.length, outbox: outbox.dialect, push: !!vapid }, 'notify: messages to customers are on');
  return {
    notifier,
    vapidPublicKey: vapid?.publicKey,
    close: async () => {
      stop();
      await notifier.close();
      await outbox.close();
    },
  };
}

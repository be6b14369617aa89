import { appendFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { join } from 'node:path';
import { maskPhone } from '../../shared/domain/mask';
import { MESSAGE_KINDS, NotifyConfigSchema, type MessageKind } from '../../shared/domain/notify-config';
import type { ShopConfig } from '../../shared/domain/shop';
import type { EntityChange } from '../../shared/workflow/state';
import type { Logger } from '../log';
import type { Notifier } from '../notify/notifier';
import { aliyunStandIn, pushStandIn, tencentStandIn, type Received, type StandIn } from '../notify/stand-ins';

/**
 * The demo's messages to customers, sent to local stand-ins instead of a provider: `npm start`
 * (demo) configures every demo store without a `notify` config of its own with an SMS provider
 * (Alibaba Cloud SMS and Tencent Cloud SMS in turn) whose endpoint is a stand-in on 127.0.0.1, and
 * starts a push-service stand-in. The stand-ins check each request as the provider documents it
 * (server/notify/stand-ins.ts, the same ones the adapter tests use) and write every request they
 * take, one JSON line each, to DATA_DIR/demo-sms.log and DATA_DIR/demo-push.log. Nothing leaves
 * the machine. A store that configures `notify` itself keeps its own config. DEMO_NOTIFY=0 turns
 * this off.
 */

export const DEMO_SMS_LOG = 'demo-sms.log';
export const DEMO_PUSH_LOG = 'demo-push.log';

/** Made-up keys: the stand-ins check the signatures made with them, as the providers would. */
const ALIYUN = { accessKeyId: 'LTAIdemoStandIn0001', accessKeySecret: 'demo-stand-in-secret' };
const TENCENT = { secretId: 'AKIDdemoStandIn0001', secretKey: 'demo-stand-in-key', sdkAppId: '1400000001' };
export const DEMO_NOTIFY_ENV: Record<string, string> = {
  DEMO_ALIYUN_SMS_KEY_ID: ALIYUN.accessKeyId,
  DEMO_ALIYUN_SMS_KEY_SECRET: ALIYUN.accessKeySecret,
  DEMO_TENCENT_SMS_SECRET_ID: TENCENT.secretId,
  DEMO_TENCENT_SMS_SECRET_KEY: TENCENT.secretKey,
};

/** Template ids as a store would copy them from its provider console, one per message, per language. */
const templates = (prefix: string) => {
  const ids = (lang: string) =>
    Object.fromEntries(MESSAGE_KINDS.map((k, i) => [k, `${prefix}_${lang}_${String(i + 1).padStart(2, '0')}`])) as Record<MessageKind, string>;
  return { 'zh-CN': ids('ZH'), en: ids('EN') };
};
/** Which message a template id is, for the log line. */
const kindOfTemplate = (id: unknown) => {
  const n = Number(/_(\d{2})$/.exec(String(id))?.[1]);
  return MESSAGE_KINDS[n - 1];
};

export interface DemoNotify {
  /** The shop with the demo stores' notify configs filled in. */
  shop: ShopConfig;
  /** The made-up SMS keys, for openNotify's environment. */
  env: Record<string, string>;
  /** Trusts the push stand-in's throwaway certificate besides the usual roots. */
  pushAgent?: Agent;
  smsLog: string;
  pushLog: string;
  /**
   * Give each new order whose customer agreed a "phone" subscribed to push at the stand-in, as if
   * they had tapped "Turn on notifications" on the tracking page; returns the unsubscribe.
   */
  phones(
    service: { onChange(l: (storeId: string, seq: number, changes: EntityChange[]) => void): () => void },
    notifier: Pick<Notifier, 'subscribe'>,
  ): () => void;
  close(): Promise<void>;
}

/** Start the stand-ins and give every store without `notify` a config that points at them. */
export async function startDemoNotify(o: { shop: ShopConfig; dataDir: string; log: Logger }): Promise<DemoNotify | undefined> {
  const open = o.shop.stores.filter((s) => !s.notify);
  if (!open.length) return undefined;
  const smsLog = join(o.dataDir, DEMO_SMS_LOG);
  const pushLog = join(o.dataDir, DEMO_PUSH_LOG);
  const write = (file: string, line: object) => {
    try {
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    } catch (err) {
      o.log.warn({ err, file }, 'demo notify: could not write the stand-in log');
    }
  };
  const smsLine = (standIn: string) => (r: Received) => {
    const p = r.params;
    // Alibaba names the fields PhoneNumbers / TemplateCode / TemplateParam; Tencent PhoneNumberSet / TemplateId / TemplateParamSet.
    const phone = String(p.PhoneNumbers ?? (p.PhoneNumberSet as string[] | undefined)?.[0] ?? '');
    const template = p.TemplateCode ?? p.TemplateId;
    write(smsLog, {
      at: new Date().toISOString(),
      standIn,
      valid: r.valid,
      ...(r.problems.length ? { problems: r.problems } : {}),
      to: maskPhone(phone),
      message: kindOfTemplate(template),
      template,
      signName: p.SignName,
      params: p.TemplateParam ? (JSON.parse(String(p.TemplateParam)) as unknown) : p.TemplateParamSet,
    });
  };
  const aliyun = await aliyunStandIn({ ...ALIYUN, onReceive: smsLine('Alibaba Cloud SMS (demo stand-in)') });
  const tencent = await tencentStandIn({ ...TENCENT, onReceive: smsLine('Tencent Cloud SMS (demo stand-in)') });
  // The push stand-in makes its certificate with openssl; a machine without it has SMS only.
  let push: Awaited<ReturnType<typeof pushStandIn>> | undefined;
  try {
    push = await pushStandIn({
      onReceive: (r) =>
        write(pushLog, {
          at: new Date().toISOString(),
          standIn: 'Web Push service (demo stand-in)',
          valid: r.valid,
          ...(r.problems.length ? { problems: r.problems } : {}),
          payload: r.params.payload,
        }),
    });
  } catch (err) {
    o.log.warn({ err }, 'demo notify: the push-service stand-in could not start (it needs openssl); the demo sends SMS to its stand-ins only');
  }
  const stores = o.shop.stores.map((store) => {
    if (store.notify) return store;
    const i = open.indexOf(store);
    const sms =
      i % 2 === 0
        ? {
            provider: 'aliyun',
            signName: '透明车间演示',
            endpoint: aliyun.url,
            accessKeyIdEnv: 'DEMO_ALIYUN_SMS_KEY_ID',
            accessKeySecretEnv: 'DEMO_ALIYUN_SMS_KEY_SECRET',
            templates: templates('SMS_DEMO'),
          }
        : {
            provider: 'tencent',
            signName: '透明车间演示',
            sdkAppId: TENCENT.sdkAppId,
            endpoint: tencent.url,
            secretIdEnv: 'DEMO_TENCENT_SMS_SECRET_ID',
            secretKeyEnv: 'DEMO_TENCENT_SMS_SECRET_KEY',
            templates: templates('TC_DEMO'),
          };
    return { ...store, notify: NotifyConfigSchema.parse({ sms, push: { enabled: true, subject: 'mailto:demo@example.invalid' } }) };
  });
  const standIns: StandIn[] = [aliyun, tencent, ...(push ? [push] : [])];
  const pushAgent = push ? new Agent({ ca: [...rootCertificates, push.ca.toString()] }) : undefined;
  for (const s of standIns) o.log.info({ url: s.url }, 'demo notify: stand-in listening');
  return {
    shop: { ...o.shop, stores },
    env: DEMO_NOTIFY_ENV,
    pushAgent,
    smsLog,
    pushLog,
    phones: (service, notifier) => {
      if (!push) return () => undefined;
      return service.onChange((storeId, _seq, changes) => {
        for (const c of changes) {
          if (c.kind !== 'ro' || c.before || !c.after.contactConsent?.sms) continue;
          const phone = push.browser(`/demo-phone/${c.after.id}`);
          notifier
            .subscribe(storeId, c.after.id, phone.json, c.after.contactConsent.locale)
            .catch((err: unknown) => o.log.warn({ err, roId: c.after.id }, 'demo notify: could not subscribe a simulated phone'));
        }
      });
    },
    close: async () => {
      await Promise.all(standIns.map((s) => s.close()));
      pushAgent?.destroy();
    },
  };
}

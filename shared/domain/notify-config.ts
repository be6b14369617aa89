import { z } from 'zod';

/**
 * The messages a visit may send a customer who agreed (server/notify). `approval_waiting` is
 * sent when add-on work is proposed (the add-on flow calls `notifyApprovalWaiting`).
 */
export const MESSAGE_KINDS = ['checked_in', 'delayed', 'parts_arrived', 'approval_waiting', 'ready', 'survey'] as const;
export const MessageKindSchema = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof MessageKindSchema>;

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. "21:00"');
/** The name of an environment variable holding a secret: keys never sit in config/shop.json. */
const EnvName = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'name an environment variable, e.g. "ALIYUN_SMS_ACCESS_KEY_ID"');
/** A provider's template id per message kind; a kind without one is not sent by SMS. */
const TemplateIds = z.partialRecord(MessageKindSchema, z.string().trim().min(1).max(40));
/** Template ids per language: the customer's language first, else the store's. */
const TemplatesByLocale = z.object({ 'zh-CN': TemplateIds.optional(), en: TemplateIds.optional() }).strict();

const AliyunSmsSchema = z
  .object({
    provider: z.literal('aliyun'),
    /** 短信签名, as approved in the Alibaba Cloud SMS console. */
    signName: z.string().trim().min(1).max(30),
    accessKeyIdEnv: EnvName.default('ALIYUN_SMS_ACCESS_KEY_ID'),
    accessKeySecretEnv: EnvName.default('ALIYUN_SMS_ACCESS_KEY_SECRET'),
    endpoint: z.url().default('https://dysmsapi.aliyuncs.com/'),
    regionId: z.string().max(30).default('cn-hangzhou'),
    templates: TemplatesByLocale,
  })
  .strict();

const TencentSmsSchema = z
  .object({
    provider: z.literal('tencent'),
    /** The SMS application's SdkAppId (14000…), from the Tencent Cloud SMS console. */
    sdkAppId: z.string().regex(/^[0-9]{6,20}$/, 'the SdkAppId is a number such as "1400006666"'),
    signName: z.string().trim().min(1).max(30),
    secretIdEnv: EnvName.default('TENCENT_SMS_SECRET_ID'),
    secretKeyEnv: EnvName.default('TENCENT_SMS_SECRET_KEY'),
    endpoint: z.url().default('https://sms.tencentcloudapi.com/'),
    region: z.string().max(30).default('ap-guangzhou'),
    templates: TemplatesByLocale,
  })
  .strict();

export const SmsConfigSchema = z.discriminatedUnion('provider', [AliyunSmsSchema, TencentSmsSchema]);
export type SmsConfig = z.infer<typeof SmsConfigSchema>;

/** Text of a message, with {plate} {link} {time} {desk} {part} {item} filled in; overrides shared/i18n/notify.ts. */
const Texts = z.partialRecord(MessageKindSchema, z.string().trim().min(1).max(300));

/** How a store messages its customers; absent: it sends nothing. README: Messages to customers. */
export const NotifyConfigSchema = z
  .object({
    sms: SmsConfigSchema.optional(),
    /** Web Push on the tracking page (a subscribe button; VAPID keys in the data directory). */
    push: z
      .object({
        enabled: z.boolean().default(true),
        /** The VAPID contact push services may write to about this sender. */
        subject: z
          .string()
          .regex(/^(mailto:|https:\/\/)/, 'a mailto: or https: URL')
          .default('mailto:service@example.invalid'),
      })
      .strict()
      .optional(),
    /**
     * Hand each message to the store's own CRM as a Standard Webhooks `customer.message` (with the
     * customer's phone and name, the rendered text and the tracking link), for stores whose CRM
     * sends the messages itself; besides SMS when `sms` is set too. Only endpoints that list
     * `customer.message` in their `events` receive it (server/notify/webhook.ts).
     */
    webhook: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .optional(),
    /** Messages not sent at all (e.g. a store without surveys lists "survey"). */
    disabled: z.array(MessageKindSchema).default([]),
    /**
     * Store-local hours in which nothing is sent: a message that falls due then waits until `end`.
     * `start` later than `end` spans midnight (21:00–08:00). Absent: no quiet hours.
     */
    quietHours: z
      .object({ start: HourMinute, end: HourMinute })
      .strict()
      .refine((q) => q.start !== q.end, { message: 'start and end must differ' })
      .optional(),
    /** Push texts per language (SMS texts are the provider's approved templates). */
    texts: z.object({ 'zh-CN': Texts.optional(), en: Texts.optional() }).strict().default({}),
  })
  .strict();
export type NotifyConfig = z.infer<typeof NotifyConfigSchema>;

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { IdSchema, LocaleSchema } from '../../shared/domain/ids';
import { READS } from '../../shared/workflow/permissions';
import type { AppDeps } from '../deps';
import { mayReadRoHistory } from '../auth/policy';
import { PushSubscriptionSchema } from '../notify/web-push';
import { HttpError } from './errors';
import { roParams } from './repair-orders';
import { data, defineRoute, type AnyRoute } from './route';
import { trackedOrder } from './tracking';

/**
 * Messages to customers (server/notify): the staff's delivery log of one order, the tracking
 * page's Web Push subscription, and the SMS providers' delivery reports.
 */
const tag = 'Notifications';
const tokenParams = z.strictObject({ token: z.string().max(200) });

const notifierOf = (deps: AppDeps) => {
  if (!deps.notifier) throw new HttpError(503, 'notifications_off', 'No store of this server sends messages to customers (see README: Messages to customers)');
  return deps.notifier;
};

const LogEntrySchema = z.object({
  messageId: z.string(),
  kind: z.string(),
  channel: z.enum(['sms', 'push', 'webhook']),
  to: z.string().nullable().describe('Masked phone (138****5678) or the push service host; null when nothing was sent'),
  status: z.enum(['queued', 'held', 'retrying', 'sending', 'sent', 'delivered', 'failed', 'skipped']),
  attempts: z.number().int(),
  dueAt: z.string(),
  lastError: z.string().nullable(),
  preview: z.string(),
  lines: z.array(z.object({ at: z.string(), status: z.string(), detail: z.string().nullable() })),
});

/** The path key a store's SMS delivery reports come with: only the provider, given the URL, can post them. */
export const receiptKey = (signingKey: Buffer, storeId: string) =>
  createHmac('sha256', signingKey).update(`notify-receipt:${storeId}`).digest('base64url').slice(0, 32);

/** Aliyun's SmsReport (an array of reports) and Tencent's status callback (an array too), the fields we read. */
const ReceiptsBody = z
  .array(
    z.union([
      z.object({ biz_id: z.string().max(100), success: z.boolean(), err_code: z.string().max(100).optional(), err_msg: z.string().max(300).optional() }),
      z.object({
        sid: z.string().max(100),
        report_status: z.enum(['SUCCESS', 'FAIL']),
        errmsg: z.string().max(100).optional(),
        description: z.string().max(300).optional(),
      }),
    ]),
  )
  .max(500);

export const notifyRoutes: AnyRoute[] = [
  defineRoute({
    name: 'getRepairOrderNotifications',
    method: 'get',
    path: '/api/stores/:storeId/repair-orders/:roId/notifications',
    access: 'signed-in',
    tag,
    summary: `What was sent to a repair order's customer: each message (SMS, Web Push) with its status — queued, held for quiet hours, sent, delivered, failed and why, skipped and why — and every attempt. Roles: ${READS.roHistory.join(', ')}, admin; the API key; the store's dispatch screen`,
    params: roParams,
    response: {
      status: 200,
      description: 'The messages, oldest first',
      schema: z.object({ data: z.object({ roId: z.string(), messages: z.array(LogEntrySchema) }) }),
    },
    run: async ({ params }, { deps, principal, store }) => {
      if (!mayReadRoHistory(principal))
        throw new HttpError(
          403,
          'forbidden',
          principal.kind === 'display'
            ? 'Only the dispatch board may read the delivery log'
            : `This needs one of the roles: ${READS.roHistory.join(', ')}, admin`,
        );
      if (!(await deps.service.state(store.id)).ros.has(params.roId))
        throw new HttpError(404, 'not_found', `There is no repair order "${params.roId}"`, { roId: params.roId });
      return data({ roId: params.roId, messages: deps.notifier ? await deps.notifier.deliveryLog(store.id, params.roId) : [] });
    },
  }),
  defineRoute({
    name: 'trackingPushStatus',
    method: 'get',
    path: '/api/track/:token/push',
    access: 'public',
    tag,
    summary: "Whether the tracked car's store sends Web Push, the VAPID public key to subscribe with, and whether this car has a subscription",
    params: tokenParams,
    response: { status: 200, description: '{enabled, publicKey, subscriptions}' },
    run: async ({ params }, { deps }) => {
      const { storeId, roId } = await trackedOrder(deps, params.token);
      const enabled = !!(deps.notifier && deps.vapidPublicKey && deps.service.storeConfig(storeId)?.notify?.push?.enabled);
      return data({
        enabled,
        publicKey: enabled ? deps.vapidPublicKey : null,
        subscriptions: enabled ? await deps.notifier!.subscriptionCount(storeId, roId) : 0,
      });
    },
  }),
  defineRoute({
    name: 'trackingPushSubscribe',
    method: 'post',
    path: '/api/track/:token/push',
    access: 'public',
    tag,
    summary: "Subscribe this browser to the tracked car's messages (Web Push): the customer's own tap is the consent",
    params: tokenParams,
    body: z.strictObject({ subscription: PushSubscriptionSchema, locale: LocaleSchema.default('zh-CN') }),
    response: { status: 201, description: 'Subscribed' },
    run: async ({ params, body }, { deps }) => {
      const { storeId, roId } = await trackedOrder(deps, params.token);
      if (!deps.vapidPublicKey || !deps.service.storeConfig(storeId)?.notify?.push?.enabled)
        throw new HttpError(409, 'push_off', 'This store does not send browser notifications');
      await notifierOf(deps).subscribe(storeId, roId, body.subscription, body.locale);
      return data({ subscribed: true }, 201);
    },
  }),
  defineRoute({
    name: 'trackingPushUnsubscribe',
    method: 'delete',
    path: '/api/track/:token/push',
    access: 'public',
    tag,
    summary: "Stop this browser's notifications for the tracked car",
    params: tokenParams,
    body: z.strictObject({ endpoint: z.url().max(1000) }),
    response: { status: 200, description: 'Unsubscribed (also when it was not subscribed)' },
    run: async ({ params, body }, { deps }) => {
      const { storeId, roId } = await trackedOrder(deps, params.token);
      const removed = deps.notifier ? await deps.notifier.unsubscribe(storeId, roId, body.endpoint) : false;
      return data({ unsubscribed: true, removed });
    },
  }),
  defineRoute({
    name: 'notifySmsReceipts',
    method: 'post',
    path: '/api/notify/:storeId/sms-receipts/:key',
    access: 'public',
    tag,
    summary:
      "SMS delivery reports from the store's provider (Alibaba Cloud SmsReport HTTP push, Tencent Cloud status callback); the key is the store's, from `GET …/notifications/receipt-url`",
    params: z.strictObject({ storeId: IdSchema, key: z.string().max(64) }),
    body: ReceiptsBody,
    response: { status: 200, description: 'Acknowledged, in the shape both providers expect' },
    run: async ({ params, body }, { deps, store }) => {
      const want = Buffer.from(receiptKey(deps.auth.signingKey, store.id));
      const got = Buffer.from(params.key);
      if (want.length !== got.length || !timingSafeEqual(want, got)) throw new HttpError(404, 'not_found', 'Unknown receipt address');
      const notifier = notifierOf(deps);
      let matched = 0;
      for (const r of body) {
        const found =
          'biz_id' in r
            ? await notifier.receipt(r.biz_id, r.success, r.success ? undefined : `${r.err_code ?? ''} ${r.err_msg ?? ''}`.trim())
            : await notifier.receipt(
                r.sid,
                r.report_status === 'SUCCESS',
                r.report_status === 'SUCCESS' ? undefined : `${r.errmsg ?? ''} ${r.description ?? ''}`.trim(),
              );
        if (found) matched++;
      }
      // Aliyun wants {code: 0}, Tencent {result: 0}: one answer that satisfies both.
      return { status: 200, body: { code: 0, result: 0, errmsg: 'OK', msg: 'OK', matched } };
    },
  }),
  defineRoute({
    name: 'notifyReceiptUrl',
    method: 'get',
    path: '/api/stores/:storeId/notifications/receipt-url',
    access: ['admin'],
    tag,
    summary: "The URL to enter as the store's SMS delivery-report callback in the provider's console",
    params: z.strictObject({ storeId: IdSchema }),
    response: { status: 200, description: '{path}: append it to PUBLIC_URL' },
    run: async (_input, { deps, store }) => data({ path: `/api/notify/${store.id}/sms-receipts/${receiptKey(deps.auth.signingKey, store.id)}` }),
  }),
];

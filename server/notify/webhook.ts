import { createHash } from 'node:crypto';
import type { WebhookOutbox } from '../webhooks/outbox';
import type { SendOutcome } from './channels';

/** One message to a customer as the store's CRM gets it (the `data` of a `customer.message`). */
export interface OutgoingWebhookMessage {
  /** The notify outbox's idempotency key: the webhook-id is made from it, so a second hand-over adds nothing. */
  key: string;
  storeId: string;
  /** The log position the message belongs after (the event that caused it). */
  seq: number;
  data: {
    kind: string;
    roId: string;
    number?: string;
    externalId?: string;
    locale: string;
    title: string;
    text: string;
    values: Record<string, string>;
    link: string;
    customer: { name: string; phone: string };
  };
}

/** The Standard Webhooks id of a message: stable for its key, opaque (the key names the order). */
export const webhookIdOf = (key: string) => `msg_cm_${createHash('sha256').update(key).digest('base64url').slice(0, 24)}`;

/**
 * The webhook channel: instead of texting the customer, hand the message to the store's CRM as a
 * `customer.message` through the Standard Webhooks outbox (server/webhooks), which signs, retries
 * and orders it like every other webhook. "Sent" here means handed to that outbox durably; what
 * the CRM answered is read back from it for the delivery log (`status`).
 */
export class WebhookChannel {
  constructor(private readonly outbox: Pick<WebhookOutbox, 'enqueueCustom' | 'deliveryStatus'>) {}

  async send(m: OutgoingWebhookMessage): Promise<SendOutcome> {
    const msgId = webhookIdOf(m.key);
    const { endpoints } = await this.outbox.enqueueCustom({ storeId: m.storeId, type: 'customer.message', msgId, seq: m.seq, data: m.data });
    if (!endpoints)
      return {
        ok: false,
        retry: false,
        error: 'no enabled webhook endpoint of this store subscribes to customer.message (register one with "events": ["customer.message"])',
      };
    return { ok: true, providerId: msgId, detail: `handed to the CRM webhook (${endpoints} endpoint${endpoints === 1 ? '' : 's'}, webhook-id ${msgId})` };
  }

  /** What became of handed-over messages, by webhook id. */
  status(msgIds: readonly string[]) {
    return this.outbox.deliveryStatus(msgIds);
  }
}

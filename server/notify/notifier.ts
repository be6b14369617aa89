import { createHash } from 'node:crypto';
import type { Locale } from '../../shared/domain/ids';
import type { RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import type { WorkshopEvent } from '../../shared/workflow/events';
import { upcast } from '../../shared/workflow/upcasters';
import type { Logger } from '../log';
import type { SendOutcome, SmsSender } from './channels';
import { intentsOf, type Intent, type Memory } from './intents';
import { contentOf, messageKey, type Content } from './messages';
import { iso, logLine, type Channel, type MessageRow, type MessageStatus, type NotifyDb, type NotifyTx } from './outbox';
import { releaseTime } from './quiet-hours';
import type { PushMessage } from './web-push';
import type { OutgoingWebhookMessage } from './webhook';

export interface RetryPolicy {
  /** Attempts in all, the first included; then the message has failed. */
  maxAttempts: number;
  /** Wait before the second attempt; doubles each time up to maxMs. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 30_000, maxMs: 30 * 60_000 };

/** Counts of what the outbox did, for /metrics (server/metrics.ts). */
export interface NotifyProbe {
  message(channel: Channel, kind: string, outcome: 'queued' | 'held' | 'sent' | 'retry' | 'failed' | 'skipped' | 'delivered'): void;
  sendSeconds(channel: Channel, ok: boolean, seconds: number): void;
}

export interface NotifierOptions {
  db: NotifyDb;
  /** The log, read after each store's checkpoint. */
  events: { read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]>; lastSeq(storeId: string): Promise<number> };
  /** The current repair order (phone, consent, token), asked when a message is decided. */
  repairOrder(storeId: string, roId: string): Promise<RepairOrder | undefined>;
  stores: readonly Store[];
  /** The store's SMS adapter, when its config names a provider (and its keys are in the environment). */
  sms(store: Store): SmsSender | undefined;
  /** The store's Web Push sender, when push is enabled for it. */
  push(store: Store): { send(m: PushMessage): Promise<SendOutcome> } | undefined;
  /** The store's CRM webhook channel (server/notify/webhook.ts), when its config has `webhook` and the webhook outbox runs. */
  webhook?(store: Store):
    | {
        send(m: OutgoingWebhookMessage): Promise<SendOutcome>;
        status(msgIds: readonly string[]): Promise<Map<string, { sent: number; pending: number; lastError: string | null; at: string }>>;
      }
    | undefined;
  /** Where links in messages point: PUBLIC_URL. */
  baseUrl: string;
  log: Logger;
  now?: () => number;
  retry?: RetryPolicy;
  /** Events older than this when first read send nothing (a server that was away for a day does not text yesterday's news). */
  maxEventAgeMs?: number;
  /** A claimed message not answered within this is taken up again (the process died mid-send). */
  leaseMs?: number;
  /** How often due messages are looked for; 0: only when `tick()` is called (tests). */
  pollMs?: number;
  probe?: NotifyProbe;
  /** For the jitter of retries; tests pass a fixed one. */
  random?: () => number;
}

export interface DeliveryLogEntry {
  messageId: string;
  kind: string;
  channel: Channel;
  /** Masked: `138****5678`, or the push service's host. */
  to: string | null;
  status: MessageStatus;
  attempts: number;
  dueAt: string;
  lastError: string | null;
  preview: string;
  lines: { at: string; status: string; detail: string | null }[];
}

const BATCH = 200;
const DUE_BATCH = 50;

/**
 * Messages to customers, with consent. It follows the event log from its own checkpoint (never
 * on the commit path: a commit only wakes it), decides the messages each event asks for, stores
 * them in the outbox with their idempotency key, and sends what is due — holding messages in the
 * store's quiet hours, retrying 5xx, rate limits and timeouts with backoff, never resending one
 * that was sent. Each step is a line in the order's delivery log.
 *
 * To add a message: add its kind to shared/domain/notify-config.ts, its words to
 * shared/i18n/notify.ts and its values to PARAMS_OF, and either derive it from an event in
 * intents.ts or give it a hook here like `approvalWaiting`.
 */
export class Notifier {
  readonly #stores: Map<string, Store>;
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #ticking?: Promise<void>;
  #tickAgain = false;
  #timer?: NodeJS.Timeout;
  #closed = false;
  readonly #now: () => number;
  readonly #retry: RetryPolicy;

  constructor(private readonly o: NotifierOptions) {
    this.#stores = new Map(o.stores.map((s) => [s.id, s]));
    this.#now = o.now ?? Date.now;
    this.#retry = o.retry ?? DEFAULT_RETRY;
  }

  /** Start following: each commit wakes the store's catch-up; due messages are looked for every pollMs. */
  follow(service: { onChange(listener: (storeId: string) => void): () => void }): () => void {
    const stop = service.onChange((storeId) => {
      if (this.#stores.get(storeId)?.notify) this.schedule(storeId);
    });
    for (const store of this.#stores.values()) if (store.notify) this.schedule(store.id);
    const poll = this.o.pollMs ?? 5000;
    if (poll > 0) {
      this.#timer = setInterval(() => void this.tick(), poll);
      this.#timer.unref();
    }
    return stop;
  }

  /** Catch a store up soon; never throws (a failure is logged and retried on the next wake or poll). */
  schedule(storeId: string): void {
    if (this.#closed) return;
    if (this.#running.has(storeId)) {
      this.#again.add(storeId);
      return;
    }
    const run = this.catchUp(storeId)
      .then(() => (this.o.pollMs === 0 ? undefined : this.tick()))
      .catch((err: unknown) => this.o.log.error({ err, storeId }, 'notify: catching up with the log failed; trying again on the next change'))
      .finally(() => {
        this.#running.delete(storeId);
        if (this.#again.delete(storeId)) this.schedule(storeId);
      });
    this.#running.set(storeId, run);
  }

  /** Resolves when no catch-up or send is running (tests, close). */
  async idle(): Promise<void> {
    while (this.#running.size || this.#ticking) {
      await Promise.allSettled([...this.#running.values(), this.#ticking]);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.idle();
  }

  /**
   * Decide the messages of every event after the store's checkpoint. A store seen for the first
   * time starts at the end of its log: turning notifications on does not text last month's
   * customers.
   */
  async catchUp(storeId: string): Promise<number> {
    const store = this.#stores.get(storeId);
    if (!store?.notify) return 0;
    let done = 0;
    let after = await this.#checkpoint(storeId);
    if (after === undefined) {
      after = await this.o.events.lastSeq(storeId);
      await this.o.db
        .insertInto('notify_checkpoints')
        .values({ store_id: storeId, seq: after })
        .onConflict((oc) => oc.column('store_id').doNothing())
        .execute();
      after = (await this.#checkpoint(storeId)) ?? after;
    }
    for (;;) {
      const batch = await this.o.events.read(storeId, after, BATCH);
      if (!batch.length) return done;
      for (const raw of batch) {
        const event = upcast(raw);
        await this.o.db.transaction().execute(async (trx) => {
          const intents = await intentsOf(event, memoryOf(trx, storeId));
          const tooOld = this.#now() - Date.parse(event.at) > (this.o.maxEventAgeMs ?? 2 * 3_600_000);
          for (const intent of intents)
            await this.#decide(trx, store, intent, event.seq, tooOld ? 'the event is too old to be worth a message (the server was away)' : undefined);
          await trx.updateTable('notify_checkpoints').set({ seq: event.seq }).where('store_id', '=', storeId).execute();
        });
        after = event.seq;
        done++;
      }
    }
  }

  /** Add-on work waits for the customer's decision (the add-on flow calls this once per add-on). */
  approvalWaiting(storeId: string, roId: string, addOn: { id: string; title: string }): Promise<void> {
    return this.#hook(storeId, { roId, kind: 'approval_waiting', variant: addOn.id, values: { item: addOn.title } });
  }

  /** The order will be later than the customer was told: `at` is the new time (the ETA engine may call this). */
  delayed(storeId: string, roId: string, at: string): Promise<void> {
    return this.#hook(storeId, { roId, kind: 'delayed', variant: at, values: { time: at } });
  }

  async #hook(storeId: string, intent: Intent): Promise<void> {
    const store = this.#stores.get(storeId);
    if (!store?.notify) return;
    const seq = await this.o.events.lastSeq(storeId);
    await this.o.db.transaction().execute((trx) => this.#decide(trx, store, intent, seq));
    if (this.o.pollMs !== 0) void this.tick();
  }

  /** The messages one intent becomes, per channel; each row says why it will or will not be sent. */
  async #decide(trx: NotifyTx, store: Store, intent: Intent, seq: number, skip?: string): Promise<void> {
    const config = store.notify!;
    if (config.disabled.includes(intent.kind)) return;
    const ro = await this.o.repairOrder(store.id, intent.roId);
    if (!ro) return;
    const now = this.#now();
    const rows: {
      channel: Channel;
      recipient: string | null;
      locale: Locale;
      content: Content;
      templateId?: string;
      /** The webhook channel: what the CRM is told beside the content. */
      crm?: { seq: number; number: string; externalId?: string; name: string };
      why?: string;
    }[] = [];
    if (config.sms) {
      const consent = ro.contactConsent;
      const locale = consent?.locale ?? store.locale;
      const templates = config.sms.templates;
      const templateId = templates[locale]?.[intent.kind] ?? templates[store.locale]?.[intent.kind];
      const usedLocale: Locale = templates[locale]?.[intent.kind] ? locale : store.locale;
      const why = !consent?.sms
        ? 'no consent to text messages recorded for this order'
        : !templateId
          ? `no SMS template for ${intent.kind} in the store's config`
          : !this.o.sms(store)
            ? `SMS keys missing in the environment for ${config.sms.provider}`
            : skip;
      rows.push({
        channel: 'sms',
        recipient: ro.customer.phone,
        locale: usedLocale,
        content: contentOf(store, ro, intent, usedLocale, this.o.baseUrl),
        templateId,
        why,
      });
    }
    if (config.webhook?.enabled) {
      // The CRM sends the message itself: the same consent as a text message (it goes to the same phone).
      const consent = ro.contactConsent;
      const locale = consent?.locale ?? store.locale;
      const why = !consent?.sms
        ? 'no consent to text messages recorded for this order'
        : !this.o.webhook?.(store)
          ? 'the webhook outbox is not running (see the start-up log)'
          : skip;
      rows.push({
        channel: 'webhook',
        recipient: ro.customer.phone,
        locale,
        content: contentOf(store, ro, intent, locale, this.o.baseUrl),
        crm: { seq, number: ro.number, ...(ro.externalId ? { externalId: ro.externalId } : {}), name: ro.customer.name },
        why,
      });
    }
    if (config.push?.enabled !== false && config.push) {
      const subs = await trx.selectFrom('notify_push_subscriptions').selectAll().where('store_id', '=', store.id).where('ro_id', '=', ro.id).execute();
      for (const sub of subs) {
        const locale = sub.locale === 'en' ? 'en' : 'zh-CN';
        rows.push({ channel: 'push', recipient: sub.endpoint, locale, content: contentOf(store, ro, intent, locale, this.o.baseUrl), why: skip });
      }
    }
    for (const row of rows) {
      const recipientKey = row.recipient ? createHash('sha256').update(row.recipient).digest('base64url').slice(0, 16) : 'none';
      const due = releaseTime(now, store.timezone, config.quietHours);
      const status: MessageStatus = row.why ? 'skipped' : due > now ? 'held' : 'queued';
      const message: MessageRow = {
        id: messageKey(store.id, intent, row.channel, recipientKey),
        store_id: store.id,
        ro_id: ro.id,
        kind: intent.kind,
        channel: row.channel,
        // A message that will never be sent keeps no phone number.
        recipient: row.why ? null : row.recipient,
        locale: row.locale,
        // A message that will never be sent keeps no name either.
        payload: JSON.stringify({ ...row.content, templateId: row.templateId, ...(row.crm && !row.why ? { crm: row.crm } : {}) }),
        status,
        attempts: 0,
        due_at: iso(due),
        lease_until: null,
        provider_id: null,
        last_error: row.why ?? null,
        created_at: iso(now),
        updated_at: iso(now),
      };
      const inserted = await trx
        .insertInto('notify_messages')
        .values(message)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      // Already there (a replay, another process, the same hook twice): nothing new to say.
      if (!inserted.numInsertedOrUpdatedRows) continue;
      await logLine(trx, message, now, status, row.why ?? (status === 'held' ? `quiet hours: held until ${iso(due)}` : undefined));
      this.o.probe?.message(row.channel, intent.kind, status === 'skipped' ? 'skipped' : status === 'held' ? 'held' : 'queued');
    }
  }

  /** Send every message that is due now. Concurrent calls share one run. */
  tick(): Promise<void> {
    if (this.#ticking) {
      this.#tickAgain = true;
      return this.#ticking;
    }
    this.#ticking = (async () => {
      try {
        do {
          this.#tickAgain = false;
          await this.#sendDue();
        } while (this.#tickAgain && !this.#closed);
      } catch (err) {
        this.o.log.error({ err }, 'notify: sending due messages failed; trying again at the next poll');
      } finally {
        this.#ticking = undefined;
      }
    })();
    return this.#ticking;
  }

  async #sendDue(): Promise<void> {
    for (;;) {
      const now = iso(this.#now());
      const due = await this.o.db
        .selectFrom('notify_messages')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('status', 'in', ['queued', 'held', 'retrying']), eb('due_at', '<=', now)]),
            // Claimed by a process that died before it recorded the answer.
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
          ]),
        )
        .orderBy('due_at')
        .limit(DUE_BATCH)
        .execute();
      if (!due.length) return;
      let sentAny = false;
      for (const m of due) {
        if (this.#closed) return;
        if (await this.#claim(m)) {
          sentAny = true;
          await this.#send(m);
        }
      }
      if (!sentAny) return;
    }
  }

  /** Take a message for this process: a conditional update, so two processes never both send it. */
  async #claim(m: MessageRow): Promise<boolean> {
    const now = this.#now();
    const result = await this.o.db
      .updateTable('notify_messages')
      .set({ status: 'sending', lease_until: iso(now + (this.o.leaseMs ?? 120_000)), updated_at: iso(now) })
      .where('id', '=', m.id)
      .where('status', '=', m.status)
      .where('updated_at', '=', m.updated_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async #send(m: MessageRow): Promise<void> {
    const store = this.#stores.get(m.store_id);
    const payload = JSON.parse(m.payload) as Content & { templateId?: string; crm?: { seq: number; number: string; externalId?: string; name: string } };
    const started = this.#now();
    let outcome: SendOutcome;
    if (!store || !m.recipient) outcome = { ok: false, retry: false, error: 'the store or recipient is gone' };
    else if (m.channel === 'sms') {
      const sender = this.o.sms(store);
      outcome = sender
        ? await sender.send({
            phone: m.recipient,
            templateId: payload.templateId ?? '',
            params: payload.params,
            key: m.id,
            locale: m.locale as Locale,
            kind: m.kind as Intent['kind'],
          })
        : { ok: false, retry: false, error: 'SMS is no longer configured for this store' };
    } else if (m.channel === 'webhook') {
      const channel = store.notify?.webhook?.enabled ? this.o.webhook?.(store) : undefined;
      outcome =
        channel && payload.crm
          ? await channel
              .send({
                key: m.id,
                storeId: m.store_id,
                seq: payload.crm.seq,
                data: {
                  kind: m.kind,
                  roId: m.ro_id,
                  number: payload.crm.number,
                  ...(payload.crm.externalId ? { externalId: payload.crm.externalId } : {}),
                  locale: m.locale,
                  title: payload.title,
                  text: payload.body,
                  values: Object.fromEntries(payload.params),
                  link: payload.url,
                  customer: { name: payload.crm.name, phone: m.recipient },
                },
              })
              .catch((err: unknown): SendOutcome => ({ ok: false, retry: true, error: `the webhook outbox failed: ${(err as Error)?.message ?? String(err)}` }))
          : { ok: false, retry: false, error: 'the CRM webhook is no longer configured for this store' };
    } else {
      const sub = await this.o.db.selectFrom('notify_push_subscriptions').selectAll().where('endpoint', '=', m.recipient).executeTakeFirst();
      const sender = store.notify?.push ? this.o.push(store) : undefined;
      outcome = !sub
        ? { ok: false, retry: false, error: 'the browser unsubscribed' }
        : !sender
          ? { ok: false, retry: false, error: 'Web Push is no longer enabled for this store' }
          : await sender.send({
              subscription: { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
              title: payload.title,
              body: payload.body,
              url: payload.url,
              tag: m.kind,
            });
      if (!outcome.ok && outcome.gone) await this.o.db.deleteFrom('notify_push_subscriptions').where('endpoint', '=', m.recipient).execute();
    }
    const now = this.#now();
    this.o.probe?.sendSeconds(m.channel, outcome.ok, Math.max(0, now - started) / 1000);
    await this.#record(m, outcome, now);
  }

  async #record(m: MessageRow, outcome: SendOutcome, now: number): Promise<void> {
    const attempts = m.attempts + 1;
    const store = this.#stores.get(m.store_id);
    await this.o.db.transaction().execute(async (trx) => {
      if (outcome.ok) {
        await trx
          .updateTable('notify_messages')
          .set({ status: 'sent', attempts, provider_id: outcome.providerId ?? null, lease_until: null, last_error: null, updated_at: iso(now) })
          .where('id', '=', m.id)
          .execute();
        await logLine(trx, m, now, 'sent', outcome.detail ?? `attempt ${attempts}${outcome.providerId ? `, provider id ${outcome.providerId}` : ''}`);
        this.o.probe?.message(m.channel, m.kind, 'sent');
        return;
      }
      if (outcome.retry && attempts < this.#retry.maxAttempts) {
        const wait = Math.min(this.#retry.maxMs, this.#retry.baseMs * 2 ** (attempts - 1)) * (1 + 0.2 * (this.o.random ?? Math.random)());
        const due = releaseTime(now + wait, store?.timezone ?? 'UTC', store?.notify?.quietHours);
        await trx
          .updateTable('notify_messages')
          .set({ status: 'retrying', attempts, due_at: iso(due), lease_until: null, last_error: outcome.error, updated_at: iso(now) })
          .where('id', '=', m.id)
          .execute();
        await logLine(trx, m, now, 'retrying', `attempt ${attempts}: ${outcome.error}; next at ${iso(due)}`);
        this.o.probe?.message(m.channel, m.kind, 'retry');
        return;
      }
      await trx
        .updateTable('notify_messages')
        .set({ status: 'failed', attempts, lease_until: null, last_error: outcome.error, updated_at: iso(now) })
        .where('id', '=', m.id)
        .execute();
      await logLine(trx, m, now, 'failed', `attempt ${attempts}: ${outcome.error}${outcome.retry ? ' (no attempts left)' : ''}`);
      this.o.probe?.message(m.channel, m.kind, 'failed');
    });
  }

  /**
   * A provider's delivery report (SMS status callback): the message reached the phone, or did
   * not and why. Matched by the provider's id of the send; answers whether one was found.
   */
  async receipt(providerId: string, delivered: boolean, detail?: string): Promise<boolean> {
    const m = await this.o.db.selectFrom('notify_messages').selectAll().where('provider_id', '=', providerId).executeTakeFirst();
    if (!m || (m.status !== 'sent' && m.status !== 'delivered')) return false;
    const now = this.#now();
    await this.o.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('notify_messages')
        .set({ status: delivered ? 'delivered' : 'failed', last_error: delivered ? null : (detail ?? 'not delivered'), updated_at: iso(now) })
        .where('id', '=', m.id)
        .execute();
      await logLine(
        trx,
        m,
        now,
        delivered ? 'delivered' : 'failed',
        detail ?? (delivered ? 'the provider reported delivery' : 'the provider reported it undelivered'),
      );
    });
    this.o.probe?.message(m.channel, m.kind, delivered ? 'delivered' : 'failed');
    return true;
  }

  /** Remember a browser's push subscription for one order (the customer tapped "turn on"). */
  async subscribe(storeId: string, roId: string, sub: { endpoint: string; keys: { p256dh: string; auth: string } }, locale: Locale): Promise<void> {
    const row = { endpoint: sub.endpoint, store_id: storeId, ro_id: roId, p256dh: sub.keys.p256dh, auth: sub.keys.auth, locale, created_at: iso(this.#now()) };
    await this.o.db
      .insertInto('notify_push_subscriptions')
      .values(row)
      .onConflict((oc) => oc.column('endpoint').doUpdateSet({ store_id: storeId, ro_id: roId, p256dh: row.p256dh, auth: row.auth, locale }))
      .execute();
  }

  /** Forget a subscription of this order; answers whether there was one. */
  async unsubscribe(storeId: string, roId: string, endpoint: string): Promise<boolean> {
    const result = await this.o.db
      .deleteFrom('notify_push_subscriptions')
      .where('endpoint', '=', endpoint)
      .where('store_id', '=', storeId)
      .where('ro_id', '=', roId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async subscriptionCount(storeId: string, roId: string): Promise<number> {
    const rows = await this.o.db.selectFrom('notify_push_subscriptions').select('endpoint').where('store_id', '=', storeId).where('ro_id', '=', roId).execute();
    return rows.length;
  }

  /** What was sent to an order's customer, oldest first, each message with its lines (staff only: server/http/notify.ts). */
  async deliveryLog(storeId: string, roId: string): Promise<DeliveryLogEntry[]> {
    const messages = await this.o.db
      .selectFrom('notify_messages')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('ro_id', '=', roId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const lines = await this.o.db.selectFrom('notify_log').selectAll().where('store_id', '=', storeId).where('ro_id', '=', roId).orderBy('at').execute();
    const crm = await this.#crmStatus(storeId, messages);
    return messages.map((m) => {
      const payload = JSON.parse(m.payload) as Partial<Content>;
      const answered = m.provider_id ? crm.get(m.provider_id) : undefined;
      const crmLine = answered
        ? answered.pending
          ? { at: answered.at, status: 'pending', detail: `not yet taken by the CRM webhook${answered.lastError ? `: ${answered.lastError}` : ''}` }
          : { at: answered.at, status: 'delivered', detail: 'the CRM webhook answered 2xx' }
        : undefined;
      return {
        messageId: m.id,
        kind: m.kind,
        channel: m.channel,
        to: maskRecipient(m.channel, m.recipient),
        status: crmLine?.status === 'delivered' ? 'delivered' : m.status,
        attempts: m.attempts,
        dueAt: m.due_at,
        lastError: m.last_error,
        preview: payload.body ?? '',
        lines: [...lines.filter((l) => l.message_id === m.id).map((l) => ({ at: l.at, status: l.status, detail: l.detail })), ...(crmLine ? [crmLine] : [])],
      };
    });
  }

  /**
   * What the webhook outbox knows of the messages handed to the CRM (read there, not copied here).
   * Its sent deliveries are pruned after a week; then the message shows as handed over only.
   */
  async #crmStatus(storeId: string, messages: readonly MessageRow[]) {
    const store = this.#stores.get(storeId);
    const ids = messages
      .filter((m) => m.channel === 'webhook' && m.provider_id && (m.status === 'sent' || m.status === 'delivered'))
      .map((m) => m.provider_id!);
    const channel = ids.length && store ? this.o.webhook?.(store) : undefined;
    if (!channel) return new Map<string, { sent: number; pending: number; lastError: string | null; at: string }>();
    return channel.status(ids).catch((err: unknown) => {
      this.o.log.warn({ err, storeId }, 'notify: the webhook outbox could not be read for the delivery log');
      return new Map<string, { sent: number; pending: number; lastError: string | null; at: string }>();
    });
  }

  async #checkpoint(storeId: string): Promise<number | undefined> {
    const row = await this.o.db.selectFrom('notify_checkpoints').select('seq').where('store_id', '=', storeId).executeTakeFirst();
    return row ? Number(row.seq) : undefined;
  }
}

const maskRecipient = (channel: Channel, recipient: string | null): string | null => {
  if (!recipient) return null;
  if (channel === 'push') {
    try {
      return new URL(recipient).host;
    } catch {
      return 'push';
    }
  }
  return recipient.length <= 4 ? '****' : `${recipient.slice(0, 3)}****${recipient.slice(-4)}`;
};

const memoryOf = (db: NotifyTx, storeId: string): Memory => ({
  get: async (key) => (await db.selectFrom('notify_memory').select('value').where('store_id', '=', storeId).where('key', '=', key).executeTakeFirst())?.value,
  set: async (key, value) => {
    await db
      .insertInto('notify_memory')
      .values({ store_id: storeId, key, value })
      .onConflict((oc) => oc.columns(['store_id', 'key']).doUpdateSet({ value }))
      .execute();
  },
  delete: async (key) => {
    await db.deleteFrom('notify_memory').where('store_id', '=', storeId).where('key', '=', key).execute();
  },
});

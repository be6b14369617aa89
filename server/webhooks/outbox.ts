import { upcast } from '../../shared/workflow/upcasters';
import type { WorkshopState } from '../../shared/workflow/rules';
import type { EventStore } from '../store/event-store';
import type { Logger } from '../log';
import { messageOf, OPT_IN_TYPES, type WebhookEventType } from './messages';
import type { Sender, SendResult } from './send';
import { signWebhook } from './signing';
import type { DeliveryRow, EndpointRow, WebhookDb } from './store';

/**
 * The webhook outbox: fed from the event log after the fact, delivered apart from any request.
 *
 * Feeding: each store has a cursor (the last seq looked at). A catch-up reads the events after it,
 * turns those the outside hears of into messages (./messages.ts) and, in one transaction that also
 * moves the cursor (compare-and-set, so two processes never enqueue one event twice), adds one
 * delivery per matching endpoint. A crash loses nothing: the next catch-up starts at the cursor.
 *
 * Delivering: `tick()` sends every delivery that is due and first in its line — per endpoint and
 * store, only the oldest pending message is sent, so a receiver sees one store's events in order
 * even through its own downtime. A delivery is claimed with a lease before it is sent (several
 * processes may tick), marked sent after a 2xx and never sent again; anything else is retried on
 * the Standard Webhooks schedule with jitter, or later when the receiver's Retry-After says so.
 * 410 Gone disables the endpoint at once; a first-in-line message still failing after the whole
 * schedule (about three days) disables it too. Its pending deliveries wait; enabling it again
 * resumes them in order.
 */

/** Waits after the 1st, 2nd, … failed attempt (the spec's schedule, its last step repeated to about three days). */
export const RETRY_SCHEDULE_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
];
/** ±10 %: endpoints that failed together do not all come back at the same second. */
const JITTER = 0.1;
/** Longest Retry-After honoured; a receiver asking for more gets the schedule's next step or a day. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;
const LEASE_MS = 60_000;
/**
 * Sent deliveries are kept this long for /admin/webhooks, then deleted: their bodies name plates
 * and VINs, and the outbox is not where anyone looks back (the event log is).
 */
export const KEEP_SENT_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3600_000;
const PARALLEL_SENDS = 8;

export interface OutboxOptions {
  log: Logger;
  send: Sender;
  /** The clock of the retry schedule (tests drive it). */
  now?: () => number;
  /** [0, 1): the jitter (tests pass a fixed one). */
  random?: () => number;
  /** The current state of a store, for the numbers and external ids messages carry. */
  stateOf?: (storeId: string) => Promise<WorkshopState | undefined>;
  /** Told of every attempt's outcome (metrics). */
  onAttempt?: (outcome: 'sent' | 'failed' | 'refused', endpointId: string) => void;
  batchSize?: number;
}

class CursorMoved extends Error {}

/** Where one message's deliveries stand: how many endpoints have it (2xx), how many wait, the last error, the latest change. */
export interface DeliveryStatus {
  sent: number;
  pending: number;
  lastError: string | null;
  at: string;
}

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? undefined : Number(v));

export class WebhookOutbox {
  readonly #feeding = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #ticking?: Promise<number>;
  #timer?: NodeJS.Timeout;
  #closed = false;
  #prunedAt = 0;
  readonly #observers = new Set<(outcome: 'sent' | 'failed' | 'refused', endpointId: string) => void>();

  constructor(
    readonly db: WebhookDb,
    private readonly events: Pick<EventStore, 'read' | 'storeIds' | 'lastSeq'>,
    private readonly options: OutboxOptions,
  ) {}

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Be told of every attempt's outcome (metrics). */
  observe(listener: (outcome: 'sent' | 'failed' | 'refused', endpointId: string) => void): void {
    this.#observers.add(listener);
  }

  #told(outcome: 'sent' | 'failed' | 'refused', endpointId: string): void {
    this.options.onAttempt?.(outcome, endpointId);
    for (const o of this.#observers) o(outcome, endpointId);
  }

  /**
   * Start a store's cursor at its head, if it has none: events from before webhooks were set up are
   * not sent. Called before any endpoint can exist for it (at start-up).
   */
  async start(storeIds: readonly string[]): Promise<void> {
    for (const storeId of storeIds) {
      const head = await this.events.lastSeq(storeId);
      await this.db
        .insertInto('webhook_cursors')
        .values({ store_id: storeId, seq: head })
        .onConflict((oc) => oc.column('store_id').doNothing())
        .execute();
    }
  }

  /** Enqueue the messages of every event of the store after its cursor; resolves when caught up. */
  async feed(storeId: string): Promise<number> {
    let enqueued = 0;
    const limit = this.options.batchSize ?? 500;
    for (;;) {
      const row = await this.db.selectFrom('webhook_cursors').select('seq').where('store_id', '=', storeId).executeTakeFirst();
      if (!row) {
        await this.start([storeId]);
        continue;
      }
      const after = Number(row.seq);
      const batch = await this.events.read(storeId, after, limit);
      if (batch.length === 0) return enqueued;
      const endpoints = await this.db.selectFrom('webhook_endpoints').selectAll().where('enabled', '=', 1).execute();
      const state = endpoints.length ? await this.options.stateOf?.(storeId) : undefined;
      const nowIso = new Date(this.#now()).toISOString();
      const deliveries: DeliveryRow[] = [];
      for (const raw of batch) {
        const message = endpoints.length ? messageOf(upcast(raw), state) : undefined;
        if (!message) continue;
        for (const endpoint of endpoints.filter((e) => wants(e, storeId, message.type))) {
          deliveries.push({
            id: `${message.id}:${endpoint.id}`,
            endpoint_id: endpoint.id,
            store_id: storeId,
            seq: message.seq,
            msg_id: message.id,
            type: message.type,
            body: message.body,
            status: 'pending',
            attempts: 0,
            next_at: this.#now(),
            lease_until: null,
            last_status: null,
            last_error: null,
            created_at: nowIso,
            updated_at: nowIso,
            sent_at: null,
          });
        }
      }
      try {
        await this.db.transaction().execute(async (trx) => {
          const moved = await trx
            .updateTable('webhook_cursors')
            .set({ seq: batch.at(-1)!.seq })
            .where('store_id', '=', storeId)
            .where('seq', '=', after)
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) throw new CursorMoved();
          for (let i = 0; i < deliveries.length; i += 100)
            await trx
              .insertInto('webhook_deliveries')
              .values(deliveries.slice(i, i + 100))
              .onConflict((oc) => oc.column('id').doNothing())
              .execute();
        });
        enqueued += deliveries.length;
      } catch (err) {
        if (!(err instanceof CursorMoved)) throw err;
      }
      if (batch.length < limit) return enqueued;
    }
  }

  /**
   * Queue a message that is not a fact of the log (a `customer.message` from server/notify): one
   * delivery per enabled endpoint that wants it, in one transaction, exactly once per `msgId` — a
   * second call with the same id adds nothing and answers what the first queued. `seq` is the log
   * position it belongs after (the event that caused it): it joins the store's line there, so it
   * is signed, retried and ordered like the facts. Answers the number of endpoints it was queued
   * for and whether it was queued by this call.
   */
  async enqueueCustom(m: {
    storeId: string;
    type: WebhookEventType;
    msgId: string;
    seq: number;
    data: Record<string, unknown>;
  }): Promise<{ endpoints: number; queued: boolean }> {
    const nowMs = this.#now();
    const nowIso = new Date(nowMs).toISOString();
    const body = JSON.stringify({ type: m.type, timestamp: nowIso, data: { storeId: m.storeId, seq: m.seq, ...m.data } });
    const answer = await this.db.transaction().execute(async (trx) => {
      const known = await trx.selectFrom('webhook_custom_messages').select('endpoints').where('msg_id', '=', m.msgId).executeTakeFirst();
      if (known) return { endpoints: Number(known.endpoints), queued: false };
      const endpoints = (await trx.selectFrom('webhook_endpoints').selectAll().where('enabled', '=', 1).execute()).filter((e) => wants(e, m.storeId, m.type));
      const inserted = await trx
        .insertInto('webhook_custom_messages')
        .values({ msg_id: m.msgId, store_id: m.storeId, type: m.type, endpoints: endpoints.length, created_at: nowIso })
        .onConflict((oc) => oc.column('msg_id').doNothing())
        .executeTakeFirst();
      // Another process queued it between the read and the insert (PostgreSQL waited for its commit): answer what it queued.
      if (!Number(inserted.numInsertedOrUpdatedRows)) {
        const theirs = await trx.selectFrom('webhook_custom_messages').select('endpoints').where('msg_id', '=', m.msgId).executeTakeFirst();
        return { endpoints: Number(theirs?.endpoints ?? 0), queued: false };
      }
      if (endpoints.length)
        await trx
          .insertInto('webhook_deliveries')
          .values(
            endpoints.map((endpoint): DeliveryRow => ({
              id: `${m.msgId}:${endpoint.id}`,
              endpoint_id: endpoint.id,
              store_id: m.storeId,
              seq: m.seq,
              msg_id: m.msgId,
              type: m.type,
              body,
              status: 'pending',
              attempts: 0,
              next_at: nowMs,
              lease_until: null,
              last_status: null,
              last_error: null,
              created_at: nowIso,
              updated_at: nowIso,
              sent_at: null,
            })),
          )
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      return { endpoints: endpoints.length, queued: true };
    });
    if (answer.queued && answer.endpoints) this.kick();
    return answer;
  }

  /** Where the deliveries of some messages stand (by msg id): sent, still pending, and the last error of a pending one. */
  async deliveryStatus(msgIds: readonly string[]): Promise<Map<string, DeliveryStatus>> {
    const out = new Map<string, DeliveryStatus>();
    if (!msgIds.length) return out;
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .select(['msg_id', 'status', 'last_error', 'updated_at'])
      .where('msg_id', 'in', [...msgIds])
      .execute();
    for (const r of rows) {
      const s = out.get(r.msg_id) ?? { sent: 0, pending: 0, lastError: null, at: r.updated_at };
      if (r.updated_at > s.at) s.at = r.updated_at;
      if (r.status === 'sent') s.sent++;
      else {
        s.pending++;
        s.lastError = r.last_error ?? s.lastError;
      }
      out.set(r.msg_id, s);
    }
    return out;
  }

  /** Feed every store the log knows. */
  async feedAll(): Promise<number> {
    let n = 0;
    for (const id of await this.events.storeIds()) n += await this.feed(id);
    return n;
  }

  /** Feed a store soon, in the background (called for every event the service folds). */
  schedule(storeId: string): void {
    if (this.#closed) return;
    if (this.#feeding.has(storeId)) {
      this.#again.add(storeId);
      return;
    }
    const run = (async () => {
      do {
        this.#again.delete(storeId);
        await this.feed(storeId);
      } while (this.#again.has(storeId) && !this.#closed);
    })();
    this.#feeding.set(storeId, run);
    run
      .then(
        () => this.kick(),
        (err: unknown) => {
          this.options.log.error({ err, storeId }, 'webhooks: enqueueing failed; retried with the next event or tick');
        },
      )
      .finally(() => this.#feeding.delete(storeId));
  }

  /** Deliver what is due now, and again while there was something. */
  kick(): void {
    if (this.#closed || this.#ticking) return;
    void this.tick().catch((err: unknown) => this.options.log.error({ err }, 'webhooks: delivering failed'));
  }

  /** Run the outbox in the background: feed every store after each event, tick every second. */
  follow(service: { onChange(listener: (storeId: string) => void): () => void }, storeIds: readonly string[], intervalMs = 1000): () => void {
    const stop = service.onChange((storeId) => this.schedule(storeId));
    for (const id of storeIds) this.schedule(id);
    this.#timer = setInterval(() => {
      for (const id of storeIds) if (!this.#feeding.has(id)) this.schedule(id);
      this.kick();
    }, intervalMs);
    this.#timer.unref();
    return () => {
      stop();
      clearInterval(this.#timer);
    };
  }

  /**
   * Send every delivery that is due and first in its line; repeat while any was sent (the next in
   * line may be due at once). Resolves with the number of attempts made. One tick at a time.
   */
  tick(): Promise<number> {
    if (this.#ticking) return this.#ticking;
    this.#ticking = (async () => {
      let attempts = 0;
      try {
        if (this.#now() - this.#prunedAt >= PRUNE_EVERY_MS) await this.prune();
        for (;;) {
          const made = await this.#tickOnce();
          attempts += made.attempts;
          if (!made.succeeded || this.#closed) return attempts;
        }
      } finally {
        this.#ticking = undefined;
      }
    })();
    return this.#ticking;
  }

  async #tickOnce(): Promise<{ attempts: number; succeeded: boolean }> {
    const now = this.#now();
    const due = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select(['d.id', 'd.endpoint_id', 'd.store_id', 'd.seq', 'd.msg_id', 'd.body', 'd.attempts', 'e.url', 'e.secret', 'e.failing_since'])
      .where('d.status', '=', 'pending')
      .where('e.enabled', '=', 1)
      .where('d.next_at', '<=', now)
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', now)]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('webhook_deliveries as x')
              .select('x.id')
              .whereRef('x.endpoint_id', '=', 'd.endpoint_id')
              .whereRef('x.store_id', '=', 'd.store_id')
              .where('x.status', '=', 'pending')
              .whereRef('x.seq', '<', 'd.seq'),
          ),
        ),
      )
      .orderBy('d.next_at')
      .limit(this.options.batchSize ?? 100)
      .execute();
    let attempts = 0;
    let succeeded = false;
    const queue = [...due];
    const worker = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        const claimed = await this.db
          .updateTable('webhook_deliveries')
          .set({ lease_until: now + LEASE_MS })
          .where('id', '=', d.id)
          .where('status', '=', 'pending')
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) continue;
        attempts++;
        if (await this.#attempt(d)) succeeded = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, queue.length) }, worker));
    return { attempts, succeeded };
  }

  async #attempt(d: {
    id: string;
    endpoint_id: string;
    msg_id: string;
    body: string;
    attempts: number;
    url: string;
    secret: string;
    failing_since: number | string | null;
  }): Promise<boolean> {
    const sentAt = this.#now();
    const timestamp = Math.floor(sentAt / 1000);
    let result: SendResult;
    try {
      result = await this.options.send({
        url: d.url,
        body: d.body,
        headers: { 'webhook-id': d.msg_id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(d.secret, d.msg_id, timestamp, d.body) },
      });
    } catch (err) {
      result = { error: (err as Error).message };
    }
    const after = this.#now();
    const iso = new Date(after).toISOString();
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    if (ok) {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('webhook_deliveries')
          .set({
            status: 'sent',
            attempts: d.attempts + 1,
            last_status: result.status!,
            last_error: null,
            lease_until: null,
            updated_at: iso,
            sent_at: iso,
          })
          .where('id', '=', d.id)
          .execute();
        await trx.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', d.endpoint_id).execute();
      });
      this.#told('sent', d.endpoint_id);
      return true;
    }
    const attempts = d.attempts + 1;
    const error = result.error ?? `HTTP ${result.status}`;
    const step = RETRY_SCHEDULE_MS[attempts - 1];
    let disable: string | undefined;
    if (result.status === 410) disable = 'The receiver answered 410 Gone';
    else if (step === undefined)
      disable = `Every attempt failed for ${Math.round(RETRY_SCHEDULE_MS.reduce((a, b) => a + b) / 3600_000)} hours (last: ${error})`;
    const jittered = step === undefined ? 0 : Math.round(step * (1 - JITTER + 2 * JITTER * (this.options.random ?? Math.random)()));
    const wait = Math.max(jittered, Math.min(result.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('webhook_deliveries')
        .set({
          // A disabled endpoint's first message starts its schedule afresh when it is enabled again.
          attempts: disable ? 0 : attempts,
          next_at: disable ? after : after + wait,
          last_status: result.status ?? null,
          last_error: error.slice(0, 300),
          lease_until: null,
          updated_at: iso,
        })
        .where('id', '=', d.id)
        .execute();
      await trx
        .updateTable('webhook_endpoints')
        .set({
          failing_since: num(d.failing_since) ?? sentAt,
          ...(disable ? { enabled: 0, disabled_reason: disable, disabled_at: iso } : {}),
        })
        .where('id', '=', d.endpoint_id)
        .execute();
    });
    if (disable) this.options.log.warn({ endpointId: d.endpoint_id, reason: disable }, 'webhooks: endpoint disabled');
    this.#told(result.refused ? 'refused' : 'failed', d.endpoint_id);
    return false;
  }

  /** Delete sent deliveries older than KEEP_SENT_MS. */
  async prune(): Promise<number> {
    this.#prunedAt = this.#now();
    const before = new Date(this.#now() - KEEP_SENT_MS).toISOString();
    const gone = await this.db.deleteFrom('webhook_deliveries').where('status', '=', 'sent').where('sent_at', '<', before).executeTakeFirst();
    return Number(gone.numDeletedRows);
  }

  /** Deliveries not yet sent (for /metrics). */
  async pending(): Promise<number> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Resolves when no feed or tick is running (tests, close). */
  async idle(): Promise<void> {
    while (this.#feeding.size || this.#ticking) {
      await Promise.allSettled([...this.#feeding.values(), this.#ticking]);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.idle();
  }
}

/** Whether an endpoint takes a message of `type` from `storeId`. */
export function wants(endpoint: Pick<EndpointRow, 'store_id' | 'events'>, storeId: string, type: WebhookEventType): boolean {
  if (endpoint.store_id && endpoint.store_id !== storeId) return false;
  if (!endpoint.events) return !OPT_IN_TYPES.includes(type);
  return (JSON.parse(endpoint.events) as string[]).includes(type);
}

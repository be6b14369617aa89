import { HttpError } from '../http/errors';
import { newId } from '../ids';
import { refusedUrl } from './addresses';
import { newWebhookSecret } from './signing';
import type { EndpointRow, WebhookDb } from './store';

/** An endpoint as the API and /admin/webhooks show it: never its secret. */
export interface EndpointView {
  id: string;
  url: string;
  storeId: string | null;
  events: string[] | null;
  description: string | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  createdAt: string;
  pending: number;
}

export interface DeliveryView {
  msgId: string;
  endpointId: string;
  storeId: string;
  seq: number;
  type: string;
  status: 'pending' | 'sent';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface EndpointInput {
  url: string;
  storeId?: string;
  events?: string[];
  description?: string;
}

/** Registering, changing and removing webhook endpoints; the outbox (./outbox.ts) sends to them. */
export class WebhookEndpoints {
  constructor(
    private readonly db: WebhookDb,
    private readonly options: { allowLoopback: boolean; now?: () => number; onChange?: () => void },
  ) {}

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  async #checkUrl(url: string): Promise<void> {
    const why = await refusedUrl(url, this.options.allowLoopback);
    if (why) throw new HttpError(422, 'url_refused', `Webhooks cannot be sent to ${url}: ${why}`, { url });
  }

  /** Register an endpoint; the answer is the only time its secret is shown. */
  async create(input: EndpointInput): Promise<{ id: string; secret: string; endpoint: EndpointView }> {
    await this.#checkUrl(input.url);
    const row: EndpointRow = {
      id: newId('wh'),
      url: input.url,
      store_id: input.storeId ?? null,
      events: input.events ? JSON.stringify([...new Set(input.events)]) : null,
      secret: newWebhookSecret(),
      description: input.description ?? null,
      enabled: 1,
      disabled_reason: null,
      disabled_at: null,
      failing_since: null,
      created_at: new Date(this.#now()).toISOString(),
    };
    await this.db.insertInto('webhook_endpoints').values(row).execute();
    return { id: row.id, secret: row.secret, endpoint: (await this.get(row.id))! };
  }

  async list(): Promise<EndpointView[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').execute();
    const pending = await this.#pendingByEndpoint();
    return rows.map((r) => view(r, pending.get(r.id) ?? 0));
  }

  async get(id: string): Promise<EndpointView | undefined> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? view(row, (await this.#pendingByEndpoint(id)).get(id) ?? 0) : undefined;
  }

  /** Change url, store, events, description; `enabled: true` re-enables a disabled endpoint (its waiting deliveries resume in order). */
  async update(
    id: string,
    patch: { url?: string; description?: string; storeId?: string | null; events?: string[] | null; enabled?: boolean },
  ): Promise<EndpointView> {
    const current = await this.get(id);
    if (!current) throw new HttpError(404, 'not_found', `There is no webhook endpoint "${id}"`, { webhookId: id });
    if (patch.url !== undefined) await this.#checkUrl(patch.url);
    const set: Partial<EndpointRow> = {};
    if (patch.url !== undefined) set.url = patch.url;
    if (patch.storeId !== undefined) set.store_id = patch.storeId;
    if (patch.events !== undefined) set.events = patch.events ? JSON.stringify([...new Set(patch.events)]) : null;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.enabled === true) Object.assign(set, { enabled: 1, disabled_reason: null, disabled_at: null, failing_since: null });
    if (patch.enabled === false) Object.assign(set, { enabled: 0, disabled_reason: 'Disabled by hand', disabled_at: new Date(this.#now()).toISOString() });
    if (Object.keys(set).length) await this.db.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
    if (patch.enabled === true) {
      // Waiting deliveries are due now, not at the end of the schedule they were on.
      await this.db
        .updateTable('webhook_deliveries')
        .set({ next_at: this.#now(), attempts: 0 })
        .where('endpoint_id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    }
    this.options.onChange?.();
    return (await this.get(id))!;
  }

  /** Remove an endpoint and its deliveries (sent and waiting). */
  async remove(id: string): Promise<void> {
    const found = await this.db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
      await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
      return Number(gone.numDeletedRows) > 0;
    });
    if (!found) throw new HttpError(404, 'not_found', `There is no webhook endpoint "${id}"`, { webhookId: id });
  }

  /** The latest deliveries (newest change first), of one endpoint or all. */
  async recentDeliveries(options: { endpointId?: string; limit?: number } = {}): Promise<DeliveryView[]> {
    let q = this.db
      .selectFrom('webhook_deliveries')
      .select([
        'msg_id',
        'endpoint_id',
        'store_id',
        'seq',
        'type',
        'status',
        'attempts',
        'next_at',
        'last_status',
        'last_error',
        'created_at',
        'updated_at',
        'sent_at',
      ]);
    if (options.endpointId) q = q.where('endpoint_id', '=', options.endpointId);
    const rows = await q
      .orderBy('updated_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(options.limit ?? 50)
      .execute();
    return rows.map((r) => ({
      msgId: r.msg_id,
      endpointId: r.endpoint_id,
      storeId: r.store_id,
      seq: Number(r.seq),
      type: r.type,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? new Date(Number(r.next_at)).toISOString() : null,
      lastStatus: r.last_status,
      lastError: r.last_error,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      sentAt: r.sent_at,
    }));
  }

  async #pendingByEndpoint(id?: string): Promise<Map<string, number>> {
    let q = this.db
      .selectFrom('webhook_deliveries')
      .select(['endpoint_id', (eb) => eb.fn.countAll().as('n')])
      .where('status', '=', 'pending');
    if (id) q = q.where('endpoint_id', '=', id);
    const rows = await q.groupBy('endpoint_id').execute();
    return new Map(rows.map((r) => [r.endpoint_id, Number(r.n)]));
  }
}

function view(r: EndpointRow, pending: number): EndpointView {
  return {
    id: r.id,
    url: r.url,
    storeId: r.store_id,
    events: r.events ? (JSON.parse(r.events) as string[]) : null,
    description: r.description,
    enabled: r.enabled === 1 || (r.enabled as unknown) === '1',
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at,
    failingSince: r.failing_since === null ? null : new Date(Number(r.failing_since)).toISOString(),
    createdAt: r.created_at,
    pending,
  };
}

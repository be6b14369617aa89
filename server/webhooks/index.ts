import type { EventStore } from '../store/event-store';
import type { Logger } from '../log';
import type { WorkshopState } from '../../shared/workflow/rules';
import { WebhookOutbox, type OutboxOptions } from './outbox';
import { httpSender, type Sender } from './send';
import { openWebhookDb, type OpenedWebhookDb } from './store';
import { WebhookEndpoints } from './endpoints';

export { WebhookOutbox, RETRY_SCHEDULE_MS } from './outbox';
export { WebhookEndpoints, type EndpointView } from './endpoints';
export { OPT_IN_TYPES, WEBHOOK_EVENT_TYPES } from './messages';

export interface WebhooksOptions {
  dataDir: string;
  databaseUrl?: string;
  events: Pick<EventStore, 'read' | 'storeIds' | 'lastSeq'>;
  log: Logger;
  /** WEBHOOKS_ALLOW_LOOPBACK=1: loopback receivers allowed (tests, a DMS on this host). */
  allowLoopback?: boolean;
  stateOf?: (storeId: string) => Promise<WorkshopState | undefined>;
  /** Instead of HTTP (tests). */
  send?: Sender;
  now?: () => number;
  random?: () => number;
  onAttempt?: OutboxOptions['onAttempt'];
}

export interface Webhooks {
  endpoints: WebhookEndpoints;
  outbox: WebhookOutbox;
  db: OpenedWebhookDb;
  close(): Promise<void>;
}

/** Open the outbox (SQLite in the data dir, or PostgreSQL) with its endpoints; call `outbox.start` and `outbox.follow` to run it. */
export async function openWebhooks(options: WebhooksOptions): Promise<Webhooks> {
  const db = await openWebhookDb(options);
  const allowLoopback = options.allowLoopback ?? false;
  const outbox = new WebhookOutbox(db.db, options.events, {
    log: options.log,
    send: options.send ?? httpSender({ allowLoopback, now: options.now }),
    now: options.now,
    random: options.random,
    stateOf: options.stateOf,
    onAttempt: options.onAttempt,
  });
  const endpoints = new WebhookEndpoints(db.db, { allowLoopback, now: options.now, onChange: () => outbox.kick() });
  return {
    endpoints,
    outbox,
    db,
    async close() {
      await outbox.close();
      await db.close();
    },
  };
}

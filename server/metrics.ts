import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { COMMAND_ISSUERS } from '../shared/workflow/permissions';
import type { CommitResult, ServiceProbe } from './workshop-service';
import type { NotifyProbe } from './notify/notifier';

/**
 * What `/metrics` shows, in Prometheus' text format (prom-client): Node's own process metrics
 * (event-loop lag, GC, heap) and the workshop's — commits and appends with latency histograms,
 * deltas sent, resyncs, slow consumers cut off, sockets by audience, API answers by route and
 * status (429s are the rate-limit refusals). Labels are bounded sets only: command types,
 * results, route names, audiences, status codes — never a plate, an RO id or a token.
 *
 * One registry per application, so tests can run several servers in one process.
 * To add a metric: declare it here with its unit in the name, and count it where it happens.
 */
export class Metrics {
  readonly registry = new Registry();

  /** Buckets at the goals: 30 ms for a commit (scan to acknowledgement), 100 ms for a delta's p99. */
  readonly commitSeconds = new Histogram({
    name: 'workshop_commit_duration_seconds',
    help: 'Time from a command reaching the service to its answer (decide, append, fold, publish)',
    labelNames: ['result'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly appendSeconds = new Histogram({
    name: 'workshop_append_duration_seconds',
    help: 'Time to append one event durably to the event store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.03, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly commits = new Counter({
    name: 'workshop_commits_total',
    help: 'Commands committed, by command type and result (applied, duplicate, refused, invalid, failed)',
    labelNames: ['command', 'result'] as const,
    registers: [this.registry],
  });

  readonly deltas = new Counter({
    name: 'workshop_deltas_sent_total',
    help: 'Deltas emitted to board rooms (one per distinct delta, whatever the number of screens)',
    registers: [this.registry],
  });

  readonly resyncs = new Counter({
    name: 'workshop_resyncs_total',
    help: 'Resync requests from screens, by answer (delta, snapshot, refused)',
    labelNames: ['answer'] as const,
    registers: [this.registry],
  });

  readonly slowConsumers = new Counter({
    name: 'workshop_slow_consumer_disconnects_total',
    help: 'Screens disconnected because they stopped reading',
    registers: [this.registry],
  });

  readonly httpAnswers = new Counter({
    name: 'workshop_http_responses_total',
    help: 'API answers by route and status code (429: rate-limit refusals)',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  readonly notifyMessages = new Counter({
    name: 'workshop_notify_messages_total',
    help: 'Customer messages by channel (sms, push, webhook), kind and outcome: queued, held (quiet hours), sent, retry, failed, skipped (no consent, no template), delivered (provider receipt)',
    labelNames: ['channel', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly notifySendSeconds = new Histogram({
    name: 'workshop_notify_send_duration_seconds',
    help: 'Time one provider call took (SMS API, push service), by channel and whether it was accepted',
    labelNames: ['channel', 'accepted'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** The notifier's probe (server/notify): counts messages by outcome and times provider calls. */
  readonly notifyProbe: NotifyProbe = {
    message: (channel, kind, outcome) => this.notifyMessages.inc({ channel, kind, outcome }),
    sendSeconds: (channel, ok, seconds) => this.notifySendSeconds.observe({ channel, accepted: ok ? 'yes' : 'no' }, seconds),
  };

  #audiences: () => Iterable<string> = () => [];

  readonly sockets = new Gauge({
    name: 'workshop_sockets',
    help: 'Connected sockets on this process, by audience (none: connected, not joined)',
    labelNames: ['audience'] as const,
    registers: [this.registry],
    collect: () => {
      this.sockets.reset();
      const counts = new Map<string, number>();
      for (const audience of this.#audiences()) counts.set(audience, (counts.get(audience) ?? 0) + 1);
      for (const [audience, n] of counts) this.sockets.set({ audience }, n);
    },
  });

  readonly webhookAttempts = new Counter({
    name: 'workshop_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (sent: a 2xx; failed: anything else, retried; refused: an address webhooks may not reach)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  #webhooksPending: () => Promise<number> = async () => 0;

  readonly webhookPending = new Gauge({
    name: 'workshop_webhook_pending',
    help: 'Webhook deliveries waiting (due now, waiting for a retry, or held by a disabled endpoint)',
    registers: [this.registry],
    collect: async () => {
      this.webhookPending.set(await this.#webhooksPending().catch(() => 0));
    },
  });

  /** Count the outbox's attempts and waiting deliveries. */
  watchWebhooks(outbox: { observe(listener: (outcome: 'sent' | 'failed' | 'refused') => void): void; pending(): Promise<number> }): void {
    outbox.observe((outcome) => this.webhookAttempts.inc({ outcome }));
    this.#webhooksPending = () => outbox.pending();
  }

  /** Where the sockets gauge counts from (the realtime gateway's sockets, by audience kind). */
  countSockets(audiences: () => Iterable<string>): void {
    this.#audiences = audiences;
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The service's probe: counts and times every commit and append. */
  readonly probe: ServiceProbe = {
    committed: (type, result, seconds) => {
      const outcome = resultOf(result);
      this.commits.inc({ command: type in COMMAND_ISSUERS ? type : 'unknown', result: outcome });
      this.commitSeconds.observe({ result: outcome }, seconds);
    },
    appended: (seconds) => this.appendSeconds.observe(seconds),
  };
}

const resultOf = (result: CommitResult | 'failed') =>
  result === 'failed'
    ? 'failed'
    : result.ok
      ? result.duplicate
        ? 'duplicate'
        : 'applied'
      : result.error.code === 'invalid_command' || result.error.code === 'unknown_store'
        ? 'invalid'
        : 'refused';

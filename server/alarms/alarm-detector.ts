import { createHash } from 'node:crypto';
import { systemActor } from '../actors';
import type { Logger } from '../log';
import type { WorkshopService } from '../workshop-service';
import { planAlarms, type LearnedLimit } from './detect';

/** How often the detector looks: an incident is raised at most this long after it triggers (< 60 s). */
export const ALARM_TICK_MS = 15_000;
/** How often limits learned from history are read again. */
const LEARN_EVERY_MS = 10 * 60_000;

/** The idempotency key of raising or clearing one incident: the same in every process, and once only. */
export const alarmKey = (action: 'raise' | 'clear', alarmId: string) =>
  `alarm-${action}:${createHash('sha256').update(alarmId).digest('base64url').slice(0, 40)}`;

export interface AlarmDetectorOptions {
  log: Logger;
  /** The clock; tests drive it. The service should read the same one. */
  now?: () => number;
  learned?: { limit: LearnedLimit; refresh(): Promise<void> };
  tickMs?: number;
}

/**
 * The server's anomaly detector: every ALARM_TICK_MS it asks detect.ts what should be open and
 * commits `raiseAlarm` / `clearAlarm` as the system. Every process of a scaled-out deployment
 * runs one; they agree because an incident's id, and so its idempotency key, is the same in each,
 * and the service's commit decides against the caught-up log (a concurrent append is a conflict
 * it retries, a key already in the log a duplicate): one process raises, the others find it done.
 * Alarms are facts in the log, so a restart knows which are open and which were raised before.
 */
export class AlarmDetector {
  #timer?: NodeJS.Timeout;
  #running?: Promise<unknown>;
  #learnedAt = -Infinity;
  readonly #now: () => number;

  constructor(
    private readonly service: WorkshopService,
    private readonly options: AlarmDetectorOptions,
  ) {
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), this.options.tickMs ?? ALARM_TICK_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** One look at every store; a tick still running is not overlapped (it is answered instead). */
  tick(): Promise<{ raised: number; cleared: number }> {
    if (this.#running) return this.#running as Promise<{ raised: number; cleared: number }>;
    const run = this.#tick().finally(() => (this.#running = undefined));
    this.#running = run;
    return run;
  }

  async #tick(): Promise<{ raised: number; cleared: number }> {
    const now = this.#now();
    const learned = this.options.learned;
    if (learned && now - this.#learnedAt >= LEARN_EVERY_MS) {
      this.#learnedAt = now;
      await learned.refresh();
    }
    let raised = 0;
    let cleared = 0;
    const actor = systemActor('alarm-detector');
    for (const store of this.service.storeConfigs) {
      try {
        const state = await this.service.state(store.id);
        const plan = planAlarms(state, store, now, learned?.limit);
        for (const alarm of plan.raise) {
          const result = await this.service.commit({
            storeId: store.id,
            command: { type: 'raiseAlarm', alarm },
            actor,
            source: 'system',
            key: alarmKey('raise', alarm.id),
          });
          if (result.ok && !result.duplicate) raised++;
          // A refusal here is another process having raised it a moment ago: nothing to do.
        }
        for (const { alarm, reason } of plan.clear) {
          const result = await this.service.commit({
            storeId: store.id,
            command: { type: 'clearAlarm', alarmId: alarm.id, reason },
            actor,
            source: 'system',
            key: alarmKey('clear', alarm.id),
          });
          if (result.ok && !result.duplicate) cleared++;
        }
      } catch (err) {
        this.options.log.warn({ err, storeId: store.id }, 'alarms: a detector tick failed; the next one tries again');
      }
    }
    return { raised, cleared };
  }
}

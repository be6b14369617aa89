/**
 * What the embedded store keeps in memory per store: its last seq, a tail of recent events and
 * the idempotency keys of a window. Everything older is read from the segments.
 */
import type { WorkshopEvent } from '../../../shared/workflow/events';

export interface Entry {
  event: WorkshopEvent;
  /** The chain value after this event's line; '' until it is written. */
  chain: string;
}

export interface StoreLog {
  /** Highest seq accepted; those past `durable` are being written. */
  last: number;
  durable: number;
  /** The latest events, contiguous and ending at `last` (at most 2 × tailEvents). */
  readonly tail: Entry[];
  /** Idempotency keys of the window, oldest first. */
  readonly keys: Map<string, { seq: number; at: number }>;
  /** Settles once the latest append enqueued for this store is durable (or has failed). */
  lastWrite?: Promise<void>;
}

export const newLog = (): StoreLog => ({ last: 0, durable: 0, tail: [], keys: new Map() });

/** Keeps the tail between tailEvents and twice that, trimming in one splice now and then. */
export function pushTail(log: StoreLog, entry: Entry, tailEvents: number): void {
  log.tail.push(entry);
  if (log.tail.length <= 2 * tailEvents) return;
  let drop = log.tail.length - tailEvents;
  // Never drop an event still being written: a failed write takes it back off the end.
  while (drop > 0 && log.tail[drop - 1].event.seq > log.durable) drop--;
  if (drop > 0) log.tail.splice(0, drop);
}

/** After a failed write: forgets every event not yet durable, with its idempotency key. */
export function dropUndurable(log: StoreLog): void {
  while (log.tail.length && log.tail.at(-1)!.event.seq > log.durable) log.keys.delete(log.tail.pop()!.event.key);
  log.last = log.durable;
}

/**
 * A key of the window (at or after `cutoff`, or still being written); older keys are forgotten
 * on the way, since a retry that late is a new action.
 */
export function keyOf(log: StoreLog, key: string, cutoff: number): { seq: number; at: number } | undefined {
  for (const [k, v] of log.keys) {
    if (v.at >= cutoff || v.seq > log.durable) break;
    log.keys.delete(k);
  }
  const found = log.keys.get(key);
  return found && (found.at >= cutoff || found.seq > log.durable) ? found : undefined;
}

/** The tail's entry for `seq`, or undefined when it is older than the tail. */
export function tailEntry(log: StoreLog, seq: number): Entry | undefined {
  const tailStart = log.tail[0]?.event.seq ?? log.last + 1;
  return seq >= tailStart ? log.tail[seq - tailStart] : undefined;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

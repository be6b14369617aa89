import { peopleAt } from './people/directory';
import type { Store } from '../shared/domain/shop';
import { personOf } from '../shared/domain/people-directory';
import { HistoryDescriber, type HistoryEntry, type HistoryNames } from '../shared/projections/ro-history';
import type { WorkshopEvent } from '../shared/workflow/events';
import { touchesRepairOrder } from '../shared/workflow/fact-targets';
import { upcast } from '../shared/workflow/upcasters';
import type { EventStore } from './store/event-store';
import type { WorkshopService } from './workshop-service';

/** Most lines one answer carries; an order has a few hundred events at most, so one page is the norm. */
export const HISTORY_MAX_LIMIT = 500;
export const HISTORY_DEFAULT_LIMIT = 200;

/**
 * Events read per call. A whole-log pass (seconds on a long log) reads smaller batches and lets
 * the event loop run between them: the embedded journal parses the segments a call needs in one
 * run, and a scan arriving meanwhile should wait for one batch, not for the pass. (60,000 events
 * in daily segments, on a loaded 2-core machine: a pass of ~2.5-3 s, loop delay p99 ~28 ms,
 * max ~40 ms; the read of a live order ~1 ms; bench/ro-history.)
 */
const BATCH = 1000;
const WHOLE_PASS_BATCH = 250;
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * Events of one store are appended in time order by whichever process holds the seq; clocks of
 * two processes may disagree a little, so the search for an order's first event starts this much
 * before the order says it was created.
 */
const CLOCK_SLACK_MS = 60_000;

/**
 * Passes over a whole store's log (an order no longer live, or one that never was) run one at a
 * time per store in each process: a burst of such lookups queues instead of multiplying the work
 * beside the scans. Reads of live orders, which start near the end of the log, never wait here.
 */
const wholeLogPasses = new WeakMap<WorkshopService, Map<string, Promise<unknown>>>();
function oneWholePassAtATime<T>(service: WorkshopService, storeId: string, task: () => Promise<T>): Promise<T> {
  let passes = wholeLogPasses.get(service);
  if (!passes) wholeLogPasses.set(service, (passes = new Map()));
  const run = (passes.get(storeId) ?? Promise.resolve()).then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  passes.set(storeId, settled);
  void settled.then(() => {
    if (passes.get(storeId) === settled) passes.delete(storeId);
  });
  return run;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `afterSeq` for the next page; null when this page is the last. */
  next: number | null;
}

const atOf = async (events: EventStore, storeId: string, seq: number): Promise<number | undefined> => {
  const [event] = await events.read(storeId, seq - 1, 1);
  return event && Date.parse(event.at);
};

/**
 * The seq to scan from so that nothing at or after `since` is missed: 0, or a seq whose event is
 * older. Gallops back from the end of the log first, so an order opened today is found among the
 * events the store holds in memory, then halves the last gap.
 */
async function seqBefore(events: EventStore, storeId: string, since: number): Promise<number> {
  const last = await events.lastSeq(storeId);
  let hi = last + 1;
  let lo = 0;
  for (let step = 256; ; step *= 2) {
    const probe = last + 1 - step;
    if (probe <= 0) break;
    const at = await atOf(events, storeId, probe);
    if (at !== undefined && at < since) {
      lo = probe;
      break;
    }
    hi = probe;
  }
  // Invariant: event lo (if lo > 0) is older than `since`; event hi is not (or hi is past the end).
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const at = await atOf(events, storeId, mid);
    if (at !== undefined && at < since) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * A repair order's history, oldest first: every event of the log that touches it
 * (shared/workflow/fact-targets.ts), with seq > `afterSeq`, at most `limit`. Undefined when the
 * store knows no such order, neither live nor in its log.
 *
 * A read beside the scan path, never on it: it reads the event store directly and the state this
 * process already has (`cachedState`), so it never waits in a store's commit queue. An order in
 * the live state is read from just before its creation; one that has left it (closed more than
 * `trackingExpiryDays` ago) costs a pass over the store's whole log, which is what "the log is the
 * history" means until a read model indexes it.
 */
export async function readRoHistory(
  service: WorkshopService,
  store: Store,
  roId: string,
  page: { afterSeq: number; limit: number },
): Promise<HistoryPage | undefined> {
  const state = service.cachedState(store.id);
  const live = state?.ros.get(roId);
  if (!live) return oneWholePassAtATime(service, store.id, () => scan(service, store, roId, page, 0, false));
  const from = await seqBefore(service.events, store.id, Date.parse(live.createdAt) - CLOCK_SLACK_MS);
  return scan(service, store, roId, page, from, true);
}

/**
 * The facts of a live order, oldest first (upcast), read the same way as its history: from just
 * before its creation to the end of the log. Undefined when the order is not live (a tracking
 * link only ever names a live one). For readers that need the facts' data, not their words.
 */
export async function readLiveRoFacts(service: WorkshopService, storeId: string, roId: string): Promise<WorkshopEvent[] | undefined> {
  const live = service.cachedState(storeId)?.ros.get(roId);
  if (!live) return undefined;
  let cursor = await seqBefore(service.events, storeId, Date.parse(live.createdAt) - CLOCK_SLACK_MS);
  const facts: WorkshopEvent[] = [];
  for (;;) {
    const batch: readonly WorkshopEvent[] = await service.events.read(storeId, cursor, BATCH);
    if (batch.length === 0) return facts;
    cursor = batch[batch.length - 1].seq;
    for (const stored of batch) {
      const event = upcast(stored);
      if (touchesRepairOrder(event, roId)) facts.push(event);
    }
  }
}

/** Who people and screens are today: the shop config's people, the store's paired screens. */
function namesOf(service: WorkshopService, store: Store): HistoryNames {
  const state = service.cachedState(store.id);
  // Config people and those an admin added (their name is in the log's account records).
  const people = state ? new Map(peopleAt(store, state).map((p) => [p.id, p.name])) : undefined;
  return { person: (id) => people?.get(id) ?? personOf(store, id)?.name, display: (id) => state?.displays?.get(id)?.name };
}

/** Read the log after `from` to its end (or a page past `limit`), keeping the order's events. `live`: the order is known to exist. */
async function scan(
  service: WorkshopService,
  store: Store,
  roId: string,
  page: { afterSeq: number; limit: number },
  from: number,
  live: boolean,
): Promise<HistoryPage | undefined> {
  const describer = new HistoryDescriber(store, namesOf(service, store));
  const events = service.events;
  let cursor = from;
  const entries: HistoryEntry[] = [];
  let seen = 0;
  for (;;) {
    const batch: readonly WorkshopEvent[] = await events.read(store.id, cursor, live ? BATCH : WHOLE_PASS_BATCH);
    if (batch.length === 0) break;
    if (!live) await breathe();
    cursor = batch[batch.length - 1].seq;
    for (const stored of batch) {
      const event = upcast(stored);
      if (!touchesRepairOrder(event, roId)) continue;
      seen++;
      // Earlier events are described too (they name the operations), just not answered.
      const entry = describer.entry(event);
      if (event.seq <= page.afterSeq) continue;
      if (entries.length === page.limit) return { entries, next: entries[entries.length - 1].seq };
      entries.push(entry);
    }
  }
  if (!live && seen === 0) return undefined;
  return { entries, next: null };
}

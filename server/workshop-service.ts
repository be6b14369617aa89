import type { RoStage } from '../shared/domain/repair-order';
import type { Store } from '../shared/domain/shop';
import { CommandSchema, type Command } from '../shared/workflow/commands';
import type { Actor, Source, WorkshopEvent } from '../shared/workflow/events';
import type { WorkflowError } from '../shared/workflow/lifecycle';
import { StoreState, type EntityChange } from '../shared/workflow/state';
import type { EtaLookup } from '../shared/projections/project';
import { EtaBoard } from './eta/eta-board';
import type { EventStore } from './store/event-store';
import type { Logger } from './log';

export interface CommitRequest {
  storeId: string;
  command: Command;
  actor: Actor;
  source: Source;
  /** Client-supplied idempotency key: the same key twice is applied once. */
  key: string;
  device?: string;
}

export type CommitResult =
  | { ok: true; event: WorkshopEvent; duplicate: boolean }
  | { ok: false; error: WorkflowError | { code: 'unknown_store' | 'invalid_command'; message: string; details?: unknown } };

/**
 * Fired once per event folded into this process's state. `origin` is 'local' when this process
 * appended it (and so should broadcast it) and 'replay' when it was read from the log
 * (start-up, or another process appended it and has broadcast it already).
 */
export type ChangeListener = (storeId: string, seq: number, changes: EntityChange[], origin: 'local' | 'replay') => void;

/** What the service reports about its commits and appends (for /metrics); calls must be cheap. */
export interface ServiceProbe {
  committed(commandType: string, result: CommitResult | 'failed', seconds: number): void;
  appended(seconds: number): void;
}

interface Runtime {
  state: StoreState;
  /** Recent changes, oldest first, so resync can send what a client missed; `at` is the event's time (ms). */
  recent: { seq: number; changes: EntityChange[]; at: number }[];
  /** Serialises commits and catch-ups of one store inside this process. */
  queue: Promise<unknown>;
  sinceSnapshot: number;
  /**
   * Keys of appends whose outcome this process never learned (the store went away mid-call).
   * If one turns up in the log, this process wrote it and nobody has broadcast it: it is folded
   * as 'local'. A catch-up is retried until one succeeds, so that happens without new traffic.
   */
  unsure: Set<string>;
  recovering?: boolean;
  /** Live ETAs (eta/eta-board.ts); `stale` after events folded without working them out (replay). */
  etas: EtaBoard;
  etasStale: boolean;
}

/**
 * How much of each store's history this process keeps for resync: the last RECENT_LIMIT events,
 * none older than RECENT_MAX_AGE_MS. A screen away for longer gets a fresh snapshot instead, which
 * shows the same; without the age bound a dealer group's server kept up to 2,000 events (each
 * with its records) for every store, gigabytes after a week.
 */
const RECENT_LIMIT = 2000;
export const RECENT_MAX_AGE_MS = 15 * 60_000;
const SNAPSHOT_EVERY = 500;
/** A store the shop config no longer names still folds (its log is read); its ETAs use defaults. */
const fallbackStore = (id: string): Store => ({ id, bays: [], catalogue: [], eta: { checkInMinutes: 10, qcMinutes: 15, washMinutes: 20 } }) as unknown as Store;
const MAX_CONFLICT_RETRIES = 20;

/**
 * The only place that commits a change: load → decide → append → fold → publish.
 * State lives in the event store; this holds a cache of each store's fold and catches it up
 * from the log whenever another process may have appended (PostgreSQL scale-out).
 */
export class WorkshopService {
  readonly #runtimes = new Map<string, Runtime>();
  readonly #listeners = new Set<ChangeListener>();
  readonly #stores: Map<string, Store>;
  /** Tracking token → its repair order; tokens never change once issued. */
  readonly #tokens = new Map<string, { storeId: string; roId: string }>();
  #closed = false;
  #probe?: ServiceProbe;

  constructor(
    readonly events: EventStore,
    stores: readonly Store[],
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    /**
     * `liveEtas: false`: own events leave the ETAs to be worked out when asked, as replayed ones
     * do. For the demo's past, written before anyone watches: working every store's ETAs out
     * again after each of its 60,000 events was about half of that writing's time.
     */
    private readonly options: { liveEtas?: boolean } = {},
  ) {
    this.#stores = new Map(stores.map((s) => [s.id, s]));
  }

  /** The service's clock: every event it commits is stamped with it. */
  time(): Date {
    return this.now();
  }

  get storeConfigs(): Store[] {
    return [...this.#stores.values()];
  }

  storeConfig(storeId: string): Store | undefined {
    return this.#stores.get(storeId);
  }

  /** Load every configured store's state (snapshot + tail). */
  async init(): Promise<void> {
    for (const id of this.#stores.keys()) await this.state(id);
  }

  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The store's state, caught up with the log. */
  async state(storeId: string): Promise<StoreState> {
    const runtime = await this.#runtime(storeId);
    await this.#serial(runtime, () => this.#catchUp(storeId, runtime));
    return runtime.state;
  }

  /** The state as this process last saw it, without asking the log (for hot read paths). */
  cachedState(storeId: string): StoreState | undefined {
    return this.#runtimes.get(storeId)?.state;
  }

  /** Changes after `afterSeq` if this process still remembers all of them. */
  async changesSince(storeId: string, afterSeq: number): Promise<{ seq: number; changes: EntityChange[] }[] | undefined> {
    const runtime = await this.#runtime(storeId);
    await this.#serial(runtime, () => this.#catchUp(storeId, runtime));
    if (afterSeq >= runtime.state.seq) return [];
    const first = runtime.recent[0];
    if (!first || first.seq > afterSeq + 1) return undefined;
    return runtime.recent.filter((r) => r.seq > afterSeq);
  }

  /**
   * The repair order a customer's tracking link points at. A link expires the configured number
   * of days after delivery, and at once when the order was cancelled or a no-show.
   */
  /** The repair order a tracking link names, whether the link has expired, and the order's stage (so a dead link can say why). */
  async findByTrackingToken(token: string): Promise<{ storeId: string; roId: string; expired: boolean; stage: RoStage } | undefined> {
    let hit = this.#tokens.get(token);
    if (!hit) {
      // Another process may have created it: catch every store up, then look again.
      for (const id of this.#stores.keys()) await this.state(id);
      hit = this.#tokens.get(token);
      if (!hit) return undefined;
    }
    const state = await this.state(hit.storeId);
    const ro = state.ros.get(hit.roId);
    if (!ro) return undefined;
    const days = this.#stores.get(hit.storeId)?.trackingExpiryDays ?? 7;
    const expired =
      ro.stage === 'cancelled' ||
      ro.stage === 'no_show' ||
      (ro.stage === 'delivered' && this.now().getTime() - Date.parse(ro.deliveredAt ?? ro.stageSince) > days * 86_400_000);
    return { ...hit, expired, stage: ro.stage };
  }

  /**
   * The store's live ETAs for projections. Worked out again first if events were folded since
   * without it (start-up, or another process's appends), at the clock's time.
   */
  etas(storeId: string): EtaLookup {
    const runtime = this.#runtimes.get(storeId);
    if (!runtime) return () => undefined;
    if (runtime.etasStale) {
      runtime.etas.revise(runtime.state, this.now().getTime());
      runtime.etasStale = false;
    }
    return runtime.etas.lookup;
  }

  /**
   * Work the store's ETAs out again as the clock moves, with no event (the realtime gateway
   * calls this once a minute). Answers the changes to send: each repair order whose ETA moved,
   * at the seq screens already show. Resync from an earlier seq re-projects with the new figures.
   */
  async reviseEtas(storeId: string): Promise<{ seq: number; changes: EntityChange[] } | undefined> {
    const runtime = await this.#runtime(storeId);
    return this.#serial(runtime, async () => {
      await this.#catchUp(storeId, runtime);
      runtime.etasStale = false;
      const changes = runtime.etas.reviseAsChanges(runtime.state, this.now().getTime());
      const last = runtime.recent.at(-1);
      // A client that resyncs from before this seq is sent these records again, with the new ETA.
      if (last && last.seq === runtime.state.seq) last.changes = [...last.changes, ...changes];
      return changes.length ? { seq: runtime.state.seq, changes } : undefined;
    });
  }

  /** Report commits and appends to `probe` (one per service). */
  instrument(probe: ServiceProbe): void {
    this.#probe = probe;
  }

  async commit(req: CommitRequest): Promise<CommitResult> {
    const started = performance.now();
    const type = typeof req.command?.type === 'string' ? req.command.type : 'unknown';
    try {
      const result = await this.#commit(req);
      this.#probe?.committed(type, result, (performance.now() - started) / 1000);
      return result;
    } catch (err) {
      this.#probe?.committed(type, 'failed', (performance.now() - started) / 1000);
      throw err;
    }
  }

  async #commit(req: CommitRequest): Promise<CommitResult> {
    const config = this.#stores.get(req.storeId);
    if (!config) return { ok: false, error: { code: 'unknown_store', message: `There is no store "${req.storeId}"` } };
    // Callers parse their own input; this is the last guard before decide, which trusts its input.
    const parsed = CommandSchema.safeParse(req.command);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_command', message: 'The command is malformed', details: parsed.error.issues } };
    }
    const runtime = await this.#runtime(req.storeId);
    return this.#serial(runtime, async () => {
      for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
        // Catch up first, then look the key up: another process may have appended this very key
        // a moment ago, and deciding again against that state could refuse a duplicate.
        await this.#catchUp(req.storeId, runtime);
        const earlier = await this.events.findByKey(req.storeId, req.key);
        if (earlier) return { ok: true, event: earlier, duplicate: true } as const;
        const at = this.now().toISOString();
        const decision = runtime.state.decide(req.command, at);
        if (!decision.ok) return { ok: false, error: decision.error } as const;
        const appendStarted = performance.now();
        const result = await this.events
          .append({ storeId: req.storeId, at, actor: req.actor, source: req.source, key: req.key, device: req.device, ...decision.fact }, runtime.state.seq)
          .catch((err: unknown) => {
            this.#recoverLater(req.storeId, runtime, req.key);
            throw err;
          });
        this.#probe?.appended((performance.now() - appendStarted) / 1000);
        if (result.status === 'conflict') continue; // another process appended first: catch up and decide again
        if (result.status === 'duplicate') {
          await this.#catchUp(req.storeId, runtime);
          return { ok: true, event: result.event, duplicate: true } as const;
        }
        runtime.unsure.delete(req.key);
        this.#fold(runtime, result.event, 'local');
        return { ok: true, event: result.event, duplicate: false } as const;
      }
      throw new Error(`store ${req.storeId}: gave up after ${MAX_CONFLICT_RETRIES} concurrent-append conflicts`);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    // Stores are independent: save their snapshots side by side (a dealer group has hundreds,
    // and a restart waits for this).
    await Promise.all(
      [...this.#runtimes].map(async ([id, runtime]) => {
        await runtime.queue.catch(() => undefined);
        if (runtime.sinceSnapshot > 0) await this.events.saveSnapshot(id, runtime.state.toSnapshot()).catch(() => undefined);
      }),
    );
  }

  async #runtime(storeId: string): Promise<Runtime> {
    let runtime = this.#runtimes.get(storeId);
    if (runtime) return runtime;
    const snapshot = await this.events.loadSnapshot(storeId).catch((err) => {
      this.log.warn({ err, storeId }, 'snapshot unreadable; replaying the whole log');
      return undefined;
    });
    const config = this.#stores.get(storeId);
    const state = snapshot ? StoreState.fromSnapshot(storeId, snapshot, config) : new StoreState(storeId, config);
    // Another caller may have created it while we awaited the snapshot.
    runtime = this.#runtimes.get(storeId);
    if (runtime) return runtime;
    for (const ro of state.ros.values()) if (ro.trackingToken) this.#tokens.set(ro.trackingToken, { storeId, roId: ro.id });
    runtime = {
      state,
      recent: [],
      queue: Promise.resolve(),
      sinceSnapshot: 0,
      unsure: new Set(),
      etas: new EtaBoard(config ?? fallbackStore(storeId)),
      etasStale: true,
    };
    this.#runtimes.set(storeId, runtime);
    return runtime;
  }

  #serial<T>(runtime: Runtime, task: () => Promise<T>): Promise<T> {
    const run = runtime.queue.then(task, task);
    runtime.queue = run.catch(() => undefined);
    return run;
  }

  async #catchUp(storeId: string, runtime: Runtime): Promise<void> {
    for (;;) {
      const batch = await this.events.read(storeId, runtime.state.seq, 1000);
      if (batch.length === 0) return;
      for (const event of batch) this.#fold(runtime, event, runtime.unsure.delete(event.key) ? 'local' : 'replay');
    }
  }

  /** After an append with no answer: remember its key and catch up (with backoff) until that works. */
  #recoverLater(storeId: string, runtime: Runtime, key: string): void {
    runtime.unsure.add(key);
    if (runtime.unsure.size > 1000) runtime.unsure.delete(runtime.unsure.values().next().value!);
    if (runtime.recovering) return;
    runtime.recovering = true;
    const attempt = (delayMs: number) => {
      setTimeout(() => {
        if (this.#closed) return;
        this.state(storeId).then(
          () => (runtime.recovering = false),
          () => attempt(Math.min(delayMs * 2, 5000)),
        );
      }, delayMs).unref();
    };
    attempt(250);
  }

  #fold(runtime: Runtime, event: WorkshopEvent, origin: 'local' | 'replay'): void {
    const changes = runtime.state.applyEvent(event);
    // Only this process's own events are broadcast from here: those carry every ETA they moved,
    // worked out at the event's time. Replayed ones leave the ETAs to be worked out when asked.
    if (origin === 'local' && this.options.liveEtas !== false) {
      changes.push(...runtime.etas.reviseAsChanges(runtime.state, Date.parse(event.at), changes));
      runtime.etasStale = false;
    } else runtime.etasStale = true;
    for (const ro of runtime.state.retiredWithLastEvent) if (ro.trackingToken) this.#tokens.delete(ro.trackingToken);
    for (const change of changes) {
      if (change.kind === 'ro' && !change.before && change.after.trackingToken)
        this.#tokens.set(change.after.trackingToken, { storeId: event.storeId, roId: change.after.id });
    }
    // The event's own time, not the clock's: replayed history older than the bound is not kept,
    // and folding asks the (injectable) clock nothing.
    const at = Date.parse(event.at);
    runtime.recent.push({ seq: event.seq, changes, at });
    let drop = Math.max(0, runtime.recent.length - RECENT_LIMIT);
    while (drop < runtime.recent.length && runtime.recent[drop].at < at - RECENT_MAX_AGE_MS) drop++;
    if (drop) runtime.recent.splice(0, drop);
    if (++runtime.sinceSnapshot >= SNAPSHOT_EVERY) {
      runtime.sinceSnapshot = 0;
      const snapshot = runtime.state.toSnapshot();
      void this.events.saveSnapshot(event.storeId, snapshot).catch((err) => this.log.warn({ err, storeId: event.storeId }, 'snapshot not saved'));
    }
    for (const listener of this.#listeners) {
      try {
        listener(event.storeId, event.seq, changes, origin);
      } catch (err) {
        this.log.error({ err, storeId: event.storeId, seq: event.seq }, 'change listener failed');
      }
    }
  }
}

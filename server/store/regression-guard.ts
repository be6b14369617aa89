import type { EventDraft, WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import type { Logger } from '../log';
import { StoreUnavailableError, type AppendResult, type EventStore, type StoreStatus } from './event-store';

/** Raised for every append to a store whose log went backwards; the API answers 503. */
export class LogRegressedError extends StoreUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'LogRegressedError';
  }
}

export interface RegressionGuardOptions {
  /** How often the log's end is compared with what this process has seen; default 5000 ms, 0 for never. */
  checkEveryMs?: number;
}

/**
 * Wraps an event store and notices when a store's log becomes shorter than what this process
 * has already seen (the database was emptied, or restored from an older backup). From then on
 * that store takes no appends, so the process never starts a second history at seq 1 or writes
 * over seqs whose events its screens already show; `status()` is not ok and names the reason
 * (`/healthz` answers 503), and it is logged once at error level. Only a restart against a
 * consistent log lifts it: a person has to decide which history is the true one.
 *
 * It learns what it has seen from every answer the store gives (appended, duplicate, read,
 * found events, conflicts' currentSeq, snapshots) and compares that with the log's end when a
 * conflict reports it, when lastSeq is asked, after loading a snapshot, and on a timer.
 */
export class RegressionGuard implements EventStore {
  /** Highest seq per store this process knows to have been in the log. */
  readonly #seen = new Map<string, number>();
  /** Store id → why it takes no appends. */
  readonly #regressed = new Map<string, string>();
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly inner: EventStore,
    private readonly log: Logger,
    options: RegressionGuardOptions = {},
  ) {
    const every = options.checkEveryMs ?? 5000;
    if (every > 0) {
      this.#timer = setInterval(() => void this.check().catch(() => undefined), every);
      this.#timer.unref();
    }
  }

  get kind() {
    return this.inner.kind;
  }

  /** Why appends to `storeId` are refused, if they are. */
  regression(storeId: string): string | undefined {
    return this.#regressed.get(storeId);
  }

  /** Compare every store's log end with what this process has seen (the timer's job; callable by tests). */
  async check(): Promise<void> {
    await Promise.all([...this.#seen.keys()].map((id) => this.lastSeq(id)));
  }

  async append(draft: EventDraft, expectedSeq: number): Promise<AppendResult> {
    const { storeId } = draft;
    this.#refuse(storeId);
    const before = this.#seen.get(storeId) ?? 0;
    // Behind what was seen, an append can only succeed on a log that went backwards, and would
    // start a second history there: ask where the log ends instead.
    if (expectedSeq < before) {
      const currentSeq = await this.lastSeq(storeId);
      this.#refuse(storeId);
      return { status: 'conflict', currentSeq };
    }
    const result = await this.inner.append(draft, expectedSeq);
    if (result.status === 'conflict') this.#compare(storeId, result.currentSeq, before, 'an append conflicted');
    else this.#saw(storeId, result.event.seq);
    this.#refuse(storeId);
    return result;
  }

  async read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]> {
    const events = await this.inner.read(storeId, afterSeq, limit);
    if (events.length) this.#saw(storeId, events[events.length - 1]!.seq);
    return events;
  }

  async findByKey(storeId: string, key: string): Promise<WorkshopEvent | undefined> {
    const event = await this.inner.findByKey(storeId, key);
    if (event) this.#saw(storeId, event.seq);
    return event;
  }

  async lastSeq(storeId: string): Promise<number> {
    // What was seen before asking was committed before the query began, so the answer must reach it.
    const before = this.#seen.get(storeId) ?? 0;
    const last = await this.inner.lastSeq(storeId);
    this.#compare(storeId, last, before, 'the log was checked');
    return last;
  }

  storeIds(): Promise<string[]> {
    return this.inner.storeIds();
  }

  saveSnapshot(storeId: string, snapshot: StoreSnapshot): Promise<void> {
    return this.inner.saveSnapshot(storeId, snapshot);
  }

  async loadSnapshot(storeId: string): Promise<StoreSnapshot | undefined> {
    const snapshot = await this.inner.loadSnapshot(storeId);
    if (snapshot) {
      // A fold of events the log once held: the log must still reach it.
      this.#saw(storeId, snapshot.seq);
      await this.lastSeq(storeId);
    }
    return snapshot;
  }

  async status(): Promise<StoreStatus> {
    const status = await this.inner.status();
    if (!this.#regressed.size) return status;
    return { kind: status.kind, ok: false, detail: [...this.#regressed.values(), ...(status.detail ? [status.detail] : [])].join('; ') };
  }

  close(): Promise<void> {
    clearInterval(this.#timer);
    return this.inner.close();
  }

  #saw(storeId: string, seq: number): void {
    if (seq > (this.#seen.get(storeId) ?? 0)) this.#seen.set(storeId, seq);
  }

  #compare(storeId: string, logEnd: number, seen: number, when: string): void {
    if (logEnd >= seen) return this.#saw(storeId, logEnd);
    if (this.#regressed.has(storeId)) return;
    const reason = `store ${storeId}: the event log ends at seq ${logEnd} but this process has already seen seq ${seen} ` +
      `(${when}): the database was emptied or restored from an older backup. Writes to ${storeId} are refused ` +
      'until the log is consistent again and the server is restarted';
    this.#regressed.set(storeId, reason);
    this.log.error({ storeId, logEnd, seen }, 'event log went backwards; refusing writes to this store');
  }

  #refuse(storeId: string): void {
    const reason = this.#regressed.get(storeId);
    if (reason) throw new LogRegressedError(reason);
  }
}

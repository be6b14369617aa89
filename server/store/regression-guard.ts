import type { EventDraft, WorkshopEvent } from '../../shared/workflow/events';
import type { StoreSnapshot } from '../../shared/workflow/state';
import type { Logger } from '../log';
import type { HighWaterMarks } from './high-water-mark';
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
  /** Each store's highest appended seq outside the log (Redis when scaled out), shared by every process. */
  marks?: HighWaterMarks;
}

/** How long the first use of a store waits for the high-water marks before going on without them. */
const MARKS_WAIT_MS = 2000;

/** What tells one event from another at the same seq of a different history: its idempotency key and time. */
interface Identity {
  seq: number;
  key: string;
  at: string;
}
/** What the log had to reach when a query began. */
interface Before {
  seen: number;
  mark: number;
}
const identityOf = (e: WorkshopEvent): Identity => ({ seq: e.seq, key: e.key, at: e.at });

/**
 * Wraps an event store and notices when a store's log went backwards under this process (the
 * database was emptied, or restored from an older backup). From then on that store takes no
 * appends, so the process never starts a second history at seq 1 or writes over seqs whose
 * events its screens already show, and reads of it answer nothing new, so its fold never takes
 * in another history; `status()` is not ok and names the reason (`/healthz` answers 503), and it
 * is logged once at error level. Only a restart against a consistent log lifts it: a person has
 * to decide which history is the true one.
 *
 * Three checks, each catching what the one before cannot:
 *  - length: the log ends before a seq this process has seen (from every answer the store gives:
 *    appended, duplicate, read, found events, conflicts' currentSeq, snapshots); compared when a
 *    conflict reports the end, when lastSeq is asked, when a read reaches the end, after loading
 *    a snapshot, and on a timer;
 *  - identity: the log was rolled back and another process has since appended past where this
 *    one was, so it is long enough but holds other events. The key and time of the last event
 *    seen are checked against the event now at that seq, on every catch-up that starts there
 *    (one more row in the same query) and on the timer;
 *  - high-water mark: a process with no memory of a store (a fresh one, on an emptied or older
 *    database) checks the log against the highest seq any process appended, kept in Redis
 *    (`marks`); read at first use and on the timer, raised after every append. An absent mark
 *    (Redis emptied) checks nothing until the next append writes it again.
 */
export class RegressionGuard implements EventStore {
  /** Highest seq per store this process knows to have been in the log. */
  readonly #seen = new Map<string, number>();
  /** The last event (highest seq) this process has seen per store. */
  readonly #identity = new Map<string, Identity>();
  /** Highest seq per store any process appended, as last read from the marks. */
  readonly #marks = new Map<string, number>();
  /** The first read of the marks, which every call waits for; the timer's later reads are waited for by nobody. */
  #marksRead: Promise<void> | undefined;
  /** Store id → why it takes no appends. */
  readonly #regressed = new Map<string, string>();
  readonly #timer: NodeJS.Timeout | undefined;
  private readonly marks: HighWaterMarks | undefined;

  constructor(
    private readonly inner: EventStore,
    private readonly log: Logger,
    options: RegressionGuardOptions = {},
  ) {
    this.marks = options.marks;
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

  /** Compare every store's log with what this process has seen and the marks (the timer's job; callable by tests). */
  async check(): Promise<void> {
    await this.#readMarks();
    await this.#mergeMarks();
    const ids = new Set([...this.#seen.keys(), ...this.#marks.keys()]);
    await Promise.all(
      [...ids].map(async (id) => {
        if (this.#regressed.has(id)) return;
        const seen = this.#identity.get(id);
        const before = this.#before(id);
        // One query per store: the event at the last seq seen, when nothing higher must be there.
        if (seen && seen.seq >= Math.max(before.seen, before.mark)) {
          const got = await this.inner.read(id, seen.seq - 1, 1);
          if (got.length) this.#verify(id, seen, got, 'the log was checked');
          else await this.lastSeq(id); // shorter than that: it names where the log ends
          return;
        }
        await this.lastSeq(id);
        if (seen && !this.#regressed.has(id)) this.#verify(id, seen, await this.inner.read(id, seen.seq - 1, 1), 'the log was checked');
      }),
    );
  }

  async append(draft: EventDraft, expectedSeq: number): Promise<AppendResult> {
    const { storeId } = draft;
    await this.#readMarks();
    this.#refuse(storeId);
    const before = this.#before(storeId);
    // Behind what was seen, an append can only succeed on a log that went backwards, and would
    // start a second history there: ask where the log ends instead.
    if (expectedSeq < Math.max(before.seen, before.mark)) {
      const currentSeq = await this.lastSeq(storeId);
      this.#refuse(storeId);
      return { status: 'conflict', currentSeq };
    }
    const result = await this.inner.append(draft, expectedSeq);
    if (result.status === 'conflict') this.#compare(storeId, result.currentSeq, before, 'an append conflicted');
    else {
      this.#sawEvent(result.event);
      if (result.status === 'appended') this.#raiseMark(storeId, result.event.seq);
    }
    this.#refuse(storeId);
    return result;
  }

  async read(storeId: string, afterSeq: number, limit?: number): Promise<WorkshopEvent[]> {
    await this.#readMarks();
    if (this.#regressed.has(storeId)) return [];
    // Taken before the query: all of it was in the log before the query began.
    const before = this.#before(storeId);
    const seen = this.#identity.get(storeId);
    // A catch-up from the last event seen reads that event too, to check it is still the same one.
    const withSeen = seen !== undefined && seen.seq === afterSeq && afterSeq > 0 && (limit === undefined || limit > 0);
    const got = await this.inner.read(storeId, withSeen ? afterSeq - 1 : afterSeq, withSeen && limit !== undefined ? limit + 1 : limit);
    if (seen && !this.#verify(storeId, seen, got, 'the log was read')) return [];
    const events = withSeen ? got.filter((e) => e.seq > afterSeq) : got;
    if (events.length) this.#sawEvent(events[events.length - 1]!);
    // A read that stops short of its limit reached the log's end.
    const reachedEnd = limit === undefined || events.length < limit;
    const end = events.at(-1)?.seq ?? afterSeq;
    if (reachedEnd && end < Math.max(before.seen, before.mark)) {
      // Empty, it only says the end is at or before afterSeq: ask where exactly.
      if (events.length) this.#compare(storeId, end, before, 'the log was read');
      else await this.lastSeq(storeId);
    }
    return this.#regressed.has(storeId) ? [] : events;
  }

  async findByKey(storeId: string, key: string): Promise<WorkshopEvent | undefined> {
    const event = await this.inner.findByKey(storeId, key);
    if (event) this.#sawEvent(event);
    return event;
  }

  async lastSeq(storeId: string): Promise<number> {
    // What was seen before asking was committed before the query began, so the answer must reach it.
    await this.#readMarks();
    const before = this.#before(storeId);
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

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.marks?.close();
    return this.inner.close();
  }

  /** What the log must reach: what this process has seen, and the highest seq any process appended. */
  #before(storeId: string): Before {
    return { seen: this.#seen.get(storeId) ?? 0, mark: this.#marks.get(storeId) ?? 0 };
  }

  #saw(storeId: string, seq: number): void {
    if (seq > (this.#seen.get(storeId) ?? 0)) this.#seen.set(storeId, seq);
  }

  #sawEvent(event: WorkshopEvent): void {
    this.#saw(event.storeId, event.seq);
    if (event.seq >= (this.#identity.get(event.storeId)?.seq ?? 0)) this.#identity.set(event.storeId, identityOf(event));
  }

  /**
   * The marks as read at first use, waited for at most MARKS_WAIT_MS: a Redis that hangs must not
   * stop the store (without them, only this process's own memory is checked until the timer's next read).
   */
  #readMarks(): Promise<void> {
    if (!this.marks) return Promise.resolve();
    this.#marksRead ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, MARKS_WAIT_MS);
      void this.#mergeMarks().finally(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.#marksRead;
  }

  async #mergeMarks(): Promise<void> {
    for (const [id, seq] of (await this.marks?.read()) ?? []) if (seq > (this.#marks.get(id) ?? 0)) this.#marks.set(id, seq);
  }

  #raiseMark(storeId: string, seq: number): void {
    if (seq > (this.#marks.get(storeId) ?? 0)) this.#marks.set(storeId, seq);
    this.marks?.raise(storeId, seq);
  }

  /** Whether `events` (a read that starts at or before `seen.seq`) still hold the event seen there. */
  #verify(storeId: string, seen: Identity, events: readonly WorkshopEvent[], when: string): boolean {
    const first = events[0];
    if (!first || first.seq > seen.seq) return true; // not in this read: the length check speaks for it
    const now = events.find((e) => e.seq === seen.seq);
    if (!now || (now.key === seen.key && now.at === seen.at)) return true;
    this.#regress(
      storeId,
      `store ${storeId}: the event at seq ${seen.seq} is not the one this process has seen there ` +
        `(key ${seen.key} at ${seen.at}, now key ${now.key} at ${now.at}; ${when}): the database was restored from an older ` +
        `backup and written to since. Writes to ${storeId} are refused until the log is consistent again and the server is restarted`,
      { storeId, seq: seen.seq, seenKey: seen.key, logKey: now.key },
    );
    return false;
  }

  #compare(storeId: string, logEnd: number, { seen, mark }: Before, when: string): void {
    if (logEnd >= seen && logEnd >= mark) return this.#saw(storeId, logEnd);
    if (logEnd < seen) {
      return this.#regress(
        storeId,
        `store ${storeId}: the event log ends at seq ${logEnd} but this process has already seen seq ${seen} ` +
          `(${when}): the database was emptied or restored from an older backup. Writes to ${storeId} are refused ` +
          'until the log is consistent again and the server is restarted',
        { storeId, logEnd, seen },
      );
    }
    this.#regress(
      storeId,
      `store ${storeId}: the event log ends at seq ${logEnd} but seq ${mark} was appended to it before ` +
        `(the high-water mark in Redis; ${when}): the database was emptied or restored from an older backup. Writes to ${storeId} ` +
        'are refused until the log is consistent again and the server is restarted (or, to accept this log as the true one, ' +
        `delete the mark: HDEL ${this.marks?.key} ${storeId})`,
      { storeId, logEnd, mark },
    );
  }

  #regress(storeId: string, reason: string, fields: object): void {
    if (this.#regressed.has(storeId)) return;
    this.#regressed.set(storeId, reason);
    this.log.error(fields, 'event log went backwards; refusing writes to this store');
  }

  #refuse(storeId: string): void {
    const reason = this.#regressed.get(storeId);
    if (reason) throw new LogRegressedError(reason);
  }
}

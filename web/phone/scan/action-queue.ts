import type { ScanActionInput } from '../../../shared/projections/scan-view';
import type { ScanActionResult } from '../../../shared/projections/scan-view';
import { sendAction, type ApiError } from './scan-api';

/**
 * Every tap becomes a queued action first, stored in IndexedDB, then sent. Online that is
 * immediate; offline it waits, shown as pending, and is sent in order when the network is
 * back. Each action has the id it was given at the tap, sent as Idempotency-Key, so sending
 * it again after a lost answer applies it once. An answer the server refuses (someone else
 * changed the job meanwhile) leaves the queue as a refusal the page shows; nothing is retried
 * against a state it no longer fits.
 */
export interface QueuedAction {
  id: string;
  /** Order of the taps. */
  n: number;
  storeId: string;
  /** Who tapped; sent only while that person is signed in on this device. */
  personId: string;
  token?: string;
  roId: string;
  operationId?: string;
  action: ScanActionInput;
  /** What it is about, for the page's messages (see act-target.ts). */
  roNumber: string;
  opTitle?: string;
  plate?: string;
  /** Queued by an earlier version of the page, which kept only a display label. */
  label?: string;
  queuedAt: number;
}

export type QueueEvent =
  | { kind: 'applied'; item: QueuedAction; result: ScanActionResult }
  | { kind: 'refused'; item: QueuedAction; status: number; error: ApiError }
  | { kind: 'signed-out'; item: QueuedAction }
  | { kind: 'changed' };

const DB = 'tw-scan';
const STORE = 'actions';

/** IndexedDB with an in-memory stand-in where it is not available (some private modes). */
class Storage {
  #db?: Promise<IDBDatabase | undefined>;
  #memory = new Map<string, QueuedAction>();

  #open(): Promise<IDBDatabase | undefined> {
    this.#db ??= new Promise((resolve) => {
      try {
        const req = indexedDB.open(DB, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
    return this.#db;
  }

  async #tx<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
    const db = await this.#open();
    if (!db) return undefined;
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  }

  async all(): Promise<QueuedAction[]> {
    const items = (await this.#tx('readonly', (s) => s.getAll() as IDBRequest<QueuedAction[]>)) ?? [...this.#memory.values()];
    return items.sort((a, b) => a.n - b.n);
  }

  async put(item: QueuedAction): Promise<void> {
    this.#memory.set(item.id, item);
    await this.#tx('readwrite', (s) => s.put(item));
  }

  async delete(id: string): Promise<void> {
    this.#memory.delete(id);
    await this.#tx('readwrite', (s) => s.delete(id));
  }
}

export class ActionQueue {
  readonly #storage = new Storage();
  readonly #listeners = new Set<(e: QueueEvent) => void>();
  #items: QueuedAction[] = [];
  #flushing?: Promise<void>;
  #counter = 0;
  /** The id being sent right now, so the page can show it as "sending". */
  sending?: string;

  /** Read what an earlier visit left queued. */
  async load(): Promise<void> {
    this.#items = await this.#storage.all();
    this.#emit({ kind: 'changed' });
  }

  get items(): readonly QueuedAction[] {
    return this.#items;
  }

  subscribe(listener: (e: QueueEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async add(item: Omit<QueuedAction, 'n' | 'queuedAt'>): Promise<QueuedAction> {
    const now = Date.now();
    const last = this.#items.at(-1)?.n ?? 0;
    const queued: QueuedAction = { ...item, n: Math.max(now * 1000 + (this.#counter++ % 1000), last + 1), queuedAt: now };
    this.#items = [...this.#items, queued];
    await this.#storage.put(queued);
    this.#emit({ kind: 'changed' });
    return queued;
  }

  async discard(id: string): Promise<void> {
    this.#items = this.#items.filter((i) => i.id !== id);
    await this.#storage.delete(id);
    this.#emit({ kind: 'changed' });
  }

  /**
   * Send what is queued, oldest first, one at a time. Stops at the first action that cannot be
   * sent now (no network, or its person is not signed in) so later ones never overtake it.
   */
  flush(signedIn: () => string | undefined): Promise<void> {
    this.#flushing ??= this.#run(signedIn).finally(() => {
      this.#flushing = undefined;
      this.sending = undefined;
    });
    return this.#flushing;
  }

  async #run(signedIn: () => string | undefined): Promise<void> {
    for (;;) {
      const item = this.#items[0];
      if (!item || item.personId !== signedIn()) return;
      this.sending = item.id;
      this.#emit({ kind: 'changed' });
      const answer = await sendAction(item.id, {
        ...(item.token ? { token: item.token } : {}),
        roId: item.roId,
        ...(item.operationId ? { operationId: item.operationId } : {}),
        action: item.action,
      });
      if (!answer.ok && (answer.offline || answer.status >= 500 || answer.status === 429)) return;
      if (!answer.ok && answer.status === 401) {
        this.#emit({ kind: 'signed-out', item });
        return;
      }
      await this.#storage.delete(item.id);
      this.#items = this.#items.filter((i) => i.id !== item.id);
      this.#emit(answer.ok ? { kind: 'applied', item, result: answer.data } : { kind: 'refused', item, status: answer.status, error: answer.error });
    }
  }

  #emit(e: QueueEvent): void {
    for (const listener of this.#listeners) listener(e);
  }
}

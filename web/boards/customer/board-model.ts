import type { RoStage } from '../../../shared/domain/repair-order';
import type { CustomerRow } from '../../../shared/projections/views';

/**
 * Pure rules of the customer board: which cars go where, in what order, how they are paged,
 * and which ones just became ready. No DOM, so Node tests cover them (board-model.test.ts).
 */

/** The five steps a customer sees. `waiting_dispatch` is shown as the first step. */
export const STEPS = ['checked_in', 'in_service', 'quality_check', 'washing', 'ready'] as const;
export type Step = (typeof STEPS)[number];

const STEP_OF: Partial<Record<RoStage, number>> = {
  checked_in: 0,
  waiting_dispatch: 0,
  in_service: 1,
  quality_check: 2,
  washing: 3,
  ready: 4,
};

/** 0…4 along STEPS; stages the board never shows count as the first step. */
export const stepIndex = (stage: RoStage): number => STEP_OF[stage] ?? 0;

const timeOf = (iso?: string) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);
/** When the car is expected: the live ETA when there is one, else the promise. */
export const expectedAt = (row: CustomerRow): string | undefined => row.etaAt ?? row.promisedAt;

/**
 * Workshop order: furthest along first (washing, QC, in service, then the cars still waiting),
 * and within a step the earliest expected time first. Customers read the board top-down for
 * "is mine next?", so the cars about to be handed over sit at the top; a car that just arrived
 * is at the bottom, where its owner expects it. Ties fall back to arrival and id so the order
 * never flickers between two updates.
 */
export const compareWorkshop = (a: CustomerRow, b: CustomerRow): number =>
  stepIndex(b.stage) - stepIndex(a.stage) ||
  timeOf(expectedAt(a)) - timeOf(expectedAt(b)) ||
  timeOf(a.stageSince) - timeOf(b.stageSince) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Ready cars: the most recently finished first, so a car that was just called is on top. */
export const compareReady = (a: CustomerRow, b: CustomerRow): number =>
  timeOf(b.readyAt ?? b.stageSince) - timeOf(a.readyAt ?? a.stageSince) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Split the board's rows into the workshop list and the pickup list, each sorted. */
export function splitRows(rows: readonly CustomerRow[]): { workshop: CustomerRow[]; ready: CustomerRow[] } {
  const workshop: CustomerRow[] = [];
  const ready: CustomerRow[] = [];
  for (const row of rows) (row.stage === 'ready' ? ready : workshop).push(row);
  return { workshop: workshop.sort(compareWorkshop), ready: ready.sort(compareReady) };
}

/**
 * How many rows fit: never fewer than one, and never a row shorter than `minRowPx` — text is
 * not shrunk to fit more cars; the board pages instead.
 */
export function rowsPerPage(availablePx: number, minRowPx: number, gapPx = 0): number {
  if (!(availablePx > 0) || !(minRowPx > 0)) return 1;
  return Math.max(1, Math.floor((availablePx + gapPx) / (minRowPx + gapPx)));
}

export const pageCount = (total: number, perPage: number): number => Math.max(1, Math.ceil(total / Math.max(1, perPage)));

/** The rows on one page (page is clamped, so a shrinking list never shows an empty page). */
export function pageSlice<T>(rows: readonly T[], perPage: number, page: number): T[] {
  const per = Math.max(1, perPage);
  const p = clampPage(page, pageCount(rows.length, per));
  return rows.slice(p * per, p * per + per);
}

export const clampPage = (page: number, pages: number): number => (page >= 0 && page < pages ? page : 0);
export const nextPage = (page: number, pages: number): number => (pages <= 1 ? 0 : (clampPage(page, pages) + 1) % pages);

/** A car that appears already ready counts as "just ready" only if it finished this recently. */
const FRESH_READY_MS = 2 * 60_000;

/**
 * Notices cars whose stage changes to ready while the board runs. The first snapshot only
 * seeds it: cars already waiting at the desk are not announced again when a screen restarts.
 * It remembers the stage of the cars currently on the board and nothing else, so its memory
 * follows the board, not the length of the day.
 */
export class ReadyWatcher {
  #stages = new Map<string, RoStage>();
  #seeded = false;

  /** Ids of rows that became ready since the last call, in the order given. */
  observe(rows: readonly CustomerRow[], now: number): string[] {
    const next = new Map<string, RoStage>();
    const became: string[] = [];
    for (const row of rows) {
      next.set(row.id, row.stage);
      if (!this.#seeded || row.stage !== 'ready') continue;
      const before = this.#stages.get(row.id);
      const freshArrival = before === undefined && row.readyAt !== undefined && now - Date.parse(row.readyAt) < FRESH_READY_MS;
      if ((before !== undefined && before !== 'ready') || freshArrival) became.push(row.id);
    }
    this.#stages = next;
    this.#seeded = true;
    return became;
  }

  get size(): number {
    return this.#stages.size;
  }
}

/**
 * Cars waiting for their call-out, first in first out, each shown once. Bounded: if a burst
 * makes more cars ready than could be called in a reasonable time, the oldest calls are dropped
 * (they are still listed in the pickup area).
 */
export class CalloutQueue {
  #items: string[] = [];
  constructor(readonly limit = 8) {}

  push(...ids: string[]): void {
    for (const id of ids) if (!this.#items.includes(id)) this.#items.push(id);
    if (this.#items.length > this.limit) this.#items.splice(0, this.#items.length - this.limit);
  }

  /** The next id, removed from the queue. */
  shift(): string | undefined {
    return this.#items.shift();
  }

  /** Forget cars that are no longer ready (collected, or sent back) before their turn. */
  retain(stillReady: (id: string) => boolean): void {
    this.#items = this.#items.filter(stillReady);
  }

  get length(): number {
    return this.#items.length;
  }

  /** The waiting ids in the order they will be called (the call-out lists them). */
  get ids(): readonly string[] {
    return this.#items;
  }
}

/** What the time column says. */
export type TimeInfo = { kind: 'parts'; partsEta?: string; eta?: string } | { kind: 'eta'; eta: string; promised?: string } | { kind: 'unknown' };

/** Later than promised by at least this much before the board shows the original promise. */
const SHOW_PROMISE_AFTER_MS = 5 * 60_000;

export function timeInfo(row: CustomerRow): TimeInfo {
  const eta = expectedAt(row);
  if (row.partsWait) return { kind: 'parts', partsEta: row.partsWait.eta, eta };
  if (!eta) return { kind: 'unknown' };
  const late = row.promisedAt && Date.parse(eta) - Date.parse(row.promisedAt) >= SHOW_PROMISE_AFTER_MS;
  return late ? { kind: 'eta', eta, promised: row.promisedAt } : { kind: 'eta', eta };
}

/**
 * A masked plate as a voice should read it: characters one by one, the hidden ones skipped
 * with a pause. English voices cannot read the province character, so it is left out for them.
 */
export function spokenPlate(plate: string, locale: 'zh-CN' | 'en'): string {
  const parts = plate.replace(/·/g, '').split(/\*+/).filter(Boolean);
  const spell = (s: string) => [...s].filter((c) => locale === 'zh-CN' || /[A-Za-z0-9]/.test(c)).join(' ');
  return parts
    .map(spell)
    .filter(Boolean)
    .join(locale === 'zh-CN' ? '，' : ', ');
}

/** New-energy plates (eight characters) are green in China; ordinary car plates are blue. */
export const plateKind = (plate: string, country: string): 'nev' | 'regular' | 'other' =>
  country !== 'CN' ? 'other' : plate.replace(/·/g, '').length >= 8 ? 'nev' : 'regular';

/** `YYYY-MM-DD` of an instant in a time zone, to tell "today" from another day. */
export { localDate as localDay } from '../../../shared/domain/local-date';

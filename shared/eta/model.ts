import type { Operation, RepairOrder, RoStage } from '../domain/repair-order';
import { workedMsAt } from '../domain/stages';
import type { Technician } from '../domain/people';
import type { Bay, CatalogueItem } from '../domain/shop';

/**
 * The live ETA of every open repair order, from the workshop's state alone (pure: no clock, no
 * I/O, no zod — the server computes it, the projections carry it, and boards only show it).
 *
 * The model plays the floor forward: each repair bay is free once the car holding it has done its
 * remaining work (standard hours × the technician's pace, less the time already worked; a parts
 * wait holds its bay until the part's ETA); cars waiting for a bay take the first free bay of the
 * kind their job needs, in the order they checked in; then quality check and wash take their
 * typical times. p80 widens p50 by a share of the time still to go. Figures are rounded up to
 * five minutes, so every screen shows the very same time and it does not flicker.
 */

export interface Eta {
  /** Half the cars like this one are ready by then. */
  p50: string;
  /** Four in five are ready by then. */
  p80: string;
  /** When work on the car is expected to start (cars not yet started only). */
  startsAt?: string;
  /** Cars ahead of this one in the queue for its first bay (cars not yet started only). */
  carsAhead?: number;
  /** Whole minutes p50 lies past the advisor's promise (only when it does). */
  lateMinutes?: number;
}

/** What the model learns from recent history (or is configured with until history exists). */
export interface EtaRates {
  /** Worked time / standard time of the store's recent work (1 = to the book). */
  storePace: number;
  /** The same per technician, for those with enough recent work. */
  techPace: Record<string, number>;
  /** Typical minutes from check-in to being sent to the workshop. */
  checkInMinutes: number;
  qcMinutes: number;
  washMinutes: number;
}

export interface EtaTuning {
  /** Share of an operation's expected time still assumed left once it has run past it. */
  overrunShare: number;
  /** Minutes a parts wait is assumed to last beyond an ETA already passed (or with no ETA). */
  lateParts: number;
  /** Minutes an approval or break pause is assumed to last. */
  otherPause: number;
  /** p80 = p50 + spreadShare × (p50 − now) + spreadMinutes. */
  spreadShare: number;
  spreadMinutes: number;
}

/** Chosen with `npm run bench:eta -- --grid` on seeds 1–3 (BENCHMARKS.md), reported on others. */
export const DEFAULT_TUNING: EtaTuning = { overrunShare: 0.15, lateParts: 20, otherPause: 10, spreadShare: 0.1, spreadMinutes: 5 };

export const DEFAULT_RATES: EtaRates = { storePace: 1, techPace: {}, checkInMinutes: 10, qcMinutes: 15, washMinutes: 20 };

export interface EtaFloor {
  bays: readonly Pick<Bay, 'id' | 'kind'>[];
  catalogue: readonly Pick<CatalogueItem, 'code' | 'bayKind'>[];
  /** Who can do the work (a job needs a bay and a technician with its skill); none configured = bays alone. */
  technicians?: readonly Pick<Technician, 'id' | 'skills' | 'roles'>[];
}

const MINUTE = 60_000;
const ROUND_MS = 5 * MINUTE;
/** Bays that do the repair work; washing and inspection come after it. */
const NON_REPAIR = new Set(['wash', 'inspection']);
/** Stages with work still ahead of the car; a ready car's time is its readyAt. */
export const ETA_STAGES: readonly RoStage[] = ['checked_in', 'waiting_dispatch', 'in_service', 'quality_check', 'washing'];
const ORDER: Record<Operation['status'], number> = { in_progress: 0, paused: 1, assigned: 2, unassigned: 3, done: 4 };

const arrivedAt = (ro: RepairOrder) => Date.parse(ro.checkedInAt ?? ro.createdAt);
const roundUp = (ms: number) => Math.ceil(ms / ROUND_MS) * ROUND_MS;

/** Expected work left on one operation (ms), and when it can go on at the earliest. */
export function workLeft(op: Operation, rates: EtaRates, tuning: EtaTuning, now: number): { ms: number; notBefore: number } {
  if (op.status === 'done') return { ms: 0, notBefore: now };
  const pace = (op.technicianId && rates.techPace[op.technicianId]) || rates.storePace;
  const expected = op.standardHours * 3_600_000 * pace;
  const ms = Math.max(expected - workedMsAt(op, now), expected * tuning.overrunShare);
  if (op.status !== 'paused') return { ms, notBefore: now };
  if (op.pause?.reason === 'parts') {
    const eta = op.pause.eta ? Date.parse(op.pause.eta) : NaN;
    return { ms, notBefore: eta > now ? eta : now + tuning.lateParts * MINUTE };
  }
  return { ms, notBefore: now + tuning.otherPause * MINUTE };
}

/** ETAs of every open repair order in `ros`, keyed by its id. */
export function estimateEtas(ros: Iterable<RepairOrder>, floor: EtaFloor, rates: EtaRates, now: number, tuning: EtaTuning = DEFAULT_TUNING): Map<string, Eta> {
  const kindOf = new Map(floor.catalogue.map((c) => [c.code, c.bayKind]));
  const repairBays = floor.bays.filter((b) => !NON_REPAIR.has(b.kind));
  const freeAt = new Map(repairBays.map((b) => [b.id, now]));
  const techs = (floor.technicians ?? []).filter((t) => t.roles.includes('technician') && !(t.skills.length === 1 && NON_REPAIR.has(t.skills[0])));
  /**
   * Each technician's booked work, as intervals: a job waiting two hours for its bay books its
   * technician from then, not from now, so the gap before it is still free for other work.
   */
  const booked = new Map<string, [number, number][]>(techs.map((t) => [t.id, []]));
  /** The earliest start at or after `from` when `tech` is free for `ms`. */
  const fit = (tech: string, from: number, ms: number): number => {
    let t = from;
    for (const [s, e] of booked.get(tech)!) if (t < e && t + ms > s) t = e;
    return t;
  };
  const book = (tech: string, start: number, end: number) => {
    const list = booked.get(tech)!;
    list.push([start, end]);
    list.sort((x, y) => x[0] - y[0]);
  };
  /** The technician who can start this job soonest from `from`: its own, else the one with the skill free first. */
  const techFor = (op: Operation, kind: string, from: number, ms: number): { tech?: string; at: number } => {
    if (op.technicianId) return booked.has(op.technicianId) ? { tech: op.technicianId, at: fit(op.technicianId, from, ms) } : { at: from };
    let best: { tech?: string; at: number } = { at: from };
    for (const t of techs) {
      if (t.skills.length && !t.skills.includes(kind)) continue;
      const at = fit(t.id, from, ms);
      if (best.tech === undefined || at < best.at) best = { tech: t.id, at };
    }
    return best;
  };
  const out = new Map<string, Eta>();
  const open = [...ros].filter((ro) => ETA_STAGES.includes(ro.stage));
  // Cars already holding a bay (work running, paused or assigned there) go first; then the queue, first come first served.
  const rank = (ro: RepairOrder) => Math.min(...ro.operations.map((o) => ORDER[o.status]), 4);
  open.sort((a, b) => rank(a) - rank(b) || arrivedAt(a) - arrivedAt(b));

  const kindOfBay = new Map(repairBays.map((b) => [b.id, b.kind as string]));
  /** The kind of bay a job of this kind is done in (a kind the store lacks goes to a general bay). */
  const bayKindFor = (kind: string) => (repairBays.some((b) => b.kind === kind) ? kind : 'general');
  const baysFor = (op: Operation) => {
    if (op.bayId && freeAt.has(op.bayId)) return [op.bayId];
    const kind = kindOf.get(op.code) ?? 'general';
    const ofKind = repairBays.filter((b) => b.kind === kind);
    return (ofKind.length ? ofKind : repairBays.filter((b) => b.kind === 'general')).map((b) => b.id);
  };

  for (const ro of open) {
    const tail = (ro.wash ? rates.washMinutes : 0) * MINUTE;
    let repairDone: number;
    let startsAt: number | undefined;
    let carsAhead: number | undefined;
    if (ro.stage === 'quality_check') {
      repairDone = now + Math.max(rates.qcMinutes * MINUTE - (now - Date.parse(ro.stageSince)), (rates.qcMinutes * MINUTE) / 2);
    } else if (ro.stage === 'washing') {
      repairDone = now - rates.qcMinutes * MINUTE;
    } else {
      const started = ro.operations.some((o) => o.status === 'in_progress' || o.status === 'paused' || o.startedAt);
      const sentAt = ro.stage === 'checked_in' ? now + Math.max(rates.checkInMinutes * MINUTE - (now - Date.parse(ro.stageSince)), 0) : now;
      // The bays this car holds (its jobs assigned, running or paused there): another job of the same
      // kind follows in that bay; a job at a bay of another kind goes on beside it, as the floor does.
      const held = new Map<string, string>();
      for (const o of ro.operations)
        if (o.status !== 'done' && o.status !== 'unassigned' && o.bayId && freeAt.has(o.bayId)) held.set(kindOfBay.get(o.bayId)!, o.bayId);
      let done = sentAt;
      // A bay holds one car, but the car's own jobs there may go on side by side (two technicians
      // on one car): the car waits for the cars before it in a bay, not for itself.
      const before = new Map(freeAt);
      const ops = ro.operations.filter((o) => o.status !== 'done').sort((a, b) => ORDER[a.status] - ORDER[b.status]);
      for (const op of ops) {
        const left = workLeft(op, rates, tuning, now);
        const kind = kindOf.get(op.code) ?? 'general';
        const own = op.bayId && freeAt.has(op.bayId) ? op.bayId : held.get(bayKindFor(kind));
        const candidates = own ? [own] : baysFor(op);
        const bay = candidates.reduce((best, id) => ((before.get(id) ?? now) < (before.get(best) ?? now) ? id : best), candidates[0]);
        if (bay !== undefined) held.set(kindOfBay.get(bay)!, bay);
        const bayReady = op.status === 'in_progress' ? now : Math.max(sentAt, left.notBefore, bay === undefined ? now : (before.get(bay) ?? now));
        // A running job has its technician now; a paused or waiting one starts when its technician is free.
        const { tech, at: start } =
          op.status === 'in_progress'
            ? { tech: op.technicianId && booked.has(op.technicianId) ? op.technicianId : undefined, at: bayReady }
            : techFor(op, kind, bayReady, left.ms);
        if (!started && (startsAt === undefined || start < startsAt)) {
          startsAt = start;
          carsAhead = open.filter(
            (other) =>
              other !== ro &&
              other.stage !== 'quality_check' &&
              other.stage !== 'washing' &&
              arrivedAt(other) <= arrivedAt(ro) &&
              other.operations.some(
                (o) => o.status !== 'done' && (bay === undefined || baysFor(o).includes(bay)) && (o.status === 'unassigned' || o.status === 'assigned'),
              ),
          ).length;
        }
        const end = start + left.ms;
        done = Math.max(done, end);
        if (bay !== undefined) freeAt.set(bay, Math.max(freeAt.get(bay) ?? now, end));
        if (tech !== undefined) book(tech, start, end);
      }
      repairDone = done;
    }
    const p50 =
      ro.stage === 'washing'
        ? now + Math.max(rates.washMinutes * MINUTE - (now - Date.parse(ro.stageSince)), (rates.washMinutes * MINUTE) / 2)
        : repairDone + (ro.stage === 'quality_check' ? 0 : rates.qcMinutes * MINUTE) + tail;
    const p80 = p50 + tuning.spreadShare * (p50 - now) + tuning.spreadMinutes * MINUTE;
    const eta: Eta = { p50: new Date(roundUp(p50)).toISOString(), p80: new Date(roundUp(p80)).toISOString() };
    if (startsAt !== undefined) {
      eta.startsAt = new Date(roundUp(startsAt)).toISOString();
      eta.carsAhead = carsAhead ?? 0;
    }
    const late = ro.promisedAt ? Math.round((roundUp(p50) - Date.parse(ro.promisedAt)) / MINUTE) : 0;
    if (late > 0) eta.lateMinutes = late;
    out.set(ro.id, eta);
  }
  return out;
}

/** Two ETAs show the same on every screen. */
export const sameEta = (a: Eta | undefined, b: Eta | undefined) =>
  a?.p50 === b?.p50 && a?.p80 === b?.p80 && a?.startsAt === b?.startsAt && a?.carsAhead === b?.carsAhead && a?.lateMinutes === b?.lateMinutes;

import type { RoStage } from '../../../shared/domain/repair-order';
import type { PartsWaitLine, TrackingRo, TrackingView } from '../../../shared/projections/views';

/**
 * Reading a tracking view the way the customer's page needs it: the one car, where it is on the
 * five steps a customer cares about, what it is waiting for, and one merged story of the visit.
 */

export const carOf = (view: TrackingView | undefined): TrackingRo | undefined =>
  view ? (view.entries[`ro:${view.header.roId}`] as TrackingRo | undefined) : undefined;

/** The steps shown to the customer; waiting for a bay counts as part of check-in. */
export const STEPS = ['checked_in', 'in_service', 'quality_check', 'washing', 'ready'] as const;
export type Step = (typeof STEPS)[number];

const STEP_OF: Partial<Record<RoStage, Step>> = {
  checked_in: 'checked_in',
  waiting_dispatch: 'checked_in',
  in_service: 'in_service',
  quality_check: 'quality_check',
  washing: 'washing',
  ready: 'ready',
  delivered: 'ready',
};

/** Index of the current step (-1 before check-in); every step before it is done. */
export const stepIndex = (stage: RoStage): number => {
  const step = STEP_OF[stage];
  return step ? STEPS.indexOf(step) + (stage === 'delivered' ? 1 : 0) : -1;
};

/** What the car is waiting for, in the customer's terms. */
export type Waiting = { kind: 'parts'; part: string; eta?: string } | { kind: 'approval' } | undefined;

export function waitingFor(ro: TrackingRo): Waiting {
  if (ro.stage !== 'in_service' && ro.stage !== 'checked_in' && ro.stage !== 'waiting_dispatch') return undefined;
  const parts = ro.operations.find((o) => o.status === 'paused' && o.pause?.reason === 'parts');
  if (parts?.pause?.reason === 'parts') return { kind: 'parts', part: parts.pause.part, ...(parts.pause.eta ? { eta: parts.pause.eta } : {}) };
  if (ro.operations.some((o) => o.status === 'paused' && o.pause?.reason === 'approval')) return { kind: 'approval' };
  return undefined;
}

export type Happening =
  | { at: string; kind: 'stage'; stage: RoStage; rework: boolean }
  | { at: string; kind: 'started' | 'finished'; title: string }
  | { at: string; kind: 'paused' | 'resumed'; title: string; part: string };

/** Stage changes, each job's start and finish, and its parts waits (read apart, see tracking-waits), newest first. */
export function storyOf(ro: TrackingRo, waits: readonly PartsWaitLine[] = []): Happening[] {
  const items: Happening[] = ro.timeline.map((e) => ({ at: e.at, kind: 'stage', stage: e.stage, rework: !!e.note?.startsWith('rework') }));
  for (const w of waits) items.push({ at: w.at, kind: w.kind, title: w.title, part: w.part });
  for (const op of ro.operations) {
    if (op.startedAt) items.push({ at: op.startedAt, kind: 'started', title: op.title });
    if (op.finishedAt) items.push({ at: op.finishedAt, kind: 'finished', title: op.title });
  }
  // "Work started" and the first job's start happen at the same moment: keep the job.
  const starts = new Set(items.filter((i) => i.kind === 'started').map((i) => i.at));
  return items
    .filter((i) => !(i.kind === 'stage' && i.stage === 'in_service' && !i.rework && starts.has(i.at)))
    .sort((a, b) => b.at.localeCompare(a.at) || rank(a) - rank(b));
}

// At the same instant, the later thing in a visit's life goes first (newest first).
const rank = (h: Happening) => (h.kind === 'stage' ? 0 : h.kind === 'finished' ? 1 : h.kind === 'started' ? 3 : 2);

/** The time to show as "expected ready", and whether a parts wait pushed it past the promise. */
export function etaOf(ro: TrackingRo): { at?: string; later: boolean } {
  const at = ro.etaAt ?? ro.promisedAt;
  const later = !!(ro.etaAt && ro.promisedAt && Date.parse(ro.etaAt) > Date.parse(ro.promisedAt));
  return { at, later };
}

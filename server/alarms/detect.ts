import type { Alarm, AlarmKind } from '../../shared/domain/alarm';
import { localDate, localDayStart } from '../../shared/domain/local-date';
import type { Shift } from '../../shared/domain/people';
import type { Operation, RepairOrder } from '../../shared/domain/repair-order';
import { TERMINAL_STAGES } from '../../shared/domain/stages';
import type { Store } from '../../shared/domain/shop';
import type { CommandOf } from '../../shared/workflow/commands';
import { WORK_STAGES, type WorkshopState } from '../../shared/workflow/rules';

/**
 * What the alarm detector looks for, as a pure function of the state, the store's config and the
 * time. Each possible incident is a *candidate* with a stable id and the instant it triggers:
 * a candidate whose trigger has passed should be raised; an open alarm whose id is no longer a
 * candidate is resolved (the operation finished, the car left the stage, the part arrived, the
 * call was answered). A candidate stays one while its incident lasts, even when its threshold
 * moves (a limit learned from history), so an alarm never flaps.
 */

export type AlarmDraft = CommandOf<'raiseAlarm'>['alarm'];
export interface Candidate {
  alarm: Omit<AlarmDraft, 'since'>;
  /** When it fires (ms); Infinity when no threshold is known. */
  trigger: number;
}

/** A stage's limit for a car, learned from history (minutes), when there is one. */
export type LearnedLimit = (storeId: string, stage: string, serviceKey: string) => number | undefined;

/** The service a visit is, for learning its limits: its set of operation codes (as history keeps it). */
export const serviceKeyOf = (ro: Pick<RepairOrder, 'operations'>): string => [...new Set(ro.operations.map((o) => o.code))].sort().join(',');

const MIN = 60_000;
const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The shift a technician works: their own, their team's, else the store's opening hours. */
export function shiftOf(store: Store, technicianId: string | undefined): Shift {
  const tech = technicianId ? store.technicians.find((t) => t.id === technicianId) : undefined;
  const team = tech ? store.teams.find((t) => t.id === tech.teamId) : undefined;
  return tech?.shift ?? team?.shift ?? { start: store.openingHours.open, end: store.openingHours.close };
}

/**
 * The first end of `shift` after `fromMs`, store-local. A clock started after the day's shift
 * ended is overtime someone chose; it is watched against the next shift's end.
 */
export function shiftEndAfter(shift: Shift, fromMs: number, timeZone: string): number {
  const start = clockMinutes(shift.start);
  let end = clockMinutes(shift.end);
  if (end <= start) end += 24 * 60; // ends the next day
  // The shift that began the day before may still be running (a night shift).
  const day = localDate(fromMs - 24 * 60 * MIN, timeZone);
  let dayStart = localDayStart(day, timeZone);
  for (let i = 0; i < 4; i++) {
    const endMs = dayStart + end * MIN;
    if (endMs > fromMs) return endMs;
    dayStart = localDayStart(localDate(dayStart + 36 * 60 * MIN, timeZone), timeZone);
  }
  return Infinity;
}

/** The bay a car's alarm belongs to: where it is worked on now, else where its open work is. */
const bayOf = (ro: RepairOrder): string | undefined =>
  ro.operations.find((o) => o.status === 'in_progress' && o.bayId)?.bayId ??
  ro.operations.find((o) => o.status !== 'done' && o.bayId)?.bayId ??
  [...ro.operations].reverse().find((o) => o.bayId)?.bayId;

const opRefs = (ro: RepairOrder, op: Operation) => ({
  roId: ro.id,
  operationId: op.id,
  ...(op.bayId ? { bayId: op.bayId } : {}),
  ...(op.technicianId ? { technicianId: op.technicianId } : {}),
});

/** Every incident the state holds now, raised or not, with when it triggers. */
export function candidates(state: WorkshopState, store: Store, now: number, learned?: LearnedLimit): Candidate[] {
  const out: Candidate[] = [];
  const cfg = store.alarms;
  const push = (kind: AlarmKind, id: string, trigger: number, rest: Omit<AlarmDraft, 'id' | 'kind' | 'since'>) =>
    out.push({ alarm: { id: `${kind}:${id}`, kind, ...rest }, trigger });

  for (const ro of state.ros.values()) {
    if (TERMINAL_STAGES.includes(ro.stage) || ro.stage === 'scheduled') continue;

    // A car in any stage past its limit: learned from this service's history, else configured.
    const fromHistory = cfg.stageLimitsFromHistory ? learned?.(store.id, ro.stage, serviceKeyOf(ro)) : undefined;
    const configured = store.stageLimitsMinutes[ro.stage];
    const limit = fromHistory ?? configured;
    const bayId = bayOf(ro);
    push('stage_overdue', `${ro.id}:${ro.stage}:${ro.stageSince}`, limit ? Date.parse(ro.stageSince) + limit * MIN : Infinity, {
      roId: ro.id,
      stage: ro.stage,
      ...(bayId ? { bayId } : {}),
      ...(limit ? { limitMinutes: Math.max(0.1, Math.round(limit * 10) / 10), limitFrom: fromHistory ? ('history' as const) : ('config' as const) } : {}),
    });

    if (!WORK_STAGES.includes(ro.stage)) continue;
    for (const op of ro.operations) {
      // Work past factor × its standard hours; the round of rework makes a new incident. A paused
      // operation crossed it while it ran, at a moment no longer known: it counts from now.
      if (op.status === 'in_progress' || op.status === 'paused') {
        const thresholdMs = cfg.overrunFactor * op.standardHours * 3600_000;
        const overAt = op.runningSince ? Date.parse(op.runningSince) + (thresholdMs - op.workedMs) : op.workedMs > thresholdMs ? now : Infinity;
        push('op_overrun', `${ro.id}:${op.id}:${op.reworks}`, overAt, { ...opRefs(ro, op), standardHours: op.standardHours, factor: cfg.overrunFactor });
      }
      // A clock still running after its technician's shift (a forgotten clock-out).
      if (op.status === 'in_progress' && op.runningSince) {
        const end = shiftEndAfter(shiftOf(store, op.technicianId), Date.parse(op.runningSince), store.timezone);
        push('clock_after_shift', `${ro.id}:${op.id}:${op.runningSince}`, end + cfg.clockGraceMinutes * MIN, {
          ...opRefs(ro, op),
          ...(Number.isFinite(end) ? { shiftEnd: new Date(end).toISOString() } : {}),
        });
      }
      // A part that should have arrived by now.
      if (op.status === 'paused' && op.pause?.reason === 'parts' && op.pause.eta)
        push('parts_overdue', `${ro.id}:${op.id}:${op.pause.eta}`, Date.parse(op.pause.eta), {
          ...opRefs(ro, op),
          part: op.pause.part,
          eta: op.pause.eta,
        });
    }
  }
  for (const call of state.calls?.values() ?? []) push('call_unanswered', call.id, Date.parse(call.at) + cfg.callUnansweredMinutes * MIN, { callId: call.id });
  return out;
}

export interface AlarmPlan {
  raise: AlarmDraft[];
  clear: { alarm: Alarm; reason: 'resolved' }[];
}

/** What to raise and what to clear now, given the open alarms. */
export function planAlarms(state: WorkshopState, store: Store, now: number, learned?: LearnedLimit): AlarmPlan {
  const all = candidates(state, store, now, learned);
  const ids = new Set(all.map((c) => c.alarm.id));
  const open = state.alarms ?? new Map<string, Alarm>();
  const raise = all.filter((c) => c.trigger <= now && !open.has(c.alarm.id)).map((c): AlarmDraft => ({ ...c.alarm, since: new Date(c.trigger).toISOString() }));
  const clear = [...open.values()].filter((a) => !ids.has(a.id)).map((alarm) => ({ alarm, reason: 'resolved' as const }));
  return { raise, clear };
}

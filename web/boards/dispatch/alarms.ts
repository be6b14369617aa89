import type { AdvisorCall } from '../../../shared/domain/advisor-call';
import type { Alarm as ServerAlarm, AlarmKind } from '../../../shared/domain/alarm';
import type { StaffRo, StaffView } from '../../../shared/projections/views';
import { promiseState } from '../../common/promise';
import { TERMINAL_STAGES } from '../../common/workflow-rules';

/**
 * One row of the alarm list: a car past its promised time (the board sees that itself), or an
 * anomaly the server raised (`alarm:<id>` entries: over standard time, a clock after the shift,
 * a stage over its limit, a part overdue, a call unanswered). `ro` is the car it is about.
 */
export type Alarm =
  | { kind: 'promise'; key: string; ro: StaffRo; overMs: number }
  | { kind: AlarmKind; key: string; alarm: ServerAlarm; ro?: StaffRo; call?: AdvisorCall; overMs: number };
export type BoardAlarmKind = Alarm['kind'];

/** The order kinds are counted in: what a dispatcher must walk to first. */
export const ALARM_ORDER: readonly BoardAlarmKind[] = ['call_unanswered', 'clock_after_shift', 'op_overrun', 'parts_overdue', 'stage_overdue', 'promise'];

const isServerAlarm = (e: unknown): e is ServerAlarm =>
  !!e && typeof e === 'object' && typeof (e as ServerAlarm).kind === 'string' && typeof (e as ServerAlarm).since === 'string';

/** The open alarms the server raised, in a staff view. */
export const serverAlarmsOf = (view: StaffView | undefined): ServerAlarm[] =>
  Object.entries(view?.entries ?? {})
    .filter(([key, e]) => key.startsWith('alarm:') && isServerAlarm(e))
    .map(([, e]) => e as ServerAlarm);

/**
 * The alarm list: the server's open alarms, and cars past their promise and not ready. A car not
 * yet arrived (scheduled) is a late appointment, not a late repair. Longest open first.
 */
export function buildAlarms(ros: readonly StaffRo[], raised: readonly ServerAlarm[], now: number, calls: readonly AdvisorCall[] = []): Alarm[] {
  const alarms: Alarm[] = [];
  const byId = new Map(ros.map((ro) => [ro.id, ro]));
  const callById = new Map(calls.map((c) => [c.id, c]));
  for (const ro of ros) {
    if (TERMINAL_STAGES.includes(ro.stage) || ro.stage === 'scheduled') continue;
    const promise = promiseState(ro, now);
    if (promise.kind === 'over') alarms.push({ kind: 'promise', key: `promise:${ro.id}`, ro, overMs: promise.overMs });
  }
  for (const alarm of raised) {
    alarms.push({
      kind: alarm.kind,
      key: `alarm:${alarm.id}`,
      alarm,
      overMs: Math.max(0, now - Date.parse(alarm.since)),
      ...(alarm.roId && byId.has(alarm.roId) ? { ro: byId.get(alarm.roId) } : {}),
      ...(alarm.callId && callById.has(alarm.callId) ? { call: callById.get(alarm.callId) } : {}),
    });
  }
  return alarms.sort((a, b) => b.overMs - a.overMs || a.key.localeCompare(b.key));
}

/** How many of each kind, in ALARM_ORDER, kinds with none left out. */
export function countByKind(alarms: readonly Alarm[]): { kind: BoardAlarmKind; count: number }[] {
  const counts = new Map<BoardAlarmKind, number>();
  for (const a of alarms) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return ALARM_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
}

import type { Store } from '../../../shared/domain/shop';
import type { Alarm } from './alarms';
import type { BoardText } from './board-text';

/** What one alarm says, in the board's words (names from the store's directory). */
export function describeAlarm(a: Alarm, text: BoardText, store: Pick<Store, 'technicians'> | undefined, now: number): string {
  const { t, c, duration, time } = text;
  if (a.kind === 'promise') return t('alarm.promise', { dur: duration(a.overMs) });
  const s = a.alarm;
  const op = a.ro?.operations.find((o) => o.id === s.operationId);
  switch (a.kind) {
    case 'op_overrun': {
      const worked = op ? op.workedMs + (op.runningSince ? Math.max(0, now - Date.parse(op.runningSince)) : 0) : 0;
      return t('alarm.op_overrun', { title: op?.title ?? '', dur: duration(worked), std: s.standardHours ?? op?.standardHours ?? '' });
    }
    case 'clock_after_shift': {
      const tech = store?.technicians.find((x) => x.id === s.technicianId)?.name ?? s.technicianId ?? '';
      return t('alarm.clock_after_shift', {
        tech,
        end: s.shiftEnd ? time(s.shiftEnd) : '',
        dur: duration(s.shiftEnd ? now - Date.parse(s.shiftEnd) : a.overMs),
      });
    }
    case 'stage_overdue': {
      const inStage = a.ro && a.ro.stage === s.stage ? now - Date.parse(a.ro.stageSince) : a.overMs + (s.limitMinutes ?? 0) * 60_000;
      const stage = c(`stage.${s.stage ?? 'in_service'}` as 'stage.in_service');
      const limit = s.limitFrom === 'history' ? `${s.limitMinutes} ${t('alarm.learned')}` : (s.limitMinutes ?? '');
      return t('alarm.stage', { stage, dur: duration(inStage), limit });
    }
    case 'parts_overdue':
      return t('alarm.parts_overdue', { part: s.part ?? '', eta: s.eta ? time(s.eta) : '', dur: duration(a.overMs) });
    case 'call_unanswered': {
      const since = a.call ? Date.parse(a.call.at) : Date.parse(s.since);
      return t('alarm.call_unanswered', { kiosk: a.call?.kioskId ?? s.callId ?? '', dur: duration(now - since) });
    }
  }
}

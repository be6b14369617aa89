import type { CommandOf } from './commands';
import { fact, type FactOf } from './facts';
import { compact, fail, type Change, type DecideContext, type Decision, type EventContext, type WorkshopState } from './rules';

/**
 * Anomaly alarms: raised and cleared by the server's detector (server/alarms), never by a person.
 * An incident's id is the same whichever process notices it, so a second raise of an open alarm
 * is refused here and a retry after it cleared is a duplicate idempotency key in the log.
 */

export type AlarmCommand = CommandOf<'raiseAlarm' | 'clearAlarm'>;

export function decideAlarm(state: WorkshopState, c: AlarmCommand, ctx: DecideContext): Decision {
  switch (c.type) {
    case 'raiseAlarm':
      if (state.alarms?.has(c.alarm.id)) return fail('conflict', `Alarm "${c.alarm.id}" is already raised`, { alarmId: c.alarm.id });
      return { ok: true, fact: fact('alarmRaised', { alarm: compact({ ...c.alarm, storeId: ctx.storeId, raisedAt: ctx.at }) }) };
    case 'clearAlarm':
      if (!state.alarms?.has(c.alarmId)) return fail('not_found', `There is no open alarm "${c.alarmId}"`, { alarmId: c.alarmId });
      return { ok: true, fact: fact('alarmCleared', { alarmId: c.alarmId, reason: c.reason }) };
  }
}

/** Record what an alarm fact says. Never refuses. */
export const evolveAlarm: { [T in 'alarmRaised' | 'alarmCleared']: (state: WorkshopState, data: FactOf<T>['data'], e: EventContext) => Change[] } = {
  alarmRaised: (_state, { alarm }) => [{ kind: 'alarm', value: alarm }],
  alarmCleared: (state, { alarmId }) => {
    const alarm = state.alarms?.get(alarmId);
    return alarm ? [{ kind: 'alarm', value: alarm, removed: true }] : [];
  },
};

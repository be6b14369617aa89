import type { DueList, PartsDueList } from '../../../shared/reminders/list';
import type { ReminderOutcome } from '../../../shared/workflow/commands';
import { call } from '../../common/actions';
import { errorText } from '../../admin/reports/reports-api';

/** The reminders REST API (server/http/reminders.ts) with the session cookie; shapes from shared/reminders/list.ts. */
export type { DueCar, DueList, DueReminder, PartDue, PartsDueList } from '../../../shared/reminders/list';

const seg = encodeURIComponent;
type Answer<T> = { ok: true; data: T } | { ok: false; message: string };

async function send<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const result = await call<{ data: T }>(method, path, body, 'dispatch');
  return result.ok ? { ok: true, data: result.data.data } : { ok: false, message: errorText(result.error) };
}

export const dueList = (storeId: string, window: string, type: string) =>
  send<DueList>('GET', `/api/stores/${seg(storeId)}/reminders?window=${seg(window)}&type=${seg(type)}`);
export const partsDue = (storeId: string) => send<PartsDueList>('GET', `/api/stores/${seg(storeId)}/reminders/parts`);
export const recordOutcome = (storeId: string, reminderId: string, outcome: ReminderOutcome) =>
  send<{ reminderId: string; outcome: { outcome: ReminderOutcome; at: string; by: string } }>('POST', `/api/stores/${seg(storeId)}/reminders/outcomes`, {
    reminderId,
    outcome,
  });

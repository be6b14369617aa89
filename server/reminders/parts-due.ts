import { localDate } from '../../shared/domain/local-date';
import type { Store } from '../../shared/domain/shop';
import type { PartDue, PartsDueList } from '../../shared/reminders/list';
import type { WorkshopState } from '../../shared/workflow/rules';

/**
 * 备件到货提醒: the parts waits whose part is due today (store-local) or late, for the advisor
 * and the dispatcher. Read from the live state, where the waits are; a late one is the same
 * condition the alarm detector raises `parts_overdue` for (server/alarms/detect.ts), and the
 * row names that alarm when it is open rather than keeping a second clock of its own.
 */
export function partsDue(state: WorkshopState, store: Store, now: number): PartsDueList {
  const today = localDate(now, store.timezone);
  const parts: PartDue[] = [];
  const alarms = [...(state.alarms?.values() ?? [])].filter((a) => a.kind === 'parts_overdue');
  for (const ro of state.ros.values()) {
    for (const op of ro.operations) {
      if (op.status !== 'paused' || op.pause?.reason !== 'parts' || !op.pause.eta) continue;
      const late = Date.parse(op.pause.eta) <= now;
      if (!late && localDate(op.pause.eta, store.timezone) !== today) continue;
      const alarm = alarms.find((a) => a.roId === ro.id && a.operationId === op.id);
      parts.push({
        roId: ro.id,
        number: ro.number,
        operationId: op.id,
        operationTitle: op.title,
        plate: ro.vehicle.plate,
        customer: { name: ro.customer.name, phone: ro.customer.phone },
        ...(ro.advisorId ? { advisorId: ro.advisorId } : {}),
        part: op.pause.part,
        eta: op.pause.eta,
        state: late ? 'late' : 'due_today',
        ...(alarm ? { alarm: { id: alarm.id, since: alarm.since } } : {}),
      });
    }
  }
  parts.sort((a, b) => a.eta.localeCompare(b.eta));
  return { storeId: store.id, today, parts };
}

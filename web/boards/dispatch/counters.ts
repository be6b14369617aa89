import type { StaffRo } from '../../../shared/projections/views';
import { TERMINAL_STAGES } from '../../common/workflow-rules';
import { localDayBounds } from '../../common/zoned-time';

export interface TodayCounters {
  /** Cars checked in today, not counting those cancelled since. */
  carsIn: number;
  /** Cars handed back today. */
  delivered: number;
  /** Delivered today by their promised time, out of those delivered today with a promise. */
  onTime: number;
  promised: number;
  /** Mean check-in → ready time of cars that became ready today, in ms. */
  avgCycleMs?: number;
  /** Cars on site now, checked in and not yet delivered. */
  onSite: number;
}

/** Today's counters, "today" being the store's calendar day. */
export function buildCounters(ros: readonly StaffRo[], timeZone: string, now: number): TodayCounters {
  const { start, end } = localDayBounds(now, timeZone);
  const isToday = (iso?: string) => {
    const t = iso ? Date.parse(iso) : NaN;
    return t >= start && t < end;
  };
  let carsIn = 0,
    delivered = 0,
    onTime = 0,
    promised = 0,
    cycleSum = 0,
    cycles = 0,
    onSite = 0;
  for (const ro of ros) {
    if (isToday(ro.checkedInAt) && ro.stage !== 'cancelled') carsIn++;
    if (ro.stage === 'delivered' && isToday(ro.deliveredAt)) {
      delivered++;
      if (ro.promisedAt) {
        promised++;
        if (Date.parse(ro.deliveredAt!) <= Date.parse(ro.promisedAt)) onTime++;
      }
    }
    if (ro.readyAt && ro.checkedInAt && isToday(ro.readyAt)) {
      cycleSum += Math.max(0, Date.parse(ro.readyAt) - Date.parse(ro.checkedInAt));
      cycles++;
    }
    if (!TERMINAL_STAGES.includes(ro.stage) && ro.stage !== 'scheduled') onSite++;
  }
  return { carsIn, delivered, onTime, promised, avgCycleMs: cycles ? cycleSum / cycles : undefined, onSite };
}

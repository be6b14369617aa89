import type { Operation } from '../../../shared/domain/repair-order';
import type { StaffRo } from '../../../shared/projections/views';
import { localDate } from '../../../shared/domain/local-date';
import { TERMINAL_STAGES } from '../../common/workflow-rules';

export interface PartsWait {
  key: string;
  ro: StaffRo;
  op: Operation;
  part: string;
  eta?: string;
  /** The ETA has passed and the part is still awaited. */
  late: boolean;
}

/** Operations paused for a part, soonest ETA first; no ETA last. */
export function buildPartsWaits(ros: readonly StaffRo[], now: number): PartsWait[] {
  const waits: PartsWait[] = [];
  for (const ro of ros) {
    if (TERMINAL_STAGES.includes(ro.stage)) continue;
    for (const op of ro.operations) {
      if (op.status !== 'paused' || op.pause?.reason !== 'parts') continue;
      const eta = op.pause.eta;
      waits.push({ key: `${ro.id}/${op.id}`, ro, op, part: op.pause.part, eta, late: !!eta && Date.parse(eta) < now });
    }
  }
  const etaOf = (w: PartsWait) => (w.eta ? Date.parse(w.eta) : Infinity);
  return waits.sort((a, b) => etaOf(a) - etaOf(b) || a.ro.number.localeCompare(b.ro.number));
}

/** Waits whose part is due later today (store-local) and not late yet: 备件到货提醒 on the board, beside the late ones' alarms. */
export const dueToday = (waits: readonly PartsWait[], now: number, timeZone: string): number =>
  waits.filter((w) => w.eta && !w.late && localDate(w.eta, timeZone) === localDate(now, timeZone)).length;

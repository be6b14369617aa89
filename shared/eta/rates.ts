import type { RepairOrder, RoStage } from '../domain/repair-order';
import { DEFAULT_RATES, type EtaRates } from './model';

/**
 * What the ETA learns from the store's recent work: how fast each technician (and the store)
 * works against the book, and how long quality check, wash and the check-in desk take. The live
 * state keeps closed repair orders for the tracking links' lifetime (days), which is the window
 * learned from. Each figure starts at its configured default and moves towards what was seen as
 * samples come in (a technician with two jobs done is mostly the store's pace still).
 */

/** Standard hours of prior weight: a technician's own pace counts fully after about this much work. */
const PRIOR_HOURS = 6;
/** Stage visits of prior weight for the typical QC, wash and check-in times. */
const PRIOR_VISITS = 5;
const WINDOW_MS = 14 * 86_400_000;

export function learnRates(ros: Iterable<RepairOrder>, now: number, defaults: EtaRates = DEFAULT_RATES): EtaRates {
  let storeWorked = 0;
  let storeStd = 0;
  const perTech = new Map<string, { worked: number; std: number }>();
  const stage: Partial<Record<RoStage, { sum: number; n: number }>> = {};
  for (const ro of ros) {
    if (now - Date.parse(ro.stageSince) > WINDOW_MS) continue;
    for (const op of ro.operations) {
      if (op.status !== 'done' || !op.finishedAt || op.reworks > 0 || op.workedMs <= 0) continue;
      const std = op.standardHours * 3_600_000;
      storeWorked += op.workedMs;
      storeStd += std;
      if (!op.technicianId) continue;
      const t = perTech.get(op.technicianId) ?? { worked: 0, std: 0 };
      t.worked += op.workedMs;
      t.std += std;
      perTech.set(op.technicianId, t);
    }
    for (let i = 0; i + 1 < ro.timeline.length; i++) {
      const { stage: s, at } = ro.timeline[i];
      if (s !== 'quality_check' && s !== 'washing' && s !== 'checked_in') continue;
      const minutes = (Date.parse(ro.timeline[i + 1].at) - Date.parse(at)) / 60_000;
      if (!(minutes >= 0) || minutes > 24 * 60) continue;
      const agg = (stage[s] ??= { sum: 0, n: 0 });
      agg.sum += minutes;
      agg.n++;
    }
  }
  const prior = PRIOR_HOURS * 3_600_000;
  const storePace = (storeWorked + prior * defaults.storePace) / (storeStd + prior);
  const techPace: Record<string, number> = { ...defaults.techPace };
  for (const [id, t] of perTech) techPace[id] = (t.worked + prior * storePace) / (t.std + prior);
  const typical = (s: RoStage, fallback: number) => {
    const agg = stage[s];
    return agg ? (agg.sum + PRIOR_VISITS * fallback) / (agg.n + PRIOR_VISITS) : fallback;
  };
  return {
    storePace,
    techPace,
    checkInMinutes: typical('checked_in', defaults.checkInMinutes),
    qcMinutes: typical('quality_check', defaults.qcMinutes),
    washMinutes: typical('washing', defaults.washMinutes),
  };
}

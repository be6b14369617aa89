import { z } from 'zod';
import { STAGES, type Tally, type Totals } from './tally';

/**
 * The figures of a report, each with what it was computed from: a ratio carries its numerator
 * and denominator, a distribution its sample size and percentiles. Names and definitions:
 * docs/kpis.md. A ratio whose denominator is 0 has value null (nothing to measure), not 0.
 *
 * Declared once as zod schemas: the types below are inferred from them, and the OpenAPI
 * (server/http/reports.ts) describes the answers with the same schemas, field by field.
 */
export const RatioSchema = z.object({
  value: z.number().nullable().describe('numerator ÷ denominator, rounded to 4 places; null when the denominator is 0'),
  numerator: z.number(),
  denominator: z.number(),
  unit: z.string(),
});
export type Ratio = z.infer<typeof RatioSchema>;

export const DistributionSchema = z.object({
  count: z.number().int().describe('samples'),
  p50: z.number().nullable().describe('nearest-rank median; null with no samples'),
  p90: z.number().nullable(),
  mean: RatioSchema.describe('the sum of the samples over their count'),
  unit: z.string(),
});
export type Distribution = z.infer<typeof DistributionSchema>;

export const TechnicianFiguresSchema = z.object({
  technicianId: z.string(),
  storeId: z.string(),
  attendedHours: z.number(),
  workedHours: z.number(),
  standardHours: z.number(),
  productivity: RatioSchema.describe('worked ÷ attended hours'),
  efficiency: RatioSchema.describe('standard hours of finished work ÷ worked hours'),
  proficiency: RatioSchema.describe('standard ÷ attended hours'),
});
export type TechnicianFigures = z.infer<typeof TechnicianFiguresSchema>;

const count = z.number().int().nonnegative();
const hourKeys = z.record(z.string().regex(/^\d{2}$/), z.number()).describe('local hour of day "00"–"23" → worked hours');

export const SummarySchema = z.object({
  days: count.describe('dates in the range'),
  rosIn: z.object({ count, perDay: RatioSchema }).describe('repair orders checked in'),
  rosOut: z.object({ count, perDay: RatioSchema }).describe('repair orders delivered'),
  byDay: z
    .array(z.object({ date: z.string(), in: count, out: count, onTimeDelivery: RatioSchema, cycleTime: RatioSchema.describe('mean minutes') }))
    .describe("every date of the range: ROs in and out, the day's on-time delivery, and its deliveries' mean cycle time (minutes)"),
  onTimeDelivery: RatioSchema.describe('准时交车率: delivered by the promised time ÷ delivered with a promise'),
  sameDayDelivery: RatioSchema.describe('当天交车率: delivered on the day of check-in ÷ delivered with a check-in'),
  cycleTime: DistributionSchema.describe('minutes check-in → delivered'),
  stageTime: z
    .record(z.string(), DistributionSchema)
    .describe('minutes in each stage (checked_in, waiting_dispatch, in_service, quality_check, washing, ready)'),
  workingShare: RatioSchema,
  waitingShare: RatioSchema,
  bayUtilisation: RatioSchema.describe('worked bay-hours ÷ open bay-hours'),
  bayUtilisationByHour: z.array(RatioSchema.extend({ hour: z.number().int().min(0).max(23) })).length(24),
  bayHours: z
    .array(z.object({ bay: z.string().describe("`<store>/<bay>`; in a group report, `<store>` (each store's bays summed)"), hours: hourKeys }))
    .describe('the heat map: worked hours by local hour of day, per bay of a store (per store in a group report)'),
  productivity: RatioSchema,
  efficiency: RatioSchema,
  proficiency: RatioSchema,
  hoursPerRo: RatioSchema.describe('standard hours sold ÷ ROs delivered'),
  technicians: z.array(TechnicianFiguresSchema),
  qcFirstPass: RatioSchema.describe('一次修复率 at QC'),
  reworks: z.object({ count, perRo: RatioSchema }),
  comebackRate: RatioSchema.describe('返修率: the same vehicle back within 30 days for an overlapping operation'),
  appointments: z.object({
    booked: count,
    due: count,
    arrived: count,
    noShows: count,
    cancelled: count,
    showRate: RatioSchema,
    noShowRate: RatioSchema,
    leadTime: DistributionSchema.describe('hours booked ahead'),
    cancellationReasons: z.array(z.object({ reason: z.string(), count })),
  }),
  csi: z.object({ mean: RatioSchema, responseRate: RatioSchema, distribution: z.array(z.object({ score: z.number().int().min(1).max(5), count })) }),
  partsWaits: z.object({ count, hoursLost: z.number(), lateRate: RatioSchema }),
  advisorCalls: z.object({ asked: count, answered: count, answerRate: RatioSchema, answerTime: DistributionSchema }),
});
export type Summary = z.infer<typeof SummarySchema>;

export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export const ratio = (numerator: number, denominator: number, unit: string): Ratio => ({
  value: denominator > 0 ? round(numerator / denominator) : null,
  numerator: round(numerator),
  denominator: round(denominator),
  unit,
});

/** The nearest-rank percentile of sorted samples: the smallest with at least p of them at or below it. */
const nearestRank = (sorted: Float64Array, p: number): number | null =>
  sorted.length === 0 ? null : round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]);

/** A distribution from its count, sum and nearest-rank percentiles (as SQL computes them). */
export const distributionOf = (count: number, sum: number, p50: number | null, p90: number | null, unit: string): Distribution => ({
  count,
  p50: p50 === null ? null : round(p50),
  p90: p90 === null ? null : round(p90),
  mean: ratio(sum, count, unit),
  unit,
});

export function distribution(samples: readonly number[], unit: string): Distribution {
  // A typed array sorts numbers without a comparator call per step: a year's 15,000 samples, often.
  const sorted = Float64Array.from(samples).sort();
  return {
    count: samples.length,
    p50: nearestRank(sorted, 0.5),
    p90: nearestRank(sorted, 0.9),
    mean: ratio(
      samples.reduce((a, b) => a + b, 0),
      samples.length,
      unit,
    ),
    unit,
  };
}

/** A tally's samples reduced to their distributions. */
export const totalsOf = (t: Tally): Totals => {
  const { cycleMinutes, stageMinutes, appointments, calls, ...rest } = t;
  const { leadHours, ...a } = appointments;
  const { answerMinutes, ...c } = calls;
  return {
    ...rest,
    cycleTime: distribution(cycleMinutes, 'min'),
    stageTime: Object.fromEntries(STAGES.map(([stage]) => [stage, distribution(stageMinutes[stage] ?? [], 'min')])),
    appointments: { ...a, leadTime: distribution(leadHours, 'h') },
    calls: { ...c, answerTime: distribution(answerMinutes, 'min') },
  };
};

/** The figures of one store's tally, or of several stores' merged tallies (the group). */
export const summarize = (t: Tally, days: number): Summary => summarizeTotals(totalsOf(t), days);

/** The figures of one store's totals (from SQL or from a tally), or of the group's. */
export function summarizeTotals(t: Totals, days: number): Summary {
  const techs = Object.entries(t.technicians)
    .map(([key, h]): TechnicianFigures => {
      const [storeId, technicianId] = key.split('/');
      return {
        technicianId,
        storeId,
        attendedHours: round(h.attendedHours),
        workedHours: round(h.workedHours),
        standardHours: round(h.standardHours),
        productivity: ratio(h.workedHours, h.attendedHours, 'h/h'),
        efficiency: ratio(h.standardHours, h.workedHours, 'h/h'),
        proficiency: ratio(h.standardHours, h.attendedHours, 'h/h'),
      };
    })
    .sort((a, b) => (a.storeId + a.technicianId).localeCompare(b.storeId + b.technicianId));
  const sum = (pick: (h: Tally['technicians'][string]) => number) => Object.values(t.technicians).reduce((s, h) => s + pick(h), 0);
  const attended = sum((h) => h.attendedHours);
  const worked = sum((h) => h.workedHours);
  const standard = sum((h) => h.standardHours);
  const a = t.appointments;
  const settled = a.arrived + a.noShow;
  return {
    days,
    rosIn: { count: t.rosIn, perDay: ratio(t.rosIn, days, 'ROs/day') },
    rosOut: { count: t.rosOut, perDay: ratio(t.rosOut, days, 'ROs/day') },
    byDay: Object.entries(t.byDay)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([date, d]) => ({
        date,
        in: d.in,
        out: d.out,
        onTimeDelivery: ratio(d.onTime, d.withPromise, 'share'),
        cycleTime: ratio(d.cycleMinutes, d.cycled, 'min'),
      })),
    onTimeDelivery: ratio(t.onTime.delivered, t.onTime.withPromise, 'share'),
    sameDayDelivery: ratio(t.sameDay.delivered, t.sameDay.checkedIn, 'share'),
    cycleTime: t.cycleTime,
    stageTime: t.stageTime,
    workingShare: ratio(t.touch.workedMinutes, t.touch.cycleMinutes, 'share'),
    waitingShare: ratio(Math.max(0, t.touch.cycleMinutes - t.touch.workedMinutes), t.touch.cycleMinutes, 'share'),
    bayUtilisation: ratio(t.bays.workedMinutes / 60, t.bays.openMinutes / 60, 'share'),
    bayUtilisationByHour: Array.from({ length: 24 }, (_, hour) => {
      const key = String(hour).padStart(2, '0');
      const worked = Object.values(t.bayHours).reduce((s, hours) => s + (hours[key] ?? 0), 0);
      return { hour, ...ratio(worked / 60, (t.openMinutesByHour[key] ?? 0) / 60, 'share') };
    }),
    bayHours: Object.entries(t.bayHours)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([bay, hours]) => ({ bay, hours: Object.fromEntries(Object.entries(hours).map(([h, m]) => [h, round(m / 60)])) })),
    productivity: ratio(worked, attended, 'h/h'),
    efficiency: ratio(standard, worked, 'h/h'),
    proficiency: ratio(standard, attended, 'h/h'),
    hoursPerRo: ratio(t.soldHours, t.rosOut, 'h/RO'),
    technicians: techs,
    qcFirstPass: ratio(t.qc.firstPass, t.qc.inspected, 'share'),
    reworks: { count: t.reworks, perRo: ratio(t.reworks, t.rosOut, 'reworks/RO') },
    comebackRate: ratio(t.comebacks.comeback, t.comebacks.delivered, 'share'),
    appointments: {
      booked: a.booked,
      due: a.due,
      arrived: a.arrived,
      noShows: a.noShow,
      cancelled: a.cancelled,
      showRate: ratio(a.arrived, settled, 'share'),
      noShowRate: ratio(a.noShow, settled, 'share'),
      leadTime: a.leadTime,
      cancellationReasons: Object.entries(t.cancelReasons)
        .map(([reason, count]) => ({ reason, count }))
        .sort((x, y) => y.count - x.count || x.reason.localeCompare(y.reason)),
    },
    csi: {
      mean: ratio(t.survey.scoreSum, t.survey.responses, 'score (1–5)'),
      responseRate: ratio(t.survey.responses, t.rosOut, 'share'),
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: t.survey.byScore[score] ?? 0 })),
    },
    partsWaits: {
      count: t.partsWaits.count,
      hoursLost: round(t.partsWaits.minutes / 60),
      lateRate: ratio(t.partsWaits.late, t.partsWaits.withEta, 'share'),
    },
    advisorCalls: {
      asked: t.calls.asked,
      answered: t.calls.answered,
      answerRate: ratio(t.calls.answered, t.calls.asked, 'share'),
      answerTime: t.calls.answerTime,
    },
  };
}

/** `GET /api/stores/{storeId}/reports/summary`: one store's figures over a range. */
export const StoreReportSchema = z.object({
  storeId: z.string(),
  from: z.string().describe('first store-local date'),
  to: z.string().describe('last store-local date (inclusive)'),
  timeZone: z.string(),
  /** False while the demo's past is still being written into the log: the figures are of what is there so far. */
  complete: z.boolean().describe("false while the history is still being written (the demo's first start): the figures count what has been written so far"),
  summary: SummarySchema,
});
export type StoreReport = z.infer<typeof StoreReportSchema>;

/** `GET /api/reports/summary`: every store, and the group as ratios of sums. */
export const GroupReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  complete: z.boolean().describe('false while the history is still being written'),
  stores: z.array(StoreReportSchema),
  total: SummarySchema.describe("the group: ratios of the stores' sums, percentiles over every store's samples"),
});
export type GroupReport = z.infer<typeof GroupReportSchema>;

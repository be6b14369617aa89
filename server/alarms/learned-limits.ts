import type { HistoryDb } from '../history/schema';
import type { Logger } from '../log';

/**
 * Stage limits learned from the history read model: for each store, service (the visit's set of
 * operation codes) and stage, the p95 of the minutes finished visits spent there. Read in the
 * background every few minutes, never on a scan's path; until a service has MIN_SAMPLES
 * finished visits, its configured limit applies.
 */
export const MIN_SAMPLES = 20;
const WINDOW_DAYS = 90;
const STAGE_COLUMNS = {
  checked_in: 'min_checked_in',
  waiting_dispatch: 'min_waiting_dispatch',
  in_service: 'min_in_service',
  quality_check: 'min_quality_check',
  washing: 'min_washing',
  ready: 'min_ready',
} as const;

/** The nearest-rank 95th percentile of samples (at least one). */
export const p95 = (samples: readonly number[]): number => {
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)];
};

export class LearnedStageLimits {
  #limits = new Map<string, number>();

  constructor(
    private readonly db: HistoryDb,
    private readonly log?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The learned limit (minutes), or undefined while history has too few visits of this service. */
  readonly limit = (storeId: string, stage: string, serviceKey: string): number | undefined => this.#limits.get(`${storeId}|${serviceKey}|${stage}`);

  async refresh(): Promise<void> {
    const since = new Date(this.now() - WINDOW_DAYS * 86_400_000).toISOString();
    try {
      const rows = await this.db
        .selectFrom('history_visits')
        .select(['store_id', 'op_codes', ...Object.values(STAGE_COLUMNS)])
        .where('delivered_at', 'is not', null)
        .where('delivered_at', '>=', since)
        .execute();
      const samples = new Map<string, number[]>();
      for (const row of rows) {
        for (const [stage, column] of Object.entries(STAGE_COLUMNS)) {
          const minutes = Number(row[column]);
          if (!(minutes > 0)) continue; // a stage the visit skipped
          const key = `${row.store_id}|${row.op_codes}|${stage}`;
          let list = samples.get(key);
          if (!list) samples.set(key, (list = []));
          list.push(minutes);
        }
      }
      const limits = new Map<string, number>();
      for (const [key, list] of samples) if (list.length >= MIN_SAMPLES) limits.set(key, p95(list));
      this.#limits = limits;
    } catch (err) {
      // The configured limits keep working; the next refresh tries again.
      this.log?.warn({ err }, 'alarms: stage limits could not be read from history');
    }
  }
}

import type { RepairOrder } from '../../shared/domain/repair-order';
import type { Store } from '../../shared/domain/shop';
import { estimateEtas, sameEta, DEFAULT_TUNING, type Eta, type EtaRates, type EtaTuning } from '../../shared/eta/model';
import { learnRates } from '../../shared/eta/rates';
import type { EntityChange, StoreState } from '../../shared/workflow/state';

/** How often what the ETA learns from recent work is worked out again (it moves slowly). */
const RELEARN_MS = 10 * 60_000;

/**
 * The live ETAs of one store, kept by the server beside its state: revised after each event and
 * once a minute (the clock moves, a job runs past its time, a part's ETA passes). Projections
 * read them through `lookup`, so every screen gets the very same figure; `revise` answers which
 * repair orders' ETAs changed, so their entries can be sent again.
 */
export class EtaBoard {
  #etas = new Map<string, Eta>();
  #rates?: { at: number; rates: EtaRates };

  constructor(
    private readonly store: Store,
    private readonly tuning: EtaTuning = DEFAULT_TUNING,
  ) {}

  readonly lookup = (roId: string): Eta | undefined => this.#etas.get(roId);

  rates(state: StoreState, now: number): EtaRates {
    if (!this.#rates || now - this.#rates.at >= RELEARN_MS || now < this.#rates.at) {
      const { qcMinutes, washMinutes, checkInMinutes } = this.store.eta;
      this.#rates = { at: now, rates: learnRates(state.ros.values(), now, { storePace: 1, techPace: {}, qcMinutes, washMinutes, checkInMinutes }) };
    }
    return this.#rates.rates;
  }

  /** Work every ETA out again at `now`; answers the repair orders whose ETA changed (or came or went). */
  revise(state: StoreState, now: number): RepairOrder[] {
    const next = estimateEtas(state.ros.values(), this.store, this.rates(state, now), now, this.tuning);
    const changed: RepairOrder[] = [];
    for (const [id, eta] of next) if (!sameEta(eta, this.#etas.get(id))) changed.push(state.ros.get(id)!);
    for (const id of this.#etas.keys()) if (!next.has(id) && state.ros.has(id)) changed.push(state.ros.get(id)!);
    this.#etas = next;
    return changed;
  }

  /**
   * `revise`, as changes to send: each repair order whose ETA moved, unchanged itself, so the
   * projections send its entry again with the new figure. Orders already in `besides` are left out.
   */
  reviseAsChanges(state: StoreState, now: number, besides: readonly EntityChange[] = []): EntityChange[] {
    const touched = new Set(besides.map((c) => c.key));
    return this.revise(state, now)
      .filter((ro) => !touched.has(`ro:${ro.id}`))
      .map((ro) => ({ key: `ro:${ro.id}`, kind: 'ro', before: ro, after: ro }));
  }
}

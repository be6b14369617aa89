import type { AdvisorCall } from '../domain/advisor-call';
import type { Alarm } from '../domain/alarm';
import type { Appointment, Display, RepairOrder } from '../domain/repair-order';
import type { Store } from '../domain/shop';
import type { WorkshopEvent } from './events';
import { decide, evolve, type Change, type Decision, type WorkshopState } from './lifecycle';
import type { Command } from './commands';
import { upcast } from './upcasters';
import type { AccessRecord } from './access';
import { DEFAULT_RETAIN_CLOSED_DAYS, retireClosed, retirementCutoff } from './retention';

/** What one event changed: each touched record before and after. */
export type EntityChange =
  | { key: string; kind: 'ro'; before?: RepairOrder; after: RepairOrder }
  | { key: string; kind: 'appointment'; before?: Appointment; after: Appointment }
  | { key: string; kind: 'access'; before?: AccessRecord; after: AccessRecord }
  /** A display's `after` is undefined once it is unpaired. */
  | { key: string; kind: 'display'; before?: Display; after?: Display }
  /** A call's `after` is undefined once it is acknowledged. */
  | { key: string; kind: 'call'; before?: AdvisorCall; after?: AdvisorCall }
  /** An alarm's `after` is undefined once it is cleared. */
  | { key: string; kind: 'alarm'; before?: Alarm; after?: Alarm };

export interface StoreSnapshot {
  seq: number;
  ros: RepairOrder[];
  appointments: Appointment[];
  displays?: Display[];
  access?: AccessRecord[];
  calls?: AdvisorCall[];
  alarms?: Alarm[];
}

export const entityKey = (change: Change) => `${change.kind}:${change.value.id}`;

/**
 * The state of one store: the fold of its events. Mutable maps, owned by one holder on the
 * server (and by tests); every change goes through `applyEvent`, which folds a stored fact with
 * the workflow's `evolve`.
 */
export class StoreState implements WorkshopState {
  readonly ros = new Map<string, RepairOrder>();
  readonly appointments = new Map<string, Appointment>();
  readonly displays = new Map<string, Display>();
  readonly access = new Map<string, AccessRecord>();
  readonly calls = new Map<string, AdvisorCall>();
  readonly alarms = new Map<string, Alarm>();
  seq = 0;
  /** Repair orders that left the live state when the last event was folded (see retention.ts). */
  retiredWithLastEvent: readonly RepairOrder[] = [];
  /** The retirement cutoff last applied (ms); retiring again with the same cutoff changes nothing. */
  #retiredBefore = -Infinity;

  constructor(
    readonly storeId: string,
    readonly config?: Store,
  ) {}

  static fromSnapshot(storeId: string, snapshot: StoreSnapshot, config?: Store): StoreState {
    const state = new StoreState(storeId, config);
    state.seq = snapshot.seq;
    for (const ro of snapshot.ros) state.ros.set(ro.id, ro);
    for (const a of snapshot.appointments) state.appointments.set(a.id, a);
    for (const d of snapshot.displays ?? []) state.displays.set(d.id, d);
    for (const a of snapshot.access ?? []) state.access.set(a.id, a);
    for (const c of snapshot.calls ?? []) state.calls.set(c.id, c);
    for (const a of snapshot.alarms ?? []) state.alarms.set(a.id, a);
    return state;
  }

  toSnapshot(): StoreSnapshot {
    return {
      ...(this.access.size ? { access: [...this.access.values()] } : {}),
      seq: this.seq,
      ros: [...this.ros.values()],
      appointments: [...this.appointments.values()],
      displays: [...this.displays.values()],
      ...(this.calls.size ? { calls: [...this.calls.values()] } : {}),
      ...(this.alarms.size ? { alarms: [...this.alarms.values()] } : {}),
    };
  }

  /** Ask the workflow whether a command would be accepted now, without changing anything. */
  decide(command: Command, at: string): Decision {
    return decide(this, command, { storeId: this.storeId, at, store: this.config });
  }

  /**
   * Fold one stored event in. Facts are folded, never decided again, so this refuses only what
   * no code could fold: an event out of order, or a fact this version does not know (the log was
   * written by a newer one). Both are thrown: opening the store must stop there.
   */
  applyEvent(event: WorkshopEvent): EntityChange[] {
    if (event.seq !== this.seq + 1) throw new Error(`store ${this.storeId}: event ${event.seq} does not follow ${this.seq}`);
    const changes = evolve(this, upcast(event)).map((change): EntityChange => {
      const key = entityKey(change);
      switch (change.kind) {
        case 'ro': {
          const before = this.ros.get(change.value.id);
          this.ros.set(change.value.id, change.value);
          return { key, kind: 'ro', before, after: change.value };
        }
        case 'appointment': {
          const before = this.appointments.get(change.value.id);
          this.appointments.set(change.value.id, change.value);
          return { key, kind: 'appointment', before, after: change.value };
        }
        case 'access': {
          const before = this.access.get(change.value.id);
          this.access.set(change.value.id, change.value);
          return { key, kind: 'access', before, after: change.value };
        }
        case 'display': {
          const before = this.displays.get(change.value.id);
          if (change.removed) this.displays.delete(change.value.id);
          else this.displays.set(change.value.id, change.value);
          return { key, kind: 'display', before, after: change.removed ? undefined : change.value };
        }
        case 'call': {
          const before = this.calls.get(change.value.id);
          if (change.removed) this.calls.delete(change.value.id);
          else this.calls.set(change.value.id, change.value);
          return { key, kind: 'call', before, after: change.removed ? undefined : change.value };
        }
        case 'alarm': {
          const before = this.alarms.get(change.value.id);
          if (change.removed) this.alarms.delete(change.value.id);
          else this.alarms.set(change.value.id, change.value);
          return { key, kind: 'alarm', before, after: change.removed ? undefined : change.value };
        }
      }
    });
    this.seq = event.seq;
    this.retiredWithLastEvent = this.#retire(event.at);
    return changes;
  }

  /**
   * Closed records older than the store's tracking-link lifetime leave the live state; the
   * journal keeps them. Screens never show them, so no change is reported.
   */
  #retire(at: string): readonly RepairOrder[] {
    const cutoff = retirementCutoff(at, this.config?.trackingExpiryDays ?? DEFAULT_RETAIN_CLOSED_DAYS);
    if (!(cutoff > this.#retiredBefore)) return [];
    this.#retiredBefore = cutoff;
    return retireClosed(this, cutoff);
  }
}

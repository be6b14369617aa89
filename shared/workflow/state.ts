import type { Appointment, RepairOrder } from '../domain/repair-order';
import type { Store } from '../domain/shop';
import type { WorkshopEvent } from './events';
import { apply, type Change, type Decision, type WorkshopState } from './lifecycle';
import type { Command } from './commands';

/** What one event changed: each touched record before and after. */
export interface EntityChange {
  key: string; // `ro:<id>` or `appointment:<id>`
  before?: RepairOrder | Appointment;
  after: RepairOrder | Appointment;
}

export interface StoreSnapshot {
  seq: number;
  ros: RepairOrder[];
  appointments: Appointment[];
}

export const entityKey = (change: Change) => `${change.kind}:${change.value.id}`;

/**
 * The state of one store: the fold of its events. Mutable maps, owned by one holder on the
 * server (and by tests); every change goes through `applyEvent`, which uses the workflow.
 */
export class StoreState implements WorkshopState {
  readonly ros = new Map<string, RepairOrder>();
  readonly appointments = new Map<string, Appointment>();
  seq = 0;

  constructor(readonly storeId: string, readonly config?: Store) {}

  static fromSnapshot(storeId: string, snapshot: StoreSnapshot, config?: Store): StoreState {
    const state = new StoreState(storeId, config);
    state.seq = snapshot.seq;
    for (const ro of snapshot.ros) state.ros.set(ro.id, ro);
    for (const a of snapshot.appointments) state.appointments.set(a.id, a);
    return state;
  }

  toSnapshot(): StoreSnapshot {
    return { seq: this.seq, ros: [...this.ros.values()], appointments: [...this.appointments.values()] };
  }

  /** Ask the workflow whether a command would be accepted now, without changing anything. */
  decide(command: Command, at: string): Decision {
    return apply(this, command, { storeId: this.storeId, at, store: this.config });
  }

  /**
   * Fold one stored event in. Events were decided against exactly this state, so a refusal
   * here means the log and the code disagree: that is a bug, and it is thrown.
   */
  applyEvent(event: WorkshopEvent): EntityChange[] {
    if (event.seq !== this.seq + 1)
      throw new Error(`store ${this.storeId}: event ${event.seq} does not follow ${this.seq}`);
    // Replay checks references loosely: config may have changed since the event was accepted.
    const decision = apply(this, event.command, { storeId: this.storeId, at: event.at });
    if (!decision.ok)
      throw new Error(`store ${this.storeId}: stored event ${event.seq} (${event.command.type}) no longer applies: ${decision.error.message}`);
    const changes: EntityChange[] = decision.changes.map((change) => {
      const map = (change.kind === 'ro' ? this.ros : this.appointments) as Map<string, RepairOrder | Appointment>;
      const before = map.get(change.value.id);
      map.set(change.value.id, change.value);
      return { key: entityKey(change), before, after: change.value };
    });
    this.seq = event.seq;
    return changes;
  }
}

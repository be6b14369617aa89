import type { Operation, RoStage } from '../../shared/domain/repair-order';
import type { Technician } from '../../shared/domain/people';
import type { Bay, Store } from '../../shared/domain/shop';
import type { StaffRo } from '../../shared/projections/views';
import { TERMINAL_STAGES } from './workflow-rules';
import { compareRos, storeIndex } from './records';

/**
 * One lane per bay. Fields point at the view's own records, so a lane rebuilt after an
 * unrelated change compares equal field by field (see shallowChanged) and does not re-render.
 */
export interface Lane {
  bay: Bay;
  /** The job at the bay: work in progress, else work paused there. */
  ro?: StaffRo;
  op?: Operation;
  tech?: Technician;
  /** Further operations in progress at the same bay (parallel jobs). */
  alsoRunning: number;
  /** The next job given to this bay and not yet started. */
  nextRo?: StaffRo;
  nextOp?: Operation;
  nextTech?: Technician;
  /** How many jobs wait for this bay, the next one included. */
  queued: number;
}

/** Stages in which the car is on site and work on it can start. */
const ON_SITE: readonly RoStage[] = ['checked_in', 'waiting_dispatch', 'in_service'];

interface Job {
  ro: StaffRo;
  op: Operation;
}
const byRo = (a: Job, b: Job) => compareRos(a.ro, b.ro);

export function buildLanes(store: Store, ros: readonly StaffRo[]): Lane[] {
  const index = storeIndex(store);
  const running = new Map<string, Job[]>();
  const paused = new Map<string, Job[]>();
  const waiting = new Map<string, Job[]>();
  const push = (map: Map<string, Job[]>, bayId: string, job: Job) => {
    const list = map.get(bayId);
    if (list) list.push(job);
    else map.set(bayId, [job]);
  };
  for (const ro of ros) {
    if (TERMINAL_STAGES.includes(ro.stage)) continue;
    for (const op of ro.operations) {
      if (!op.bayId) continue;
      if (op.status === 'in_progress') push(running, op.bayId, { ro, op });
      else if (op.status === 'paused') push(paused, op.bayId, { ro, op });
      else if (op.status === 'assigned' && ON_SITE.includes(ro.stage)) push(waiting, op.bayId, { ro, op });
    }
  }
  return store.bays.map((bay): Lane => {
    const run = (running.get(bay.id) ?? []).sort(byRo);
    const current = run[0] ?? (paused.get(bay.id) ?? []).sort(byRo)[0];
    const queue = (waiting.get(bay.id) ?? []).sort(byRo);
    const next = queue[0];
    return {
      bay,
      ro: current?.ro,
      op: current?.op,
      tech: index.technician(current?.op.technicianId),
      alsoRunning: Math.max(0, run.length - 1),
      nextRo: next?.ro,
      nextOp: next?.op,
      nextTech: index.technician(next?.op.technicianId),
      queued: queue.length,
    };
  });
}

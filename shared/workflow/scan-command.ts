import type { ScanActionInput } from '../projections/scan-view';
import type { Command } from './commands';

/**
 * The lifecycle command a scan-page action stands for. The server commits it; the page, when
 * offline, applies the same command to its copy so it shows what will happen (the lifecycle
 * decides in both places).
 */
export function scanCommand(action: ScanActionInput, target: { roId: string; operationId?: string }, by: { personId: string; isTechnician: boolean }): Command {
  const op = { roId: target.roId, operationId: target.operationId ?? '' };
  switch (action.type) {
    case 'startOperation':
      // A technician starting a job does it; a dispatcher starting one keeps the assigned technician.
      return { type: 'startOperation', ...op, ...(action.bayId ? { bayId: action.bayId } : {}), ...(by.isTechnician ? { technicianId: by.personId } : {}) };
    case 'pauseOperation':
      return { type: 'pauseOperation', ...op, pause: action.pause };
    case 'resumeOperation':
      return { type: 'resumeOperation', ...op };
    case 'finishOperation':
      return { type: 'finishOperation', ...op };
    case 'qcPass':
      return { type: 'qcPass', roId: target.roId, ...(action.note ? { note: action.note } : {}) };
    case 'qcFail':
      return { type: 'qcFail', roId: target.roId, reason: action.reason, operationIds: action.operationIds };
    case 'washDone':
      return { type: 'washDone', roId: target.roId };
    case 'markReady':
      return { type: 'markReady', roId: target.roId };
    case 'deliver':
      return { type: 'deliver', roId: target.roId };
  }
}

import type { Role } from '../domain/people';
import type { CommandType } from './commands';
import { mayIssue } from './permissions';

/**
 * The actions the scan page offers, with the roles that may take each: read from the one
 * permissions table. The lifecycle decides whether a move is legal; the table whether this
 * person may make it. The server checks it on every write and the page uses it to hide buttons.
 */
export const SCAN_ACTION_TYPES = [
  'startOperation',
  'pauseOperation',
  'resumeOperation',
  'finishOperation',
  'qcPass',
  'qcFail',
  'washDone',
  'markReady',
  'deliver',
] as const satisfies readonly CommandType[];

export type ScanActionType = (typeof SCAN_ACTION_TYPES)[number];
export const OPERATION_ACTIONS = ['startOperation', 'pauseOperation', 'resumeOperation', 'finishOperation'] as const satisfies readonly ScanActionType[];

export const isScanAction = (type: string): type is ScanActionType => (SCAN_ACTION_TYPES as readonly string[]).includes(type);

export const mayDo = (roles: readonly Role[], type: string): boolean => isScanAction(type) && mayIssue(roles, type);

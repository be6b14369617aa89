import type { Role } from '../domain/people';
import type { CommandType } from './commands';

/**
 * Which roles may do what on the scan page. The lifecycle decides whether a move is legal;
 * this decides whether this person may make it. The server checks it on every write and the
 * page uses it to hide buttons. Admins may do everything. Same sets as the REST API's ROLES.
 */
export const SCAN_ACTION_ROLES = {
  startOperation: ['technician', 'dispatcher'],
  pauseOperation: ['technician', 'dispatcher'],
  resumeOperation: ['technician', 'dispatcher'],
  finishOperation: ['technician', 'dispatcher'],
  qcPass: ['inspector', 'dispatcher'],
  qcFail: ['inspector', 'dispatcher'],
  washDone: ['washer', 'dispatcher'],
  markReady: ['advisor', 'dispatcher'],
  deliver: ['advisor', 'dispatcher'],
} as const satisfies Partial<Record<CommandType, readonly Role[]>>;

export type ScanActionType = keyof typeof SCAN_ACTION_ROLES;
export const SCAN_ACTION_TYPES = Object.keys(SCAN_ACTION_ROLES) as ScanActionType[];
export const OPERATION_ACTIONS = ['startOperation', 'pauseOperation', 'resumeOperation', 'finishOperation'] as const satisfies readonly ScanActionType[];

export const isScanAction = (type: string): type is ScanActionType => type in SCAN_ACTION_ROLES;

export const mayDo = (roles: readonly Role[], type: string): boolean =>
  isScanAction(type) && (roles.includes('admin') || SCAN_ACTION_ROLES[type].some((r) => roles.includes(r)));

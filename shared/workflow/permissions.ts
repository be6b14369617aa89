import type { Role } from '../domain/people';
import type { CommandType } from './commands';

/**
 * Who may issue each command: the one table every write path reads — REST routes take their
 * roles from it, the scan page's server checks and its buttons ask `mayIssue`, the kiosk and
 * tracking routes are the only doors for the non-staff issuers. The lifecycle decides whether a
 * move is legal; this decides whether this person may ask for it.
 *
 * Issuers are staff roles, or one of the non-staff doors: `kiosk` (the lobby kiosk, anonymous),
 * `customer` (a tracking link), `display` (a paired dispatch board) and `system` (the server
 * itself, after checking a badge or PIN). Admins may issue any command that lists at least one
 * staff role; a command that lists none is not a staff action at all, for admins neither.
 * Integrations (the DMS, with the API key) act for the store like an admin.
 *
 * To add a command: give it a row here; TypeScript refuses a command without one.
 */
export type Issuer = Role | 'kiosk' | 'customer' | 'display' | 'system';

const FRONT_DESK = ['advisor', 'dispatcher', 'manager'] as const;
const FLOOR = ['technician', 'dispatcher'] as const;
const ADMIN = ['admin'] as const;

export const COMMAND_ISSUERS = {
  createRepairOrder: [...FRONT_DESK, 'kiosk'],
  updateRepairOrder: FRONT_DESK,
  addOperation: FRONT_DESK,
  checkIn: [...FRONT_DESK, 'kiosk'],
  sendToWorkshop: FRONT_DESK,
  assignOperation: ['dispatcher'],
  startOperation: FLOOR,
  pauseOperation: FLOOR,
  resumeOperation: FLOOR,
  finishOperation: FLOOR,
  qcPass: ['inspector', 'dispatcher'],
  qcFail: ['inspector', 'dispatcher'],
  washDone: ['washer', 'dispatcher'],
  markReady: FRONT_DESK,
  deliver: FRONT_DESK,
  cancel: FRONT_DESK,
  markNoShow: FRONT_DESK,
  submitSurvey: [...FRONT_DESK, 'kiosk', 'customer'],
  createAppointment: FRONT_DESK,
  updateAppointment: FRONT_DESK,
  cancelAppointment: FRONT_DESK,
  markAppointmentNoShow: FRONT_DESK,
  pairDisplay: ADMIN,
  unpairDisplay: ADMIN,
  callAdvisor: ['kiosk'],
  acknowledgeCall: [...FRONT_DESK, 'display'],
  correctPartsEta: ['dispatcher', 'advisor'],
  recordReminderOutcome: FRONT_DESK,
  // Only the server's alarm detector raises and clears alarms.
  raiseAlarm: ['system'],
  clearAlarm: ['system'],
  signInDevice: ['system'],
  signOutDevice: ['system'],
  recordPinFailure: ['system'],
  revokeDevice: ADMIN,
  setPin: ADMIN,
  unlockPin: ADMIN,
  revokeCodes: ADMIN,
  addPerson: ADMIN,
  disablePerson: ADMIN,
  enablePerson: ADMIN,
  // The person themself (the server checks it is their own session) or an admin's reset link.
  setPassword: ['system'],
  clearPassword: ADMIN,
  // Add-on work: found on the floor or at the desk; decided by the customer (tracking link) or
  // recorded by the front desk after a call.
  proposeAddOn: ['technician', 'advisor', 'dispatcher', 'manager'],
  approveAddOn: [...FRONT_DESK, 'customer'],
  declineAddOn: [...FRONT_DESK, 'customer'],
} as const satisfies Record<CommandType, readonly Issuer[]>;

/** What reading needs, where it is not a command: staff data, printing job cards, the admin's pages. */
export const READS = {
  /** Repair orders, appointments, a booking's kiosk code. */
  staffData: ['technician', 'inspector', 'washer', 'advisor', 'dispatcher', 'manager'],
  /** Job cards and their scan codes. */
  jobCards: FRONT_DESK,
  /** Displays, bay labels, badges, scan sign-ins and PIN locks, people and their accounts. */
  admin: ADMIN,
  /**
   * A repair order's history: who did what, when, from where. The front desk and managers answer
   * for an order to its customer, inspectors judge rework by what happened before; technicians
   * and washers are not given a log of their colleagues' every move. (The store's dispatch
   * screen may read it too, as it shows what a dispatcher sees: server/auth/policy.ts.)
   */
  roHistory: [...FRONT_DESK, 'inspector'],
  /** The planner (/plan and GET …/plan): bays × time, capacity per skill, cancellation counts; who books there. */
  plan: FRONT_DESK,
  /** The due list of maintenance reminders and parts due (/reminders): the front desk calls the customers. */
  reminders: FRONT_DESK,
  /** The service manager's reports (KPIs, CSV exports, the group view); admins besides. */
  reports: ['manager'],
} as const satisfies Record<string, readonly Role[]>;

const STAFF_ROLES: ReadonlySet<string> = new Set<Role>(['technician', 'inspector', 'washer', 'advisor', 'dispatcher', 'manager', 'admin']);

/** The staff roles that may issue `type` (admins besides, when the list is not empty). */
export const rolesFor = (type: CommandType): Role[] => (COMMAND_ISSUERS[type] as readonly Issuer[]).filter((issuer): issuer is Role => STAFF_ROLES.has(issuer));

/**
 * Whether a person with `roles` may hold one of `needed`: admins hold every role; an empty
 * `needed` or an empty `roles` is no access — a missing role never means admin.
 */
export const holdsRole = (roles: readonly Role[], needed: readonly Role[]): boolean =>
  needed.length > 0 && (roles.includes('admin') || needed.some((role) => roles.includes(role)));

/** Whether a person with `roles` may issue `type`. */
export const mayIssue = (roles: readonly Role[], type: CommandType): boolean => holdsRole(roles, rolesFor(type));

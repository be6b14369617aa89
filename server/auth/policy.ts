import type { Role } from '../../shared/domain/people';
import type { Store } from '../../shared/domain/shop';
import type { AudienceInput } from '../../shared/projections/audience';
import { holdsRole, READS } from '../../shared/workflow/permissions';
import type { Principal } from './principal';

/**
 * The one place that answers "may this principal …": see a store, hold a role, call a route,
 * watch a board, open a staff page. Routes, sockets and pages ask here; what each command needs
 * comes from shared/workflow/permissions.ts. Anything not granted here is refused.
 */

/** Who may call a route: anyone, any principal (staff, integration or display), or staff with one of these roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** Staff of the store, an integration (every store), or a display paired to it. */
export const maySeeStore = (p: Principal, storeId: string): boolean =>
  p.kind === 'integration' || (p.kind === 'staff' && (p.storeIds === '*' || p.storeIds.includes(storeId))) || (p.kind === 'display' && p.storeId === storeId);

/** Staff holding one of `roles` (admins hold all), or an integration; never a display, never for an empty list. */
export const hasRole = (p: Principal, roles: readonly Role[]): boolean =>
  (p.kind === 'integration' && roles.length > 0) || (p.kind === 'staff' && holdsRole(p.roles, roles));

/** Whether `p` (undefined: nobody signed in) may call a route declared with `access`. */
export const mayCall = (p: Principal | undefined, access: Access): boolean =>
  access === 'public' || (p !== undefined && (access === 'signed-in' || hasRole(p, access)));

/**
 * Whether `p` may watch a board other than the lobby's (which is public): staff and
 * integrations of the store, a dispatch screen of the store, or a bay screen for its own bay.
 */
export const mayWatch = (p: Principal, input: Exclude<AudienceInput, { kind: 'tracking' | 'customer' }>): boolean =>
  p.kind === 'display'
    ? p.storeId === input.storeId && (p.board === 'dispatch' || (p.board === 'bay' && input.kind === 'bay' && p.bayId === input.bayId))
    : maySeeStore(p, input.storeId);

/** Staff pages (printing, scan administration): a person of the store with one of `roles`. Displays never. */
export const mayOpenStaffPage = (p: Principal, store: Store, roles: readonly Role[]): boolean =>
  p.kind !== 'display' && maySeeStore(p, store.id) && hasRole(p, roles);

/** Answering a kiosk's call: the front desk (per the permissions table) or the store's dispatch screen. */
export const mayAnswerCall = (p: Principal, roles: readonly Role[]): boolean => (p.kind === 'display' ? p.board === 'dispatch' : hasRole(p, roles));

/** Changing repair orders and appointments: people and integrations, never a screen. */
export const mayCommit = (p: Principal): boolean => p.kind !== 'display';

/**
 * A repair order's history: staff with a READS.roHistory role, integrations, and the store's
 * paired dispatch screen. That screen already shows every open order, with full plates, to
 * whoever stands before it, and who moved which car is no more private than that; a paired wall
 * screen opens no dialogs today, but a dispatch tablet may. Bay and lobby screens never: they are
 * where technicians and customers stand.
 */
export const mayReadRoHistory = (p: Principal): boolean => (p.kind === 'display' ? p.board === 'dispatch' : hasRole(p, READS.roHistory));

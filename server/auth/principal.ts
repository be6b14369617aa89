import type { Role } from '../../shared/domain/people';

/** Who is asking. Every write records it; every staff-only read checks it. */
export type Principal =
  /** A signed-in person (staff session cookie). */
  | { kind: 'staff'; id: string; name: string; roles: Role[]; storeIds: '*' | string[] }
  /** A system integration (DMS/ERP) with `Authorization: Bearer <API key>`. */
  | { kind: 'integration'; id: string }
  /** A paired wall screen or tablet, bound to one store and board. */
  | { kind: 'display'; id: string; storeId: string; board: 'customer' | 'dispatch' | 'bay'; bayId?: string };

export const canSeeStore = (p: Principal, storeId: string): boolean =>
  p.kind === 'integration' || (p.kind === 'staff' && (p.storeIds === '*' || p.storeIds.includes(storeId))) ||
  (p.kind === 'display' && p.storeId === storeId);

export const hasRole = (p: Principal, ...roles: Role[]): boolean =>
  p.kind === 'integration' || (p.kind === 'staff' && (p.roles.includes('admin') || p.roles.some((r) => roles.includes(r))));

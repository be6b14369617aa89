import type { Role } from '../../shared/domain/people';

/** Who is asking. Every write records it; every staff-only read checks it. */
export type Principal =
  /** A signed-in person (staff session cookie). */
  | { kind: 'staff'; id: string; name: string; roles: Role[]; storeIds: '*' | string[] }
  /** A system integration (DMS/ERP) with `Authorization: Bearer <API key>`. */
  | { kind: 'integration'; id: string }
  /** A paired wall screen or tablet, bound to one store and board. */
  | { kind: 'display'; id: string; storeId: string; board: 'customer' | 'dispatch' | 'bay'; bayId?: string };

// What a principal may do is answered in policy.ts.

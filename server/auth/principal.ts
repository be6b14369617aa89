import type { Role } from '../../shared/domain/people';

/** Who is asking. Every write records it; every staff-only read checks it. */
export type Principal =
  /** A signed-in person (staff session cookie). */
  | { kind: 'staff'; id: string; name: string; roles: Role[]; storeIds: '*' | string[]; session?: StaffSession }
  /** A system integration (DMS/ERP) with `Authorization: Bearer <API key>`; `name` is INTEGRATION_NAME. */
  | { kind: 'integration'; id: string; name: string }
  /** A paired wall screen or tablet, bound to one store and board. */
  | { kind: 'display'; id: string; storeId: string; board: 'customer' | 'dispatch' | 'bay'; bayId?: string };

// What a principal may do is answered in policy.ts.

/** The session a staff principal came with: its id (a digest of the token) and lifetime (ms). */
export interface StaffSession {
  id: string;
  issuedAt: number;
  expiresAt: number;
}

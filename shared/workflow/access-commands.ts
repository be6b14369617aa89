import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../domain/ids';
import { RoleSchema } from '../domain/people';

/**
 * Commands of the scan page's access records (see access.ts). Listed in CommandSchema like
 * every other command, so they are validated, stored and replayed the same way.
 */
export const AccessCommandSchemas = [
  /** A device signs in as a person (badge scanned or PIN right) until the end of the shift. */
  z.object({
    type: z.literal('signInDevice'),
    deviceId: IdSchema,
    personId: IdSchema,
    method: z.enum(['badge', 'pin']),
    until: IsoTimeSchema,
    label: z.string().max(80).optional(),
  }),
  z.object({ type: z.literal('signOutDevice'), deviceId: IdSchema }),
  /** An admin ends a device's sign-in (a lost phone). */
  z.object({ type: z.literal('revokeDevice'), deviceId: IdSchema }),
  /** A new PIN, as an scrypt hash; clears failures and any lock. */
  z.object({ type: z.literal('setPin'), personId: IdSchema, pinHash: z.string().min(20).max(300) }),
  /** A wrong PIN: the server counted `failures` in a row and decided whether this one locks. */
  z.object({ type: z.literal('recordPinFailure'), personId: IdSchema, failures: z.number().int().min(1).max(1000), lock: z.boolean() }),
  z.object({ type: z.literal('unlockPin'), personId: IdSchema }),
  /** Withdraw every code of a job card, bay label or badge issued at or before `before`. */
  z.object({ type: z.literal('revokeCodes'), kind: z.enum(['ro', 'bay', 'badge']), subjectId: IdSchema, before: IsoTimeSchema }),
  // Staff accounts (accounts.ts)
  /** An admin adds a person the shop config does not list (desk and office staff). */
  z.object({ type: z.literal('addPerson'), personId: IdSchema, name: z.string().trim().min(1).max(40), roles: z.array(RoleSchema).min(1).max(7) }),
  /** Disabled people cannot sign in anywhere; their sessions and scan sign-ins end. */
  z.object({ type: z.literal('disablePerson'), personId: IdSchema }),
  z.object({ type: z.literal('enablePerson'), personId: IdSchema }),
  /** A new password, as an scrypt hash (set by the person, after a sign-in link). */
  z.object({ type: z.literal('setPassword'), personId: IdSchema, passwordHash: z.string().min(20).max(300) }),
  /** An admin's reset: the password stops working; the person sets a new one from a fresh link. */
  z.object({ type: z.literal('clearPassword'), personId: IdSchema }),
] as const;

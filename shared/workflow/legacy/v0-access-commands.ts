// FROZEN with ./v0-rules.ts (see there): the first log format, never changed again.
import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../../domain/ids';

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
] as const;

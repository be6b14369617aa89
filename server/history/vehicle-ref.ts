import { createHmac } from 'node:crypto';

/**
 * The history's only link between two visits of one car (the comeback rate): an HMAC of the
 * plate under a key of the deployment, not the plate. Without the key it cannot be turned back
 * into a plate or matched against a list of plates; with the plate and the key it can, which is
 * why erasure nulls it (see erase.ts). The same key always gives the same reference, so a rebuild
 * matches the incremental rows.
 */
export const vehicleRefKey = (signingKey: Buffer | string) => createHmac('sha256', signingKey).update('history:vehicle-ref').digest();

/**
 * The reference of a plate, or null for one that is no plate any more: blank, or masked by an
 * erasure (`京A·1**45`, `[erased]`) — hashing those would link every erased car to every other.
 */
export const makeVehicleRef =
  (key: Buffer) =>
  (plate: string): string | null => {
    const normal = plate.toUpperCase().replace(/[\s·.-]/g, '');
    // `已删除` is what an erasure leaves in place of a plate (server/privacy/customers.ts TOMBSTONE).
    if (normal.length < 2 || /[*[\]]/.test(normal) || normal.includes('已删除')) return null;
    return createHmac('sha256', key).update(normal).digest('base64url').slice(0, 22);
  };

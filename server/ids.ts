import { randomBytes, randomUUID } from 'node:crypto';

const randomId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
let makeId = randomId;

/** Record ids: short, URL-safe, sortable enough to read in logs. */
export const newId = (prefix: string) => makeId(prefix);

/**
 * Tests of the simulator only: name records from a seeded sequence, so that a run is repeatable
 * (which car an incident picks follows the ids); without an argument, random ids again.
 */
export function useRepeatableIds(make: (prefix: string) => string = randomId): void {
  makeId = make;
}

/** Tracking tokens are unguessable: 144 random bits. */
export const newTrackingToken = () => randomBytes(18).toString('base64url');

/** `RO20261123-0042`, from the store-local date and the number of repair orders so far. */
export const roNumber = (localDate: string, count: number) => `RO${localDate.replaceAll('-', '')}-${String(count + 1).padStart(4, '0')}`;

export { localDate } from '../shared/domain/local-date';

import { formatPlate } from '../../../shared/domain/plate-rules';

/**
 * Where an action goes: the scanned code, and the repair order / operation it is about, with
 * what a person needs to recognise it (RO number, operation title, plate) as separate fields,
 * so messages are built from data, never by taking a display label apart.
 */
export interface ActTarget {
  token?: string;
  roId: string;
  operationId?: string;
  roNumber: string;
  /** The operation's title in the page's language; absent for a repair-order action. */
  opTitle?: string;
  plate?: string;
}

/** "Oil change · RO…" for an operation, "RO… · 京A·12345" for a repair order. */
export const targetText = (t: Pick<ActTarget, 'roNumber' | 'opTitle' | 'plate'>): string =>
  t.opTitle ? `${t.opTitle} · ${t.roNumber}` : t.plate ? `${t.roNumber} · ${formatPlate(t.plate)}` : t.roNumber;

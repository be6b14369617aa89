/**
 * The layout of a printed scan code, without its signature check (that needs the server's
 * key; see server/scan/codes.ts):
 *
 *   <kind letter>~<storeId>~<id>[~<operationId>]~<issued, base-36 seconds>~<MAC>
 *
 * The scan page reads the ids from a code it cannot verify while offline, to show a job it
 * already knows; the server verifies every code before anything is done with it.
 */
export type ScanCodeKind = 'ro' | 'operation' | 'bay' | 'badge';

export type ScanCodeIds =
  | { kind: 'ro'; storeId: string; roId: string }
  | { kind: 'operation'; storeId: string; roId: string; operationId: string }
  | { kind: 'bay'; storeId: string; bayId: string }
  | { kind: 'badge'; storeId: string; personId: string };

export const CODE_LETTER: Record<ScanCodeKind, string> = { ro: 'r', operation: 'o', bay: 'b', badge: 'p' };
const KIND_OF: Record<string, ScanCodeKind> = { r: 'ro', o: 'operation', b: 'bay', p: 'badge' };
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ISSUED = /^[0-9a-z]{1,9}$/;
export const MAC_CHARS = 22;

export interface ParsedScanCode {
  ids: ScanCodeIds;
  /** Issue time in ms (whole seconds). */
  issuedAt: number;
  /** Everything the MAC covers. */
  body: string;
  mac: string;
}

/** The parts of a well-formed code, or undefined. Says nothing about whether it is genuine. */
export function parseScanCode(token: string): ParsedScanCode | undefined {
  if (token.length > 300) return undefined;
  const parts = token.split('~');
  const kind = KIND_OF[parts[0] ?? ''];
  if (!kind || parts.length !== (kind === 'operation' ? 6 : 5)) return undefined;
  const mac = parts.pop()!;
  const issued = parts.pop()!;
  const [, storeId, ...rest] = parts;
  if (mac.length !== MAC_CHARS || !/^[A-Za-z0-9_-]+$/.test(mac) || !ISSUED.test(issued) || ![storeId, ...rest].every((id) => ID.test(id))) return undefined;
  const ids: ScanCodeIds =
    kind === 'ro'
      ? { kind, storeId, roId: rest[0] }
      : kind === 'operation'
        ? { kind, storeId, roId: rest[0], operationId: rest[1] }
        : kind === 'bay'
          ? { kind, storeId, bayId: rest[0] }
          : { kind, storeId, personId: rest[0] };
  return { ids, issuedAt: parseInt(issued, 36) * 1000, body: parts.concat(issued).join('~'), mac };
}

/** The layout a code is signed in (all but the MAC). */
export function scanCodeBody(ids: ScanCodeIds, issuedAtMs: number): string {
  const idList = ids.kind === 'ro' ? [ids.roId] : ids.kind === 'operation' ? [ids.roId, ids.operationId] : ids.kind === 'bay' ? [ids.bayId] : [ids.personId];
  for (const id of [ids.storeId, ...idList])
    if (!ID.test(id)) throw new Error(`"${id}" cannot be put in a code: ids use letters, digits, "-", "_" and "." only`);
  return [CODE_LETTER[ids.kind], ids.storeId, ...idList, Math.floor(issuedAtMs / 1000).toString(36)].join('~');
}

/** The code in a scanned text: a scan-page URL (`…/s/<code>`) or the bare code. */
export function scanCodeInText(text: string): string | undefined {
  const trimmed = text.trim();
  const match = /\/s\/([A-Za-z0-9_.~-]+)/.exec(trimmed);
  const token = match ? match[1] : trimmed;
  return parseScanCode(token) ? token : undefined;
}

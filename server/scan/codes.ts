import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CodeKind } from '../../shared/workflow/access';

/**
 * The signed codes printed as QR: job cards (one `ro` code and one `operation` code per
 * operation), bay labels and staff badges.
 *
 *   <kind>~<storeId>~<id>[~<operationId>]~<issued, base-36 seconds>~<MAC>
 *   o~bj-wangjing~ro-1a2b3c4d~op-5e6f7a8b~t8k2m1~Xb3…(22 chars)
 *
 * The MAC is HMAC-SHA256 with the server's signing key over everything before it (kind,
 * store, id, issue time), truncated to 128 bits so the URL stays short enough for a
 * version-6 QR code at error-correction level M. No personal data: ids only. `~` cannot
 * occur in ids, and every character is URL-safe, so the token is a path segment as is.
 */
export type CodeSubject =
  | { kind: 'ro'; storeId: string; roId: string }
  | { kind: 'operation'; storeId: string; roId: string; operationId: string }
  | { kind: 'bay'; storeId: string; bayId: string }
  | { kind: 'badge'; storeId: string; personId: string };

/** A code whose signature is good; `issuedAt` in ms (whole seconds). */
export type SignedCode = CodeSubject & { issuedAt: number };

export type CodeProblem = 'malformed' | 'bad_signature';

const LETTER: Record<CodeKind, string> = { ro: 'r', operation: 'o', bay: 'b', badge: 'p' };
const KIND: Record<string, CodeKind> = { r: 'ro', o: 'operation', b: 'bay', p: 'badge' };
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ISSUED = /^[0-9a-z]{1,9}$/;
const MAC_BYTES = 16;
const MAC_CHARS = Math.ceil((MAC_BYTES * 4) / 3);
/** A label inside the MAC, so no other token signed with the same key can pass as a code. */
const DOMAIN = 'tw-code.v1|';

const idsOf = (s: CodeSubject): string[] => {
  switch (s.kind) {
    case 'ro': return [s.roId];
    case 'operation': return [s.roId, s.operationId];
    case 'bay': return [s.bayId];
    case 'badge': return [s.personId];
  }
};

export class CodeSigner {
  constructor(private readonly key: Buffer) {}

  /** The token for a subject, issued at `issuedAtMs` (rounded down to the second). */
  sign(subject: CodeSubject, issuedAtMs: number): string {
    for (const id of [subject.storeId, ...idsOf(subject)])
      if (!ID.test(id)) throw new Error(`"${id}" cannot be put in a code: ids use letters, digits, "-", "_" and "." only`);
    const body = [LETTER[subject.kind], subject.storeId, ...idsOf(subject), Math.floor(issuedAtMs / 1000).toString(36)].join('~');
    return `${body}~${this.#mac(body)}`;
  }

  /** The signed code in a token, or why it is not one. Checks only the signature and shape. */
  verify(token: string): { ok: true; code: SignedCode } | { ok: false; problem: CodeProblem } {
    if (token.length > 300) return { ok: false, problem: 'malformed' };
    const cut = token.lastIndexOf('~');
    if (cut < 0) return { ok: false, problem: 'malformed' };
    const body = token.slice(0, cut);
    const given = token.slice(cut + 1);
    const parts = body.split('~');
    const kind = KIND[parts[0] ?? ''];
    const idCount = kind === 'operation' ? 2 : 1;
    if (!kind || parts.length !== 3 + idCount || given.length !== MAC_CHARS) return { ok: false, problem: 'malformed' };
    const [, storeId, ...rest] = parts;
    const issued = rest.pop()!;
    if (![storeId, ...rest].every((id) => ID.test(id)) || !ISSUED.test(issued)) return { ok: false, problem: 'malformed' };
    const expected = Buffer.from(this.#mac(body));
    const actual = Buffer.from(given);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, problem: 'bad_signature' };
    const issuedAt = parseInt(issued, 36) * 1000;
    const code: SignedCode =
      kind === 'ro' ? { kind, storeId, roId: rest[0], issuedAt }
      : kind === 'operation' ? { kind, storeId, roId: rest[0], operationId: rest[1], issuedAt }
      : kind === 'bay' ? { kind, storeId, bayId: rest[0], issuedAt }
      : { kind, storeId, personId: rest[0], issuedAt };
    return { ok: true, code };
  }

  #mac(body: string): string {
    return createHmac('sha256', this.key).update(DOMAIN + body).digest().subarray(0, MAC_BYTES).toString('base64url');
  }
}

/** The revocation subject that withdraws a code: a job card covers its RO and operation codes. */
export const revocationSubject = (code: CodeSubject): { kind: 'ro' | 'bay' | 'badge'; subjectId: string } => {
  switch (code.kind) {
    case 'ro':
    case 'operation': return { kind: 'ro', subjectId: code.roId };
    case 'bay': return { kind: 'bay', subjectId: code.bayId };
    case 'badge': return { kind: 'badge', subjectId: code.personId };
  }
};

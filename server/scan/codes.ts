import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAC_CHARS, parseScanCode, scanCodeBody, type ScanCodeIds } from '../../shared/domain/scan-code';

/**
 * The signed codes printed as QR: job cards (one `ro` code and one `operation` code per
 * operation), bay labels and staff badges. Layout (shared/domain/scan-code.ts):
 *
 *   o~bj-wangjing~ro-1a2b3c4d~op-5e6f7a8b~t8k2m1~Xb3…(22 chars)
 *
 * The MAC is HMAC-SHA256 with the server's signing key over everything before it (kind,
 * store, id, issue time), truncated to 128 bits so the URL stays short enough for a
 * version-6 QR code at error-correction level M. No personal data: ids only. `~` cannot
 * occur in ids, and every character is URL-safe, so the token is a path segment as is.
 */
export type CodeSubject = ScanCodeIds;

/** A code whose signature is good; `issuedAt` in ms (whole seconds). */
export type SignedCode = CodeSubject & { issuedAt: number };

export type CodeProblem = 'malformed' | 'bad_signature';

const MAC_BYTES = 16;
/** A label inside the MAC, so no other token signed with the same key can pass as a code. */
const DOMAIN = 'tw-code.v1|';

export class CodeSigner {
  constructor(private readonly key: Buffer) {
    if (Math.ceil((MAC_BYTES * 4) / 3) !== MAC_CHARS) throw new Error('MAC length and layout disagree');
  }

  /** The token for a subject, issued at `issuedAtMs` (rounded down to the second). */
  sign(subject: CodeSubject, issuedAtMs: number): string {
    const body = scanCodeBody(subject, issuedAtMs);
    return `${body}~${this.#mac(body)}`;
  }

  /** The signed code in a token, or why it is not one. Checks only the signature and shape. */
  verify(token: string): { ok: true; code: SignedCode } | { ok: false; problem: CodeProblem } {
    const parsed = parseScanCode(token);
    if (!parsed) return { ok: false, problem: 'malformed' };
    const expected = Buffer.from(this.#mac(parsed.body));
    const actual = Buffer.from(parsed.mac);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, problem: 'bad_signature' };
    return { ok: true, code: { ...parsed.ids, issuedAt: parsed.issuedAt } };
  }

  #mac(body: string): string {
    return createHmac('sha256', this.key)
      .update(DOMAIN + body)
      .digest()
      .subarray(0, MAC_BYTES)
      .toString('base64url');
  }
}

/** The revocation subject that withdraws a code: a job card covers its RO and operation codes. */
export const revocationSubject = (code: CodeSubject): { kind: 'ro' | 'bay' | 'badge'; subjectId: string } => {
  switch (code.kind) {
    case 'ro':
    case 'operation':
      return { kind: 'ro', subjectId: code.roId };
    case 'bay':
      return { kind: 'bay', subjectId: code.bayId };
    case 'badge':
      return { kind: 'badge', subjectId: code.personId };
  }
};

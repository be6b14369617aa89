/**
 * USB and Bluetooth barcode scanners act as keyboards ("keyboard wedge"): they type the code
 * far faster than a person can, then press Enter. This tells the two apart from key timing
 * alone, so a scan works with nothing focused and a person typing is never mistaken for one.
 *
 * The test is the mean gap over the whole burst (a scanner types 1–20 ms apart; nobody keeps
 * up 50 ms a key over six keys), which one late key on a busy machine cannot spoil; a pause
 * longer than `maxGapMs` ends the burst outright.
 */

export interface WedgeOptions {
  /** Mean gap between the characters of one scan, at most, in ms. */
  meanGapMs: number;
  /** A pause this long between two characters ends the burst. */
  maxGapMs: number;
  /** Longest gap between the last character and Enter. */
  maxEnterGapMs: number;
  /** Shortest code accepted; shorter bursts are key mashing. */
  minLength: number;
  /** Longest code kept; a stuck key cannot grow the buffer without bound. */
  maxLength: number;
}

export const DEFAULT_WEDGE: WedgeOptions = { meanGapMs: 50, maxGapMs: 150, maxEnterGapMs: 250, minLength: 6, maxLength: 512 };

export interface WedgeKey {
  key: string;
  /** Event time in ms (event.timeStamp or Date.now()). */
  at: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * Feed it every keydown; it returns the scanned text when Enter ends a fast enough burst,
 * otherwise undefined. Pure apart from its own small buffer.
 */
export class WedgeScanDetector {
  #buffer = '';
  #firstAt = 0;
  #lastAt = -Infinity;
  readonly options: WedgeOptions;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...DEFAULT_WEDGE, ...options };
  }

  feed(k: WedgeKey): string | undefined {
    const { meanGapMs, maxGapMs, maxEnterGapMs, minLength, maxLength } = this.options;
    if (k.ctrlKey || k.altKey || k.metaKey) return this.#reset();
    if (k.key === 'Enter') {
      const n = this.#buffer.length;
      const fast = n >= minLength && (this.#lastAt - this.#firstAt) / (n - 1) <= meanGapMs && k.at - this.#lastAt <= maxEnterGapMs;
      const code = fast ? this.#buffer : undefined;
      this.#reset();
      return code;
    }
    // Shift, CapsLock and friends arrive between a scanner's characters; they are not characters.
    if (k.key.length !== 1) return undefined;
    if (k.at - this.#lastAt > maxGapMs || this.#buffer.length >= maxLength) {
      this.#buffer = '';
      this.#firstAt = k.at;
    }
    this.#buffer += k.key;
    this.#lastAt = k.at;
    return undefined;
  }

  #reset(): undefined {
    this.#buffer = '';
    this.#lastAt = -Infinity;
    return undefined;
  }
}

/** Characters a job-card token may hold (base64url, plus `.` between payload and signature). */
const TOKEN = /^[A-Za-z0-9_.~-]{6,400}$/;
const SEGMENT = /^[A-Za-z0-9_.~-]{1,400}$/;

/**
 * The token in a scanned job-card code: the path after `/s/` of a scan-page URL, or the code
 * itself when the card carries a bare token. Undefined for anything else.
 */
export function scanTokenOf(code: string): string | undefined {
  const text = code.trim();
  const at = text.indexOf('/s/');
  if (at >= 0) {
    const path = text
      .slice(at + 3)
      .split(/[?#]/)[0]
      .replace(/\/+$/, '');
    const segments = path.split('/').filter(Boolean);
    return segments.length && segments.every((s) => SEGMENT.test(s)) ? segments.join('/') : undefined;
  }
  return TOKEN.test(text) ? text : undefined;
}

/**
 * Finds erased customers' values in text in one pass, however many customers are erased at once
 * (`expire` after three years erases thousands): candidates are cut out of the text by their
 * shape — a plate, a run of digits, a VIN-shaped run, a run of Chinese characters — and looked
 * up in sets, rather than searching the text once per value.
 *
 * Plates are compared normalised (`京a·12 345` holds `京A12345`), phones as digits (also after a
 * leading 86), names as they were stored. A value of no known shape (a Latin name, a foreign
 * plate) is looked up by its first word, then compared whole. Values shorter than two
 * characters, or than four when ASCII, would match by chance and are left out.
 */
import { normalisePlate } from '../../shared/domain/plate';
import { TOMBSTONE } from './customers';

const CN_PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4,6}[\u4e00-\u9fa5]?$/;
const PLATE_CANDIDATE = /[\u4e00-\u9fa5][A-Za-z](?:[\s·•._-]*[A-Za-z0-9\u4e00-\u9fa5]){4,7}/g;
const PHONE = /^\+?\d{6,15}$/;
const DIGITS = /\d{6,}/g;
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const ALNUM = /[A-Z0-9]{17,}/g;
const CJK = /^[\u3400-\u9fff]+$/;
const CJK_RUN = /[\u3400-\u9fff]+/g;
const WORD = /[\p{L}\p{N}]+/gu;

type Range = [number, number];

export class ValueFinder {
  readonly #plates = new Set<string>();
  readonly #phones = new Set<string>();
  readonly #phoneLengths = new Set<number>();
  readonly #vins = new Set<string>();
  readonly #names = new Set<string>();
  readonly #nameLengths = new Set<number>();
  /** Values of no known shape, by their first word. */
  readonly #plain = new Map<string, string[]>();

  constructor(values: Iterable<string>) {
    for (const value of values) {
      if (value === TOMBSTONE || value.length < 2 || (value.length < 4 && /^[\x00-\x7f]*$/.test(value))) continue;
      const plate = normalisePlate(value);
      if (CN_PLATE.test(plate)) this.#plates.add(plate);
      else if (PHONE.test(value)) {
        const digits = value.replace('+', '');
        this.#phones.add(digits);
        this.#phoneLengths.add(digits.length);
      } else if (VIN.test(value)) this.#vins.add(value);
      else if (CJK.test(value)) {
        this.#names.add(value);
        this.#nameLengths.add(value.length);
      } else {
        const first = value.match(WORD)?.[0];
        if (first) this.#plain.set(first, [...(this.#plain.get(first) ?? []), value]);
      }
    }
  }

  get empty(): boolean {
    return !this.#plates.size && !this.#phones.size && !this.#vins.size && !this.#names.size && !this.#plain.size;
  }

  holds(text: string): boolean {
    return this.#ranges(text, true).length > 0;
  }

  /** `text` with every value found replaced by the tombstone. */
  replace(text: string): string {
    const ranges = this.#ranges(text, false).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let out = '';
    let at = 0;
    for (const [start, end] of ranges) {
      if (end <= at) continue;
      out += text.slice(at, Math.max(at, start)) + (start >= at ? TOMBSTONE : '');
      at = end;
    }
    return out + text.slice(at);
  }

  #ranges(text: string, first: boolean): Range[] {
    const found: Range[] = [];
    const add = (start: number, end: number) => found.push([start, end]) && first;
    if (this.#plates.size)
      for (const m of text.matchAll(PLATE_CANDIDATE)) {
        // The candidate may run on into the next word: try each length a plate can have, longest first.
        for (let end = m[0].length; end >= 7; end--) {
          if (this.#plates.has(normalisePlate(m[0].slice(0, end))) && add(m.index, m.index + end)) return found;
        }
      }
    if (this.#phones.size)
      for (const m of text.matchAll(DIGITS)) {
        for (const length of this.#phoneLengths)
          for (let i = 0; i + length <= m[0].length; i++)
            if (this.#phones.has(m[0].slice(i, i + length)) && add(m.index + i, m.index + i + length)) return found;
      }
    if (this.#vins.size)
      for (const m of text.matchAll(ALNUM))
        for (let i = 0; i + 17 <= m[0].length; i++) if (this.#vins.has(m[0].slice(i, i + 17)) && add(m.index + i, m.index + i + 17)) return found;
    if (this.#names.size)
      for (const m of text.matchAll(CJK_RUN))
        for (const length of this.#nameLengths)
          for (let i = 0; i + length <= m[0].length; i++)
            if (this.#names.has(m[0].slice(i, i + length)) && add(m.index + i, m.index + i + length)) return found;
    if (this.#plain.size)
      for (const m of text.matchAll(WORD))
        for (const value of this.#plain.get(m[0]) ?? []) if (text.startsWith(value, m.index) && add(m.index, m.index + value.length)) return found;
    return found;
  }
}

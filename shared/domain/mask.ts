import type { Locale } from './ids';
import type { Salutation } from './people';

/**
 * A masked name in both page languages. Masking runs on the server, before the page's language
 * is known (the lobby TV picks `?lang=` itself), so both forms travel and the page picks one.
 */
export type MaskedName = Record<Locale, string>;

// Two-character surnames common enough to matter; the rest of a Han name is the given name.
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '令狐',
  '夏侯',
  '端木',
  '澹台',
]);

/** Han ideographs (CJK unified, extension A, compatibility): a Chinese, Japanese or Korean-hanja surname. */
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * Only letters and the joiners names are written with: a customer typed "<b>" or an emoji must
 * never reach a public screen as markup or as its first "letter".
 */
const cleanName = (name: string) =>
  // Tags go whole (`<b>Smith</b>` is Smith, not "b"); then any other symbol.
  name
    .normalize('NFC')
    .replace(/<[a-z/!][^>]*>/gi, ' ')
    .replace(/[^\p{L}\p{M}\s,'’.-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The family name in a name written in Latin (or any alphabet): the part before a comma
 * ("Zhang, Wei"); else a word written in capitals among others that are not ("ZHANG Wei", as
 * passports write it); else the last word ("Wei Zhang", the English order).
 */
const latinSurname = (name: string): string => {
  if (name.includes(',')) return name.split(',')[0]!.trim();
  const words = name.split(' ').filter((w) => /\p{L}/u.test(w));
  const capitals = words.filter((w) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase());
  if (capitals.length === 1 && words.length > 1) return capitals[0]!;
  return words[words.length - 1] ?? '';
};

/**
 * Mask a customer's name for public screens, in both page languages: `张伟` → `张先生` /
 * `Mr. 张`; `Wei Zhang` → `Z先生` / `Mr. Z.`. A Han surname stays whole (it alone names nobody);
 * any other keeps only its initial, as the English convention does. Nothing but letters survives.
 */
export const maskName = (name: string, salutation: Salutation): MaskedName => {
  const cleaned = cleanName(name);
  if (HAN.test(cleaned)) {
    const head = cleaned.replace(/\s/g, '');
    const surname = COMPOUND_SURNAMES.has(head.slice(0, 2)) && head.length > 2 ? head.slice(0, 2) : [...head][0]!;
    return {
      'zh-CN': `${surname}${salutation === 'ms' ? '女士' : salutation === 'mr' ? '先生' : '**'}`,
      en: salutation === 'none' ? `${surname}**` : `${salutation === 'ms' ? 'Ms.' : 'Mr.'} ${surname}`,
    };
  }
  const initial = (/\p{L}/u.exec(latinSurname(cleaned))?.[0] ?? '').toLocaleUpperCase();
  if (!initial) return { 'zh-CN': '', en: '' };
  return {
    'zh-CN': salutation === 'none' ? `${initial}.` : `${initial}${salutation === 'ms' ? '女士' : '先生'}`,
    en: salutation === 'none' ? `${initial}.` : `${salutation === 'ms' ? 'Ms.' : 'Mr.'} ${initial}.`,
  };
};

/** `13812345678` → `138****5678`. */
export const maskPhone = (phone: string): string =>
  phone.length <= 4 ? '****' : `${phone.slice(0, 3)}${'*'.repeat(Math.max(4, phone.length - 7))}${phone.slice(-4)}`;

/**
 * How a kiosk names the staff member who answered a customer's call: surname and title, the way
 * a front desk introduces itself (`王磊` → `王顾问` / `Advisor 王`; `Lei Wang` → `Wang 顾问` /
 * `Advisor Wang`). Only the surname leaves for the public screen, cleaned like a customer's name.
 * Undefined when there is no usable name (the screen then says "an advisor").
 */
export const advisorTitle = (name: string | undefined): MaskedName | undefined => {
  const cleaned = cleanName(name ?? '');
  if (!cleaned) return undefined;
  if (HAN.test(cleaned)) {
    const head = cleaned.replace(/\s/g, '');
    const surname = COMPOUND_SURNAMES.has(head.slice(0, 2)) && head.length > 2 ? head.slice(0, 2) : [...head][0]!;
    return { 'zh-CN': `${surname}顾问`, en: `Advisor ${surname}` };
  }
  const surname = latinSurname(cleaned);
  if (!surname) return undefined;
  const word = surname.charAt(0).toLocaleUpperCase() + surname.slice(1).toLocaleLowerCase();
  return { 'zh-CN': `${word} 顾问`, en: `Advisor ${word}` };
};

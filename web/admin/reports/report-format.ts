import type { Ratio } from '../../../shared/reports/summary';

/**
 * How the page writes a figure. One place, so the browser test can write the REST answer's
 * numbers the same way and compare: a share as a percentage with one decimal, hours with one,
 * a ratio of hours with two, "—" for nothing to measure (a null is never shown as 0).
 */
export const NONE = '—';
export const pct = (value: number | null | undefined): string => (value === null || value === undefined ? NONE : `${(value * 100).toFixed(1)}%`);
export const fixed = (value: number | null | undefined, digits = 1): string => (value === null || value === undefined ? NONE : value.toFixed(digits));
/** `numerator/denominator` of a ratio, integers as they are. */
export const fraction = (r: Ratio): string => `${trim(r.numerator)}/${trim(r.denominator)}`;
const trim = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
/** Minutes as `3h 05m` (zh: `3小时05分`), or `45m` under an hour. */
export function duration(minutes: number | null | undefined, lang: 'zh-CN' | 'en'): string {
  if (minutes === null || minutes === undefined) return NONE;
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  const rest = String(m % 60).padStart(h ? 2 : 1, '0');
  if (lang === 'en') return h ? `${h}h ${rest}m` : `${rest}m`;
  return h ? `${h}小时${rest}分` : `${rest}分钟`;
}

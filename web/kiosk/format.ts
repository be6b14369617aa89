import type { KioskKey } from '../../shared/i18n/kiosk';

type T = (key: KioskKey, params?: Record<string, string | number>) => string;

/** `25` → `25 分钟` / `25 min`; `90` → `1 小时 30 分钟` / `1 h 30 min`. */
export function durationText(t: T, minutes: number): string {
  const rounded = Math.max(5, Math.round(minutes / 5) * 5);
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  if (!h) return t('dur.min', { n: m });
  return m ? t('dur.hm', { h, m }) : t('dur.hours', { h });
}

/** Standard hours as the customer reads them. */
export const hoursText = (t: T, hours: number) => durationText(t, hours * 60);

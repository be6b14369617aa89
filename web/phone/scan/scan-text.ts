import type { Locale } from '../../../shared/domain/ids';
import { common } from '../../../shared/i18n/common';
import { scan, type ScanKey } from '../../../shared/i18n/scan';
import { formatDateTime, formatTime, translator } from '../../../shared/i18n/translate';

/** The scan page's strings and time formats for one language and store time zone. */
export function scanText(locale: Locale, timeZone: string) {
  const t = translator(scan, locale);
  const c = translator(common, locale);
  return {
    t: t as (key: ScanKey, params?: Record<string, string | number>) => string,
    c,
    locale,
    /** The store's time zone: "tomorrow 09:00" is the store's morning, whatever the phone is set to. */
    timeZone,
    time: (iso: string | number) => formatTime(iso, timeZone, locale),
    dateTime: (iso: string | number) => formatDateTime(iso, timeZone, locale),
  };
}
export type ScanText = ReturnType<typeof scanText>;

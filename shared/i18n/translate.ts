import type { Locale } from '../domain/ids';

/**
 * Strings live in one catalogue per surface (common.ts, customer-board.ts, …), each a pair of
 * objects with the same keys; `satisfies` makes a missing translation a compile error.
 * Placeholders look like {name}.
 */
export type Catalogue<K extends string> = Record<Locale, Record<K, string>>;

export const translator =
  <K extends string>(catalogue: Catalogue<K>, locale: Locale) =>
  (key: K, params?: Record<string, string | number>): string => {
    const template = catalogue[locale][key] ?? catalogue.en[key] ?? key;
    return params ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : template;
  };

// Building an Intl.DateTimeFormat costs far more than using one, and a board formats hundreds
// of times per update (the render benchmark found it among the top costs): keep one per use.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (kind: 'time' | 'dateTime', timeZone: string, locale: Locale): Intl.DateTimeFormat => {
  const key = `${kind}|${timeZone}|${locale}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      kind === 'time'
        ? { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }
        : { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
    );
    formatters.set(key, f);
  }
  return f;
};

/** Clock time in the store's zone: `10:42`. */
export const formatTime = (iso: string | number, timeZone: string, locale: Locale) => formatter('time', timeZone, locale).format(new Date(iso));

/** Date and time in the store's zone: `11月23日 10:42` / `Nov 23, 10:42`. */
export const formatDateTime = (iso: string | number, timeZone: string, locale: Locale) => formatter('dateTime', timeZone, locale).format(new Date(iso));

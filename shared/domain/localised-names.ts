import type { Locale } from './ids';
import type { Operation } from './repair-order';
import type { Bay, CatalogueItem, Store } from './shop';

/**
 * Names in the page's language, for boards opened with `?lang=en`. An operation keeps the title
 * it was written with (the store's language); its catalogue entry has the other language's
 * title. A bay's `name` is in the store's language, `nameEn` (optional) in English. Types only
 * from the zod modules, so browser bundles stay free of zod.
 */
export const bayName = (bay: Pick<Bay, 'name' | 'nameEn'>, locale: Locale): string => (locale === 'en' ? (bay.nameEn ?? bay.name) : bay.name);

export const operationTitle = (op: Pick<Operation, 'code' | 'title'>, catalogue: readonly Pick<CatalogueItem, 'code' | 'title'>[], locale: Locale): string => {
  const item = catalogue.find((c) => c.code === op.code);
  // Only replace a title that is still the catalogue's own: one typed by the advisor stays as typed.
  return item && (item.title['zh-CN'] === op.title || item.title.en === op.title) ? item.title[locale] : op.title;
};

type WithOps = { operations: readonly Operation[] };
const cache = new WeakMap<object, Map<string, unknown>>();

/** The same object per input, locale and catalogue, so boards that skip unchanged records still can. */
function memo<T extends object>(input: T, key: string, make: () => T): T {
  let byKey = cache.get(input);
  if (!byKey) cache.set(input, (byKey = new Map()));
  let out = byKey.get(key) as T | undefined;
  if (!out) byKey.set(key, (out = make()));
  return out;
}

/** A repair order with its operations' titles in `locale`; the very same object when nothing changes. */
export function localisedRo<R extends WithOps>(ro: R, catalogue: readonly Pick<CatalogueItem, 'code' | 'title'>[], locale: Locale): R {
  const titles = ro.operations.map((op) => operationTitle(op, catalogue, locale));
  if (titles.every((t, i) => t === ro.operations[i].title)) return ro;
  return memo(ro, `${locale}|${titles.join('|')}`, () => ({ ...ro, operations: ro.operations.map((op, i) => ({ ...op, title: titles[i] })) }));
}

/** A store whose bays are named in `locale`; the very same object when nothing changes. */
export function localisedStore<S extends Pick<Store, 'bays'>>(store: S, locale: Locale): S {
  if (store.bays.every((b) => bayName(b, locale) === b.name)) return store;
  return memo(store, locale, () => ({ ...store, bays: store.bays.map((b) => ({ ...b, name: bayName(b, locale) })) }));
}

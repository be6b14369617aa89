import { join } from 'node:path';
import type { ShopConfig } from '../../shared/domain/shop';
import { loadShopConfig, parseShopConfig } from '../config';
import { ROOT } from '../paths';

/** The demo's other stores: config/demo-stores.json, beside the shipped shop. */
export const DEMO_STORES_FILE = join(ROOT, 'config', 'demo-stores.json');

/**
 * The demo group: the shop plus the stores of config/demo-stores.json (a Shanghai and a
 * Guangzhou store), so the group report has stores to compare. Only the demo on the shipped
 * shop gets them; a shop of one's own (SHOP_CONFIG) is served as written. The merged shop is
 * validated as a whole, so an id used twice is refused naming the file.
 */
export function withDemoStores(shop: ShopConfig, file = DEMO_STORES_FILE): ShopConfig {
  const extra = loadShopConfig(file).stores.filter((s) => !shop.stores.some((t) => t.id === s.id));
  return parseShopConfig({ ...shop, stores: [...shop.stores, ...extra] }, file);
}

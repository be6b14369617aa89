import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShopConfig } from '../../server/config';

/** Rooms of one store as the gateway names them (see roomOf in shared/projections/audience.ts). */
export type DisplayKind = 'customer' | 'dispatch' | 'bay';
export interface DisplaySpec {
  /** Index of the store in the generated shop (0-based); its id is storeIdOf(index). */
  store: number;
  kind: DisplayKind;
  /** 1-based bay number for bay boards. */
  bay?: number;
}

export const storeIdOf = (i: number) => `s${String(i + 1).padStart(4, '0')}`;
export const bayIdOf = (n: number) => `b${n}`;
export const roomOfSpec = (d: DisplaySpec) => (d.kind === 'bay' ? `s:${storeIdOf(d.store)}:bay:${bayIdOf(d.bay!)}` : `s:${storeIdOf(d.store)}:${d.kind}`);

/**
 * A dealer group of `stores` identical service departments with `bays` bays each, written as a
 * shop config file (validated the way the server will) for SHOP_CONFIG.
 */
export function writeBenchShop(dir: string, stores: number, bays: number): string {
  const shop = {
    group: { name: 'Benchmark dealer group' },
    stores: Array.from({ length: stores }, (_, i) => ({
      id: storeIdOf(i),
      name: { 'zh-CN': `基准门店${i + 1}`, en: `Bench store ${i + 1}` },
      country: 'CN',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
      bays: Array.from({ length: bays }, (_, b) => ({ id: bayIdOf(b + 1), name: String(b + 1), kind: 'general' })),
      catalogue: [{ code: 'SVC', title: { 'zh-CN': '常规保养', en: 'Regular service' }, standardHours: 1.5, bayKind: 'general' }],
    })),
  };
  parseShopConfig(shop, 'bench shop');
  const file = join(dir, 'shop.json');
  writeFileSync(file, JSON.stringify(shop));
  return file;
}

/**
 * K displays spread evenly over the stores, and inside each store round-robin over its rooms:
 * the customer board, the dispatch board, then each bay board. With K = 10 × S and 8 bays every
 * room has one screen; with K = 500 × S each room has about 50.
 */
export function spreadDisplays(displays: number, stores: number, bays: number): DisplaySpec[] {
  const out: DisplaySpec[] = [];
  const rooms = 2 + bays;
  for (let i = 0; i < displays; i++) {
    const store = i % stores;
    const slot = Math.floor(i / stores) % rooms;
    out.push(slot === 0 ? { store, kind: 'customer' } : slot === 1 ? { store, kind: 'dispatch' } : { store, kind: 'bay', bay: slot - 1 });
  }
  return out;
}

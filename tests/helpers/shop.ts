import { ShopConfigSchema, type ShopConfig } from '../../shared/domain/shop';

/**
 * A compact two-store shop for tests that must not depend on config/shop.json: one Chinese
 * store with a small catalogue, and a second store to check that one store's staff cannot
 * reach another's data.
 */
export const aTestShop = (): ShopConfig =>
  ShopConfigSchema.parse({
    group: { name: 'Test group' },
    stores: [
      {
        id: 'store-a',
        name: { 'zh-CN': '测试一店', en: 'Test store A' },
        country: 'CN',
        timezone: 'Asia/Shanghai',
        locale: 'zh-CN',
        bays: [
          { id: 'bay-1', name: '1', kind: 'general' },
          { id: 'bay-2', name: '2', kind: 'quick' },
          { id: 'bay-w', name: 'Wash', kind: 'wash' },
        ],
        teams: [{ id: 'team-1', name: 'A' }],
        technicians: [
          { id: 'tech-1', name: '李师傅', teamId: 'team-1' },
          { id: 'tech-2', name: '王师傅', teamId: 'team-1' },
        ],
        advisors: [{ id: 'adv-1', name: '赵顾问' }],
        catalogue: [
          { code: 'OIL', title: { 'zh-CN': '更换机油', en: 'Oil change' }, standardHours: 0.5, bayKind: 'quick' },
          { code: 'BRK', title: { 'zh-CN': '更换前刹车片', en: 'Front brake pads' }, standardHours: 1.2, bayKind: 'general' },
        ],
      },
      {
        id: 'store-b',
        name: { 'zh-CN': '测试二店', en: 'Test store B' },
        bays: [{ id: 'bay-1', name: '1', kind: 'general' }],
      },
    ],
  });

import type { Locale } from './ids';

/**
 * Makes a walk-in can tap at the kiosk, by how often they come to Chinese service departments.
 * The stored make is the name in Latin letters (as the DMS and the boards write "Audi A4L");
 * the kiosk shows the Chinese name beside it. The store's own brand is put first by the kiosk.
 */
export const VEHICLE_MAKES: readonly { make: string; name: Record<Locale, string> }[] = [
  { make: 'Volkswagen', name: { 'zh-CN': '大众', en: 'Volkswagen' } },
  { make: 'Toyota', name: { 'zh-CN': '丰田', en: 'Toyota' } },
  { make: 'Honda', name: { 'zh-CN': '本田', en: 'Honda' } },
  { make: 'BYD', name: { 'zh-CN': '比亚迪', en: 'BYD' } },
  { make: 'Nissan', name: { 'zh-CN': '日产', en: 'Nissan' } },
  { make: 'Buick', name: { 'zh-CN': '别克', en: 'Buick' } },
  { make: 'Audi', name: { 'zh-CN': '奥迪', en: 'Audi' } },
  { make: 'BMW', name: { 'zh-CN': '宝马', en: 'BMW' } },
  { make: 'Mercedes-Benz', name: { 'zh-CN': '奔驰', en: 'Mercedes-Benz' } },
  { make: 'Tesla', name: { 'zh-CN': '特斯拉', en: 'Tesla' } },
  { make: 'Geely', name: { 'zh-CN': '吉利', en: 'Geely' } },
  { make: 'Changan', name: { 'zh-CN': '长安', en: 'Changan' } },
  { make: 'Haval', name: { 'zh-CN': '哈弗', en: 'Haval' } },
  { make: 'Hyundai', name: { 'zh-CN': '现代', en: 'Hyundai' } },
  { make: 'Ford', name: { 'zh-CN': '福特', en: 'Ford' } },
  { make: 'Chevrolet', name: { 'zh-CN': '雪佛兰', en: 'Chevrolet' } },
  { make: 'Kia', name: { 'zh-CN': '起亚', en: 'Kia' } },
  { make: 'Mazda', name: { 'zh-CN': '马自达', en: 'Mazda' } },
  { make: 'Li Auto', name: { 'zh-CN': '理想', en: 'Li Auto' } },
  { make: 'NIO', name: { 'zh-CN': '蔚来', en: 'NIO' } },
  { make: 'XPeng', name: { 'zh-CN': '小鹏', en: 'XPeng' } },
  { make: 'Volvo', name: { 'zh-CN': '沃尔沃', en: 'Volvo' } },
  { make: 'Lexus', name: { 'zh-CN': '雷克萨斯', en: 'Lexus' } },
  { make: 'Porsche', name: { 'zh-CN': '保时捷', en: 'Porsche' } },
];

/** What a repair order shows as its make until someone knows it. */
export const UNKNOWN_MAKE = '—';

/** The kiosk's list: the store's brand first (when it is a known make), then the rest. */
export const makesFor = (brand: string | undefined) => {
  const own = VEHICLE_MAKES.filter((m) => brand && m.make.toLowerCase() === brand.toLowerCase());
  return [...own, ...VEHICLE_MAKES.filter((m) => !own.includes(m))];
};

import type { Locale } from '../domain/ids';
import type { Catalogue } from './translate';

type Key =
  | 'board.title'
  | 'board.loading'
  | 'board.renderError'
  | 'board.privacy'
  | 'board.page'
  | 'board.stale'
  | 'workshop.heading'
  | 'workshop.count'
  | 'workshop.countOne'
  | 'workshop.empty'
  | 'workshop.emptyHint'
  | 'col.car'
  | 'col.progress'
  | 'col.time'
  | 'step.checked_in'
  | 'step.in_service'
  | 'step.quality_check'
  | 'step.washing'
  | 'step.ready'
  | 'step.parts'
  | 'step.waiting'
  | 'time.promised'
  | 'time.unknown'
  | 'parts.eta'
  | 'parts.etaUnknown'
  | 'ready.heading'
  | 'ready.count'
  | 'ready.countOne'
  | 'ready.desk'
  | 'ready.at'
  | 'ready.empty'
  | 'ready.emptyHint'
  | 'callout.title'
  | 'callout.more'
  | 'callout.next'
  | 'speech.ready';

/** Every string of the lounge board (客户看板). Stage names come from common.ts. */
export const customerBoard = {
  'zh-CN': {
    'board.title': '车辆维修进度',
    'board.loading': '正在载入车辆进度…',
    'board.renderError': '显示更新暂时出错，正在恢复',
    'board.privacy': '为保护隐私，车牌与姓名已部分隐藏',
    'board.page': '第 {page}/{pages} 页',
    'board.stale': '暂停更新：数据停留在 {time}，请以服务顾问告知为准',
    'workshop.heading': '在修车辆',
    'workshop.count': '{n} 辆',
    'workshop.countOne': '1 辆',
    'workshop.empty': '目前没有在修车辆',
    'workshop.emptyHint': '接车后，您的爱车将在这里显示实时进度',
    'col.car': '车牌 · 车主 · 车型',
    'col.progress': '维修进度',
    'col.time': '预计完工',
    'step.checked_in': '已接车',
    'step.in_service': '维修中',
    'step.quality_check': '质检',
    'step.washing': '洗车',
    'step.ready': '可取车',
    'step.parts': '等待配件',
    'step.waiting': '等待派工',
    'time.promised': '原定 {time}',
    'time.unknown': '待确认',
    'parts.eta': '配件预计 {time} 到店',
    'parts.etaUnknown': '配件到货时间确认中',
    'ready.heading': '可取车',
    'ready.count': '{n} 辆',
    'ready.countOne': '1 辆',
    'ready.desk': '请到服务前台取车',
    'ready.at': '完工',
    'ready.empty': '暂无待取车辆',
    'ready.emptyHint': '车辆完工后会在这里显示，并语音提醒',
    'callout.title': '您的爱车已可取车',
    'callout.more': '另有 {n} 辆',
    'callout.next': '稍后呼叫',
    'speech.ready': '{plate}，您的爱车已可取车。{desk}',
  },
  en: {
    'board.title': 'Service progress',
    'board.loading': 'Loading service progress…',
    'board.renderError': 'Display update problem — recovering',
    'board.privacy': 'Plates and names are partly hidden for privacy',
    'board.page': 'Page {page}/{pages}',
    'board.stale': 'Updates paused: showing the state at {time}. Please ask at the service desk.',
    'workshop.heading': 'In the workshop',
    'workshop.count': '{n} cars',
    'workshop.countOne': '1 car',
    'workshop.empty': 'No cars in the workshop right now',
    'workshop.emptyHint': 'Once checked in, your car appears here with live progress',
    'col.car': 'Plate · Owner · Car',
    'col.progress': 'Progress',
    'col.time': 'Expected ready',
    // One short word each: five labels share a row at 24 px+ (read from 4 m) without touching.
    'step.checked_in': 'Check-in',
    'step.in_service': 'Repair',
    'step.quality_check': 'Check',
    'step.washing': 'Wash',
    'step.ready': 'Ready',
    'step.parts': 'Parts',
    'step.waiting': 'Queued',
    'time.promised': 'was {time}',
    'time.unknown': 'To be confirmed',
    'parts.eta': 'Part due {time}',
    'parts.etaUnknown': 'Part arrival being confirmed',
    'ready.heading': 'Ready for pickup',
    'ready.count': '{n} cars',
    'ready.countOne': '1 car',
    'ready.desk': 'Please collect your car at the service desk',
    'ready.at': 'Ready at',
    'ready.empty': 'No cars waiting for pickup',
    'ready.emptyHint': 'Finished cars appear here, with an announcement',
    'callout.title': 'Your car is ready',
    'callout.more': 'and {n} more',
    'callout.next': 'Called next',
    'speech.ready': '{plate} is ready for pickup. {desk}',
  },
} satisfies Catalogue<Key>;

export type CustomerBoardKey = Key;

/**
 * Car colours as advisors type them (Chinese) → the board's language, with a swatch so the
 * colour is shown, not only named. Unknown colours are shown as typed, without a swatch.
 */
const COLOURS: Record<string, { en: string; 'zh-CN': string; swatch: string }> = {
  黑: { en: 'Black', 'zh-CN': '黑色', swatch: '#0a0a0a' },
  白: { en: 'White', 'zh-CN': '白色', swatch: '#f8fafc' },
  银: { en: 'Silver', 'zh-CN': '银色', swatch: '#c0c6cf' },
  灰: { en: 'Grey', 'zh-CN': '灰色', swatch: '#6b7280' },
  红: { en: 'Red', 'zh-CN': '红色', swatch: '#dc2626' },
  蓝: { en: 'Blue', 'zh-CN': '蓝色', swatch: '#2563eb' },
  绿: { en: 'Green', 'zh-CN': '绿色', swatch: '#16a34a' },
  黄: { en: 'Yellow', 'zh-CN': '黄色', swatch: '#facc15' },
  橙: { en: 'Orange', 'zh-CN': '橙色', swatch: '#f97316' },
  棕: { en: 'Brown', 'zh-CN': '棕色', swatch: '#78350f' },
  金: { en: 'Gold', 'zh-CN': '金色', swatch: '#d4af37' },
  紫: { en: 'Purple', 'zh-CN': '紫色', swatch: '#7c3aed' },
};
const ENGLISH_COLOURS = Object.fromEntries(Object.values(COLOURS).map((c) => [c.en.toLowerCase(), c]));

export const carColour = (color: string, locale: Locale): { name: string; swatch?: string } => {
  const key = color.trim();
  const known = COLOURS[key.replace(/色$/, '')] ?? ENGLISH_COLOURS[key.toLowerCase()];
  return known ? { name: known[locale], swatch: known.swatch } : { name: key };
};

import type { Catalogue } from './translate';

type Key =
  | 'call.title'
  | 'call.where'
  | 'call.since'
  | 'call.justNow'
  | 'call.locale.en'
  | 'call.locale.zh-CN'
  | 'call.ack'
  | 'call.sending'
  | 'call.failed'
  | 'call.more';

/** The "call an advisor" alert on the dispatch board, raised by a kiosk. */
export const advisorCallText = {
  'zh-CN': {
    'call.title': '客户呼叫服务顾问',
    'call.where': '自助接待机 {kiosk}',
    'call.since': '{time} 起 · 已等 {min} 分钟',
    'call.justNow': '{time} · 刚刚',
    'call.locale.en': '客户使用英文',
    'call.locale.zh-CN': '客户使用中文',
    'call.ack': '我这就过去',
    'call.sending': '正在确认…',
    'call.failed': '确认失败：{reason}',
    'call.more': '另有 {n} 个呼叫',
  },
  en: {
    'call.title': 'A customer is calling for an advisor',
    'call.where': 'Check-in kiosk {kiosk}',
    'call.since': 'since {time} · waiting {min} min',
    'call.justNow': '{time} · just now',
    'call.locale.en': 'Customer is using English',
    'call.locale.zh-CN': 'Customer is using Chinese',
    'call.ack': "I'm on my way",
    'call.sending': 'Confirming…',
    'call.failed': 'Could not confirm: {reason}',
    'call.more': '{n} more calls',
  },
} satisfies Catalogue<Key>;

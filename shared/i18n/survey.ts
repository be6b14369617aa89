import type { Catalogue } from './translate';

type Key =
  | 'survey.score.1'
  | 'survey.score.2'
  | 'survey.score.3'
  | 'survey.score.4'
  | 'survey.score.5'
  | 'survey.pick'
  | 'survey.comment'
  | 'survey.commentPlaceholder'
  | 'survey.submit'
  | 'survey.sending'
  | 'survey.stars';

/** The 1–5 satisfaction survey, shared by the tracking page and the kiosk. */
export const surveyText = {
  'zh-CN': {
    'survey.score.1': '很不满意',
    'survey.score.2': '不太满意',
    'survey.score.3': '一般',
    'survey.score.4': '满意',
    'survey.score.5': '非常满意',
    'survey.pick': '请点选星级',
    'survey.comment': '还有什么想告诉我们的？（选填）',
    'survey.commentPlaceholder': '例如：等待时间、服务态度、维修质量',
    'survey.submit': '提交评价',
    'survey.sending': '正在提交…',
    'survey.stars': '{n} 星',
  },
  en: {
    'survey.score.1': 'Very poor',
    'survey.score.2': 'Poor',
    'survey.score.3': 'OK',
    'survey.score.4': 'Good',
    'survey.score.5': 'Excellent',
    'survey.pick': 'Tap the stars',
    'survey.comment': 'Anything else you would like to tell us? (optional)',
    'survey.commentPlaceholder': 'e.g. waiting time, friendliness, quality of the work',
    'survey.submit': 'Send',
    'survey.sending': 'Sending…',
    'survey.stars': '{n} stars',
  },
} satisfies Catalogue<Key>;

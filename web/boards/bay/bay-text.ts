import type { Locale } from '../../../shared/domain/ids';
import { bayBoard } from '../../../shared/i18n/bay-board';
import { common } from '../../../shared/i18n/common';
import { formatTime, translator } from '../../../shared/i18n/translate';
import type { TimerText } from '../../common/work-timer';
import { wholeMinutes } from '../../common/work-time';

/** Everything the bay board says, for one locale and store time zone. */
export interface BayText {
  t: ReturnType<typeof translator<keyof (typeof bayBoard)['en']>>;
  c: ReturnType<typeof translator<keyof (typeof common)['en']>>;
  time(iso: string | number): string;
  timer: TimerText;
}

const cache = new Map<string, BayText>();

/** One object per locale and zone, so passing it down never looks like a change. */
export function bayText(locale: Locale, timeZone: string): BayText {
  const key = `${locale}|${timeZone}`;
  let text = cache.get(key);
  if (text) return text;
  const t = translator(bayBoard, locale);
  text = {
    t,
    c: translator(common, locale),
    time: (iso) => formatTime(iso, timeZone, locale),
    timer: {
      describe: (p) => {
        const pct = Math.round(p.ratio * 100);
        return p.level === 'over'
          ? t('timer.over', { min: Math.max(1, wholeMinutes(p.workedMs - p.standardMs)) })
          : p.level === 'warn'
            ? t('timer.warn', { pct })
            : t('timer.ok', { pct });
      },
      standard: (hours) => t('timer.standard', { hours }),
      paused: t('timer.paused'),
    },
  };
  cache.set(key, text);
  return text;
}

import type { Locale } from '../../../shared/domain/ids';
import { common } from '../../../shared/i18n/common';
import { dispatchBoard } from '../../../shared/i18n/dispatch-board';
import { formatTime, translator } from '../../../shared/i18n/translate';
import type { TimerText } from '../../common/work-timer';
import { wholeMinutes } from '../../common/work-time';

/** Everything the dispatch board says, for one locale and store time zone. */
export interface BoardText {
  t: ReturnType<typeof translator<keyof (typeof dispatchBoard)['en']>>;
  c: ReturnType<typeof translator<keyof (typeof common)['en']>>;
  /** A span of time in words: "25 分钟", "1 小时 5 分". */
  duration(ms: number): string;
  /** Clock time in the store's zone. */
  time(iso: string | number): string;
  timer: TimerText;
}

const cache = new Map<string, BoardText>();

/** One object per locale and zone, so passing it down never looks like a change. */
export function boardText(locale: Locale, timeZone: string): BoardText {
  const key = `${locale}|${timeZone}`;
  let text = cache.get(key);
  if (text) return text;
  const t = translator(dispatchBoard, locale);
  const c = translator(common, locale);
  const duration = (ms: number) => {
    const m = wholeMinutes(ms);
    return m < 60 ? t('duration.min', { m }) : t('duration.hmin', { h: Math.floor(m / 60), m: m % 60 });
  };
  text = {
    t,
    c,
    duration,
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

/** An API error in the board's words, keeping the server's own message as the detail. */
export function apiErrorText(text: BoardText, error: { code: string; message: string }): { summary: string; detail: string } {
  const key = `error.${error.code}`;
  const summary = key in dispatchBoard.en ? text.t(key as 'error.other') : text.t('error.other');
  return { summary, detail: error.code === 'network' ? '' : `${error.message} (${error.code})` };
}

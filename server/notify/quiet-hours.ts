import { localDate, localDayStart, zoneOffsetMs } from '../../shared/domain/local-date';

export interface QuietHours {
  /** Store-local HH:MM; later than `end` spans midnight. */
  start: string;
  end: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a message due at `at` may go out: `at` itself, or — inside the store's quiet hours — the
 * next `end` on the store's clock (21:00–08:00 in Asia/Shanghai: a message due at 23:10 waits
 * until 08:00 the next morning, one due at 06:00 until 08:00 the same morning).
 */
export function releaseTime(at: number, timeZone: string, quiet: QuietHours | undefined): number {
  if (!quiet) return at;
  const local = at + zoneOffsetMs(at, timeZone);
  const m = Math.floor((local % 86_400_000) / 60_000);
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const spansMidnight = start > end;
  const inside = spansMidnight ? m >= start || m < end : m >= start && m < end;
  if (!inside) return at;
  const today = localDate(at, timeZone);
  // After the evening start of a quiet night, the end is on the next local day.
  const day = spansMidnight && m >= start ? localDate(localDayStart(today, timeZone) + 36 * 3_600_000, timeZone) : today;
  return localDayStart(day, timeZone) + end * 60_000;
}

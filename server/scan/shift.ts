import type { ScanConfig } from '../../shared/domain/scan-config';

/** Offset of a time zone from UTC at an instant, in ms (e.g. +8 h for Asia/Shanghai). */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return local - Math.floor(at / 1000) * 1000;
}

/** The instant a store-local date and clock time (HH:MM) happen. */
function localInstant(year: number, month: number, day: number, clock: string, timeZone: string): number {
  const [h, m] = clock.split(':').map(Number);
  const guess = Date.UTC(year, month - 1, day, h, m);
  return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, timeZone), timeZone);
}

/** Less than this before a shift end, a sign-in is for the next shift (overtime, night shift). */
const MIN_SIGN_IN_MS = 60 * 60_000;

/**
 * When a sign-in made at `now` ends: the next configured shift end at least an hour away,
 * but never more than maxSignInHours later.
 */
export function signInUntil(now: number, timeZone: string, config: Pick<ScanConfig, 'shiftEnds' | 'maxSignInHours'>): number {
  const cap = now + config.maxSignInHours * 3600_000;
  const today = new Date(now + zoneOffsetMs(now, timeZone));
  let best = cap;
  for (let d = 0; d < 2; d++) {
    for (const clock of config.shiftEnds) {
      const at = localInstant(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate() + d, clock, timeZone);
      if (at - now >= MIN_SIGN_IN_MS && at < best) best = at;
    }
  }
  return best;
}

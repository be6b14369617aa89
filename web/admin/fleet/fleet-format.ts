import type { DisplayRow } from './fleet-api';

/** How long ago a screen was last seen, as a catalogue key and its number. */
export function seenAgo(
  lastSeen: string | undefined,
  online: boolean,
  now: number,
): { key: 'seen.never' | 'seen.now' | 'seen.minutes' | 'seen.hours' | 'seen.days'; n?: number } {
  if (online) return { key: 'seen.now' };
  const at = lastSeen ? Date.parse(lastSeen) : NaN;
  if (Number.isNaN(at)) return { key: 'seen.never' };
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return { key: 'seen.now' };
  if (minutes < 60) return { key: 'seen.minutes', n: minutes };
  if (minutes < 48 * 60) return { key: 'seen.hours', n: Math.floor(minutes / 60) };
  return { key: 'seen.days', n: Math.floor(minutes / (24 * 60)) };
}

const BOARD_ORDER = { customer: 0, dispatch: 1, bay: 2 } as const;

/** Offline screens first (they need attention), then by board kind, bay and name. */
export const sortDisplays = (rows: readonly DisplayRow[]): DisplayRow[] =>
  [...rows].sort(
    (a, b) =>
      Number(a.online) - Number(b.online) ||
      BOARD_ORDER[a.board] - BOARD_ORDER[b.board] ||
      (a.bayId ?? '').localeCompare(b.bayId ?? '') ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      a.id.localeCompare(b.id),
  );

/** A screen still running an older build than the server (it reloads itself at a quiet moment). */
export const isOutdated = (version: string | undefined, serverVersion: string | undefined): boolean =>
  !!version && !!serverVersion && version !== 'unknown' && version !== serverVersion;

/** Codes are typed as seen; spaces and dashes people add for readability are dropped. */
export const normaliseCode = (raw: string): string => raw.toUpperCase().replace(/[\s-]/g, '');

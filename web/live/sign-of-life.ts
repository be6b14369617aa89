/**
 * A wall screen's sign of life, for the watchdog that runs beside its browser
 * (scripts/display-launch.sh, docs/displays.md).
 *
 * Every few seconds the page appends the time to its title (`… [alive 1733540000]`), from a
 * timer: the mark moves while the page runs its script. Not from an animation frame, though that
 * would also prove painting: a screen switched off for the night (its output disabled) stops the
 * frames, and the watchdog would restart a healthy browser every few minutes until morning.
 * Chromium lists every tab's title on its local debugging endpoint (`/json/list`), which
 * the watchdog reads with curl: a page that stops — a frozen main thread, a crashed renderer, a
 * bundle that never loaded, Chromium's own error page after the server was away — stops the mark
 * and is opened again. A title rather than a request to the server, because the cases that matter
 * most are the ones where the page cannot reach anything.
 *
 * The page also reloads itself out of a JavaScript error loop, and remembers why it was last
 * reloaded (by itself, by the fleet page, by a new version, or by the watchdog, which says why in
 * the URL's hash), so the heartbeat can report it to the fleet page.
 */

import { RELOAD_REASONS, type ReloadReason } from '../../shared/live/reload-reasons';

/** What the watchdog looks for at the end of a title; keep in step with scripts/display-launch.sh. */
export const ALIVE_MARK = /\s\[alive \d+\]$/;
/** How often the mark moves, in ms. The watchdog's limit (STALE_AFTER) is many times this. */
export const BEAT_MS = 5000;
/** So many uncaught errors within ERROR_WINDOW_MS mean a loop that only a reload ends. */
const ERROR_LOOP = 20;
const ERROR_WINDOW_MS = 60_000;

export interface LastReload {
  at: string;
  reason: ReloadReason;
}

const KEY = 'tw.lastReload';
let started = false;

/**
 * Whether this screen can speak, as its last call found out: a lobby board with no voice still
 * chimes and shows the call, and the fleet page says "speech unavailable" for it. Undefined
 * until the screen has tried (most boards never speak).
 */
export type SpeechHealth = 'ok' | 'unavailable';
let speech: SpeechHealth | undefined;

export function reportSpeech(health: SpeechHealth): void {
  speech = health;
}

/** What the heartbeat carries about speech (see reportSpeech). */
export const speechHealth = (): SpeechHealth | undefined => speech;

/** The reason for the page's last reload, kept across reloads in localStorage. */
export function lastReload(storage: Storage | undefined = safeStorage()): LastReload | undefined {
  try {
    const value = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<LastReload> | null;
    if (typeof value?.at !== 'string' || !RELOAD_REASONS.includes(value.reason as ReloadReason)) return undefined;
    return { at: value.at, reason: value.reason as ReloadReason };
  } catch {
    return undefined;
  }
}

export function recordReload(reason: ReloadReason, storage: Storage | undefined = safeStorage(), now = new Date()): void {
  try {
    storage?.setItem(KEY, JSON.stringify({ at: now.toISOString(), reason }));
  } catch {
    // A kiosk browser that blocks storage still reloads; only the fleet page's note is lost.
  }
}

/** The reason the watchdog gave in the hash (`#tw-reload=frozen`), if any. */
export const reloadReasonOf = (hash: string): ReloadReason | undefined => {
  const reason = /^#tw-reload=([a-z-]+)$/.exec(hash)?.[1];
  return RELOAD_REASONS.includes(reason as ReloadReason) ? (reason as ReloadReason) : undefined;
};

/** Start the mark and the error-loop guard; once per page, whichever element calls first. */
export function startSignOfLife(): void {
  if (started || typeof document === 'undefined') return;
  started = true;
  const fromWatchdog = reloadReasonOf(location.hash);
  if (fromWatchdog) {
    recordReload(fromWatchdog);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  const beat = () => {
    document.title = `${document.title.replace(ALIVE_MARK, '')} [alive ${Math.floor(Date.now() / 1000)}]`;
  };
  beat();
  setInterval(beat, BEAT_MS);

  const errors: number[] = [];
  const onError = () => {
    const now = Date.now();
    errors.push(now);
    while (errors.length && errors[0]! < now - ERROR_WINDOW_MS) errors.shift();
    if (errors.length < ERROR_LOOP) return;
    recordReload('error-loop');
    location.reload();
  };
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onError);
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Why a wall screen last reloaded (web/live/sign-of-life.ts), reported in its heartbeat and
 * shown on the fleet page. Its own module, without zod, because every board bundle needs it.
 */
export const RELOAD_REASONS = ['frozen', 'blank', 'browser-restart', 'error-loop', 'new-version', 'fleet'] as const;
export type ReloadReason = (typeof RELOAD_REASONS)[number];

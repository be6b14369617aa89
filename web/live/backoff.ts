/**
 * How every live page (boards, pairing screen, tracking page) reconnects: full jitter over an
 * exponential ceiling, 1 s doubling to 5 s. The jitter spreads a server restart's screens over
 * the window, so they do not all come back in the same second; the low ceiling means a screen
 * that has been retrying while the server was away is back within 5 s of it returning (a 30 s
 * ceiling left screens waiting up to 16 s after a restart). A refused attempt costs the server
 * next to nothing, while a wall screen showing "reconnecting" costs the lounge its board.
 */
export const RECONNECT_BACKOFF = { min: 1000, max: 5000 };

/** A refused join (unpaired screen, expired link) will not get better quickly: ask again this much later. */
export const REFUSED_RETRY_MS = 30_000;

/**
 * Delay before reconnect attempt `attempt` (0-based): random in [0, min(max, min·2^attempt)),
 * so the first delay is random in [0, min).
 */
export const backoffDelay = (attempt: number, bounds: { min: number; max: number }, random: () => number = Math.random): number =>
  random() * Math.min(bounds.max, bounds.min * 2 ** attempt);

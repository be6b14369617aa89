/**
 * Delay before reconnect attempt `attempt` (0-based): full jitter over an exponential ceiling,
 * so a server restart does not bring every screen back in the same second. The first delay is
 * random in [0, min).
 */
export const backoffDelay = (attempt: number, bounds: { min: number; max: number }, random: () => number = Math.random): number =>
  random() * Math.min(bounds.max, bounds.min * 2 ** attempt);

import type { Eta } from '../../shared/eta/model';
import type { WaitEstimate } from '../../shared/kiosk/payloads';

/**
 * The kiosk's wait estimate and ticket, read from the car's live ETA (shared/eta) — the very
 * figure the lobby board, the tracking page and the dispatch board show — rather than guessed
 * apart: when work can start (rounded up to 5 minutes), how many cars are ahead in the queue for
 * its bay, and when it should be ready. Without an ETA (the car is no longer waiting), no wait.
 */
export function waitFromEta(eta: Eta | undefined, now: number): WaitEstimate {
  if (!eta) return { waitMinutes: 0, carsAhead: 0 };
  const startsAt = eta.startsAt ? Date.parse(eta.startsAt) : now;
  return {
    waitMinutes: Math.max(0, Math.ceil((startsAt - now) / 60_000 / 5) * 5),
    carsAhead: eta.carsAhead ?? 0,
    readyAt: eta.p50,
    readyLatestAt: eta.p80,
  };
}

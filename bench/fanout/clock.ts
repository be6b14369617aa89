/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC), which every process on the
 * machine shares: the API caller stamps t0 with it, the display processes stamp arrivals, and the
 * difference is the latency.
 */
export const clock = (): number => {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
};

/**
 * Installed in each board page before its scripts (evaluateOnNewDocument), self-contained since
 * it is serialised into the page:
 * - a clock the benchmark moves (`__soakClock.set(ms)`): `Date` reads the simulated week's time,
 *   so the board's clock, "today" counters and waiting times cross midnight as a wall screen's do;
 *   timers still run on real time;
 * - a counter of socket.io `delta` frames the page received and the last seq among them, and of
 *   connections opened (engine.io's open packet), through bench/common/socket-tap.ts (nothing
 *   that grows). The benchmark paces itself by that seq.
 */
export function installSoakHooks(): void {
  const w = window as unknown as Record<string, unknown>;
  const RealDate = Date;
  let offset = 0;
  class SimDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [number]));
    }
    static now(): number {
      return RealDate.now() + offset;
    }
  }
  w.Date = SimDate;
  w.__soakClock = {
    set: (ms: number) => {
      offset = ms - RealDate.now();
    },
  };

  let deltas = 0;
  let opened = 0;
  let lastSeq = 0;
  w.__soakCount = () => ({ deltas, opened, lastSeq });
  ((w.__socketTaps ??= []) as ((data: unknown, deliver: () => void) => void)[]).push((data, deliver) => {
    if (typeof data === 'string' && data.startsWith('42["delta"')) {
      deltas++;
      const seq = /"seq":(\d+)/.exec(data.slice(0, 60));
      if (seq) lastSeq = Number(seq[1]);
    } else if (typeof data === 'string' && data.startsWith('43')) {
      // A join or resync answer: the catch-up it carries brings the page to its seq.
      const seq = /"seq":(\d+)/.exec(data.slice(0, 200));
      if (seq) lastSeq = Math.max(lastSeq, Number(seq[1]));
    } else if (typeof data === 'string' && data.startsWith('0{')) {
      opened++;
    }
    deliver();
  });
}

/** Name of the CDP binding the probe calls after each measurement (see Runtime.addBinding). */
export const PROBE_BINDING = '__renderProbeMeasured';
/** Most deltas one page load can measure (the arrays are allocated up front, see below). */
export const PROBE_CAPACITY = 8192;

/**
 * Installed in the page before any of its scripts (evaluateOnNewDocument). It times every
 * socket.io `delta` frame from the moment the browser hands it to the page to:
 *   - dom:    the top-level board element's lit update is complete and a macrotask has passed
 *             (so the child elements' updates, which lit runs as microtasks, are done too);
 *   - layout: dom plus a forced style recalculation and layout of the whole document: all the
 *             main-thread work the update costs before it can be painted;
 *   - frame:  the next animation frame after that. Frames come at the display's 60 Hz, so this
 *             adds the wait for the next vsync (half a frame on average) to the work.
 * It needs no hook in the product code: it taps the WebSocket's onmessage, which socket.io
 * sets (bench/common/socket-tap.ts, installed after it). Its own memory does not grow (fixed typed arrays, a CDP binding instead of per-update
 * evaluate calls), so the heap figures are the board's. Must be self-contained: it is
 * serialised into the page.
 */
export function installRenderProbe(boardTag: string, binding: string, capacity: number): void {
  const dom = new Float64Array(capacity);
  const layout = new Float64Array(capacity);
  const frame = new Float64Array(capacity);
  let count = 0;
  let notPending = 0;
  const w = window as unknown as Record<string, unknown>;
  w.__renderProbe = {
    count: () => count,
    read: (from: number) => ({
      dom: Array.from(dom.subarray(from, count)),
      layout: Array.from(layout.subarray(from, count)),
      frame: Array.from(frame.subarray(from, count)),
      notPending,
    }),
  };
  const macrotask = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });

  const measure = (t0: number) => {
    // socket.io hands decoded packets on in a microtask queued during onmessage; this one runs
    // after it, when the delta is applied and the board has requested its update.
    queueMicrotask(() => {
      const board = document.querySelector(boardTag) as (HTMLElement & { updateComplete: Promise<unknown>; isUpdatePending: boolean }) | null;
      if (!board) return;
      if (!board.isUpdatePending) notPending++;
      void board.updateComplete.then(macrotask).then(() => {
        const i = count < capacity ? count : capacity - 1;
        dom[i] = performance.now() - t0;
        void document.documentElement.offsetHeight;
        layout[i] = performance.now() - t0;
        requestAnimationFrame(() => {
          frame[i] = performance.now() - t0;
          count = Math.min(capacity, count + 1);
          (w[binding] as ((n: string) => void) | undefined)?.(String(count));
        });
      });
    });
  };

  // bench/common/socket-tap.ts hands every frame through here (installed after this).
  ((w.__socketTaps ??= []) as ((data: unknown, deliver: () => void) => void)[]).push((data, deliver) => {
    const t0 = performance.now();
    const isDelta = typeof data === 'string' && data.startsWith('42["delta"');
    deliver();
    if (isDelta) measure(t0);
  });
}

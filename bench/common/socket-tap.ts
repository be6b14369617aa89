/**
 * Installed in a benchmark's page before its scripts (evaluateOnNewDocument), self-contained
 * since it is serialised into the page: wraps the WebSocket's onmessage as socket.io sets it, so
 * a probe can look at every frame the page receives without a hook in the product code. Probes
 * register in `window.__socketTaps` (before or after this runs): each is called with the frame's
 * data and a function that hands the frame to socket.io, and must call it exactly once.
 */
export type SocketTap = (data: unknown, deliver: () => void) => void;

export function installSocketTap(): void {
  const w = window as unknown as { __socketTaps?: SocketTap[]; WebSocket: typeof WebSocket };
  const taps = (w.__socketTaps ??= []);
  const Native = window.WebSocket;
  const nativeSetter = Object.getOwnPropertyDescriptor(Native.prototype, 'onmessage')!.set!;
  class TappedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      let handler: ((ev: MessageEvent) => unknown) | null = null;
      Object.defineProperty(this, 'onmessage', {
        configurable: true,
        get: () => handler,
        set: (fn: ((ev: MessageEvent) => unknown) | null) => {
          handler = fn;
          nativeSetter.call(
            this,
            fn &&
              ((ev: MessageEvent) => {
                // Taps nest: the first registered sees the frame first and its delivery last.
                const run = (i: number): void => (i < taps.length ? taps[i]!(ev.data, () => run(i + 1)) : void fn.call(this, ev));
                run(0);
              }),
          );
        },
      });
    }
  }
  w.WebSocket = TappedWebSocket;
}

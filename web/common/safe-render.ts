import { html } from 'lit';

/**
 * A board must never freeze on one bad record. Each component renders through this: when
 * its render throws, it shows the last picture it drew successfully plus a small notice, logs
 * the error (at most once a minute per element, as it may fail every second), and tries again
 * on the next update.
 */
const lastGood = new WeakMap<object, unknown>();
const lastLogged = new WeakMap<object, number>();

export function safeRender(host: HTMLElement, render: () => unknown, notice: string): unknown {
  try {
    const result = render();
    lastGood.set(host, result);
    return result;
  } catch (err) {
    const now = Date.now();
    if (now - (lastLogged.get(host) ?? 0) > 60_000) {
      lastLogged.set(host, now);
      console.error(`[${host.localName}] render failed; keeping the last good picture`, err);
    }
    return html`${lastGood.get(host) ?? ''}<div class="render-error" role="status"
      style="font-size:clamp(12px,0.9vw,24px);color:#fbbf24;padding:0.3em 0.6em">⚠ ${notice}</div>`;
  }
}

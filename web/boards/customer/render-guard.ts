import { nothing } from 'lit';

/**
 * A render that throws must not freeze a screen that runs for weeks: log it with the
 * component's name and keep showing what the component last rendered successfully. (Lit
 * would keep the old DOM, but the throw would also abort the update of everything below.)
 */
const lastGood = new WeakMap<object, unknown>();

export function tryRender(host: object, name: string, render: () => unknown): { result: unknown; failed: boolean } {
  try {
    const result = render();
    lastGood.set(host, result);
    return { result, failed: false };
  } catch (err) {
    console.error(`[${name}] render failed; showing the last good render`, err);
    return { result: lastGood.get(host) ?? nothing, failed: true };
  }
}

/** `render() { return guarded(this, 'car-row', () => html`…`); }` */
export const guarded = (host: object, name: string, render: () => unknown): unknown => tryRender(host, name, render).result;

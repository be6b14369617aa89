import { html, svg } from 'lit';

/**
 * The kiosk's few icons as inline SVG: a kiosk has no emoji font to rely on, and an icon must
 * never be the only way to understand a button (each sits next to its words).
 */
const icon = (body: ReturnType<typeof svg>) =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.2em" height="1.2em" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" style="vertical-align:-0.2em">${body}</svg>`;

export const globeIcon = icon(svg`<circle cx="12" cy="12" r="9.5"/><path d="M2.5 12h19M12 2.5c2.8 3 2.8 16 0 19M12 2.5c-2.8 3-2.8 16 0 19"/>`);
export const bellIcon = icon(svg`<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z"/><path d="M10 20a2 2 0 0 0 4 0"/>`);
export const printIcon = icon(svg`<path d="M7 9V3h10v6"/><rect x="3" y="9" width="18" height="8" rx="2"/><path d="M7 14h10v7H7z"/>`);
export const backIcon = icon(svg`<path d="M15 5l-7 7 7 7"/>`);
export const homeIcon = icon(svg`<path d="M3 11l9-8 9 8"/><path d="M5 10v10h14V10"/>`);

import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/**
 * Icons as inline SVG: they look the same on every phone (emoji fonts vary, and some browsers
 * have none), scale with the text, and take the text colour. Each sits next to a word.
 */
const PATHS = {
  play: svg`<path d="M7 4.5v15l12-7.5z" fill="currentColor" stroke="none"/>`,
  pause: svg`<rect x="6" y="4.5" width="4.2" height="15" rx="1" fill="currentColor" stroke="none"/><rect x="13.8" y="4.5" width="4.2" height="15" rx="1" fill="currentColor" stroke="none"/>`,
  check: svg`<path d="M4.5 12.5l5 5 10-11"/>`,
  x: svg`<path d="M6 6l12 12M18 6L6 18"/>`,
  camera: svg`<path d="M4 8h3l2-3h6l2 3h3v11H4z"/><circle cx="12" cy="13" r="3.6"/>`,
  pin: svg`<path d="M12 21s-6.5-6.2-6.5-11A6.5 6.5 0 0 1 18.5 10c0 4.8-6.5 11-6.5 11z"/><circle cx="12" cy="10" r="2.3"/>`,
  user: svg`<circle cx="12" cy="8" r="3.8"/><path d="M4.5 20c.8-4 3.8-6 7.5-6s6.7 2 7.5 6"/>`,
  clock: svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7v5l3.5 2"/>`,
  box: svg`<path d="M4 7.5l8-4 8 4v9l-8 4-8-4z"/><path d="M4 7.5l8 4 8-4M12 11.5v9"/>`,
  phone: svg`<path d="M6.5 3.5h3l1.5 4.5-2 1.5a11 11 0 0 0 5.5 5.5l1.5-2 4.5 1.5v3a2 2 0 0 1-2 2A16 16 0 0 1 4.5 5.5a2 2 0 0 1 2-2z"/>`,
  coffee: svg`<path d="M4.5 9h11v5a5 5 0 0 1-5 5h-1a5 5 0 0 1-5-5z"/><path d="M15.5 10.5h1.5a2.5 2.5 0 0 1 0 5h-1.5M8 3.5v2.5M11 3.5v2.5"/>`,
  lock: svg`<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8 10.5V7.5a4 4 0 0 1 8 0v3"/>`,
  hourglass: svg`<path d="M6.5 3.5h11M6.5 20.5h11M7.5 3.5c0 5 9 5 9 8.5s-9 3.5-9 8.5M16.5 3.5c0 5-9 5-9 8.5s9 3.5 9 8.5"/>`,
  car: svg`<path d="M3.5 15.5v-3l2-5h13l2 5v3z"/><circle cx="7.5" cy="16.5" r="2"/><circle cx="16.5" cy="16.5" r="2"/>`,
  drop: svg`<path d="M12 3.5s6 6.5 6 10.5a6 6 0 0 1-12 0c0-4 6-10.5 6-10.5z"/>`,
  bell: svg`<path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15z"/><path d="M10 20.5h4"/>`,
  badge: svg`<rect x="3.5" y="5.5" width="17" height="13" rx="2"/><circle cx="9" cy="11" r="2.2"/><path d="M6 16c.5-1.6 1.6-2.4 3-2.4s2.5.8 3 2.4M14 10h4M14 13.5h4"/>`,
  offline: svg`<path d="M4 4l16 16M9 18.5a3 3 0 0 1 6 0M5.5 12.5a9 9 0 0 1 4-2.2M14.5 10.3a9 9 0 0 1 4 2.2M2.5 9a13 13 0 0 1 4-2.5M12 5.5a13 13 0 0 1 9.5 3.5"/>`,
  back: svg`<path d="M15 5l-7 7 7 7"/>`,
  alert: svg`<path d="M12 3.5l9.5 16.5h-19z"/><path d="M12 10v4.5M12 17.2v.1"/>`,
  swap: svg`<path d="M5 8h13l-3.5-3.5M19 16H6l3.5 3.5"/>`,
} satisfies Record<string, SVGTemplateResult>;

export type IconName = keyof typeof PATHS;

export const icon = (name: IconName): TemplateResult => html`<svg class="i i-${name}" viewBox="0 0 24 24" width="1em" height="1em" fill="none"
  stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${PATHS[name]}</svg>`;

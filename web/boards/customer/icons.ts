import { svg, type SVGTemplateResult } from 'lit';
import type { Step } from './board-model';

/**
 * Line icons (24×24, stroke = currentColor) so a stage is told by shape as well as colour.
 * Drawn here rather than imported: the board's bundle budget is small.
 */
const icon = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

export const icons = {
  check: icon(svg`<path d="M5 12.5l4.2 4.2L19 7"/>`),
  /** Checked in: a clipboard with a tick. */
  checkedIn: icon(svg`<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4V3h6v1"/><path d="M8.5 13l2.5 2.5 4.5-5"/>`),
  /** In service: a spanner. */
  wrench: icon(svg`<path d="M14.7 6.3a4 4 0 0 0-5.4 5.2L3.5 17.3a1.8 1.8 0 0 0 2.6 2.6l5.8-5.8a4 4 0 0 0 5.2-5.4l-2.6 2.6-2.2-.5-.5-2.2z"/>`),
  /** Quality check: a shield with a tick. */
  shield: icon(svg`<path d="M12 3l7 3v5.5c0 4.3-3 8-7 9.5-4-1.5-7-5.2-7-9.5V6z"/><path d="M8.8 12l2.2 2.2 4.2-4.4"/>`),
  /** Washing: a drop. */
  drop: icon(svg`<path d="M12 3.5c3.2 4 6 7.4 6 10.5a6 6 0 0 1-12 0c0-3.1 2.8-6.5 6-10.5z"/><path d="M9 14.5a3 3 0 0 0 3 3"/>`),
  /** Ready: a car key. */
  key: icon(svg`<circle cx="8" cy="15" r="4.5"/><path d="M11.3 11.7L20 3"/><path d="M17 6l2.5 2.5"/><path d="M14.5 8.5l2 2"/>`),
  /** Waiting for parts: a box. */
  box: icon(svg`<path d="M3.5 7.5L12 3l8.5 4.5v9L12 21l-8.5-4.5z"/><path d="M3.5 7.5L12 12l8.5-4.5"/><path d="M12 12v9"/>`),
  pause: icon(svg`<path d="M9 5v14"/><path d="M15 5v14"/>`),
  clock: icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2"/>`),
  pin: icon(svg`<path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z"/><circle cx="12" cy="9.5" r="2.5"/>`),
  lock: icon(svg`<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8 10.5V7.5a4 4 0 0 1 8 0v3"/>`),
} as const;

export const stepIcons: Record<Step, SVGTemplateResult> = {
  checked_in: icons.checkedIn,
  in_service: icons.wrench,
  quality_check: icons.shield,
  washing: icons.drop,
  ready: icons.key,
};

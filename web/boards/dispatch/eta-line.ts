import { css, html, nothing } from 'lit';
import type { StaffRo } from '../../../shared/projections/views';
import type { BoardText } from './board-text';

/**
 * A car's live ETA on the dispatch board (the server's figure, shared/eta — the one the lobby,
 * the kiosk and the customer's phone show), and the warning once it lies past the promise:
 * "⚠ 预计超承诺 25 分钟", before the promise is broken. The sign and the words carry the warning,
 * not the colour alone.
 */
export function etaLine(ro: StaffRo, text: BoardText) {
  const eta = ro.eta;
  if (!eta) return nothing;
  const { t, time } = text;
  return html`<span class="eta num" data-eta=${eta.p50}>${t('eta.at', { time: time(eta.p50) })}</span>${
    eta.lateMinutes ? html`<span class="eta-late" data-late=${eta.lateMinutes}>⚠ ${t('eta.late', { n: eta.lateMinutes })}</span>` : nothing
  }`;
}

export const etaStyles = css`
  .eta { white-space: nowrap; font-size: 0.95em; font-weight: 700; color: #bae6fd; }
  .eta-late {
    white-space: nowrap; font-size: 1em; font-weight: 800; color: #1c1917; background: #fbbf24;
    padding: 0 0.35em; border-radius: 0.25em;
  }
`;

import { css } from 'lit';

/** The side panels' frame (queue, alarms, parts): a titled box whose list fills it. */
export const panelStyles = css`
  :host { display: block; min-height: 0; }
  section {
    height: 100%; display: grid; grid-template-rows: auto 1fr; min-height: 0;
    background: var(--tw-panel); border: 0.1em solid var(--tw-line); border-radius: 0.5em; overflow: hidden;
  }
  h2 {
    margin: 0; padding: 0.35em 0.7em; font-size: 1.05em; display: flex; align-items: baseline; gap: 0.5em;
    background: var(--tw-panel-2); border-bottom: 0.08em solid var(--tw-line);
  }
  h2 .count { font-size: 1.1em; font-variant-numeric: tabular-nums; }
  h2 .page { margin-left: auto; color: var(--tw-muted); font-size: 0.75em; font-weight: 400; }
  ol { list-style: none; margin: 0; padding: 0.25em 0.5em; overflow: hidden; min-height: 0; }
  :host([scrollable]) ol { overflow-y: auto; }
  li { padding: 0.35em 0.2em; border-bottom: 0.06em solid var(--tw-line); min-width: 0; }
  li:last-child { border-bottom: 0; }
  .empty { color: var(--tw-muted); padding: 0.6em 0.7em; font-size: 0.95em; }
  .row { display: flex; align-items: baseline; gap: 0.45em; min-width: 0; white-space: nowrap; }
  .row .plate { font-size: 1.05em; color: #fde68a; }
  .sub { font-size: 0.85em; color: var(--tw-muted); margin-top: 0.12em; }
`;

import { css } from 'lit';

/** The dispatcher's dialogs (assign, priority/promise): a modal card over the board. */
export const dialogStyles = css`
  dialog {
    width: min(64em, 92vw); max-height: 90vh; overflow: auto; padding: 0; color: var(--tw-text);
    background: var(--tw-panel); border: 0.12em solid var(--tw-info); border-radius: 0.7em;
    font-size: clamp(15px, 1.05vw, 30px); box-shadow: 0 1em 3em rgb(0 0 0 / 0.6);
  }
  dialog::backdrop { background: rgb(2 6 23 / 0.7); }
  form { display: grid; gap: 0.9em; padding: 1em 1.2em 1.1em; }
  h2 { margin: 0; font-size: 1.3em; display: flex; gap: 0.6em; align-items: baseline; flex-wrap: wrap; }
  h2 .plate { font-size: 0.95em; color: #fde68a; }
  fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 0.45em; }
  legend { font-weight: 700; color: var(--tw-muted); margin-bottom: 0.3em; }
  .choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(11em, 1fr)); gap: 0.45em; }
  .choice {
    display: grid; text-align: left; gap: 0.1em; padding: 0.45em 0.7em; border-radius: 0.45em;
    border: 0.1em solid var(--tw-line); background: var(--tw-panel-2);
  }
  .choice .name { font-weight: 700; }
  .choice .note { font-size: 0.8em; color: var(--tw-muted); }
  .choice.suggested .name::after { content: ' ★'; color: var(--tw-warn); }
  .choice[aria-pressed='true'] { border-color: #38bdf8; background: #0c4a6e; box-shadow: inset 0 0 0 0.1em #38bdf8; }
  .choice[aria-pressed='true'] .name::before { content: '✓ '; }
  .buttons { display: flex; justify-content: flex-end; gap: 0.6em; }
  .buttons button { padding: 0.45em 1.3em; }
  /* A desk may be a touch screen: every control a 44 × 44 px target at least. */
  .choice, .buttons button { min-height: 44px; }
  label.check { min-height: 44px; }
  label.check input { width: 22px; height: 22px; }
  .error {
    padding: 0.6em 0.8em; border-radius: 0.45em; background: #450a0a; border: 0.1em solid #f87171; color: #fee2e2;
  }
  .error strong { display: block; }
  .error .detail { font-size: 0.85em; color: #fecaca; margin-top: 0.2em; word-break: break-word; }
  .notice { color: var(--tw-warn); font-weight: 600; }
  input[type='datetime-local'] {
    font: inherit; color: inherit; background: var(--tw-bg); border: 0.1em solid var(--tw-line);
    border-radius: 0.4em; padding: 0.35em 0.5em; color-scheme: dark;
  }
  label.check { display: flex; gap: 0.5em; align-items: center; }
`;

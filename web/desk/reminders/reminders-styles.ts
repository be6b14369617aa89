import { css } from 'lit';

/** The due list on the boards' dark theme, for a desk (1920×1080, a 1366×768 laptop) and a tablet. */
export const reminderStyles = css`
  :host {
    min-height: 100vh;
    font-size: 16px;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.8rem 1.4rem;
    padding: 0.9rem 1.5rem;
    background: var(--tw-panel);
    border-bottom: 1px solid var(--tw-line);
  }
  h1 {
    margin: 0 0.6rem 0.2rem 0;
    font-size: 1.7rem;
  }
  .group {
    display: grid;
    gap: 0.25rem;
  }
  .group > span,
  label.field {
    font-size: 0.9rem;
    color: var(--tw-muted);
    font-weight: 600;
  }
  label.field {
    display: grid;
    gap: 0.25rem;
  }
  .buttons {
    display: flex;
    gap: 0.4rem;
    flex-wrap: wrap;
  }
  button,
  a.button,
  select {
    font: inherit;
    font-size: 1rem;
    color: var(--tw-text);
    background: #1e2a44;
    border: 1px solid #4b5b7a;
    border-radius: 0.4rem;
    padding: 0.45rem 0.8rem;
    min-height: 2.75rem;
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }
  select {
    background: #0b1427;
    color-scheme: dark;
  }
  button[aria-pressed='true'] {
    background: #0369a1;
    border-color: #0ea5e9;
    font-weight: 700;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button:focus-visible,
  a:focus-visible,
  select:focus-visible {
    outline: 0.15em solid var(--tw-info);
    outline-offset: 0.1em;
  }
  a.book {
    background: #166534;
    border-color: #22c55e;
    font-weight: 700;
  }
  .spacer {
    flex: 1;
  }
  a {
    color: #7dd3fc;
  }
  main {
    padding: 1rem 1.5rem 2rem;
    display: grid;
    gap: 0.8rem;
  }
  .summary {
    margin: 0;
    color: var(--tw-muted);
    font-size: 1.05rem;
  }
  .summary b {
    color: var(--tw-text);
  }
  .error {
    margin: 0;
    padding: 1rem 1.2rem;
    border-radius: 0.6rem;
    background: #450a0a;
    border: 2px solid var(--tw-over);
    color: #fee2e2;
    font-size: 1.1rem;
    font-weight: 600;
  }
  .empty,
  .loading {
    color: var(--tw-muted);
    font-size: 1.15rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--tw-panel);
    border: 1px solid var(--tw-line);
    border-radius: 0.6rem;
    overflow: hidden;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.6rem 0.8rem;
    border-bottom: 1px solid var(--tw-line);
  }
  th {
    font-size: 0.9rem;
    color: var(--tw-muted);
    background: var(--tw-panel-2);
    font-weight: 700;
  }
  tr.contacted td {
    background: #0f1a2c;
  }
  .plate {
    display: inline-block;
    width: auto;
    font-family: var(--tw-mono);
    font-size: 1.2rem;
    font-weight: 800;
    letter-spacing: 0.03em;
    white-space: nowrap;
  }
  .sub {
    color: var(--tw-muted);
    font-size: 0.9rem;
  }
  .chip {
    display: inline-block;
    padding: 0.15rem 0.55rem;
    border-radius: 999px;
    font-weight: 800;
    font-size: 0.95rem;
    white-space: nowrap;
    border: 2px solid;
  }
  .chip.overdue {
    color: #fecaca;
    border-color: var(--tw-over);
    background: #450a0a;
  }
  .chip.urgent {
    color: #fde68a;
    border-color: var(--tw-warn);
    background: #422006;
  }
  .chip.soon {
    color: #bae6fd;
    border-color: var(--tw-info);
    background: #0c2a3e;
  }
  .chip.later {
    color: var(--tw-muted);
    border-color: var(--tw-line);
  }
  .chip.late {
    color: #fecaca;
    border-color: var(--tw-over);
    background: #450a0a;
  }
  .chip.due_today {
    color: #fde68a;
    border-color: var(--tw-warn);
    background: #422006;
  }
  ul.due {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  ul.due li {
    display: grid;
    gap: 0.05rem;
  }
  .what {
    font-weight: 700;
  }
  .when.overdue {
    color: #fca5a5;
    font-weight: 700;
  }
  .when.urgent {
    color: #fde68a;
    font-weight: 700;
  }
  .done {
    color: #86efac;
    font-size: 0.9rem;
  }
  td.actions {
    white-space: nowrap;
  }
  td.actions .buttons {
    flex-wrap: nowrap;
  }
  .hint {
    margin: 0;
    color: var(--tw-muted);
    font-size: 0.95rem;
  }
  @media (max-width: 1400px) {
    :host {
      font-size: 15px;
    }
    th,
    td {
      padding: 0.5rem 0.55rem;
    }
    button,
    a.button {
      padding: 0.4rem 0.6rem;
    }
  }
  @media (max-width: 1100px) {
    td.actions .buttons {
      flex-wrap: wrap;
    }
  }
`;

import { css } from 'lit';

/** Inputs and panels of the fleet admin page, on top of the boards' theme variables. */
export const fleetForm = css`
  label { display: grid; gap: 0.35em; font-weight: 600; }
  input:not([type='radio']), select {
    font: inherit; font-weight: 400; color: var(--tw-text); background: #0b1427; border: 0.1em solid var(--tw-line);
    border-radius: 0.4em; padding: 0.5em 0.65em; min-width: 0;
  }
  input::placeholder { color: var(--tw-faint); letter-spacing: normal; }
  input:focus-visible, select:focus-visible { outline: 0.15em solid var(--tw-info); outline-offset: 0.05em; border-color: var(--tw-info); }
`;

import { css } from 'lit';

/** A sheet over the page: the question, big answers, and a way out. */
export const sheetStyles = css`
  :host { position: fixed; inset: 0; z-index: 40; display: grid; align-items: end; background: rgba(2, 6, 23, .78); }
  .panel { max-height: 100%; overflow-y: auto; background: #0f1a30; border-top: 4px solid #facc15; border-radius: 22px 22px 0 0; padding: 20px 16px 28px; display: grid; gap: 16px; }
  h2 { font-size: 28px; margin: 0; }
  .lead { font-size: 22px; margin: 0; }
  .foot { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
`;

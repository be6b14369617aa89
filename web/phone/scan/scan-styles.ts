import { css } from 'lit';

/**
 * Made for a phone in a gloved hand in a loud, bright workshop: every button at least 72 px
 * high and full width, large bold type, strong contrast, and an icon plus a word on every
 * state and action, so colour is never the only signal.
 */
export const scanStyles = css`
  :host { display: block; color: #f1f5f9; font-size: 20px; line-height: 1.35; -webkit-tap-highlight-color: transparent; }
  * { box-sizing: border-box; }
  button { font: inherit; cursor: pointer; touch-action: manipulation; }
  .big {
    display: flex; align-items: center; justify-content: center; gap: 12px; width: 100%;
    min-height: 80px; padding: 14px 18px; border: 3px solid transparent; border-radius: 18px;
    font-size: 28px; font-weight: 800; letter-spacing: .02em; color: #fff; background: #334155;
  }
  .big:active { transform: translateY(2px); filter: brightness(1.15); }
  .big[disabled] { opacity: .45; }
  .big .icon { font-size: 32px; line-height: 1; display: inline-flex; }
  .i { width: 1em; height: 1em; vertical-align: -0.14em; flex: none; }
  .big small { font-size: 20px; font-weight: 700; opacity: .92; }
  .start { background: #15803d; }
  .pause { background: #b45309; }
  .resume { background: #1d4ed8; }
  .finish { background: #6d28d9; }
  .pass { background: #15803d; }
  .fail { background: #b91c1c; }
  .neutral { background: #334155; border-color: #64748b; }
  .ghost { background: transparent; border-color: #64748b; color: #e2e8f0; }
  .row { display: grid; gap: 12px; }
  .card { background: #111c33; border: 2px solid #23314f; border-radius: 18px; padding: 16px; }
  .pill { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; padding: 4px 12px; border-radius: 999px; font-weight: 800; font-size: 20px; border: 2px solid currentColor; }
  .s-assigned, .s-unassigned { color: #cbd5e1; }
  .s-in_progress { color: #4ade80; }
  .s-paused { color: #fbbf24; }
  .s-done { color: #a78bfa; }
  .muted { color: #94a3b8; }
  .chips { display: flex; flex-wrap: wrap; gap: 10px; }
  .chip { min-height: 60px; padding: 10px 18px; border-radius: 14px; border: 3px solid #475569; background: #1e293b; color: #f1f5f9; font-size: 22px; font-weight: 700; }
  .chip[aria-pressed='true'] { border-color: #facc15; background: #3f3a12; }
  input, textarea { font: inherit; font-size: 24px; width: 100%; padding: 14px; border-radius: 14px; border: 3px solid #475569; background: #0b1220; color: #fff; }
  label.field { display: grid; gap: 8px; font-weight: 700; }
  h2 { font-size: 24px; margin: 0 0 10px; }
`;

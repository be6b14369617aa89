import { css } from 'lit';

/**
 * The kiosk's look: light and calm for a bright showroom, big touch targets (at least 3.4em,
 * about 80 px on a 1080-px-wide screen), one blue for "go", and the advisor button warm so it is
 * always findable. Sizes follow the short side of the screen, so portrait and landscape read alike.
 * Set on the top-level element; every screen reads the custom properties through its shadow root.
 */
export const kioskTheme = css`
  :host {
    --k-bg: #f2f5fa;
    --k-surface: #ffffff;
    --k-ink: #0f1d33;
    --k-muted: #55657d;
    /* 4.9:1 on --k-bg: the faintest text still meets WCAG AA for small print (axe color-contrast). */
    --k-faint: #5f6d82;
    --k-line: #d9e1ec;
    --k-primary: #0b5cad;
    --k-primary-strong: #084a8c;
    --k-primary-soft: #e6eff9;
    --k-call: #c2410c;
    --k-call-soft: #fff1e8;
    --k-ok: #15803d;
    --k-ok-soft: #e8f6ee;
    --k-error: #b42318;
    --k-error-soft: #fdeceb;
    --k-plate: #1554b3;
    --k-plate-green: #1e9c5a;
    --k-radius: 0.7em;
    --k-font: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
    display: block;
    box-sizing: border-box;
    color: var(--k-ink);
    font-family: var(--k-font);
    -webkit-font-smoothing: antialiased;
  }
`;

/** Shared bits of every kiosk screen: reset, headings, buttons, messages. */
export const kioskBits = css`
  * { box-sizing: border-box; }
  :host { display: block; }
  h1 { font-size: 1.75em; line-height: 1.25; margin: 0 0 0.25em; font-weight: 800; letter-spacing: 0.01em; }
  .lead { color: var(--k-muted); font-size: 1.02em; margin: 0 0 1em; line-height: 1.45; }
  button {
    font: inherit; color: inherit; cursor: pointer; border-radius: var(--k-radius);
    border: 0.09em solid var(--k-line); background: var(--k-surface); min-height: 3.4em; padding: 0.5em 1.2em;
    touch-action: manipulation; -webkit-tap-highlight-color: transparent; user-select: none;
  }
  button:active:not([disabled]) { transform: translateY(0.06em); filter: brightness(0.96); }
  button:focus-visible { outline: 0.15em solid var(--k-primary); outline-offset: 0.12em; }
  button[disabled] { opacity: 0.45; cursor: default; }
  button.primary {
    background: var(--k-primary); border-color: var(--k-primary); color: #fff; font-weight: 800; font-size: 1.15em;
    box-shadow: 0 0.25em 0.8em rgb(11 92 173 / 0.25);
  }
  button.wide { width: 100%; }
  .actions { display: flex; gap: 0.8em; margin-top: 1.2em; }
  .actions > * { flex: 1; }
  .error {
    display: flex; gap: 0.6em; align-items: flex-start; background: var(--k-error-soft); color: var(--k-error);
    border-radius: var(--k-radius); padding: 0.75em 1em; font-weight: 600; line-height: 1.45; margin: 0.8em 0 0;
  }
  .error::before { content: '!'; flex: none; display: grid; place-items: center; width: 1.4em; height: 1.4em; border-radius: 50%; background: var(--k-error); color: #fff; font-weight: 800; font-size: 0.9em; }
  .hint { color: var(--k-muted); font-size: 0.92em; line-height: 1.45; }
  .card { background: var(--k-surface); border-radius: 1em; box-shadow: 0 0.2em 1em rgb(15 29 51 / 0.06); padding: 1.2em 1.4em; }
`;

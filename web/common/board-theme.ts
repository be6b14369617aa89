import { css } from 'lit';

/**
 * The look every wall board shares, as custom properties set on the page's top-level element;
 * child components read them through their shadow roots. Dark, high contrast, read from 5 m.
 * Colours always come with text or a shape: a level is never shown by colour alone.
 */
export const boardTheme = css`
  :host {
    --tw-bg: #0b1220;
    --tw-panel: #121b2e;
    --tw-panel-2: #18233a;
    --tw-line: #26324d;
    --tw-text: #f1f5f9;
    --tw-muted: #a5b4cb;
    /* ≥ 4.8:1 on every panel shade: faint is for small print, which WCAG AA still needs legible (axe color-contrast). */
    --tw-faint: #8795ad;
    --tw-ok: #22c55e;
    --tw-warn: #fbbf24;
    --tw-over: #f87171;
    --tw-info: #38bdf8;
    --tw-parts: #c4b5fd;
    --tw-urgent: #f87171;
    --tw-high: #fbbf24;
    --tw-font: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
    --tw-mono: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", ui-monospace, monospace;
    display: block;
    box-sizing: border-box;
    color: var(--tw-text);
    background: var(--tw-bg);
    font-family: var(--tw-font);
    -webkit-font-smoothing: antialiased;
  }
`;

/** Shared bits of child components: reset, tabular digits, priority tags, section titles. */
export const boardBits = css`
  * { box-sizing: border-box; }
  .num { font-variant-numeric: tabular-nums; }
  .plate {
    font-weight: 700; letter-spacing: 0.04em; white-space: nowrap;
    padding: 0.02em 0.35em; border-radius: 0.25em; border: 0.08em solid currentColor;
  }
  .tag {
    display: inline-block; padding: 0.05em 0.45em; border-radius: 0.3em; font-weight: 700;
    font-size: 0.8em; line-height: 1.35; white-space: nowrap; vertical-align: 0.1em;
  }
  .tag.urgent { background: var(--tw-urgent); color: #1a0606; }
  .tag.high { background: var(--tw-high); color: #1a1205; }
  .tag.parts { background: var(--tw-parts); color: #160f2e; }
  .tag.rework { background: #fb923c; color: #1a0d03; }
  .muted { color: var(--tw-muted); }
  .ellipsis { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
  button {
    font: inherit; color: inherit; cursor: pointer; border-radius: 0.4em;
    border: 0.08em solid var(--tw-line); background: var(--tw-panel-2); padding: 0.25em 0.7em;
  }
  button:hover:not([disabled]) { border-color: var(--tw-info); }
  button:focus-visible { outline: 0.15em solid var(--tw-info); outline-offset: 0.1em; }
  button[disabled] { opacity: 0.5; cursor: default; }
  button.primary { background: #0369a1; border-color: #0ea5e9; font-weight: 700; }
`;

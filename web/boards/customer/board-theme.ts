import { css } from 'lit';

/**
 * The board's palette and type scale, set once on <lounge-screen> and inherited by every
 * component below it (custom properties cross shadow roots). Sizes are in vh so a 4K screen
 * looks like a 1080p one, only sharper; clamp() keeps a small window legible.
 */
export const boardTokens = css`
  :host {
    --bg: #070d1a;
    --surface: #0f1a2d;
    --surface-2: #15233b;
    --line: rgb(148 163 184 / 0.16);
    --text: #f5f7fb;
    --muted: #a8b7cc;
    --dim: #72839d;
    --gold: #d8b46a;
    --blue: #5fb3ff;
    --blue-deep: #1f4f86;
    --green: #34d399;
    --green-deep: #0c3a2d;
    --amber: #fbbf24;
    --amber-deep: #3d2c07;
    --font: 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif;
    /* The smallest size is what a customer reads from 4 m: 24 px at 1080p (2.25vh), and
       nothing on the board is smaller (tests/browser/customer-board-legibility.test.ts). */
    --t-xs: clamp(14px, 2.25vh, 80px);
    --t-s: clamp(15px, 2.45vh, 88px);
    --t-m: clamp(17px, 2.9vh, 104px);
    --t-l: clamp(19px, 3.6vh, 130px);
    --t-xl: clamp(22px, 4.8vh, 170px);
    --radius: clamp(6px, 1.1vh, 40px);
    --pad-x: 2.2vw;
  }
`;

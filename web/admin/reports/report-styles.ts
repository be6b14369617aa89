import { css } from 'lit';

/**
 * The reports page on the boards' theme (dark, high contrast) at a desk: 1920×1080 and a
 * 1366×768 laptop show the same grid, the laptop's a little smaller; on paper (A4 landscape)
 * it turns black on white, panels keep together, and the charts redraw in print colours.
 */
export const reportStyles = css`
  :host { min-height: 100vh; font-size: 16px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .controls { display: flex; flex-wrap: wrap; align-items: end; gap: 0.8rem 1.2rem; padding: 0.9rem 1.5rem; background: var(--tw-panel); border-bottom: 1px solid var(--tw-line); }
  h1 { margin: 0 0.6rem 0.2rem 0; font-size: 1.7rem; }
  .field { display: grid; gap: 0.25rem; font-size: 0.9rem; color: var(--tw-muted); font-weight: 600; }
  select, input {
    font: inherit; font-size: 1rem; font-weight: 400; color: var(--tw-text); background: #0b1427; border: 1px solid #4b5b7a;
    border-radius: 0.4rem; padding: 0.45rem 0.6rem; min-height: 2.6rem; color-scheme: dark;
  }
  select:focus-visible, input:focus-visible, a:focus-visible { outline: 0.15em solid var(--tw-info); outline-offset: 0.1em; }
  .presets { display: flex; gap: 0.4rem; }
  .presets button, .custom button, .print { min-height: 2.6rem; font-size: 1rem; }
  .presets button[aria-pressed='true'] { background: #0369a1; border-color: #0ea5e9; font-weight: 700; }
  .custom { display: flex; gap: 0.6rem; align-items: end; margin: 0; }
  .spacer { flex: 1; }
  a { color: #7dd3fc; }
  .lang { font-size: 1rem; padding: 0.5rem 0.2rem; }
  main { padding: 1rem 1.5rem 2rem; display: grid; gap: 1rem; }
  .scope { margin: 0; color: var(--tw-muted); font-size: 1.05rem; }
  .scope b { color: var(--tw-text); }
  .partial { margin: 0 0 0.8rem; padding: 0.8rem 1.2rem; border-radius: 0.6rem; background: #422006; border: 2px solid #f59e0b; color: #fef3c7; font-size: 1.05rem; font-weight: 600; }
  .error { margin: 0; padding: 1rem 1.2rem; border-radius: 0.6rem; background: #450a0a; border: 2px solid var(--tw-over); color: #fee2e2; font-size: 1.15rem; font-weight: 600; }
  .loading { color: var(--tw-muted); font-size: 1.2rem; }
  .tiles { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 0.7rem; }
  .tile { background: var(--tw-panel); border: 1px solid var(--tw-line); border-radius: 0.6rem; padding: 0.6rem 0.9rem; display: grid; gap: 0.1rem; min-width: 0; }
  .tile .label { color: var(--tw-muted); font-size: 0.95rem; font-weight: 600; }
  .tile .value { font-size: 2rem; font-weight: 800; line-height: 1.15; }
  .tile .detail { color: var(--tw-muted); font-size: 0.9rem; }
  .panel { background: var(--tw-panel); border: 1px solid var(--tw-line); border-radius: 0.6rem; padding: 0.8rem 1rem; min-width: 0; }
  .section-head { display: flex; align-items: baseline; gap: 1rem; justify-content: space-between; margin-bottom: 0.5rem; }
  h2 { margin: 0; font-size: 1.2rem; }
  .csv { font-size: 0.95rem; white-space: nowrap; }
  .trend-grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1.2rem; }
  .trends .section-head { margin: 0; justify-content: flex-end; min-height: 0; }
  .row { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); gap: 1rem; align-items: start; }
  .row:has(.heat) { grid-template-columns: minmax(0, 8fr) minmax(0, 4fr); }
  .stack { display: grid; gap: 1rem; }
  .note { margin: 0 0 0.5rem; color: var(--tw-muted); font-size: 0.92rem; }
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--tw-line); font-size: 0.98rem; }
  thead th { color: var(--tw-muted); font-weight: 600; font-size: 0.9rem; }
  tbody th { font-weight: 600; }
  tfoot th, tfoot td { font-weight: 800; border-top: 2px solid #4b5b7a; border-bottom: 0; }
  .n { text-align: right; white-space: nowrap; }
  .muted { color: var(--tw-muted); }
  .bar-col { width: 32%; }
  .bar, .range-bar { position: relative; display: block; height: 0.9rem; background: #0b1427; border-radius: 0.2rem; overflow: hidden; }
  .bar i, .range-bar i { position: absolute; left: 0; top: 0; bottom: 0; display: block; }
  .bar i { background: var(--tw-info); }
  .range-bar i.p90 { background: #1d4e89; }
  .range-bar i.p50 { background: var(--tw-info); }
  .heat table { table-layout: fixed; }
  .heat th:first-child { width: 8.5rem; }
  .heat td.cell { text-align: center; padding: 0.3rem 0.1rem; font-size: 0.9rem; border: 1px solid var(--tw-bg); }
  .cell.l0 { background: var(--tw-panel-2); color: var(--tw-faint); }
  .cell.l1 { background: #1e3a5f; color: #f1f5f9; }
  .cell.l2 { background: #1d5f8a; color: #ffffff; }
  .cell.l3 { background: #38bdf8; color: #0b1220; }
  .cell.l4 { background: #bae6fd; color: #0b1220; font-weight: 700; }

  @media (max-width: 1500px) {
    :host { font-size: 14px; }
    .controls { padding: 0.7rem 1rem; }
    main { padding: 0.8rem 1rem 1.5rem; gap: 0.8rem; }
    .tile .value { font-size: 1.6rem; }
    .heat th:first-child { width: 6.5rem; }
    .heat td.cell { font-size: 0.8rem; }
  }
  @media (max-width: 1000px) {
    .tiles { grid-template-columns: repeat(3, minmax(0, 1fr)); }
    .trend-grid, .row, .row:has(.heat) { grid-template-columns: minmax(0, 1fr); }
  }

  @media print {
    :host { --tw-bg: #fff; --tw-panel: #fff; --tw-panel-2: #f3f4f6; --tw-line: #d1d5db; --tw-text: #000; --tw-muted: #374151; --tw-faint: #4b5563; --tw-info: #0369a1; min-height: 0; font-size: 9pt; }
    * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    .controls { background: none; border: 0; padding: 0 0 2mm; }
    .controls > :not(h1) { display: none; }
    h1 { font-size: 15pt; }
    main { padding: 0; gap: 3mm; }
    .csv { display: none; }
    h2 { font-size: 11pt; }
    .section-head { margin-bottom: 1mm; }
    .note { font-size: 8pt; margin-bottom: 1mm; }
    thead th { font-size: 8pt; }
    .scope { font-size: 9pt; }
    .tile, .panel { border-color: #9ca3af; break-inside: avoid; }
    .tiles { gap: 2mm; }
    .tile { padding: 1.5mm 2.5mm; }
    .tile .value { font-size: 15pt; }
    .row, .row:has(.heat) { gap: 3mm; }
    th, td { font-size: 8.5pt; padding: 0.8mm 1.5mm; }
    .heat td.cell { font-size: 7.5pt; border-color: #fff; }
    .cell.l1 { background: #e0f2fe; color: #000; }
    .cell.l2 { background: #7dd3fc; color: #000; }
    .cell.l3 { background: #0284c7; color: #fff; }
    .cell.l4 { background: #075985; color: #fff; }
    .bar, .range-bar { background: #e5e7eb; }
    .range-bar i.p90 { background: #93c5fd; }
    .error, .partial { background: #fff; color: #000; }
  }
`;

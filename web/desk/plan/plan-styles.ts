import { css } from 'lit';

/** The planner's look: a light desk page; every control a touch target of at least 44 px. */
export const planStyles = css`
  :host {
    display: block;
    color: #0f1d33;
    font-size: 15px;
    font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif;
    --line: #c5cfdd;
    --muted: #475569;
    --accent: #1d4ed8;
    --over: #b91c1c;
    --ok: #15803d;
  }
  * {
    box-sizing: border-box;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 44px;
    min-width: 44px;
    padding: 0 14px;
    border-radius: 8px;
    border: 1px solid #94a3b8;
    background: #fff;
    cursor: pointer;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: #fff;
    font-weight: 700;
  }
  button.danger {
    border-color: var(--over);
    color: var(--over);
  }
  button[aria-pressed='true'] {
    background: #dbeafe;
    border-color: var(--accent);
    font-weight: 700;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 3px solid #2563eb;
    outline-offset: 1px;
  }
  input,
  select {
    min-height: 44px;
    padding: 0 10px;
    border: 1px solid #94a3b8;
    border-radius: 8px;
    background: #fff;
  }
  header.bar {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    padding: 10px 16px;
  }
  header.bar h1 {
    font-size: 20px;
    margin: 0 12px 0 0;
  }
  header.bar .spacer {
    flex: 1;
  }
  .hint {
    color: var(--muted);
    font-size: 13px;
    margin: 0 16px 6px;
  }
  .capacity {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    padding: 0 16px 8px;
    margin: 0;
    list-style: none;
  }
  .capacity li {
    background: #fff;
    border: 1px solid var(--line);
    border-radius: 8px;
    padding: 4px 10px;
    min-width: 126px;
  }
  .capacity b {
    display: block;
    font-size: 14px;
  }
  .capacity .bar {
    height: 6px;
    background: #e2e8f0;
    border-radius: 3px;
    margin: 4px 0 2px;
    overflow: hidden;
  }
  .capacity .bar i {
    display: block;
    height: 100%;
    background: var(--ok);
  }
  .capacity .full .bar i {
    background: #b45309;
  }
  .capacity .over {
    border-color: var(--over);
  }
  .capacity .over .bar i {
    background: var(--over);
  }
  .capacity small {
    color: var(--muted);
    font-size: 12px;
  }
  .capacity .over small.left {
    color: var(--over);
    font-weight: 700;
  }
  .scroller {
    overflow: auto;
    margin: 0 16px 12px;
    border: 1px solid var(--line);
    border-radius: 8px;
    background: #fff;
  }
  .day {
    display: grid;
    grid-template-columns: 132px 1fr;
    min-width: calc(132px + var(--slots) * 44px);
  }
  .day .corner,
  .day .bayname {
    position: sticky;
    left: 0;
    z-index: 2;
    background: #f8fafc;
    border-right: 1px solid var(--line);
  }
  .day .corner {
    top: 0;
    z-index: 3;
  }
  .day .times {
    position: sticky;
    top: 0;
    z-index: 1;
    display: grid;
    grid-template-columns: repeat(var(--slots), 1fr);
    background: #f8fafc;
    border-bottom: 1px solid var(--line);
  }
  .day .times span {
    font-size: 12px;
    color: var(--muted);
    padding: 4px 0 4px 3px;
    border-left: 1px solid #e2e8f0;
    height: 26px;
  }
  .day .bayname {
    padding: 4px 8px;
    border-bottom: 1px solid #e2e8f0;
    font-weight: 700;
    font-size: 14px;
    line-height: 1.2;
    display: flex;
    flex-direction: column;
    justify-content: center;
    min-height: 50px;
  }
  .day .bayname small {
    color: var(--muted);
    font-weight: 400;
    font-size: 12px;
  }
  .lane {
    position: relative;
    display: grid;
    grid-template-columns: repeat(var(--slots), 1fr);
    border-bottom: 1px solid #e2e8f0;
    min-height: 50px;
  }
  .slot {
    border: 0;
    border-left: 1px dashed #e2e8f0;
    border-radius: 0;
    background: transparent;
    min-width: 0;
    padding: 0;
  }
  .slot.hour {
    border-left: 1px solid #cbd5e1;
  }
  .slot:hover,
  .slot.target {
    background: #dbeafe;
  }
  .slot.busy {
    display: block;
  }
  .appt {
    position: absolute;
    top: 3px;
    bottom: 3px;
    z-index: 1;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    justify-content: center;
    min-width: 44px;
    padding: 0 6px;
    overflow: hidden;
    text-align: left;
    line-height: 1.2;
    font-size: 13px;
    background: #e0e7ff;
    border: 1px solid #4f46e5;
    border-left-width: 4px;
    touch-action: none;
    user-select: none;
  }
  .appt b {
    white-space: nowrap;
  }
  .appt span {
    white-space: nowrap;
    color: #334155;
    font-size: 12px;
  }
  .appt.no_show {
    background: #f1f5f9;
    border-color: #64748b;
    border-style: dashed;
  }
  .appt.checked_in {
    background: #dcfce7;
    border-color: var(--ok);
  }
  .appt.overridden {
    border-color: var(--over);
  }
  .appt.selected {
    outline: 3px solid #f59e0b;
  }
  .appt.dragging {
    opacity: 0.6;
    pointer-events: none;
  }
  .week {
    border-collapse: collapse;
    width: 100%;
    min-width: 900px;
  }
  .week th,
  .week td {
    border: 1px solid #e2e8f0;
    vertical-align: top;
    padding: 4px;
  }
  .week thead th {
    position: sticky;
    top: 0;
    background: #f8fafc;
    z-index: 1;
    font-size: 13px;
  }
  .week th.bayname {
    text-align: left;
    background: #f8fafc;
    width: 120px;
    font-size: 13px;
  }
  .week td.cell {
    min-width: 100px;
  }
  .week td.cell.target {
    background: #dbeafe;
  }
  .week .chip {
    display: block;
    width: 100%;
    min-height: 44px;
    margin: 0 0 3px;
    padding: 2px 6px;
    text-align: left;
    font-size: 12px;
    background: #e0e7ff;
    border: 1px solid #4f46e5;
    touch-action: none;
    user-select: none;
  }
  .week .chip.no_show {
    background: #f1f5f9;
    border-style: dashed;
  }
  .week .chip.selected {
    outline: 3px solid #f59e0b;
  }
  .week .add {
    width: 100%;
    border-style: dashed;
    color: var(--muted);
  }
  .week .frees {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0 8px;
    justify-content: center;
    margin-top: 4px;
  }
  .week .free {
    font-size: 12px;
    font-weight: 400;
    color: #334155;
    white-space: nowrap;
  }
  .week .free.over {
    color: var(--over);
    font-weight: 700;
  }
  .panels {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
    margin: 0 16px 16px;
  }
  .panel {
    background: #fff;
    border: 1px solid var(--line);
    border-radius: 8px;
    padding: 8px 14px;
  }
  .panel h2 {
    font-size: 16px;
    margin: 4px 0 8px;
  }
  .panel table {
    border-collapse: collapse;
  }
  .panel td {
    padding: 3px 12px 3px 0;
    font-size: 14px;
  }
  .notice {
    margin: 0 16px 8px;
    padding: 8px 12px;
    border-radius: 8px;
    background: #dcfce7;
    color: #14532d;
  }
  .notice.error {
    background: #fee2e2;
    color: #7f1d1d;
  }
  .overlay {
    position: fixed;
    inset: 0;
    z-index: 10;
    background: rgb(15 23 42 / 0.45);
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 12px;
  }
  .dialog {
    background: #fff;
    border-radius: 12px;
    width: min(880px, 100%);
    max-height: calc(100vh - 24px);
    overflow: auto;
    padding: 16px 20px;
    box-shadow: 0 10px 40px rgb(0 0 0 / 0.3);
  }
  .dialog h2 {
    margin: 0 0 12px;
    font-size: 20px;
  }
  .dialog .cols {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 8px 16px;
  }
  .dialog label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 600;
    font-size: 14px;
  }
  .dialog label input,
  .dialog label select {
    width: 100%;
  }
  .dialog fieldset {
    border: 1px solid var(--line);
    border-radius: 8px;
    margin: 12px 0;
    padding: 6px 10px;
  }
  .dialog legend {
    font-weight: 600;
    font-size: 14px;
    padding: 0 4px;
  }
  .dialog .services {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(190px, 1fr));
    gap: 2px 8px;
  }
  .dialog .services label {
    flex-direction: row;
    align-items: center;
    font-weight: 400;
    min-height: 44px;
    gap: 8px;
  }
  .dialog .services input {
    min-height: 0;
    width: 22px;
    height: 22px;
  }
  .dialog .actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    margin-top: 12px;
    flex-wrap: wrap;
  }
  .dialog .error {
    color: var(--over);
    font-weight: 600;
  }
  .dialog dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 4px 12px;
    margin: 0 0 8px;
  }
  .dialog dt {
    color: var(--muted);
  }
  .dialog dd {
    margin: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (max-width: 700px) {
    .dialog .cols {
      grid-template-columns: 1fr;
    }
  }
`;

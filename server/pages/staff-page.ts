import type express from 'express';
import type { Locale } from '../../shared/domain/ids';
import { esc } from './print-shell';
import { PRINT_TOOLS_PATH } from './print-tools';

/**
 * The frame of the small form pages (sign-in, choosing a password): a card in the middle of a
 * light page, legible on a desk screen and a phone alike. Plain HTML forms, so they work before
 * (and without) any script; the CSP forbids inline script anyway.
 */
export function sendFormPage(
  res: express.Response,
  o: { status?: number; lang: Locale; title: string; nav?: string; body: string; wide?: boolean; css?: string; tools?: { storeId: string } },
): void {
  res
    .status(o.status ?? 200)
    .type('html')
    .set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).send(`<!doctype html>
<html lang="${esc(o.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(o.title)}</title>
<style>${FORM_CSS}${o.css ?? ''}</style>${o.tools ? `<script src="${PRINT_TOOLS_PATH}" defer></script>` : ''}</head>
<body${o.tools ? ` data-store-id="${esc(o.tools.storeId)}"` : ''}>${o.nav ? `<nav class="toolbar">${o.nav}</nav>` : ''}<main${o.wide ? ' class="wide"' : ''}>${o.body}</main></body></html>`);
}

/** The staff navigation bar (staff-nav.ts) as every staff page draws it, this frame's and the reports page's. */
export const STAFF_TOOLBAR_CSS = `
  .toolbar { display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: center; padding: 0.6rem 1rem; background: #111827; }
  .toolbar a, .toolbar button { font: inherit; font-size: 15px; padding: 8px 16px; border-radius: 6px; border: 1px solid #9ca3af; background: #f9fafb; color: #111; text-decoration: none; cursor: pointer; }
  .toolbar .on { background: #2563eb; border-color: #2563eb; color: #fff; }
  .toolbar .spacer { flex: 1; }
  .toolbar .who { background: transparent; color: #e5e7eb; border-color: transparent; }
  .toolbar form { margin: 0; }
  @media (max-width: 720px) { .toolbar { flex-wrap: nowrap; overflow-x: auto; } .toolbar a, .toolbar button { white-space: nowrap; } }
`;

const FORM_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; background: #eef2f7; color: #0f1d33;
    font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
  main.wide { max-width: 80rem; margin-top: 1.5rem; }
  main { max-width: 30rem; margin: 8vh auto 2rem; padding: 2.2rem 1.8rem; background: #fff; border-radius: 1.2rem; box-shadow: 0 0.5rem 2rem rgb(15 29 51 / 0.1); }
  .brand { color: #52627a; font-size: 1rem; margin: 0 0 0.4rem; }
  h1 { font-size: 1.9rem; margin: 0 0 1.4rem; }
  label { display: block; font-weight: 600; font-size: 1.05rem; margin: 1.1rem 0 0.4rem; }
  input, select { width: 100%; font: inherit; font-size: 1.2rem; padding: 0.75rem 0.9rem; min-height: 3.2rem; border: 2px solid #c5cfdd; border-radius: 0.6rem; background: #fff; color: inherit; }
  input:focus, select:focus { outline: 3px solid #93c5fd; border-color: #2563eb; }
  button[type=submit].primary { width: 100%; margin-top: 1.6rem; min-height: 3.6rem; font: inherit; font-size: 1.3rem; font-weight: 700; color: #fff; background: #1d4ed8; border: 0; border-radius: 0.7rem; cursor: pointer; }
  .hint { color: #52627a; font-size: 0.98rem; line-height: 1.6; margin: 1.3rem 0 0; }
  .error { background: #fee2e2; border: 2px solid #dc2626; color: #7f1d1d; padding: 0.8rem 1rem; border-radius: 0.6rem; font-weight: 600; margin: 0 0 0.4rem; }
  .ok { background: #dcfce7; border: 2px solid #16a34a; color: #14532d; padding: 0.8rem 1rem; border-radius: 0.6rem; font-weight: 600; }
  .lang { float: right; font-size: 0.95rem; color: #1d4ed8; }
  ${STAFF_TOOLBAR_CSS}
  @media (max-width: 480px) { main { margin: 0; min-height: 100vh; border-radius: 0; padding: 1.6rem 1.2rem; } h1 { font-size: 1.6rem; } }
`;

import type express from 'express';
import type { Locale } from '../../shared/domain/ids';
import type { Role } from '../../shared/domain/people';
import type { Store } from '../../shared/domain/shop';
import { print, type PrintKey } from '../../shared/i18n/print';
import { translator } from '../../shared/i18n/translate';
import type { AppDeps } from '../deps';
import { mayOpenStaffPage } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { PRINT_TOOLS_PATH } from './print-tools';
import { NAV_CSS, signInRedirect, staffNav } from './staff-nav';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type Paper = 'a4' | '80mm';
export type T = (key: PrintKey, params?: Record<string, string | number>) => string;

export const langOf = (req: express.Request, store: Store): Locale => (req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : store.locale);
export const tFor = (locale: Locale): T => translator(print, locale);

/**
 * Printing is for signed-in staff with one of `roles` (admins always). Nobody signed in is sent
 * to /sign-in and back here after; a person without the role gets a small page that says what
 * is needed (and how to sign in as someone else), never the data. Returns the principal, or
 * undefined after answering. The staff navigation of the pages sent afterwards comes from here.
 */
export function staffOnly(deps: AppDeps, req: express.Request, res: express.Response, store: Store, roles: readonly Role[]): Principal | undefined {
  const principal = deps.auth.fromRequest(req);
  const lang = langOf(req, store);
  const t = tFor(lang);
  if (!principal || principal.kind === 'display') {
    signInRedirect(req, res, store);
    return undefined;
  }
  res.locals.staffNav = staffNav(principal, store, lang, req.path);
  if (!mayOpenStaffPage(principal, store, roles)) {
    res.status(403);
    const again = `/sign-in?store=${encodeURIComponent(store.id)}&next=${encodeURIComponent(req.originalUrl)}`;
    sendPrintPage(res, {
      title: t('page.forbidden', { need: roles.join(', ') }),
      lang,
      paper: 'a4',
      body: `<h1>${esc(t('page.forbidden', { need: roles.join(' / ') }))}</h1><p><a href="${esc(again)}">${esc(t('page.signIn'))}</a></p>`,
    });
    return undefined;
  }
  return principal;
}

/** Sizes are in millimetres so what is printed is what was designed, whatever the screen. */
const CSS = `
  * { box-sizing: border-box; }
  html, body { margin: 0; background: #e5e7eb; color: #000; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
  .sheet { background: #fff; margin: 6mm auto; box-shadow: 0 1mm 4mm rgba(0,0,0,.25); }
  .a4 .sheet { width: 210mm; min-height: 297mm; padding: 12mm 12mm 10mm; }
  .r80 .sheet { width: 80mm; padding: 4mm 4mm 8mm; }
  .toolbar { position: sticky; top: 0; z-index: 2; display: flex; gap: 3mm; flex-wrap: wrap; justify-content: center; padding: 3mm; background: #111827; }
  .toolbar a, .toolbar button { font: inherit; font-size: 15px; padding: 8px 16px; border-radius: 6px; border: 1px solid #9ca3af; background: #f9fafb; color: #111; text-decoration: none; cursor: pointer; }
  .toolbar .on { background: #2563eb; border-color: #2563eb; color: #fff; }
  .toolbar .danger { background: #fee2e2; border-color: #dc2626; color: #991b1b; }
  .toolbar.staff { position: static; justify-content: flex-start; }
  .qr svg { display: block; width: 100%; height: auto; }
  .mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; }
  @media print {
    html, body { background: #fff; }
    .toolbar, .no-print { display: none !important; }
    .sheet { margin: 0; box-shadow: none; }
    .a4 .sheet { min-height: auto; }
  }
`;

export interface PrintPage {
  title: string;
  lang: Locale;
  paper: Paper;
  body: string;
  toolbar?: string;
  /** Extra CSS of this page. */
  css?: string;
  /** Data for the page's buttons (see print-tools.ts); the script is loaded when given. */
  tools?: { storeId: string; revokeConfirm?: string; setPinPrompt?: string };
}

const toolAttrs = (tools: NonNullable<PrintPage['tools']>) =>
  ` data-store-id="${esc(tools.storeId)}"${tools.revokeConfirm ? ` data-revoke-confirm="${esc(tools.revokeConfirm)}"` : ''}${tools.setPinPrompt ? ` data-set-pin-prompt="${esc(tools.setPinPrompt)}"` : ''}`;

export function sendPrintPage(res: express.Response, page: PrintPage): void {
  const size = page.paper === 'a4' ? 'A4' : '80mm auto';
  res.type('html').set('Cache-Control', 'no-store').send(`<!doctype html>
<html lang="${esc(page.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title>
<style>@page { size: ${size}; margin: ${page.paper === 'a4' ? '0' : '0 0 4mm'}; }${CSS}${NAV_CSS}${page.css ?? ''}</style>
${page.tools ? `<script src="${PRINT_TOOLS_PATH}" defer></script>` : ''}
</head><body class="${page.paper === 'a4' ? 'a4' : 'r80'}"${page.tools ? toolAttrs(page.tools) : ''}>
${res.locals.staffNav ? `<nav class="toolbar staff">${res.locals.staffNav}</nav>` : ''}${page.toolbar ? `<nav class="toolbar">${page.toolbar}</nav>` : ''}
<main class="sheet">${page.body}</main>
</body></html>`);
}

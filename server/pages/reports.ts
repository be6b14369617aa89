import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import type { Locale } from '../../shared/domain/ids';
import type { Store } from '../../shared/domain/shop';
import { READS } from '../../shared/workflow/permissions';
import type { AppDeps } from '../deps';
import { maySeeStore, mayOpenStaffPage } from '../auth/policy';
import { DIST_DIR } from '../paths';
import { esc } from './print-shell';
import { signInRedirect, staffNav, staffT } from './staff-nav';
import { sendFormPage, STAFF_TOOLBAR_CSS } from './staff-page';

/**
 * /reports: the service manager's figures (web/admin/reports, one lit element fed by the REST
 * reports API). A manager or admin of the store; nobody signed in goes to /sign-in and back;
 * anyone else gets a 403 page that says so. The element gets the stores this person may see
 * (names, zones, bays and technicians, to label the figures) as an attribute: no inline script.
 */
export function reportsPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get('/reports', (req, res) => {
    const store = deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
    const lang: Locale = req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : store.locale;
    const p = deps.auth.fromRequest(req);
    if (!p || p.kind === 'display') return signInRedirect(req, res, store);
    const nav = staffNav(p, store, lang, '/reports');
    if (!mayOpenStaffPage(p, store, READS.reports)) {
      const t = staffT(lang);
      const again = `/sign-in?store=${encodeURIComponent(store.id)}&next=${encodeURIComponent(req.originalUrl)}`;
      return sendFormPage(res, {
        status: 403,
        lang,
        nav,
        title: t('nav.reports'),
        body: `<h1>${esc(t('nav.reports'))}</h1><p class="error" role="alert">${esc(t('signIn.forbidden', { name: p.kind === 'staff' ? p.name : p.id }))}</p><p><a href="${esc(again)}">${esc(t('signIn.title'))}</a></p>`,
      });
    }
    if (!existsSync(resolve(DIST_DIR, 'reports-page.js'))) {
      res.status(503).type('text/plain').send('This page is being built; try again in a moment.');
      return;
    }
    const stores = deps.shop.stores.filter((s) => maySeeStore(p, s.id)).map((s) => storeInfo(s, lang));
    res.type('html').set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).send(`<!doctype html>
<html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="tw-version" content="${esc(deps.version)}">
<title>${esc(staffT(lang)('nav.reports'))} · ${esc(store.name[lang])}</title>
<style>${PAGE_CSS}</style>
<script type="module" src="/assets/reports-page.js?v=${encodeURIComponent(deps.version)}"></script></head>
<body><nav class="toolbar" aria-label="${esc(staffT(lang)('nav.reports'))}">${nav}</nav>
<reports-page lang="${esc(lang)}" store-id="${esc(store.id)}" stores="${esc(JSON.stringify(stores))}"></reports-page></body></html>`);
  });
  return router;
}

/** What the page needs of a store to label its figures (no people but technicians' names, which the nav's pages show anyway). */
export interface ReportStoreInfo {
  id: string;
  name: string;
  timeZone: string;
  bays: { id: string; name: string }[];
  technicians: { id: string; name: string }[];
}

const storeInfo = (s: Store, lang: Locale): ReportStoreInfo => ({
  id: s.id,
  name: s.name[lang],
  timeZone: s.timezone,
  bays: s.bays.filter((b) => b.kind !== 'wash').map((b) => ({ id: b.id, name: lang === 'en' ? (b.nameEn ?? b.name) : b.name })),
  technicians: s.technicians.map((t) => ({ id: t.id, name: t.name })),
});

const PAGE_CSS = `
  * { box-sizing: border-box; }
  html, body { margin: 0; background: #0b1220; color: #f1f5f9; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
  ${STAFF_TOOLBAR_CSS}
  @page { size: A4 landscape; margin: 8mm; }
  @media print {
    html, body { background: #fff; color: #000; }
    .toolbar { display: none !important; }
  }
`;

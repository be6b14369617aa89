import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import type { Locale } from '../../shared/domain/ids';
import { READS } from '../../shared/workflow/permissions';
import type { AppDeps } from '../deps';
import { mayOpenStaffPage } from '../auth/policy';
import { DIST_DIR } from '../paths';
import { esc } from './print-shell';
import { signInRedirect, staffNav, staffT } from './staff-nav';
import { sendFormPage, STAFF_TOOLBAR_CSS } from './staff-page';

/**
 * /plan: the advisors' planner (web/desk/plan, one lit element fed by GET …/plan and the
 * appointment routes). The front desk of the store (advisor, dispatcher, manager) or an admin;
 * nobody signed in goes to /sign-in and back; anyone else gets a 403 page that says so.
 *
 * The page reads `date`, `view` (day|week) and a booking to prefill from its address — the
 * contract other pages link with (the reminders list's "book"):
 * `/plan?date=YYYY-MM-DD&plate=京A12345&services=CODE,CODE&customer=王先生&phone=138…` opens the
 * booking dialog filled in (no date: tomorrow).
 */
export function planPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get('/plan', (req, res) => {
    const store = deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
    const lang: Locale = req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : store.locale;
    const p = deps.auth.fromRequest(req);
    if (!p || p.kind === 'display') return signInRedirect(req, res, store);
    const nav = staffNav(p, store, lang, '/plan');
    const t = staffT(lang);
    if (!mayOpenStaffPage(p, store, READS.plan)) {
      const again = `/sign-in?store=${encodeURIComponent(store.id)}&next=${encodeURIComponent(req.originalUrl)}`;
      return sendFormPage(res, {
        status: 403,
        lang,
        nav,
        title: t('nav.plan'),
        body: `<h1>${esc(t('nav.plan'))}</h1><p class="error" role="alert">${esc(t('signIn.forbidden', { name: p.kind === 'staff' ? p.name : p.id }))}</p><p><a href="${esc(again)}">${esc(t('signIn.title'))}</a></p>`,
      });
    }
    if (!existsSync(resolve(DIST_DIR, 'plan-page.js'))) {
      res.status(503).type('text/plain').send('This page is being built; try again in a moment.');
      return;
    }
    res.type('html').set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).send(`<!doctype html>
<html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="tw-version" content="${esc(deps.version)}">
<title>${esc(t('nav.plan'))} · ${esc(store.name[lang])}</title>
<style>${PAGE_CSS}</style>
<script type="module" src="/assets/plan-page.js?v=${encodeURIComponent(deps.version)}"></script></head>
<body><nav class="toolbar" aria-label="${esc(t('nav.plan'))}">${nav}</nav>
<main><plan-page lang="${esc(lang)}" store-id="${esc(store.id)}" store-name="${esc(store.name[lang])}" time-zone="${esc(store.timezone)}"></plan-page></main></body></html>`);
  });
  return router;
}

const PAGE_CSS = `
  * { box-sizing: border-box; }
  html, body { margin: 0; background: #eef2f7; color: #0f1d33; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
  ${STAFF_TOOLBAR_CSS}
`;

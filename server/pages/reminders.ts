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
 * /reminders: the front desk's due list and parts due (web/desk/reminders, one lit element fed
 * by the reminders REST API). An advisor, dispatcher or manager of the store (admins besides);
 * nobody signed in goes to /sign-in and back; anyone else gets a 403 page that says so. The
 * element gets the store's zone and its services' names as attributes: no inline script.
 */
export function remindersPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get('/reminders', (req, res) => {
    const store = deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
    const lang: Locale = req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : store.locale;
    const t = staffT(lang);
    const p = deps.auth.fromRequest(req);
    if (!p || p.kind === 'display') return signInRedirect(req, res, store);
    const nav = staffNav(p, store, lang, '/reminders');
    if (!mayOpenStaffPage(p, store, READS.reminders)) {
      const again = `/sign-in?store=${encodeURIComponent(store.id)}&next=${encodeURIComponent(req.originalUrl)}`;
      return sendFormPage(res, {
        status: 403,
        lang,
        nav,
        title: t('nav.reminders'),
        body: `<h1>${esc(t('nav.reminders'))}</h1><p class="error" role="alert">${esc(t('signIn.forbidden', { name: p.kind === 'staff' ? p.name : p.id }))}</p><p><a href="${esc(again)}">${esc(t('signIn.title'))}</a></p>`,
      });
    }
    if (!existsSync(resolve(DIST_DIR, 'reminders-page.js'))) {
      res.status(503).type('text/plain').send('This page is being built; try again in a moment.');
      return;
    }
    const services = Object.fromEntries(store.catalogue.map((c) => [c.code, c.title[lang]]));
    res.type('html').set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).send(`<!doctype html>
<html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="tw-version" content="${esc(deps.version)}">
<title>${esc(t('nav.reminders'))} · ${esc(store.name[lang])}</title>
<style>${PAGE_CSS}</style>
<script type="module" src="/assets/reminders-page.js?v=${encodeURIComponent(deps.version)}"></script></head>
<body><nav class="toolbar" aria-label="${esc(t('nav.reminders'))}">${nav}</nav>
<reminders-page lang="${esc(lang)}" store-id="${esc(store.id)}" time-zone="${esc(store.timezone)}" services="${esc(JSON.stringify(services))}"></reminders-page></body></html>`);
  });
  return router;
}

const PAGE_CSS = `
  * { box-sizing: border-box; }
  html, body { margin: 0; background: #0b1220; color: #f1f5f9; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
  ${STAFF_TOOLBAR_CSS}
`;

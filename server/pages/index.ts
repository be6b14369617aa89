import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import type { AppDeps } from '../deps';
import { DIST_DIR } from '../paths';
import { kioskPageRoutes } from './kiosk';
import { peoplePageRoutes } from './people';
import { webhookPageRoutes } from './webhooks';
import { signInPageRoutes } from './sign-in';
import { signInRedirect } from './staff-nav';
import { printPageRoutes } from './print';
import { reportsPageRoutes } from './reports';
import { planPageRoutes } from './plan';
import { remindersPageRoutes } from './reminders';
import { bayCodeFor, scanPageRoutes } from './scan';
import { pageHtml, type PageSpec } from './shell';
import { PRINT_TOOLS_JS, PRINT_TOOLS_PATH } from './print-tools';

/** A page's bundle or its source map, directly in dist/. */
const PAGE_ASSET = /^\/[\w-]+\.js(\.map)?$/;

/**
 * Browser pages. Each is an HTML shell around one top-level lit element whose bundle is built
 * by scripts/build.ts. To add a page: add its entry to PAGES in scripts/build.ts, then a route
 * here that sends `page({...})`.
 */
export function pageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  const defaultStore = deps.shop.stores[0]!;
  const storeOf = (req: express.Request) => deps.shop.stores.find((s) => s.id === req.query.store) ?? defaultStore;
  const send = (res: express.Response, spec: PageSpec) => {
    if (!existsSync(resolve(DIST_DIR, `${spec.bundle}.js`))) {
      res.status(503).type('text/plain').send('This page is being built; try again in a moment.');
      return;
    }
    res.type('html').set('Cache-Control', 'no-store').send(pageHtml(spec, deps.version));
  };
  const lang = (req: express.Request, fallback: string) => (req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : fallback);
  const displayToken = (req: express.Request) => (typeof req.query.display === 'string' ? req.query.display : undefined);

  router.get(PRINT_TOOLS_PATH, (_req, res) => {
    res.type('js').set('Cache-Control', 'public, max-age=3600').send(PRINT_TOOLS_JS);
  });
  // dist/ also holds the server's own bundles (dist/server/) and build records: only the pages'
  // bundles and their source maps are served.
  const assets = express.static(DIST_DIR, { maxAge: '1h', index: false });
  router.use('/assets', (req, res, next) => (PAGE_ASSET.test(req.path) ? assets(req, res, next) : next()));
  router.use(signInPageRoutes(deps));
  router.use(peoplePageRoutes(deps));
  router.use(reportsPageRoutes(deps));
  router.use(planPageRoutes(deps));
  router.use(remindersPageRoutes(deps));
  router.use(webhookPageRoutes(deps));
  router.use(scanPageRoutes(deps));
  router.use(printPageRoutes(deps));
  router.use(kioskPageRoutes(deps));

  // A new wall screen opens /display: a pairing code until an admin binds it (or its saved board).
  router.get('/display', (req, res) => {
    const store = storeOf(req);
    send(res, {
      title: '配对此屏幕 · Pair this screen',
      bundle: 'display-pairing',
      element: 'display-pairing',
      lang: lang(req, store.locale),
      attrs: { lang: lang(req, store.locale) },
    });
  });
  router.get('/admin/displays', (req, res) => {
    const store = storeOf(req);
    const p = deps.auth.fromRequest(req);
    if (!p || p.kind === 'display') return signInRedirect(req, res, store);
    send(res, {
      title: `${store.name['zh-CN']} · 屏幕管理 Display fleet`,
      bundle: 'display-fleet',
      element: 'display-fleet',
      lang: lang(req, store.locale),
      attrs: { 'store-id': store.id, lang: lang(req, store.locale) },
    });
  });
  router.get('/display/customer', (req, res) => {
    const store = storeOf(req);
    send(res, {
      title: `${store.name['zh-CN']} · 客户看板`,
      bundle: 'customer-board',
      element: 'customer-board',
      lang: lang(req, store.locale),
      attrs: { 'store-id': store.id, lang: lang(req, store.locale) },
    });
  });
  // A paired screen's URL carries its token; a person without one (or a session) signs in first.
  const needsSignIn = (req: express.Request) => displayToken(req) === undefined && !deps.auth.fromRequest(req);
  router.get('/display/dispatch', (req, res) => {
    const store = storeOf(req);
    if (needsSignIn(req)) return signInRedirect(req, res, store);
    send(res, {
      title: `${store.name['zh-CN']} · 调度看板`,
      bundle: 'dispatch-board',
      element: 'dispatch-board',
      lang: lang(req, store.locale),
      attrs: { 'store-id': store.id, lang: lang(req, store.locale), token: displayToken(req) },
    });
  });
  router.get('/display/bay/:bayId', async (req, res) => {
    const store = storeOf(req);
    const bay = store.bays.find((b) => b.id === req.params.bayId);
    if (!bay) {
      res.status(404).type('text/plain').send(`There is no bay "${req.params.bayId}" in ${store.id}`);
      return;
    }
    if (needsSignIn(req)) return signInRedirect(req, res, store);
    send(res, {
      title: `${bay.name} · 工位看板`,
      bundle: 'bay-board',
      element: 'bay-board',
      lang: lang(req, store.locale),
      attrs: {
        'store-id': store.id,
        'bay-id': bay.id,
        lang: lang(req, store.locale),
        token: displayToken(req),
        'bay-code': await bayCodeFor(deps, req, store.id, bay.id),
      },
    });
  });
  return router;
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import type { Locale } from '../../shared/domain/ids';
import type { Store } from '../../shared/domain/shop';
import type { AppDeps } from '../app';
import { pairedKiosk } from '../kiosk/kiosk-limits';
import { DIST_DIR } from '../paths';
import { pageHtml, type PageSpec } from './shell';


/**
 * The customer's own pages: the check-in kiosk (/kiosk) and the tracking page of one car
 * (/t/<token>). A tracking link that does not work gets a small page of its own, in both
 * languages, that says so kindly and nothing else: not whether the car exists, not whose it is.
 */
export function kioskPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  const storeOf = (req: express.Request) => deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
  const lang = (req: express.Request, store: Store): Locale =>
    req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : store.locale;
  const send = (res: express.Response, spec: PageSpec) => {
    if (!existsSync(resolve(DIST_DIR, `${spec.bundle}.js`))) {
      res.status(503).type('text/plain').send('This page is being built; try again in a moment.');
      return;
    }
    res.type('html').set('Cache-Control', 'no-store').send(pageHtml(spec, deps.version));
  };

  router.get('/kiosk', (req, res) => {
    const store = storeOf(req);
    // A paired kiosk's key names the kiosk; without one the page is an anonymous kiosk.
    const paired = pairedKiosk(deps.auth.signingKey, store.id, req.query.key);
    const kioskId = paired ?? (typeof req.query.kiosk === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(req.query.kiosk) ? req.query.kiosk : 'kiosk-1');
    const idle = Number(req.query.idle);
    send(res, {
      title: `${store.name['zh-CN']} · 自助接待`, bundle: 'check-in-kiosk', element: 'check-in-kiosk', lang: lang(req, store),
      attrs: {
        'store-id': store.id, 'kiosk-id': kioskId, lang: lang(req, store), ...(paired ? { 'kiosk-key': String(req.query.key) } : {}),
        // For trying the kiosk out; the store's configured timeout is the default.
        ...(Number.isInteger(idle) && idle >= 5 && idle <= 600 ? { 'idle-seconds': String(idle) } : {}),
      },
    });
  });

  router.get('/t/:token', async (req, res) => {
    const token = req.params.token;
    const hit = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await deps.service.findByTrackingToken(token) : undefined;
    const store = hit ? deps.service.storeConfig(hit.storeId) : undefined;
    if (!hit || !store) return sendUnavailable(res, 404, undefined, req.query.lang === 'en' ? 'en' : 'zh-CN');
    if (hit.expired) return sendUnavailable(res, 410, store, lang(req, store));
    send(res, {
      title: `${store.name[lang(req, store)]} · ${lang(req, store) === 'en' ? 'Your car' : '车辆进度'}`,
      bundle: 'tracking-page', element: 'tracking-page', lang: lang(req, store), mobile: true,
      attrs: { token, lang: lang(req, store) },
    });
  });
  return router;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const UNAVAILABLE = {
  404: {
    'zh-CN': { title: '链接无效', text: '这个车辆进度链接无法打开，请核对链接，或联系服务前台。' },
    en: { title: 'This link does not work', text: 'We could not open this tracking link. Please check it, or ask at the service desk.' },
  },
  410: {
    'zh-CN': { title: '链接已过期', text: '您的车辆已交付，这个进度链接已过期。感谢您的光临！' },
    en: { title: 'This link has expired', text: 'Your car has been handed back and this link has expired. Thank you for visiting us!' },
  },
} as const;

/** The friendly dead end of a tracking link, in the page's language first and the other below. */
function sendUnavailable(res: express.Response, status: 404 | 410, store: Store | undefined, first: Locale): void {
  const other: Locale = first === 'en' ? 'zh-CN' : 'en';
  const block = (l: Locale, main: boolean) => `<section class="${main ? 'main' : 'other'}" lang="${l}">
  <h1>${escapeHtml(UNAVAILABLE[status][l].title)}</h1><p>${escapeHtml(UNAVAILABLE[status][l].text)}</p></section>`;
  res.status(status).type('html').set('Cache-Control', 'no-store').send(`<!doctype html>
<html lang="${first}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(UNAVAILABLE[status][first].title)}</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f6fa; color: #0f1d33;
    font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
  main { max-width: 30rem; margin: 1.5rem; padding: 2rem 1.6rem; background: #fff; border-radius: 1.2rem; box-shadow: 0 0.4rem 1.6rem rgb(15 29 51 / 0.08); }
  .store { color: #52627a; font-size: 0.95rem; margin-bottom: 1.2rem; }
  .icon { width: 3.2rem; height: 3.2rem; border-radius: 50%; display: grid; place-items: center; background: #e8eef8; color: #0b5cad; font-size: 1.8rem; font-weight: 700; }
  h1 { font-size: 1.45rem; margin: 1rem 0 0.4rem; }
  p { margin: 0; line-height: 1.6; font-size: 1.05rem; }
  .other { margin-top: 1.4rem; padding-top: 1.2rem; border-top: 1px solid #e3e8f0; color: #52627a; }
  .other h1 { font-size: 1.05rem; }
  .other p { font-size: 0.95rem; }
</style></head>
<body><main>
${store ? `<div class="store">${escapeHtml(store.name[first])}</div>` : ''}<div class="icon" aria-hidden="true">${status === 410 ? '✓' : '?'}</div>
${block(first, true)}
${block(other, false)}
</main></body></html>`);
}

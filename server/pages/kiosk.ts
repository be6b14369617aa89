import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express from 'express';
import type { Locale } from '../../shared/domain/ids';
import type { Store } from '../../shared/domain/shop';
import type { AppDeps } from '../deps';
import { pairedKiosk } from '../kiosk/kiosk-limits';
import { DIST_DIR } from '../paths';
import { sendNoticePage } from './error-page';
import { pageHtml, type PageSpec } from './shell';

/**
 * The customer's own pages: the check-in kiosk (/kiosk) and the tracking page of one car
 * (/t/<token>). A tracking link that does not work gets a small page of its own, in both
 * languages, that says so kindly and nothing else: not whether the car exists, not whose it is.
 */
export function kioskPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  const storeOf = (req: express.Request) => deps.shop.stores.find((s) => s.id === req.query.store) ?? deps.shop.stores[0]!;
  const lang = (req: express.Request, store: Store): Locale => (req.query.lang === 'en' || req.query.lang === 'zh-CN' ? req.query.lang : store.locale);
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
      title: `${store.name['zh-CN']} · 自助接待`,
      bundle: 'check-in-kiosk',
      element: 'check-in-kiosk',
      lang: lang(req, store),
      attrs: {
        'store-id': store.id,
        'kiosk-id': kioskId,
        lang: lang(req, store),
        ...(paired ? { 'kiosk-key': String(req.query.key) } : {}),
        // For trying the kiosk out; the store's configured timeout is the default.
        ...(Number.isInteger(idle) && idle >= 5 && idle <= 600 ? { 'idle-seconds': String(idle) } : {}),
      },
    });
  });

  // The tracking page's push service worker, at the root so it may control /t/ (its scope).
  router.get('/push-sw.js', (_req, res) => {
    const file = resolve(DIST_DIR, 'push-sw.js');
    if (!existsSync(file)) return void res.status(503).type('text/plain').send('This page is being built; try again in a moment.');
    res.type('text/javascript').set('Cache-Control', 'no-cache').sendFile(file);
  });

  router.get('/t/:token', async (req, res) => {
    const token = req.params.token;
    const hit = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await deps.service.findByTrackingToken(token) : undefined;
    const store = hit ? deps.service.storeConfig(hit.storeId) : undefined;
    if (!hit || !store) return sendUnavailable(res, 'unknown', undefined, req.query.lang === 'en' ? 'en' : 'zh-CN');
    if (hit.expired) return sendUnavailable(res, hit.stage === 'cancelled' || hit.stage === 'no_show' ? hit.stage : 'delivered', store, lang(req, store));
    send(res, {
      title: `${store.name[lang(req, store)]} · ${lang(req, store) === 'en' ? 'Your car' : '车辆进度'}`,
      bundle: 'tracking-page',
      element: 'tracking-page',
      lang: lang(req, store),
      mobile: true,
      attrs: { token, lang: lang(req, store) },
    });
  });
  return router;
}

/** Why a link leads nowhere: it never existed, or its visit ended — each ending in its own words. */
const UNAVAILABLE = {
  unknown: {
    'zh-CN': { title: '链接无效', text: '这个车辆进度链接无法打开，请核对链接，或联系服务前台。' },
    en: { title: 'This link does not work', text: 'We could not open this tracking link. Please check it, or ask at the service desk.' },
  },
  delivered: {
    'zh-CN': { title: '链接已过期', text: '您的车辆已交付，这个进度链接已过期。感谢您的光临！' },
    en: { title: 'This link has expired', text: 'Your car has been handed back and this link has expired. Thank you for visiting us!' },
  },
  cancelled: {
    'zh-CN': { title: '本次服务已取消', text: '这次到店服务已取消，进度链接已停用。如有疑问，请联系服务前台。' },
    en: {
      title: 'This visit was cancelled',
      text: 'This service visit was cancelled, so its tracking link is closed. Please ask at the service desk if you have any questions.',
    },
  },
  no_show: {
    'zh-CN': { title: '本次预约未到店', text: '这次预约没有到店记录，进度链接已停用。如需重新预约，请联系服务前台。' },
    en: {
      title: 'This appointment was missed',
      text: 'We have no arrival for this appointment, so its tracking link is closed. Please contact the service desk to book again.',
    },
  },
} as const;
type Unavailable = keyof typeof UNAVAILABLE;

/** The friendly dead end of a tracking link, in the page's language first and the other below. */
function sendUnavailable(res: express.Response, why: Unavailable, store: Store | undefined, first: Locale): void {
  sendNoticePage(res, {
    status: why === 'unknown' ? 404 : 410,
    texts: UNAVAILABLE[why],
    first,
    heading: store?.name[first],
    icon: why === 'delivered' ? '✓' : why === 'unknown' ? '?' : 'i',
  });
}

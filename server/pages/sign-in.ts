import express from 'express';
import { z } from 'zod';
import type { Locale } from '../../shared/domain/ids';
import type { Store } from '../../shared/domain/shop';
import type { AppDeps } from '../deps';
import type { StaffPrincipal } from '../auth';
import { safeNext } from '../http/auth';
import { HttpError } from '../http/errors';
import { linkOrigin } from '../http/public-url';
import { requestLog } from '../http/security';
import { checkPassword, personOfSession, setOwnPassword, signInOf, statusOf } from '../people/accounts';
import type { StaffKey } from '../../shared/i18n/staff';
import { esc } from './print-shell';
import { signInRedirect, staffNav, staffT } from './staff-nav';
import { sendFormPage } from './staff-page';

/**
 * /sign-in (staff number or name + password), /sign-out, and /account/password where a person
 * chooses their password (a sign-in link from an admin lands there). Plain forms posted to the
 * same path; a post from another site's page is refused (its Origin is not ours), and the
 * session cookie is SameSite=Lax besides.
 */
const FormSchema = z.object({
  store: z.string().max(64).optional(),
  login: z.string().max(80).default(''),
  password: z.string().max(200).default(''),
  current: z.string().max(200).optional(),
  repeat: z.string().max(200).optional(),
  next: z.string().max(2000).optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
});
type Form = z.infer<typeof FormSchema>;

const MANY_STORES = 40;

export function signInPageRoutes(deps: AppDeps): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });
  const storeById = (id: unknown) => deps.shop.stores.find((s) => s.id === id);
  /** The store asked for, else the one `next` names, else the first. */
  const storeFor = (store: unknown, next: unknown): Store => {
    if (storeById(store)) return storeById(store)!;
    const fromNext = typeof next === 'string' ? /[?&]store=([^&#]+)/.exec(next)?.[1] : undefined;
    return (fromNext && storeById(decodeURIComponent(fromNext))) || deps.shop.stores[0]!;
  };
  const langFor = (asked: unknown, store: Store): Locale => (asked === 'en' || asked === 'zh-CN' ? asked : store.locale);

  const signInPage = (
    res: express.Response,
    o: { store: Store; lang: Locale; next?: string; login?: string; status?: number; error?: string; notice?: string },
  ) => {
    const t = staffT(o.lang);
    const stores = deps.shop.stores;
    const storeField =
      stores.length === 1
        ? `<input type="hidden" name="store" value="${esc(o.store.id)}">`
        : stores.length <= MANY_STORES
          ? `<label for="store">${esc(t('signIn.store'))}</label><select id="store" name="store">${stores.map((s) => `<option value="${esc(s.id)}"${s.id === o.store.id ? ' selected' : ''}>${esc(s.name[o.lang])}</option>`).join('')}</select>`
          : `<label for="store">${esc(t('signIn.store'))}</label><input id="store" name="store" value="${esc(o.store.id)}" list="stores" autocomplete="off"><datalist id="stores">${stores.map((s) => `<option value="${esc(s.id)}">${esc(s.name[o.lang])}</option>`).join('')}</datalist>`;
    const badge = o.store.staffSignIn.includes('badge-pin');
    const other: Locale = o.lang === 'en' ? 'zh-CN' : 'en';
    const here = `/sign-in?store=${encodeURIComponent(o.store.id)}${o.next ? `&next=${encodeURIComponent(o.next)}` : ''}&lang=${other}`;
    sendFormPage(res, {
      status: o.status,
      lang: o.lang,
      title: `${t('signIn.title')} · ${o.store.name[o.lang]}`,
      body: `<a class="lang" href="${esc(here)}" lang="${other}">${other === 'en' ? 'English' : '中文'}</a>
<p class="brand">${esc(stores.length === 1 ? o.store.name[o.lang] : (deps.shop.group?.name ?? o.store.name[o.lang]))}</p>
<h1>${esc(t('signIn.title'))}</h1>
${o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : ''}${o.notice ? `<p class="ok" role="status">${esc(o.notice)}</p>` : ''}
<form method="post" action="/sign-in">
  ${storeField}
  <label for="login">${esc(t(badge ? 'signIn.loginBadge' : 'signIn.login'))}</label>
  <input id="login" name="login" value="${esc(o.login ?? '')}" autocomplete="username" autocapitalize="off" spellcheck="false" placeholder="${esc(t('signIn.loginHint'))}" required${o.login ? '' : ' autofocus'}>
  <label for="password">${esc(t(badge ? 'signIn.passwordOrPin' : 'signIn.password'))}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${o.login ? ' autofocus' : ''}>
  ${o.next ? `<input type="hidden" name="next" value="${esc(o.next)}">` : ''}
  <input type="hidden" name="lang" value="${esc(o.lang)}">
  <button class="primary" type="submit">${esc(t('signIn.submit'))}</button>
</form>
<p class="hint">${esc(t('signIn.noPassword'))}</p>`,
    });
  };

  router.get('/sign-in', (req, res) => {
    const next = typeof req.query.next === 'string' ? safeNext(req.query.next) : undefined;
    const store = storeFor(req.query.store, next);
    const lang = langFor(req.query.lang, store);
    const t = staffT(lang);
    const p = deps.auth.fromRequest(req);
    // Sent here by a page this person may not open: say so rather than look like a sign-out.
    const notice = req.query.signedOut === '1' ? t('signIn.signedOut') : undefined;
    const error = p?.kind === 'staff' && next ? t('signIn.forbidden', { name: p.name }) : undefined;
    signInPage(res, { store, lang, next, notice, error });
  });

  router.post('/sign-in', sameOrigin, form, async (req, res) => {
    const input = parseForm(req.body);
    const next = input.next ? safeNext(input.next) : undefined;
    const store = storeFor(input.store, next);
    const lang = langFor(input.lang, store);
    const t = staffT(lang);
    if (!input.login.trim() || !input.password) {
      signInPage(res, { store, lang, next, login: input.login, status: 400, error: t('signIn.wrong') });
      return;
    }
    const result = await checkPassword(deps, { storeId: store.id, login: input.login, password: input.password, address: req.ip ?? 'unknown' });
    if (!result.ok) {
      const s = Math.ceil((result.retryAfterMs ?? 0) / 1000);
      if (result.retryAfterMs) res.set('Retry-After', String(s));
      requestLog(deps.log, req).warn({ storeId: store.id, code: result.code }, 'password sign-in refused');
      const error =
        result.code === 'slow_down'
          ? t('signIn.slow_down', { s })
          : result.code === 'too_many'
            ? t('signIn.too_many', { m: Math.ceil(s / 60) })
            : result.code === 'disabled'
              ? t('signIn.disabled')
              : result.code === 'name_ambiguous'
                ? t('signIn.name_ambiguous')
                : t('signIn.wrong');
      signInPage(res, { store, lang, next, login: input.login, status: result.status, error });
      return;
    }
    const session = deps.auth.issueSession(signInOf(deps, result.ref));
    requestLog(deps.log, req).info({ staffId: result.ref.person.id, storeId: store.id }, 'signed in with a password');
    res.append('Set-Cookie', deps.auth.sessionCookie(session, req.secure));
    res.redirect(303, next ?? `/display/dispatch?store=${encodeURIComponent(store.id)}`);
  });

  router.post('/sign-out', sameOrigin, form, async (req, res) => {
    const token = deps.auth.sessionTokenOf(req.headers);
    const store = storeFor(req.query.store, undefined);
    res.append('Set-Cookie', deps.auth.clearedSessionCookie(req.secure));
    if (token) await deps.auth.endSession(token);
    res.redirect(303, `/sign-in?store=${encodeURIComponent(store.id)}&signedOut=1`);
  });

  const passwordPage = async (req: express.Request, res: express.Response, p: StaffPrincipal, o: { status?: number; error?: string; done?: boolean }) => {
    const store = storeFor(req.query.store, undefined);
    const lang = langFor(req.query.lang ?? (req.body as Form | undefined)?.lang, store);
    const t = staffT(lang);
    const ref = await personOfSession(deps, p);
    const status = ref && (await statusOf(deps, ref));
    const fields = !ref
      ? `<p class="error">${esc(t('password.noAccount'))}</p>`
      : o.done
        ? `<p class="ok" role="status">${esc(t('password.done'))}</p>`
        : `<form method="post" action="/account/password?store=${esc(encodeURIComponent(store.id))}">
  ${
    status?.hasPassword
      ? `<label for="current">${esc(t('password.current'))}</label><input id="current" name="current" type="password" autocomplete="current-password" required>`
      : `<p class="hint">${esc(t('password.first', { name: p.name }))}</p>`
  }
  <input type="text" name="login" value="${esc(p.id)}" autocomplete="username" hidden>
  <label for="password">${esc(t('password.new'))}</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
  <label for="repeat">${esc(t('password.repeat'))}</label><input id="repeat" name="repeat" type="password" autocomplete="new-password" minlength="8" required>
  <input type="hidden" name="lang" value="${esc(lang)}">
  <p class="hint">${esc(t('password.rules'))}</p>
  <button class="primary" type="submit">${esc(t('password.submit'))}</button>
</form>`;
    sendFormPage(res, {
      status: o.status,
      lang,
      title: t('password.title'),
      nav: staffNav(p, store, lang, '/account/password'),
      body: `<p class="brand">${esc(p.name)} · ${esc(p.id)}</p><h1>${esc(t('password.title'))}</h1>${o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : ''}${fields}`,
    });
  };

  router.get('/account/password', async (req, res) => {
    const p = deps.auth.fromRequest(req);
    if (p?.kind !== 'staff') return signInRedirect(req, res, storeFor(req.query.store, undefined));
    await passwordPage(req, res, p, {});
  });

  router.post('/account/password', sameOrigin, form, async (req, res) => {
    const p = deps.auth.fromRequest(req);
    if (p?.kind !== 'staff') return signInRedirect(req, res, storeFor(req.query.store, undefined));
    const input = parseForm(req.body);
    const t = staffT(langFor(input.lang, storeFor(req.query.store, undefined)));
    if (input.password !== input.repeat) return passwordPage(req, res, p, { status: 400, error: t('password.mismatch') });
    try {
      const ref = await setOwnPassword(deps, p, { current: input.current, password: input.password });
      const fresh = deps.auth.issueSession(signInOf(deps, ref));
      res.append('Set-Cookie', deps.auth.sessionCookie(fresh, req.secure));
      await passwordPage(req, res, deps.auth.verifySession(fresh)!, { done: true });
    } catch (err) {
      if (!(err instanceof HttpError) || err.status >= 500) throw err;
      const problem = (err.details as { problem?: string }[] | undefined)?.[0]?.problem;
      await passwordPage(req, res, p, { status: err.status, error: problem ? t(`problem.${problem}` as StaffKey) : err.message });
    }
  });

  /**
   * A form posted from a page of another site (a forged cross-site post) is refused before
   * anything runs. Browsers say where a request came from in Sec-Fetch-Site; our pages send no
   * referrer, so their own posts carry `Origin: null`, and only a real origin can be compared.
   */
  function sameOrigin(req: express.Request, res: express.Response, next: express.NextFunction) {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const fromElsewhere =
      site !== undefined
        ? site !== 'same-origin' && site !== 'none'
        : origin !== undefined && origin !== 'null' && origin !== linkOrigin(req) && hostOf(origin) !== req.headers.host;
    if (!fromElsewhere) return next();
    res.status(403).type('text/plain').send("This form can only be sent from this server's own pages.");
  }
  return router;
}

const hostOf = (origin: string): string | undefined => {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
};

const parseForm = (body: unknown): Form => {
  const parsed = FormSchema.safeParse(body ?? {});
  if (!parsed.success) throw new HttpError(400, 'invalid_input', `The form is not valid: ${parsed.error.issues[0]?.path.join('.')}`);
  return parsed.data;
};

import { z } from 'zod';
import { requestLog } from './security';
import { RoleSchema } from '../../shared/domain/people';
import { limiterOf } from '../kiosk/rate-limit';
import { isDisabled } from '../people/accounts';
import { HttpError } from './errors';
import { data, defineRoute } from './route';

const tag = 'Sign-in';
const DEFAULT_NEXT = '/display/dispatch';

/** Only local paths: one leading '/', no '//' or '/\' (which browsers read as another host), no control characters. */
export const safeNext = (next: string | undefined): string =>
  next && /^\/(?![/\\])/.test(next) && !/[\u0000-\u001f\u007f\\]/.test(next) ? next : DEFAULT_NEXT;

const friendlyRefusal = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录链接无效 · Sign-in link not valid</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1.5rem;color:#111}h1{font-size:1.6rem}p{color:#333}</style>
</head><body>
<h1>登录链接已失效</h1><p>这个登录链接已经用过或已过期（有效期 10 分钟，只能使用一次）。请向管理员索取新的链接。</p>
<h1 lang="en">This sign-in link no longer works</h1><p lang="en">It was already used or has expired (links work once, for 10 minutes). Ask an administrator for a new one.</p>
</body></html>`;

const StaffPrincipalSchema = z.object({
  kind: z.literal('staff'),
  id: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  storeIds: z.union([z.literal('*'), z.array(z.string())]),
});
const PrincipalSchema = z.discriminatedUnion('kind', [
  StaffPrincipalSchema,
  z.object({ kind: z.literal('integration'), id: z.string() }),
  z.object({ kind: z.literal('display'), id: z.string(), storeId: z.string(), board: z.enum(['customer', 'dispatch', 'bay']), bayId: z.string().optional() }),
]);

/** Staff sign-in by one-time link, sign-out, and "who am I" (password sign-in is the /sign-in page; links are minted in people.ts). */
export const authRoutes = [
  defineRoute({
    name: 'signInOnce',
    method: 'get',
    path: '/auth/one-time/:token',
    access: 'public',
    tag,
    summary: 'Use a one-time sign-in link: sets the session cookie and redirects to `next` (a local path) or the dispatch board',
    params: z.strictObject({ token: z.string().min(1).max(1000) }),
    query: z.strictObject({ next: z.string().max(2000).optional() }),
    response: { status: 303, description: 'Signed in; redirect to `next`. An unknown, used or expired link answers 401 with an HTML page.' },
    run: async ({ params, query }, { deps, req, res }) => {
      res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      const limiter = limiterOf(deps);
      // Uses are recorded in the limiter: Redis when scaled out, else this process's memory.
      const signedIn = await deps.auth.consumeOneTimeLogin(
        params.token,
        async (once, ttlMs) => (await limiter.take('sign-in-link', once, { max: 1, windowSeconds: Math.ceil(ttlMs / 1000) })).ok,
        { sinceThisStart: limiter.kind === 'memory' },
      );
      // A link minted before its person was disabled must not sign them in afterwards.
      if (!signedIn || (await isDisabled(deps, signedIn.principal))) {
        if (signedIn) await deps.auth.endSession(signedIn.session);
        res.status(401).type('html').send(friendlyRefusal);
        return;
      }
      requestLog(deps.log, req).info({ staffId: signedIn.principal.id }, 'signed in with a one-time link');
      res.append('Set-Cookie', deps.auth.sessionCookie(signedIn.session, req.secure));
      res.redirect(303, safeNext(query.next));
    },
  }),
  defineRoute({
    name: 'signOut',
    method: 'post',
    path: '/auth/sign-out',
    access: 'public',
    tag,
    summary: 'Sign out: ends the session on every server process (and its open screens) and clears the cookie',
    response: { status: 204, description: 'Signed out' },
    run: async (_input, { deps, req, res }) => {
      const token = deps.auth.sessionTokenOf(req.headers);
      res.append('Set-Cookie', deps.auth.clearedSessionCookie(req.secure));
      if (token) {
        try {
          await deps.auth.endSession(token);
        } catch (err) {
          deps.log.error({ err }, 'could not record a sign-out');
          throw new HttpError(503, 'unavailable', 'The cookie is cleared, but the session could not be ended everywhere: sign out again in a moment');
        }
      }
      res.status(204).end();
    },
  }),
  defineRoute({
    name: 'getMe',
    method: 'get',
    path: '/api/me',
    access: 'signed-in',
    tag,
    summary: 'Who the request is signed in as',
    response: { status: 200, description: 'The principal', schema: z.object({ data: PrincipalSchema }) },
    run: async (_input, { principal }) => data(principal.kind === 'staff' ? { ...principal, session: undefined } : principal),
  }),
];

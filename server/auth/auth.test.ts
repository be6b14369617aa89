import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aTestShop } from '../../tests/helpers/shop';
import { MemoryRateLimiter } from '../kiosk/rate-limit';
import { Auth, ONE_TIME_TTL_MS, SESSION_TTL_MS, type StaffPrincipal } from './index';
import { hasRole, mayCall } from './policy';
import { READS, rolesFor } from '../../shared/workflow/permissions';

const shop = aTestShop();
const key = (c: string) => Buffer.from(c.repeat(32));

/** An Auth with fixed keys and a clock the test moves by hand. */
const anAuth = (opts: { signingKey?: Buffer; apiKey?: string } = {}) => {
  const clock = { now: Date.parse('2026-03-01T08:00:00Z') };
  const auth = new Auth(
    { signingKey: opts.signingKey ?? key('a'), apiKey: opts.apiKey ?? 'the-api-key-of-this-test-000', generated: false },
    { shop, now: () => clock.now },
  );
  return { auth, clock };
};

const request = (headers: Record<string, string> = {}, url = '/api/me') => ({ headers, url });
const withCookie = (token: string) => request({ cookie: `other=1; tw_session=${token}` });

/** Flip one character of a token's payload part, keeping it valid base64url. */
const tamper = (token: string) => {
  const i = 5;
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
};

const Sessions = suite('sessions');

Sessions('a signed session cookie identifies the staff member with their roles and stores', () => {
  const { auth } = anAuth();
  const token = auth.issueSession({ id: 'adv-1', name: 'Zhao', roles: ['advisor'], storeIds: ['store-a'] });
  const { session, ...who } = auth.fromRequest(withCookie(token)) as StaffPrincipal;
  assert.equal(who, { kind: 'staff', id: 'adv-1', name: 'Zhao', roles: ['advisor'], storeIds: ['store-a'] });
  assert.equal(session && [session.expiresAt - session.issuedAt, session.id.length], [SESSION_TTL_MS, 22]);
});

Sessions("a new password ends the person's other sessions, but not the fresh one issued in the same millisecond", async () => {
  const { auth } = anAuth();
  const staff = { id: 'adv-1', name: 'Zhao', roles: ['advisor'] as const, storeIds: ['store-a'] };
  const old = auth.issueSession({ ...staff, roles: [...staff.roles] });
  await auth.endSessionsOf('adv-1'); // the clock has not moved: the fresh session below shares its millisecond
  const fresh = auth.issueSession({ ...staff, roles: [...staff.roles] });
  assert.is(auth.verifySession(old), undefined, 'the earlier session ended');
  assert.ok(auth.verifySession(fresh), 'the fresh session holds');
});

Sessions('a session with no roles is no access: not admin, no route with roles, no staff page', () => {
  const { auth } = anAuth();
  const p = auth.verifySession(auth.issueSession({ id: 'x', name: 'X', roles: [], storeIds: ['store-a'] }));
  assert.equal(p && p.kind === 'staff' && [p.roles, p.storeIds], [[], ['store-a']]);
  assert.is(hasRole(p!, ['admin']), false);
  assert.is(hasRole(p!, READS.staffData), false);
  assert.is(mayCall(p, rolesFor('startOperation')), false);
});

Sessions('refuses a session whose payload or signature was altered', () => {
  const { auth } = anAuth();
  const token = auth.issueSession({ id: 'adv-1', name: 'Zhao', roles: ['advisor'], storeIds: ['store-a'] });
  assert.is(auth.fromRequest(withCookie(tamper(token))), undefined);
  assert.is(auth.fromRequest(withCookie(`${token.slice(0, -2)}xx`)), undefined);
  // A payload the attacker wrote, granting admin, signed with nothing.
  const forged = Buffer.from(JSON.stringify({ v: 1, sub: 'evil', name: 'E', roles: ['admin'], stores: '*', iat: 0, exp: 9e15 })).toString('base64url');
  assert.is(auth.fromRequest(withCookie(`${forged}.${token.split('.')[1]}`)), undefined);
  assert.is(auth.fromRequest(withCookie('not-a-token')), undefined);
});

Sessions("refuses a session signed with another deployment's key", () => {
  const other = anAuth({ signingKey: key('b') }).auth;
  const { auth } = anAuth();
  assert.is(auth.verifySession(other.issueSession({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' })), undefined);
});

Sessions('refuses a session after 12 hours', () => {
  const { auth, clock } = anAuth();
  const token = auth.issueSession({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' });
  clock.now += SESSION_TTL_MS - 1;
  assert.ok(auth.verifySession(token), 'still valid just before expiry');
  clock.now += 1;
  assert.is(auth.verifySession(token), undefined);
});

const OneTime = suite('one-time sign-in links');

/** Single use as the application records it: the limiter, one use per link nonce. */
const firstUse =
  (limiter = new MemoryRateLimiter()) =>
  async (once: string, ttlMs: number) =>
    (await limiter.take('sign-in-link', once, { max: 1, windowSeconds: ttlMs / 1000 })).ok;

OneTime('a one-time token signs in exactly once', async () => {
  const { auth } = anAuth();
  const use = firstUse();
  const token = auth.issueOneTimeLogin({ id: 'demo-admin', name: 'Demo admin', roles: ['admin'], storeIds: '*' });
  const first = await auth.consumeOneTimeLogin(token, use);
  assert.ok(first);
  assert.equal(auth.verifySession(first.session), first.principal);
  assert.is(first.principal.id, 'demo-admin');
  assert.is(await auth.consumeOneTimeLogin(token, use), undefined, 'the second use is refused');
});

OneTime('a link minted by one process signs in on another with the same keys, once across both', async () => {
  // Two processes share the signing key (the keys file or SIGNING_KEY) and the limiter (Redis).
  const shared = firstUse();
  const minted = anAuth().auth.issueOneTimeLogin({ id: 'tech-02', name: '王师傅', roles: ['technician'], storeIds: ['s1'] });
  const other = anAuth().auth;
  const signedIn = await other.consumeOneTimeLogin(minted, shared);
  assert.equal(
    { ...signedIn?.principal, session: undefined },
    { kind: 'staff', id: 'tech-02', name: '王师傅', roles: ['technician'], storeIds: ['s1'], session: undefined },
  );
  assert.is(await anAuth().auth.consumeOneTimeLogin(minted, shared), undefined);
});

OneTime('with uses remembered in memory only, a link from before the restart is refused', async () => {
  const { auth: before, clock } = anAuth();
  const link = before.issueOneTimeLogin({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' });
  assert.ok(await before.consumeOneTimeLogin(link, firstUse(), { sinceThisStart: true }), 'used before the restart');
  clock.now += 60_000;
  const restarted = new Auth({ signingKey: key('a'), apiKey: 'the-api-key-of-this-test-000', generated: false }, { shop, now: () => clock.now });
  assert.is(
    await restarted.consumeOneTimeLogin(link, firstUse(), { sinceThisStart: true }),
    undefined,
    'the new process forgot the use, so it refuses the link',
  );
  assert.ok(
    await restarted.consumeOneTimeLogin(restarted.issueOneTimeLogin({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' }), firstUse(), {
      sinceThisStart: true,
    }),
    'its own links work',
  );
});

OneTime('a one-time token expires after 10 minutes unused', async () => {
  const { auth, clock } = anAuth();
  const token = auth.issueOneTimeLogin({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' });
  clock.now += ONE_TIME_TTL_MS;
  assert.is(await auth.consumeOneTimeLogin(token, firstUse()), undefined);
});

OneTime('an unknown, tampered, foreign-key or session token is refused and uses nothing up', async () => {
  const { auth } = anAuth();
  let asked = 0;
  const counting = async () => (asked++, true);
  const link = auth.issueOneTimeLogin({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' });
  for (const token of [
    'made-up',
    tamper(link),
    anAuth({ signingKey: key('b') }).auth.issueOneTimeLogin({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' }),
    auth.issueSession({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' }),
  ])
    assert.is(await auth.consumeOneTimeLogin(token, counting), undefined, token);
  assert.is(asked, 0, 'only a genuine, unexpired link is recorded as used');
});

const ApiKey = suite('API key');

ApiKey('the API key as a bearer token identifies the integration', () => {
  const { auth } = anAuth();
  assert.equal(auth.fromRequest(request({ authorization: `Bearer ${auth.apiKey}` })), { kind: 'integration', id: 'api-key', name: 'DMS' });
});

ApiKey('a wrong or malformed Authorization header is refused, even with a valid session cookie', () => {
  const { auth } = anAuth();
  const session = auth.issueSession({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' });
  for (const authorization of ['Bearer wrong-key', `Basic ${auth.apiKey}`, `Bearer ${auth.apiKey}x`, 'Bearer'])
    assert.is(auth.fromRequest(request({ authorization, cookie: `tw_session=${session}` })), undefined, authorization);
});

const Displays = suite('display tokens');

Displays('a display token binds a screen to one store and board, by header or query', () => {
  const { auth } = anAuth();
  const token = auth.issueDisplayToken({ id: 'wall-1', storeId: 'store-a', board: 'bay', bayId: 'bay-2' });
  const expected = { kind: 'display', id: 'wall-1', storeId: 'store-a', board: 'bay', bayId: 'bay-2' };
  assert.equal(auth.fromRequest(request({ 'x-display-token': token })), expected);
  assert.equal(auth.fromRequest(request({}, `/display/bay/bay-2?display=${encodeURIComponent(token)}`)), expected);
});

Displays('refuses an altered display token and a session token offered as one', () => {
  const { auth } = anAuth();
  const token = auth.issueDisplayToken({ id: 'wall-1', storeId: 'store-a', board: 'customer' });
  assert.is(auth.verifyDisplayToken(tamper(token)), undefined);
  assert.is(auth.verifyDisplayToken(auth.issueSession({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' })), undefined, 'tokens are signed per purpose');
  assert.is(auth.verifySession(token), undefined);
});

Displays('will not issue a token for a store or bay that is not configured', () => {
  const { auth } = anAuth();
  assert.throws(() => auth.issueDisplayToken({ id: 'w', storeId: 'nowhere', board: 'customer' }), /no store "nowhere"/);
  assert.throws(() => auth.issueDisplayToken({ id: 'w', storeId: 'store-a', board: 'bay', bayId: 'bay-99' }), /no bay "bay-99"/);
  assert.throws(() => auth.issueDisplayToken({ id: 'w', storeId: 'store-a', board: 'bay' }), /needs a bayId/);
});

const Handshake = suite('socket.io handshake');

Handshake('accepts a display token or the API key as auth.token, a session as auth.session, or the cookie', () => {
  const { auth } = anAuth();
  const display = auth.issueDisplayToken({ id: 'wall-1', storeId: 'store-a', board: 'dispatch' });
  const session = auth.issueSession({ id: 's', name: 'S', roles: ['admin'], storeIds: '*' });
  assert.is(auth.fromHandshake({ headers: {}, auth: { token: display } })?.kind, 'display');
  assert.is(auth.fromHandshake({ headers: {}, auth: { token: auth.apiKey } })?.kind, 'integration');
  assert.is(auth.fromHandshake({ headers: {}, auth: { session } })?.kind, 'staff');
  assert.is(auth.fromHandshake({ headers: { cookie: `tw_session=${session}` } })?.kind, 'staff');
});

Handshake('refuses wrong tokens without falling back to the cookie', () => {
  const { auth } = anAuth();
  const session = auth.issueSession({ id: 's', name: 'S', roles: ['admin'], storeIds: '*' });
  const headers = { cookie: `tw_session=${session}` };
  assert.is(auth.fromHandshake({ headers, auth: { token: 'wrong' } }), undefined);
  assert.is(auth.fromHandshake({ headers, auth: { token: 42 } }), undefined);
  assert.is(auth.fromHandshake({ headers, auth: { session: tamper(session) } }), undefined);
  assert.is(auth.fromHandshake({ headers: {}, auth: {} }), undefined);
});

Sessions.run();
OneTime.run();
ApiKey.run();
Displays.run();
Handshake.run();

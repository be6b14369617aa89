import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { asStaff } from '../../tests/helpers/build';
import { MemoryRateLimiter } from '../kiosk/rate-limit';
import { issueCode, Phone } from '../../tests/helpers/scan';
import { asNobody, startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';

/**
 * Staff accounts end to end over HTTP, as a browser without script would use them: an admin adds
 * a person and hands over a link; the person chooses a password and signs in at /sign-in; an
 * admin disables or resets them. Cookies are carried by hand, as a browser would.
 */
let server: TestServer;
const S = 'store-a';
// The limits' clock, moved by hand: a loaded machine must not decide whether a delay has run.
let clock = Date.now();
const later = (ms: number) => {
  clock += ms;
};
const PASSWORD = 'Blue-Harbour-42';

const cookieOf = (res: Response) => /tw_session=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1];

/** A form post as a browser sends it (urlencoded, our own Origin unless told otherwise). */
const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...headers },
    body: new URLSearchParams(fields).toString(),
  });

const me = async (session: string | undefined) => server.api('GET', '/api/me', undefined, { ...asNobody, cookie: `tw_session=${session}` });

/** Add a person with the API key, open their first link, choose a password: the session it leaves. */
async function aPersonWithPassword(id: string, name: string, roles: string[], password = PASSWORD): Promise<string> {
  const added = await server.api('POST', `/api/stores/${S}/people`, { id, name, roles });
  assert.is(added.status, 201, JSON.stringify(added.body));
  assert.match(added.body.data.qrSvg, /^<svg/);
  const link = new URL(added.body.data.url);
  assert.is(link.searchParams.get('next'), '/account/password', 'the first link lands where the password is chosen');
  const opened = await fetch(`${server.url}${link.pathname}${link.search}`, { redirect: 'manual' });
  assert.is(opened.status, 303);
  const chosen = await postForm('/account/password', { password, repeat: password }, { cookie: `tw_session=${cookieOf(opened)}` });
  assert.is(chosen.status, 200, await chosen.clone().text());
  assert.match(await chosen.text(), /密码已保存/);
  return cookieOf(chosen)!;
}

const signIn = (login: string, password: string, extra: Record<string, string> = {}) => postForm('/sign-in', { store: S, login, password, ...extra });

const Accounts = suite('staff accounts: /sign-in, /account/password, the People API');
Accounts.before(async () => {
  server = await startTestServer({ shop: aTestShop(), limiter: new MemoryRateLimiter(() => clock) });
});
Accounts.after(async () => server.close());

Accounts('a person added by an admin chooses a password from their link, then signs in by staff number or name', async () => {
  await aPersonWithPassword('desk-01', '钱前台', ['advisor']);
  for (const login of ['desk-01', 'DESK-01', '钱前台']) {
    const res = await signIn(login, PASSWORD, { next: '/print/job-card/x?store=store-a' });
    assert.is(res.status, 303, login);
    assert.is(res.headers.get('location'), '/print/job-card/x?store=store-a');
    const who = await me(cookieOf(res));
    assert.equal(who.body.data, { kind: 'staff', id: 'desk-01', name: '钱前台', roles: ['advisor'], storeIds: [S] }, 'their own stores only, never "*"');
  }
});

Accounts('a wrong password answers the form again with 401, no cookie, and slows that person down without locking them out', async () => {
  await aPersonWithPassword('desk-02', '孙前台', ['advisor']);
  const wrong = await signIn('desk-02', 'not-the-password');
  assert.is(wrong.status, 401);
  assert.is(cookieOf(wrong), undefined);
  assert.match(await wrong.text(), /工号\/姓名或密码不对/);
  const tooSoon = await signIn('desk-02', PASSWORD);
  assert.is(tooSoon.status, 429, 'the next try waits a second');
  assert.ok(Number(tooSoon.headers.get('retry-after')) >= 1);
  later(1100);
  const right = await signIn('desk-02', PASSWORD);
  assert.is(right.status, 303, 'the right password works once the delay has run');
  const unknown = await signIn('nobody-here', PASSWORD);
  assert.is(unknown.status, 401, 'an unknown staff number reads like a wrong password');
});

Accounts('a disabled person is signed out everywhere and cannot sign in, by password, by an older link or on the scan page', async () => {
  const session = await aPersonWithPassword('desk-03', '周前台', ['advisor']);
  assert.is((await me(session)).status, 200);
  const early = await server.api('POST', '/api/sign-in-links', { storeId: S, personId: 'desk-03' });
  assert.is(early.status, 201);
  const phone = new Phone(server);
  await phone.signInWithBadge(S, 'tech-1');
  assert.is((await server.api('POST', `/api/stores/${S}/people/tech-1/disable`)).status, 204);
  assert.is((await phone.request('GET', '/api/scan/session')).body.data, null, 'the scan-page sign-in of a disabled technician is revoked');
  const again = await phone.request('POST', '/api/scan/sign-in/badge', { token: await issueCode(server, { kind: 'badge', storeId: S, personId: 'tech-1' }) });
  assert.is(again.status, 403, JSON.stringify(again.body));

  const disabled = await server.api('POST', `/api/stores/${S}/people/desk-03/disable`);
  assert.is(disabled.status, 204, JSON.stringify(disabled.body));
  assert.is((await me(session)).status, 401, 'the session ended');
  const byPassword = await signIn('desk-03', PASSWORD);
  assert.is(byPassword.status, 401);
  assert.match(await byPassword.text(), /已停用/);
  const byLink = new URL(early.body.data.url);
  assert.is((await fetch(`${server.url}${byLink.pathname}`, { redirect: 'manual' })).status, 401, 'a link minted before');
  assert.is((await server.api('POST', '/api/sign-in-links', { storeId: S, personId: 'desk-03' })).status, 409, 'no new links either');
  const list = await server.api('GET', `/api/stores/${S}/people`);
  assert.is(list.body.data.find((p: { id: string }) => p.id === 'desk-03').disabled, true);

  assert.is((await server.api('POST', `/api/stores/${S}/people/desk-03/enable`)).status, 204);
  later(1100);
  assert.is((await signIn('desk-03', PASSWORD)).status, 303, 'enabled again');
});

Accounts('a reset ends the sessions and the old password; the link it answers lets the person choose a new one', async () => {
  const session = await aPersonWithPassword('desk-04', '吴前台', ['dispatcher']);
  const reset = await server.api('POST', `/api/stores/${S}/people/desk-04/password-reset`);
  assert.is(reset.status, 201, JSON.stringify(reset.body));
  assert.is((await me(session)).status, 401);
  assert.is((await signIn('desk-04', PASSWORD)).status, 401, 'the old password stopped working');
  const link = new URL(reset.body.data.url);
  const opened = await fetch(`${server.url}${link.pathname}${link.search}`, { redirect: 'manual' });
  assert.is(opened.headers.get('location'), '/account/password');
  const page = await (await fetch(`${server.url}/account/password`, { headers: { cookie: `tw_session=${cookieOf(opened)}` } })).text();
  assert.not.match(page, /name="current"/, 'no current password is asked after a reset');
  const chosen = await postForm('/account/password', { password: 'Green-Valley-77', repeat: 'Green-Valley-77' }, { cookie: `tw_session=${cookieOf(opened)}` });
  assert.is(chosen.status, 200);
  later(1100);
  assert.is((await signIn('desk-04', 'Green-Valley-77')).status, 303);
});

Accounts("changing one's own password needs the current one and a password that is not weak; the API names the field", async () => {
  const session = await aPersonWithPassword('desk-05', '郑前台', ['advisor']);
  const as = { ...asNobody, cookie: `tw_session=${session}` };
  const noCurrent = await server.api('POST', '/api/me/password', { password: 'Another-Good-one-9' }, as);
  assert.is(noCurrent.status, 400);
  assert.is(noCurrent.body.error.details[0].path, 'body.current');
  for (const [weak, problem] of [
    ['short', 'short'],
    ['12345678', 'common'],
    ['desk-05-secret', 'personal'],
    ['aaaaaaaaaa', 'repeated'],
  ]) {
    const res = await server.api('POST', '/api/me/password', { current: PASSWORD, password: weak }, as);
    assert.is(res.status, 400, weak);
    assert.equal([res.body.error.details[0].path, res.body.error.details[0].problem], ['body.password', problem], weak);
  }
  const page = await postForm('/account/password', { current: PASSWORD, password: '12345678', repeat: '12345678' }, { cookie: `tw_session=${session}` });
  assert.is(page.status, 400);
  assert.match(await page.text(), /最常见的密码/, "the page says why in the person's language");
  const ok = await server.api('POST', '/api/me/password', { current: PASSWORD, password: 'Another-Good-one-9' }, as);
  assert.is(ok.status, 204);
  assert.is((await me(session)).status, 401, 'other sessions end');
  assert.is((await me(/tw_session=([^;]+)/.exec(ok.headers.get('set-cookie')!)?.[1])).status, 200, 'this browser got a fresh one');
});

Accounts('every change to people is in the log with who did it', async () => {
  const admin = asStaff(server.auth, { id: 'adv-1', roles: ['admin'], storeIds: [S] });
  assert.is((await server.api('POST', `/api/stores/${S}/people`, { id: 'desk-06', name: '冯前台', roles: ['advisor'] }, admin)).status, 201);
  assert.is((await server.api('POST', `/api/stores/${S}/people/desk-06/disable`, undefined, admin)).status, 204);
  const events = await server.events.read(S, 0);
  const mine = events.filter((e) => (e.data as { personId?: string }).personId === 'desk-06').map((e) => [e.type, e.actor.kind, e.actor.id]);
  assert.equal(mine, [
    ['personAdded', 'staff', 'adv-1'],
    ['personDisabled', 'staff', 'adv-1'],
  ]);
  assert.not.match(JSON.stringify(events), PASSWORD, 'passwords are never stored, only their scrypt hashes');
});

Accounts('only admins of the store manage its people; a form from another site is refused', async () => {
  const tech = asStaff(server.auth, { roles: ['technician'], storeIds: [S] });
  assert.is((await server.api('GET', `/api/stores/${S}/people`, undefined, tech)).status, 403);
  const otherAdmin = asStaff(server.auth, { roles: ['admin'], storeIds: ['store-b'] });
  assert.is((await server.api('POST', `/api/stores/${S}/people/adv-1/disable`, undefined, otherAdmin)).status, 403);
  assert.is(
    (await server.api('POST', '/api/sign-in-links', { storeId: S, personId: 'adv-1' }, otherAdmin)).status,
    403,
    'no link into a store one is not staff of',
  );
  const admin = asStaff(server.auth, { id: 'boss', roles: ['admin'], storeIds: [S] });
  assert.is(
    (await server.api('POST', `/api/stores/${S}/people`, { id: 'adv-1', name: 'X', roles: ['advisor'] }, admin)).status,
    409,
    'a staff number the config already uses',
  );
  const forged = await postForm('/sign-in', { store: S, login: 'adv-1', password: PASSWORD }, { origin: 'https://evil.example' });
  assert.is(forged.status, 403);
  const hidden = await postForm('/account/password', { password: 'x', repeat: 'x' }, { origin: 'null', 'sec-fetch-site': 'cross-site' });
  assert.is(hidden.status, 403, 'a cross-site post that hides its origin is refused by what the browser says of it');
});

Accounts('pages that need a person send a stranger to /sign-in and back; the sign-in page renders in both languages', async () => {
  for (const path of [
    '/admin/people',
    '/admin/scan',
    '/admin/displays',
    '/reports',
    '/plan',
    '/print/badges',
    '/print/bays',
    '/account/password',
    '/display/dispatch',
    '/display/bay/bay-1',
  ]) {
    const res = await fetch(`${server.url}${path}?store=${S}`, { redirect: 'manual' });
    assert.is(res.status, 303, path);
    assert.is(res.headers.get('location'), `/sign-in?store=${S}&next=${encodeURIComponent(`${path}?store=${S}`)}`, path);
  }
  const zh = await (await fetch(`${server.url}/sign-in?next=%2Fadmin%2Fpeople`)).text();
  assert.match(zh, /员工登录/);
  assert.match(zh, /name="next" value="\/admin\/people"/);
  assert.match(await (await fetch(`${server.url}/sign-in?lang=en`)).text(), /Staff sign-in/);
  const elsewhere = await (await fetch(`${server.url}/sign-in?next=${encodeURIComponent('https://evil.example/')}`)).text();
  assert.not.match(elsewhere, /evil\.example/, 'a next that leaves the site is dropped');
});

Accounts('/admin/people lists everyone with roles and account state, with the staff navigation', async () => {
  const admin = asStaff(server.auth, { id: 'boss', roles: ['admin'], storeIds: [S] });
  const res = await fetch(`${server.url}/admin/people?store=${S}`, { headers: { cookie: admin.cookie } });
  assert.is(res.status, 200);
  const html = await res.text();
  for (const name of ['李师傅', '王师傅', '赵顾问']) assert.match(html, name);
  assert.match(html, /href="\/admin\/scan\?store=store-a"/, 'the navigation links the other staff pages');
  assert.match(html, /action="\/sign-out"/);
});

Accounts('signing out from the navigation ends the session and lands on /sign-in', async () => {
  const session = await aPersonWithPassword('desk-07', '陈前台', ['advisor']);
  const out = await postForm(`/sign-out?store=${S}`, {}, { cookie: `tw_session=${session}` });
  assert.is(out.status, 303);
  assert.is(out.headers.get('location'), `/sign-in?store=${S}&signedOut=1`);
  assert.is((await me(session)).status, 401);
});

Accounts("people an admin added are on the scan page's sign-in list and badges; disabled people leave both", async () => {
  assert.is((await server.api('POST', `/api/stores/${S}/people`, { id: 'desk-08', name: '卫前台', roles: ['advisor'] })).status, 201);
  assert.is((await server.api('POST', `/api/stores/${S}/people/tech-2/disable`)).status, 204);
  const bay = await issueCode(server, { kind: 'bay', storeId: S, bayId: 'bay-1' });
  const phone = new Phone(server);
  const resolved = await phone.request('GET', `/api/scan/codes/${bay}`);
  const names = resolved.body.data.signIn.people.map((p: { id: string }) => p.id);
  assert.ok(names.includes('desk-08'), 'the added person');
  assert.not.ok(names.includes('tech-2'), 'not the disabled one');
  assert.is((await phone.signInWithBadge(S, 'desk-08')).name, '卫前台');
  const badges = await (
    await fetch(`${server.url}/print/badges?store=${S}`, { headers: { cookie: asStaff(server.auth, { roles: ['admin'] }).cookie } })
  ).text();
  assert.match(badges, '卫前台');
  assert.not.match(badges, '王师傅');
  assert.is((await server.api('POST', `/api/stores/${S}/people/tech-2/enable`)).status, 204);
});

Accounts.run();

const Desk = suite('badge + PIN at a shared desk screen, where the store allows it');
let desk: TestServer;
Desk.before(async () => {
  const shop = aTestShop();
  shop.stores[0]!.staffSignIn = ['password', 'badge-pin'];
  desk = await startTestServer({ shop, limiter: new MemoryRateLimiter(() => clock) });
});
Desk.after(async () => desk.close());

Desk("a scanned badge (its URL, as a USB scanner types it) and the person's scan PIN sign in; a wrong PIN does not", async () => {
  assert.is((await desk.api('POST', `/api/stores/${S}/people/adv-1/pin`, { pin: '2580' })).status, 204);
  const badge = `${desk.url}/s/${await issueCode(desk, { kind: 'badge', storeId: S, personId: 'adv-1' })}`;
  const post = (login: string, password: string) =>
    fetch(`${desk.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ store: S, login, password }).toString(),
    });
  const page = await (await fetch(`${desk.url}/sign-in`)).text();
  assert.match(page, /扫描工牌/, 'the form says a badge may be scanned');
  const wrong = await post(badge, '1357');
  assert.is(wrong.status, 401);
  later(1100);
  const right = await post(badge, '2580');
  assert.is(right.status, 303);
  const who = await desk.api('GET', '/api/me', undefined, { ...asNobody, cookie: `tw_session=${cookieOf(right)}` });
  assert.equal([who.body.data.id, who.body.data.storeIds], ['adv-1', [S]]);
});

Desk.run();

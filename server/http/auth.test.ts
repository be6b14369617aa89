import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { asStaff, createRo } from '../../tests/helpers/build';
import { asNobody, startTestServer, type TestServer } from '../../tests/helpers/server';
import { aTestShop } from '../../tests/helpers/shop';
import { aPairedDisplayToken } from '../../tests/helpers/workshop';
import { safeNext } from './auth';

let server: TestServer;

const sessionFrom = (setCookie: string | null) => /tw_session=([^;]*)/.exec(setCookie ?? '')?.[1];

const OneTime = suite('GET /auth/one-time/:token');
OneTime.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
});
OneTime.after(async () => server.close());

OneTime('signs in with an HttpOnly, SameSite=Lax session cookie and redirects to the local `next`', async () => {
  const token = server.auth.issueOneTimeLogin({ id: 'demo-admin', name: 'Demo admin', roles: ['admin'], storeIds: '*' });
  const res = await server.api('GET', `/auth/one-time/${token}?next=${encodeURIComponent('/display/bay/bay-1?store=store-a')}`, undefined, asNobody);
  assert.is(res.status, 303);
  assert.is(res.headers.get('location'), '/display/bay/bay-1?store=store-a');
  const cookie = res.headers.get('set-cookie')!;
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\//);
  const me = await server.api('GET', '/api/me', undefined, { ...asNobody, cookie: `tw_session=${sessionFrom(cookie)}` });
  assert.is(me.status, 200);
  assert.equal(me.body.data, { kind: 'staff', id: 'demo-admin', name: 'Demo admin', roles: ['admin'], storeIds: '*' });
});

OneTime('works only once: the second visit gets a friendly 401 page and no cookie', async () => {
  const token = server.auth.issueOneTimeLogin({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' });
  assert.is((await server.api('GET', `/auth/one-time/${token}`, undefined, asNobody)).status, 303);
  const again = await server.api('GET', `/auth/one-time/${token}`, undefined, asNobody);
  assert.is(again.status, 401);
  assert.match(again.headers.get('content-type')!, /text\/html/);
  assert.match(again.body, /already used or has expired/);
  assert.is(again.headers.get('set-cookie'), null);
});

OneTime('redirects to the dispatch board when `next` is missing or leaves the site', async () => {
  for (const next of [undefined, 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'display']) {
    const token = server.auth.issueOneTimeLogin({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' });
    const q = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
    const res = await server.api('GET', `/auth/one-time/${token}${q}`, undefined, asNobody);
    assert.is(res.headers.get('location'), '/display/dispatch', String(next));
  }
});

OneTime('the longest link the admin route can mint fits the route (40-character Chinese name, every role)', async () => {
  const roles = ['technician', 'inspector', 'washer', 'advisor', 'dispatcher', 'manager', 'admin'] as const;
  const added = await server.api('POST', '/api/stores/store-a/people', { id: 'x'.repeat(64), name: '服'.repeat(40), roles });
  assert.is(added.status, 201, JSON.stringify(added.body));
  const minted = await server.api('POST', '/api/sign-in-links', { storeId: 'store-a', personId: 'x'.repeat(64) });
  assert.is(minted.status, 201, JSON.stringify(minted.body));
  const path = new URL(minted.body.data.url).pathname;
  const res = await server.api('GET', path, undefined, asNobody);
  assert.is(res.status, 303, `a ${path.length - '/auth/one-time/'.length}-character token`);
});

OneTime('an unknown query field is refused with its name', async () => {
  const res = await server.api('GET', '/auth/one-time/abc?nxt=/x', undefined, asNobody);
  assert.is(res.status, 400);
  assert.is(res.body.error.details[0].path, 'query.nxt');
});

const SignOut = suite('POST /auth/sign-out');
SignOut.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
});
SignOut.after(async () => server.close());

SignOut('clears the session cookie', async () => {
  const res = await server.api('POST', '/auth/sign-out', undefined, asStaff(server.auth));
  assert.is(res.status, 204);
  assert.match(res.headers.get('set-cookie')!, /tw_session=;.*Max-Age=0/);
});

SignOut('refuses an unknown query field', async () => {
  const res = await server.api('POST', '/auth/sign-out?all=1', undefined, asNobody);
  assert.is(res.status, 400);
  assert.is(res.body.error.details[0].path, 'query.all');
});

const Me = suite('GET /api/me');
Me.before(async () => {
  server = await startTestServer({ shop: aTestShop() });
});
Me.after(async () => server.close());

Me('answers the integration for the API key, and a display for a display token', async () => {
  assert.equal((await server.api('GET', '/api/me')).body.data, { kind: 'integration', id: 'api-key', name: 'DMS' });
  const display = await aPairedDisplayToken(server, { id: 'wall-1', storeId: 'store-a', board: 'customer' });
  const res = await server.api('GET', `/api/me?display=${encodeURIComponent(display)}`, undefined, asNobody);
  assert.equal(res.body.data, { kind: 'display', id: 'wall-1', storeId: 'store-a', board: 'customer' });
});

Me('answers 401 without credentials, with a wrong API key, or with a tampered cookie', async () => {
  const session = server.auth.issueSession({ id: 'x', name: 'X', roles: ['admin'], storeIds: '*' });
  for (const headers of [asNobody, { authorization: 'Bearer not-the-key' }, { ...asNobody, cookie: `tw_session=${session.slice(0, -3)}abc` }]) {
    const res = await server.api('GET', '/api/me', undefined, headers);
    assert.is(res.status, 401, JSON.stringify(headers));
    assert.equal(res.body, { error: { code: 'unauthenticated', message: 'Sign in, or send Authorization: Bearer <API key>', details: null } });
  }
});

Me('a wrong API key reads nothing and writes nothing', async () => {
  const ro = await createRo(server, 'store-a');
  const before = (await server.service.state('store-a')).seq;
  const read = await server.api('GET', `/api/stores/store-a/repair-orders/${ro.id}`, undefined, { authorization: 'Bearer wrong' });
  const write = await server.api('POST', `/api/stores/store-a/repair-orders/${ro.id}/cancel`, { reason: 'x' }, { authorization: 'Bearer wrong' });
  assert.equal([read.status, write.status], [401, 401]);
  assert.not.match(JSON.stringify(read.body), ro.vehicle.plate);
  assert.is((await server.service.state('store-a')).seq, before);
});

const Next = suite('safeNext');
Next('keeps local paths and refuses anything a browser could read as another site', () => {
  assert.is(safeNext('/display/customer?store=a'), '/display/customer?store=a');
  for (const bad of ['//x.example', '/\\x.example', 'http://x', '/a\nb', '']) assert.is(safeNext(bad), '/display/dispatch', JSON.stringify(bad));
});

OneTime('the API key mints a sign-in link for one person, carrying their roles and only their stores; other staff may not', async () => {
  const minted = await server.api('POST', '/api/sign-in-links', { personId: 'adv-1', next: '/admin/displays' });
  assert.is(minted.status, 201, JSON.stringify(minted.body));
  const url = new URL(minted.body.data.url);
  const used = await server.api('GET', `${url.pathname}${url.search}`, undefined, asNobody);
  assert.is(used.status, 303);
  assert.is(used.headers.get('location'), '/admin/displays');
  const cookie = `tw_session=${sessionFrom(used.headers.get('set-cookie'))}`;
  const me = await server.api('GET', '/api/me', undefined, { ...asNobody, cookie });
  assert.equal(
    { name: me.body.data.name, roles: me.body.data.roles, storeIds: me.body.data.storeIds },
    { name: '赵顾问', roles: ['advisor'], storeIds: ['store-a'] },
  );
  assert.is((await server.api('GET', `${url.pathname}${url.search}`, undefined, asNobody)).status, 401, 'single use');
  const tech = asStaff(server.auth, { roles: ['technician'] });
  assert.is((await server.api('POST', '/api/sign-in-links', { personId: 'tech-1' }, tech)).status, 403);
  assert.is((await server.api('POST', '/api/sign-in-links', { personId: 'nobody' })).status, 404, 'a person no store lists');
});

OneTime.run();
SignOut.run();
Me.run();
Next.run();

/**
 * Pairing a wall screen end to end in a real Chromium against the real server: a new screen
 * shows a code; an admin binds it on /admin/displays (signed in by a one-time link); the screen
 * opens the board it was given and remembers it; unpairing sends it back to a code.
 * Screenshots: artifacts/pairing-1080p.png, artifacts/fleet-admin-1080p.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { io } from 'socket.io-client';
import type { Browser, BrowserContext, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import type { PairedPayload } from '../../shared/protocol';
import { deepText, launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

await buildBundles();

const FULL_HD = { width: 1920, height: 1080 };
/** How long to wait before calling something stuck (a failure deadline on a busy machine, not a speed bound). */
const PATIENCE = 60_000;

let browser: Browser;
let server: TestServer;
let storeId: string;
let bay: { id: string; name: string };
let admin: Page;
const contexts: BrowserContext[] = [];
const sockets: { disconnect(): void }[] = [];

/** tsx compiles with keepNames, so functions sent to the page call esbuild's `__name` helper. */
const KEEP_NAMES = 'globalThis.__name = (fn) => fn;';

/** A fresh browser profile (own localStorage), like a new screen out of the box. */
async function newScreen(path: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewport(FULL_HD);
  page.on('pageerror', (err) => console.error('[screen page error]', err));
  await page.evaluateOnNewDocument(KEEP_NAMES);
  await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
  return page;
}

/** The code the pairing screen shows, once it shows one. */
async function codeOn(page: Page): Promise<string> {
  await page.waitForFunction(
    () => /^[A-Z0-9]{6}$/.test(document.querySelector('display-pairing')?.shadowRoot?.querySelector('.code')?.textContent?.replace(/\s/g, '') ?? ''),
    { polling: 100, timeout: PATIENCE },
  );
  return page.evaluate(() => document.querySelector('display-pairing')!.shadowRoot!.querySelector('.code')!.textContent!.replace(/\s/g, ''));
}

const remembered = (page: Page) => page.evaluate(() => localStorage.getItem('tw.display'));

/** Pair a screen without a browser (a socket asking for a code), for the list and the remembering test. */
async function pairHeadless(name: string, board: 'customer' | 'dispatch' | 'bay', bayId?: string): Promise<PairedPayload & { id: string }> {
  const screen = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(screen);
  const answer = await screen.emitWithAck('pair', {});
  if (!answer.ok) throw new Error(answer.error.message);
  const paired = new Promise<PairedPayload>((resolve) => screen.once('paired', resolve));
  const res = await server.api('POST', `/api/stores/${storeId}/displays`, { code: answer.data.code, name, board, bayId });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  screen.disconnect();
  return { ...(await paired), id: res.body.data.id };
}

test.before(async () => {
  server = await startTestServer();
  const store = server.service.storeConfigs[0]!;
  storeId = store.id;
  bay = store.bays[2]!;
  browser = await launchBrowser();
  admin = await browser.newPage();
  await admin.setViewport(FULL_HD);
  admin.on('pageerror', (err) => console.error('[admin page error]', err));
  await admin.evaluateOnNewDocument(KEEP_NAMES);
});

test.after(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

test('the fleet page sends a visitor who is not signed in to /sign-in, and back after', async () => {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(KEEP_NAMES);
  await page.goto(`${server.url}/admin/displays`, { waitUntil: 'domcontentloaded' });
  const text = await waitForText(page, (t) => t.includes('员工登录'), PATIENCE);
  assert.match(new URL(page.url()).searchParams.get('next') ?? '', '/admin/displays');
  assert.not.match(text, '配对新屏幕', 'no form without an admin');
  await page.close();
});

test('a new screen shows a code; an admin binds it to a bay, reloads it remotely; unpairing brings the code back', async () => {
  const screen = await newScreen('/display');
  const code = await codeOn(screen);
  const text = await deepText(screen);
  assert.match(text, '配对此屏幕');
  assert.match(text, 'Pair this screen');
  assert.match(text, '/admin/displays');
  await screenshot(screen, 'pairing-1080p');

  // A couple of other screens, so the list looks like a real store's: one online, one never seen.
  const lounge = await pairHeadless('休息区电视 Lounge TV', 'customer');
  const tv = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: lounge.token } });
  sockets.push(tv);
  tv.on('connect', () => tv.emit('heartbeat', { version: 'test', shownSeq: 12, page: 'customer' }));
  await pairHeadless('调度室大屏', 'dispatch');

  const signIn = server.auth.issueOneTimeLogin({ id: 'admin-1', name: '王经理', roles: ['admin'], storeIds: '*' });
  await admin.goto(`${server.url}/auth/one-time/${signIn}?next=/admin/displays`, { waitUntil: 'domcontentloaded' });
  await waitForText(admin, (t) => t.includes('配对新屏幕') && t.includes('休息区电视'), PATIENCE);
  // The bay list arrives through the live dispatch view; wait for it before choosing a bay.
  await admin.waitForFunction(
    () => {
      const form = document.querySelector('display-fleet')?.shadowRoot?.querySelector('fleet-pair-form') as { bays?: unknown[] } | null;
      return (form?.bays?.length ?? 0) > 0;
    },
    { polling: 100, timeout: PATIENCE },
  );

  await (await admin.$('pierce/input[name="code"]'))!.type(code.toLowerCase());
  await (await admin.$('pierce/input[name="name"]'))!.type('3号工位平板');
  await (await admin.$('pierce/input[value="bay"]'))!.click();
  await (await admin.waitForSelector('pierce/select[name="bayId"]', { visible: true, timeout: PATIENCE }))!.select(bay.id);
  await (await admin.$('pierce/button[type="submit"]'))!.click();
  await waitForText(admin, (t) => t.includes('配对成功'), PATIENCE);

  // The screen opens the bay board it was bound to, shows that bay, and remembers its token.
  await screen.waitForFunction((path) => location.pathname === path, { polling: 100, timeout: PATIENCE }, `/display/bay/${bay.id}`);
  const board = await waitForText(screen, (t) => t.includes(bay.name) && !t.includes('正在载入'), PATIENCE);
  assert.not.match(board, '连接', 'no connection badge: the board is live');
  const saved = JSON.parse((await remembered(screen)) ?? '{}');
  assert.ok(saved.token, 'the display token is stored');
  assert.is(saved.url, new URL(screen.url()).pathname + new URL(screen.url()).search);

  // The admin list shows it online with the page it reports.
  const listed = await waitForText(admin, (t) => t.includes('已配对 3 块 · 在线 2 块') && t.includes(`bay/${bay.id}`), PATIENCE);
  assert.match(listed, '从未', 'the screen that never connected says so');
  await screenshot(admin, 'fleet-admin-1080p');

  const id = (await server.api('GET', `/api/stores/${storeId}/displays`)).body.data.find((d: { name: string }) => d.name === '3号工位平板').id;

  // Reload from the admin page: the screen loads its board again (a marker set in the page is gone).
  await screen.evaluate(() => ((window as unknown as { beforeReload?: boolean }).beforeReload = true));
  await (await admin.$(`pierce/tr[data-id="${id}"] button.reload`))!.click();
  await waitForText(admin, (t) => t.includes('已发送刷新指令'), PATIENCE);
  await screen.waitForFunction(() => !(window as unknown as { beforeReload?: boolean }).beforeReload, { polling: 100, timeout: PATIENCE });
  await waitForText(screen, (t) => t.includes(bay.name) && !t.includes('正在载入'), PATIENCE);
  assert.is(new URL(screen.url()).pathname, `/display/bay/${bay.id}`);
  await (await admin.$(`pierce/tr[data-id="${id}"] button.unpair`))!.click();
  await waitForText(admin, (t) => t.includes('确定解除“3号工位平板”的配对'), PATIENCE);
  await (await admin.$(`pierce/tr[data-id="${id}"] button.danger`))!.click();
  await waitForText(admin, (t) => t.includes('已解除配对'), PATIENCE);

  await screen.waitForFunction(() => location.pathname === '/display', { polling: 100, timeout: PATIENCE });
  const again = await codeOn(screen);
  assert.is.not(again, code);
  assert.is(await remembered(screen), null, 'the revoked token is forgotten');
  // The row is gone from the list (only the notice still names it).
  await admin.waitForFunction(
    (id) => !document.querySelector('display-fleet')?.shadowRoot?.querySelector('fleet-table')?.shadowRoot?.querySelector(`tr[data-id="${id}"]`),
    { polling: 100, timeout: PATIENCE },
    id,
  );
  assert.match(await deepText(admin), '已配对 2 块');
});

test('a board opened with ?display=<token> remembers it, and /display goes back to that board', async () => {
  const wall = await pairHeadless('调度墙', 'dispatch');
  const screen = await newScreen(wall.url);
  await waitForText(screen, (t) => t.includes('调度看板') && !t.includes('正在载入'), PATIENCE);
  assert.is(JSON.parse((await remembered(screen)) ?? '{}').token, wall.token);

  await screen.goto(`${server.url}/display`, { waitUntil: 'domcontentloaded' });
  await screen.waitForFunction(() => location.pathname === '/display/dispatch', { polling: 100, timeout: PATIENCE });
  await waitForText(screen, (t) => t.includes('调度看板'), PATIENCE);
});

test('a screen whose token was revoked while it was off goes back to a pairing code', async () => {
  const tv = await pairHeadless('旧电视', 'customer');
  await server.api('DELETE', `/api/stores/${storeId}/displays/${tv.id}`);
  const screen = await newScreen(tv.url);
  await screen.waitForFunction(() => location.pathname === '/display', { polling: 100, timeout: PATIENCE });
  await codeOn(screen);
  assert.is(await remembered(screen), null);
});

test.run();

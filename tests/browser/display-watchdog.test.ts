/**
 * The wall-screen launcher (scripts/display-launch.sh) with the real Chromium (headless) against
 * the real server: the browser killed comes back on its board; a frozen page and a blank one are
 * reopened; and the fleet page learns why the screen last reloaded. The watchdog is driven with
 * seconds where a shop uses minutes (CHECK_SECONDS, STALE_SECONDS, GRACE_SECONDS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildBundles } from '../../scripts/build';
import { freePort } from '../helpers/ports';
import { startTestServer, type TestServer } from '../helpers/server';
import { aPairedDisplayToken } from '../helpers/workshop';

await buildBundles();

interface Tab {
  id: string;
  type: string;
  url: string;
  title: string;
}
interface Ctx {
  server: TestServer;
  storeId: string;
  launcher: ChildProcess;
  profile: string;
  port: number;
  log: string;
}
const test = suite<Ctx>('display-launch.sh: a wall screen that recovers by itself', { log: '' } as Ctx);

const DISPLAY_ID = 'disp-wall-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tabs = async (ctx: Ctx): Promise<Tab[]> =>
  fetch(`http://127.0.0.1:${ctx.port}/json/list`).then(
    (r) => r.json() as Promise<Tab[]>,
    () => [],
  );
const boardTab = async (ctx: Ctx) => (await tabs(ctx)).find((t) => t.type === 'page' && t.url.startsWith(ctx.server.url));
const browserPid = (ctx: Ctx) => Number(readFileSync(join(ctx.profile, 'chromium.pid'), 'utf8'));

async function until<T>(what: string, ctx: Ctx, probe: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await sleep(250);
  }
  throw new Error(
    `timed out waiting for ${what}; launcher said:\n${ctx.log
      .split('\n')
      .filter((l) => l.startsWith('display-launch'))
      .join('\n')}`,
  );
}

/** The board tab showing a fresh sign of life (its title's mark within a few seconds of now). */
const aliveBoard = (ctx: Ctx, notId?: string) =>
  until('a live board tab', ctx, async () => {
    const tab = await boardTab(ctx);
    const beat = Number(/\[alive (\d+)\]$/.exec(tab?.title ?? '')?.[1]);
    return tab && tab.id !== notId && Date.now() / 1000 - beat < 10 ? tab : undefined;
  });

/** Drive the board's tab in the launcher's browser through its debugging port, then let go of it. */
async function withBoard<T>(ctx: Ctx, run: (page: Page) => Promise<T>): Promise<T> {
  const browser: Browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${ctx.port}` });
  try {
    const target = await until('the tab in puppeteer', ctx, async () =>
      browser.targets().find((t) => t.type() === 'page' && t.url().startsWith(ctx.server.url)),
    );
    return await run((await target.page())!);
  } finally {
    await browser.disconnect();
  }
}

const lastReloadOnFleet = async (ctx: Ctx) => {
  const res = await ctx.server.api('GET', `/api/stores/${ctx.storeId}/displays`);
  return (res.body.data as { id: string; lastReload?: { reason: string } }[]).find((d) => d.id === DISPLAY_ID)?.lastReload?.reason;
};

test.before(async (ctx) => {
  ctx.server = await startTestServer();
  ctx.storeId = ctx.server.deps.shop.stores[0]!.id;
  const token = await aPairedDisplayToken(ctx.server, { id: DISPLAY_ID, storeId: ctx.storeId, board: 'dispatch' });
  ctx.profile = mkdtempSync(join(tmpdir(), 'tw-display-'));
  ctx.port = await freePort();
  ctx.launcher = spawn('bash', ['scripts/display-launch.sh', `${ctx.server.url}/display/dispatch?display=${token}`], {
    env: {
      ...process.env,
      PROFILE_DIR: ctx.profile,
      DEBUG_PORT: String(ctx.port),
      CHROMIUM_BIN: '/usr/bin/chromium',
      CHECK_SECONDS: '1',
      STALE_SECONDS: '4',
      GRACE_SECONDS: '6',
      RESTART_SECONDS: '0.5',
      EXTRA_FLAGS: '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ctx.launcher.stdout!.on('data', (d) => (ctx.log += d));
  ctx.launcher.stderr!.on('data', (d) => (ctx.log += d));
  await aliveBoard(ctx);
});

test.after(async (ctx) => {
  if (ctx.launcher?.exitCode === null) {
    await new Promise((resolve) => {
      ctx.launcher.once('exit', resolve);
      ctx.launcher.kill('SIGTERM');
    });
  }
  await ctx.server?.close();
  rmSync(ctx.profile, { recursive: true, force: true });
});

test('starts the board in its own profile with the debugging port on 127.0.0.1 only', async (ctx) => {
  const version = await fetch(`http://127.0.0.1:${ctx.port}/json/version`).then((r) => r.json() as Promise<{ webSocketDebuggerUrl: string }>);
  assert.match(version.webSocketDebuggerUrl, /^ws:\/\/127\.0\.0\.1:/);
  assert.ok(browserPid(ctx) > 0);
});

test('starts the browser again when it dies, on the same board, and the fleet hears why', async (ctx) => {
  const before = browserPid(ctx);
  process.kill(before, 'SIGKILL');
  await until('a new browser', ctx, async () => browserPid(ctx) !== before);
  const tab = await aliveBoard(ctx);
  assert.match(tab.url, /\/display\/dispatch\?display=/);
  assert.not.match(tab.url, /#/, 'the page took the reason out of its address');
  assert.is(await until('the heartbeat', ctx, () => lastReloadOnFleet(ctx)), 'browser-restart');
});

test('starts the browser again when the page froze (a hung tab cannot be closed)', async (ctx) => {
  const frozen = await aliveBoard(ctx);
  await withBoard(ctx, (page) =>
    page.evaluate(
      () =>
        void setTimeout(() => {
          for (;;);
        }, 0),
    ),
  );
  const fresh = await aliveBoard(ctx, frozen.id);
  assert.is.not(fresh.id, frozen.id);
  assert.ok(!(await tabs(ctx)).some((t) => t.id === frozen.id), 'the frozen tab is closed');
  assert.is(await until('the heartbeat', ctx, async () => (await lastReloadOnFleet(ctx)) === 'frozen' && 'frozen'), 'frozen');
});

test('reopens the board when the page went blank', async (ctx) => {
  await aliveBoard(ctx);
  await withBoard(ctx, (page) => page.goto('about:blank'));
  const back = await aliveBoard(ctx);
  assert.match(back.url, /\/display\/dispatch/);
  assert.is(await until('the heartbeat', ctx, async () => (await lastReloadOnFleet(ctx)) === 'blank' && 'blank'), 'blank');
});

test('a page caught in an error loop reloads itself, and says so', async (ctx) => {
  const before = await aliveBoard(ctx);
  await withBoard(ctx, (page) =>
    page.evaluate(() => {
      for (let i = 0; i < 25; i++)
        setTimeout(() => {
          throw new Error('render loop');
        }, i);
    }),
  );
  assert.is(await until('the heartbeat', ctx, async () => (await lastReloadOnFleet(ctx)) === 'error-loop' && 'error-loop'), 'error-loop');
  assert.is((await aliveBoard(ctx)).id, before.id, 'the same tab: the page reloaded itself, not the watchdog');
});

test('stops the browser with itself', async (ctx) => {
  const pid = browserPid(ctx);
  await new Promise((resolve) => {
    ctx.launcher.once('exit', resolve);
    ctx.launcher.kill('SIGTERM');
  });
  await until(
    'the browser to exit',
    ctx,
    async () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    },
    10_000,
  );
});

test.run();

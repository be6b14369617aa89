/**
 * Every page, as its users meet it, checked by axe-core in a real Chromium: no serious or critical
 * finding, on the seeded demo day (full lists, timers, alarms) and on a store with nothing in it
 * (empty lists are where stray ARIA hides). One test per page so a failure names the page.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { seedDemoDay } from '../../server/demo/seed';
import type { Role } from '../../shared/domain/people';
import { axeSerious, describeFindings } from '../helpers/axe';
import { launchBrowser, waitForText } from '../helpers/browser';
import { LANDSCAPE, PHONE, PORTRAIT, tap, typeDigits, typePlate, waitForScreen } from '../helpers/kiosk-page';
import { startTestServer, type TestServer } from '../helpers/server';
import { commitOk } from '../helpers/workshop';

await buildBundles();

const FULL_HD = { width: 1920, height: 1080 };
/** A failure deadline on a busy machine, not a speed bound. */
const PATIENCE = 60_000;

let browser: Browser;
let demo: TestServer;
let empty: TestServer;
let demoStore: string;
let emptyStore: string;

type Viewport = Parameters<Page['setViewport']>[0];

async function open(server: TestServer, path: string, viewport: Viewport = FULL_HD): Promise<Page> {
  // Each page in a profile of its own: sign-in cookies and a remembered display never leak between pages.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  page.on('pageerror', (err) => console.error('[page error]', path, err));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
  return page;
}

const signedIn = (server: TestServer, storeId: string, roles: Role[], next: string) => {
  const link = server.auth.issueOneTimeLogin({ id: `axe-${roles.join('-')}`, name: '王经理', roles, storeIds: [storeId] });
  return `/auth/one-time/${link}?next=${encodeURIComponent(next)}`;
};

async function pairedPath(server: TestServer, storeId: string, board: 'dispatch' | 'bay', bayId?: string): Promise<string> {
  const displayId = `axe-${board}-${Math.random().toString(36).slice(2, 7)}`;
  await commitOk(server.service, storeId, { type: 'pairDisplay', displayId, name: displayId, board, ...(bayId ? { bayId } : {}) });
  const token = server.auth.issueDisplayToken({ id: displayId, storeId, board, ...(bayId ? { bayId } : {}) });
  return `${board === 'dispatch' ? '/display/dispatch' : `/display/bay/${bayId}`}?display=${encodeURIComponent(token)}`;
}

/** What every check of the running test found; asserted once at its end, so one run lists them all. */
let found: string[] = [];

/** Open, wait for the page's own words, run axe, close; record every finding spelled out. */
async function check(
  label: string,
  server: TestServer,
  path: string,
  ready: (text: string) => boolean,
  viewport: Viewport = FULL_HD,
  then?: (page: Page) => Promise<void>,
) {
  const page = await open(server, path, viewport);
  try {
    await waitForText(page, ready, PATIENCE);
    if (then) await then(page);
    const findings = await axeSerious(page);
    console.log(`axe ${label}: ${findings.length ? describeFindings(findings) : '0 serious/critical'}`);
    if (findings.length) found.push(`${label}:\n${describeFindings(findings)}`);
  } finally {
    await page
      .browserContext()
      .close()
      .catch(() => undefined);
  }
}

test.before(async () => {
  browser = await launchBrowser();
  [demo, empty] = await Promise.all([startTestServer({ history: true }), startTestServer()]);
  demoStore = demo.deps.shop.stores[0]!.id;
  emptyStore = empty.deps.shop.stores[0]!.id;
  await seedDemoDay(demo.service, demoStore, new Date());
});

test.before.each(() => {
  found = [];
});
test.after.each(() => {
  assert.equal(found, [], found.join('\n'));
});

test.after(async () => {
  await browser?.close();
  await demo?.close();
  await empty?.close();
});

test('customer board, demo day (zh and en)', async () => {
  await check('customer board demo zh', demo, `/display/customer?store=${demoStore}`, (t) => t.includes('在修车辆'));
  await check('customer board demo en', demo, `/display/customer?store=${demoStore}&lang=en`, (t) => /in the workshop/i.test(t));
});

test('customer board, empty store', async () => {
  await check('customer board empty', empty, `/display/customer?store=${emptyStore}`, (t) => t.includes('在修车辆'));
});

test('kiosk: start, plate and walk-in details, portrait and landscape', async () => {
  for (const [name, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await check(
      `kiosk start ${name}`,
      demo,
      `/kiosk?store=${demoStore}`,
      (t) => t.length > 20,
      viewport,
      async (page) => {
        await waitForScreen(page, 'start');
      },
    );
  }
  await check(
    'kiosk walk-in plate',
    demo,
    `/kiosk?store=${demoStore}`,
    (t) => t.length > 20,
    PORTRAIT,
    async (page) => {
      await waitForScreen(page, 'start');
      await tap(page, 'start-screen >>> button[data-action="walk-in"]');
      await waitForScreen(page, 'plate');
    },
  );
});

test('kiosk walk-in details with the make and surname sheets open, portrait', async () => {
  for (const which of ['make', 'surname']) {
    await check(
      `kiosk ${which} sheet`,
      demo,
      `/kiosk?store=${demoStore}`,
      (t) => t.length > 20,
      PORTRAIT,
      async (page) => {
        await waitForScreen(page, 'start');
        await tap(page, 'start-screen >>> button[data-action="walk-in"]');
        await waitForScreen(page, 'plate');
        await typePlate(page, which === 'make' ? '京B54321' : '京B54322');
        await tap(page, 'plate-screen >>> button[data-action="next"]');
        await waitForScreen(page, 'phone');
        await typeDigits(page, '13655557777');
        await tap(page, 'digits-screen >>> button[data-action="next"]');
        await waitForScreen(page, 'services');
        await tap(page, 'services-screen >>> button[data-code="MNT-OIL"]');
        await tap(page, 'services-screen >>> button[data-action="next"]');
        await waitForScreen(page, 'details');
        await tap(page, `details-screen >>> button[data-action="pick-${which}"]`);
        await page.waitForSelector(`check-in-kiosk >>> details-screen >>> pick-sheet >>> .sheet`, { visible: true });
      },
    );
  }
});

test('tracking page (a car in service), phone', async () => {
  const ro = [...(await demo.service.state(demoStore)).ros.values()].find((r) => r.stage === 'in_service' && r.trackingToken);
  assert.ok(ro, 'the demo day has a car in service with a tracking link');
  await check('tracking page', demo, `/t/${ro!.trackingToken}`, (t) => t.length > 40, PHONE);
});

test('dispatch board (paired wall screen), demo day and empty store', async () => {
  await check('dispatch board demo', demo, await pairedPath(demo, demoStore, 'dispatch'), (t) => t.includes('调度'));
  await check('dispatch board empty', empty, await pairedPath(empty, emptyStore, 'dispatch'), (t) => t.includes('调度'));
});

test('bay board (paired bay screen), demo day', async () => {
  const bay = demo.deps.shop.stores[0]!.bays[0]!;
  await check('bay board demo', demo, await pairedPath(demo, demoStore, 'bay', bay.id), (t) => t.includes(bay.name));
});

test('scan page sign-in list, phone', async () => {
  await check('scan page', demo, `/s?store=${demoStore}`, (t) => t.length > 20, PHONE);
});

test('staff pages: /sign-in, /admin/people, /admin/displays, /admin/webhooks, /reports, /plan, /reminders, /display pairing', async () => {
  await check('sign-in', demo, '/sign-in', (t) => t.length > 10);
  await check('admin people', demo, signedIn(demo, demoStore, ['admin'], '/admin/people'), (t) => t.includes('人员'));
  await check('admin displays', demo, signedIn(demo, demoStore, ['admin'], '/admin/displays'), (t) => t.includes('配对新屏幕'));
  await check('admin webhooks', demo, signedIn(demo, demoStore, ['admin'], '/admin/webhooks'), (t) => t.includes('Webhook 推送'));
  await check('reports', demo, signedIn(demo, demoStore, ['manager'], '/reports'), (t) => t.includes('经营报表'));
  await check('plan', demo, signedIn(demo, demoStore, ['advisor'], '/plan'), (t) => t.includes('预约排程') && t.includes('机修'));
  await check('plan week', demo, signedIn(demo, demoStore, ['advisor'], '/plan?view=week'), (t) => t.includes('周视图') && t.includes('机修'));
  await check('reminders', demo, signedIn(demo, demoStore, ['advisor'], '/reminders'), (t) => t.includes('维修提醒'));
  await check('display pairing', demo, '/display', (t) => t.includes('配对此屏幕'));
});

test.run();

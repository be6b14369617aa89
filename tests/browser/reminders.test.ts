/**
 * /reminders in a real Chromium, as an advisor works it: the cars of tests/helpers/reminders.ts
 * (one overdue by km at its own 100 km a day, one whose insurance runs out in eight days, one in
 * the shop), signed in with a one-time link. The rows are the REST list's, "book" is the planner's
 * prefilled link, "contacted" marks the row and "not interested" takes it off, both recorded as
 * facts; the window buttons refetch; the parts tab shows a part due today. axe finds nothing
 * serious; screenshots at 1920×1080 and 1366×768 (zh-CN and en) land in artifacts/.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { axeSerious, describeFindings } from '../helpers/axe';
import { launchBrowser, screenshot } from '../helpers/browser';
import { asStaff } from '../helpers/build';
import { advisor, aServerWithCars } from '../helpers/reminders';
import type { TestServer } from '../helpers/server';
import type { ClockedWorkshop } from '../helpers/history';

await buildBundles();

const DESK = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };
let browser: Browser;
let server: TestServer;
let w: ClockedWorkshop;
let ids: Awaited<ReturnType<typeof aServerWithCars>>['ids'];

test.before(async () => {
  ({ server, w, ids } = await aServerWithCars());
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function aPage(viewport: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(viewport);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  return { page, problems };
}

async function signInAsAdvisor(page: Page, next: string): Promise<void> {
  const token = server.auth.issueOneTimeLogin({ id: 'adv-1', name: '赵顾问', roles: ['advisor'], storeIds: ['store-a'] });
  await page.goto(`${server.url}/auth/one-time/${token}?next=${encodeURIComponent(next)}`, { waitUntil: 'networkidle0' });
}

const root = 'reminders-page';
/** The plates of the due list's rows, in order, once the list has loaded. */
const plates = (page: Page) =>
  page.evaluate(
    (root) => [...(document.querySelector(root)?.shadowRoot?.querySelectorAll('tr[data-car] .plate') ?? [])].map((e) => e.textContent!.trim()),
    root,
  );
const listed = (page: Page, expected: string[]) =>
  page.waitForFunction(
    (root, expected) => {
      const got = [...(document.querySelector(root)?.shadowRoot?.querySelectorAll('tr[data-car] .plate') ?? [])].map((e) => e.textContent!.trim());
      const loaded = document.querySelector(root)?.shadowRoot?.querySelector('.summary, .empty');
      return !!loaded && JSON.stringify(got) === JSON.stringify(expected);
    },
    { timeout: 15_000 },
    root,
    expected,
  );
const click = (page: Page, selector: string) =>
  page.evaluate(
    (root, selector) => {
      (document.querySelector(root)!.shadowRoot!.querySelector(selector) as HTMLElement).click();
    },
    root,
    selector,
  );
const text = (page: Page, selector: string) =>
  page.evaluate(
    (root, selector) => (document.querySelector(root)?.shadowRoot?.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    root,
    selector,
  );

test('an advisor works the due list: book opens the planner prefilled, contacted marks the row, not interested takes it off', async () => {
  const { page, problems } = await aPage(DESK);
  try {
    await signInAsAdvisor(page, '/reminders?store=store-a');
    assert.match(page.url(), /\/reminders\?store=store-a/);
    await listed(page, ['京A11111', '京A22222']);
    const api = (await server.api('GET', '/api/stores/store-a/reminders?window=30', undefined, advisor(server))).body.data;
    const a = `tr[data-car="${ids.a2}"]`;
    const b = `tr[data-car="${ids.b}"]`;
    assert.match(await text(page, a), '已逾期');
    assert.match(await text(page, a), '李娜');
    assert.match(await text(page, a), '13900001111');
    assert.match(await text(page, a), '2026-02-24 · 逾期 6 天');
    assert.match(await text(page, a), '按里程 25,000 公里');
    assert.match(await text(page, a), '日均 100 公里（本车记录）');
    assert.match(await text(page, b), '交强险到期');
    assert.match(await text(page, b), '紧急');
    const href = await page.evaluate(
      (root, a) => document.querySelector(root)!.shadowRoot!.querySelector(`${a} a[data-action="book"]`)!.getAttribute('href'),
      root,
      a,
    );
    assert.is(href, api.cars[0].bookHref);
    assert.match(href!, /^\/plan\?store=store-a&date=2026-03-03&plate=.*&services=OIL&customer=.*&phone=13900001111$/);
    // The staff navigation names the page.
    assert.ok((await page.$eval('nav.toolbar a[aria-current="page"]', (e) => e.textContent)) === '维修提醒');

    assert.equal(await axeSerious(page), [], describeFindings(await axeSerious(page)));
    await screenshot(page, 'reminders-1920');
    await page.setViewport(LAPTOP);
    await screenshot(page, 'reminders-1366');

    await click(page, `${a} button[data-action="contacted"]`);
    await page.waitForFunction((root, a) => document.querySelector(root)!.shadowRoot!.querySelector(`${a} .done`), { timeout: 10_000 }, root, a);
    assert.match(await text(page, `${a} .done`), '赵顾问');
    await click(page, `${b} button[data-action="not-interested"]`);
    await listed(page, ['京A11111']);
    assert.match(await text(page, '.summary'), '客户不需要 1 辆');
    await screenshot(page, 'reminders-1366-worked');

    // Recorded: a reload reads the same from the history.
    await server.history!.projector.idle();
    await page.reload({ waitUntil: 'networkidle0' });
    await listed(page, ['京A11111']);
    assert.match(await text(page, `${a} .done`), '已联系');
    const facts = (await server.events.read('store-a', 0, 1000)).filter((e) => e.type === 'reminderOutcomeRecorded');
    assert.equal(
      facts.map((e) => [e.actor.id, e.actor.name]),
      [
        ['adv-1', '赵顾问'],
        ['adv-1', '赵顾问'],
      ],
    );

    // The window: overdue only, then 7 days (the address keeps it).
    await click(page, 'button[data-window="overdue"]');
    await listed(page, ['京A11111']);
    assert.match(page.url(), /window=overdue/);
    assert.equal(problems, []);
  } finally {
    await page.browserContext().close();
  }
});

test('in English at a laptop, and the parts due today on their tab', async () => {
  w.at('11:00');
  await w.do(
    { type: 'pauseOperation', roId: ids.c, operationId: 'op-1', pause: { reason: 'parts', part: '前刹车片（原厂）', eta: w.iso('15:00') } },
    { source: 'scan' },
  );
  const { page, problems } = await aPage(LAPTOP);
  try {
    await signInAsAdvisor(page, '/reminders?store=store-a&lang=en&window=90');
    await page.waitForFunction((root) => document.querySelector(root)?.shadowRoot?.querySelector('.summary'), { timeout: 15_000 }, root);
    assert.match(await text(page, 'header'), 'Reminders');
    assert.match(await text(page, 'main'), 'Overdue');
    assert.ok((await plates(page)).includes('京A11111'));
    await screenshot(page, 'reminders-1366-en');
    await click(page, 'button[data-tab="parts"]');
    await page.waitForFunction((root) => document.querySelector(root)?.shadowRoot?.querySelector('tr[data-part]'), { timeout: 10_000 }, root);
    assert.match(await text(page, 'tr[data-part]'), 'Due today');
    assert.match(await text(page, 'tr[data-part]'), '前刹车片（原厂）');
    assert.match(await text(page, 'tr[data-part]'), '15:00');
    assert.equal(await axeSerious(page), [], describeFindings(await axeSerious(page)));
    await screenshot(page, 'reminders-parts-1366-en');
    await page.setViewport(DESK);
    await screenshot(page, 'reminders-parts-1920-en');
    assert.equal(problems, []);
  } finally {
    await page.browserContext().close();
  }
});

test('a technician is refused with a page that says so; nobody signed in goes to sign-in', async () => {
  const res = await fetch(`${server.url}/reminders?store=store-a`, {
    headers: { cookie: asStaff(server.auth, { roles: ['technician'], storeIds: ['store-a'] }).cookie },
    redirect: 'manual',
  });
  assert.is(res.status, 403);
  assert.match(await res.text(), '维修提醒');
  const anon = await fetch(`${server.url}/reminders?store=store-a`, { redirect: 'manual' });
  assert.is(anon.status, 303);
  assert.match(anon.headers.get('location') ?? '', /^\/sign-in\?store=store-a&next=%2Freminders/);
});

test.run();

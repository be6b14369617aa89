/**
 * /reports in a real Chromium, as a service manager meets it: a week of visits built through real
 * commits on a controlled clock (late cars, a rework, surveys, a parts wait, a cancelled
 * appointment with its reason, a second store), the manager signs in with a one-time link, opens
 * the week, and reads the same figures the REST summary answers; the charts are drawn; the CSV
 * links answer CSV that a real parser reads back with its Chinese intact; the group view ranks the
 * stores; a bad range shows the API's words; a technician is refused. Screenshots at 1920×1080 and
 * 1366×768, and the A4 landscape print (PDF and a PNG of the print layout) land in artifacts/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { ShopConfigSchema } from '../../shared/domain/shop';
import type { Summary } from '../../shared/reports/summary';
import { presetDates } from '../../web/admin/reports/report-range';
import { buildBundles } from '../../scripts/build';
import { axeSerious, describeFindings } from '../helpers/axe';
import { ARTIFACTS, launchBrowser, screenshot } from '../helpers/browser';
import { asStaff } from '../helpers/build';
import { aBusyDay, aDeliveredVisit, ClockedWorkshop } from '../helpers/history';
import { startTestServer, type TestServer } from '../helpers/server';
import { aTestShop } from '../helpers/shop';

await buildBundles();

const FROM = '2026-03-01';
const TO = '2026-03-07';
const WEEK = `from=${FROM}&to=${TO}`;
const DESK = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };
let browser: Browser;
let server: TestServer;
let managerCookie = '';

/** The test shop with a manager in both stores (so a one-time link signs a real person in). */
function aShop() {
  const raw = aTestShop();
  const manager = { id: 'mgr-1', name: '钱经理', roles: ['manager'] };
  return ShopConfigSchema.parse({ ...raw, stores: raw.stores.map((s) => ({ ...s, staff: [...s.staff, manager] })) });
}

/** A week: the busy day (rework, late, parts wait, cancellation with a reason, survey 4), then five more cars in store-a and two in store-b. */
async function aWeek(w: ClockedWorkshop): Promise<void> {
  await aBusyDay(w);
  const op = (code: string, hours: number, bayId: string, technicianId?: string) => [
    { id: 'op-1', code, title: code === 'OIL' ? '更换机油' : '更换前刹车片', standardHours: hours, bayId, ...(technicianId ? { technicianId } : {}) },
  ];
  w.day = '2026-03-03';
  await aDeliveredVisit(w, {
    checkIn: '08:30',
    start: '09:00',
    workMinutes: [40],
    deliverAt: '10:30',
    promised: '11:00',
    score: 5,
    operations: op('OIL', 0.5, 'bay-2', 'tech-1'),
  });
  await aDeliveredVisit(w, {
    checkIn: '09:00',
    start: '10:00',
    workMinutes: [150],
    deliverAt: '15:00',
    promised: '13:00',
    score: 3,
    operations: op('BRK', 1.2, 'bay-1', 'tech-2'),
  });
  await aDeliveredVisit(w, { checkIn: '13:00', start: '13:30', workMinutes: [60], deliverAt: '16:00', operations: op('BRK', 1.2, 'bay-1', 'tech-2') });
  await aDeliveredVisit(w, {
    storeId: 'store-b',
    checkIn: '09:00',
    start: '09:20',
    workMinutes: [45],
    deliverAt: '11:00',
    promised: '12:00',
    score: 5,
    operations: op('OIL', 0.5, 'bay-1'),
  });
  w.day = '2026-03-04';
  await aDeliveredVisit(w, {
    checkIn: '08:10',
    start: '08:20',
    workMinutes: [200],
    deliverAt: '17:30',
    promised: '12:00',
    score: 2,
    operations: op('BRK', 1.2, 'bay-1', 'tech-2'),
  });
  await aDeliveredVisit(w, {
    checkIn: '10:00',
    start: '10:15',
    workMinutes: [30],
    deliverAt: '11:00',
    promised: '11:30',
    score: 5,
    operations: op('OIL', 0.5, 'bay-2', 'tech-1'),
  });
  await aDeliveredVisit(w, {
    storeId: 'store-b',
    checkIn: '14:00',
    start: '14:10',
    workMinutes: [50],
    deliverAt: '16:00',
    promised: '15:00',
    operations: op('OIL', 0.5, 'bay-1'),
  });
}

test.before(async () => {
  const shop = aShop();
  const w = new ClockedWorkshop(undefined, shop);
  server = await startTestServer({ shop, history: true, now: w.clock });
  w.use(server.service);
  await aWeek(w);
  await server.history!.projector.idle();
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context watching for CSP violations and page errors. */
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

/** Signs the manager in through a one-time link that lands on `next`, as an admin hands it over. */
async function signInAsManager(page: Page, next: string): Promise<void> {
  const token = server.auth.issueOneTimeLogin({ id: 'mgr-1', name: '钱经理', roles: ['manager'], storeIds: ['store-a', 'store-b'] });
  await page.goto(`${server.url}/auth/one-time/${token}?next=${encodeURIComponent(next)}`, { waitUntil: 'networkidle0' });
  managerCookie = (await page.cookies()).filter((c) => c.name === 'tw_session').map((c) => `tw_session=${c.value}`)[0] ?? '';
}

const reportReady = (page: Page) =>
  page.waitForFunction(
    () => {
      const root = document.querySelector('reports-page')?.shadowRoot;
      return !!root && (root.querySelector('[data-error]') || (root.querySelector('.tiles') && root.querySelector('main[aria-busy="false"]')));
    },
    { timeout: 15_000 },
  );

/** Waits until every chart has drawn in the given mode (screen, or print colours for paper). */
const chartsDrawn = (page: Page, mode: 'screen' | 'print') =>
  page.waitForFunction(
    (mode) => {
      const charts = [...(document.querySelector('reports-page')?.shadowRoot?.querySelectorAll('report-trend-chart') ?? [])];
      return charts.length === 3 && charts.every((c) => (c.shadowRoot?.querySelector('.plot') as HTMLElement | null)?.dataset.drawn === mode);
    },
    { timeout: 10_000 },
    mode,
  );

/** Text of elements under the page's shadow root, by selector. */
const texts = (page: Page, selector: string) =>
  page.evaluate(
    (selector) =>
      [...(document.querySelector('reports-page')?.shadowRoot?.querySelectorAll(selector) ?? [])].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
    selector,
  );

/** The cells (th and td) of the first row matching a selector, each's text. */
const cells = (page: Page, row: string) =>
  page.evaluate(
    (row) =>
      [...(document.querySelector('reports-page')?.shadowRoot?.querySelector(row)?.querySelectorAll('th, td') ?? [])].map((e) =>
        (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ),
    row,
  );

const api = async <T>(path: string): Promise<T> => {
  const res = await server.api('GET', path, undefined, { authorization: undefined, cookie: managerCookie });
  assert.is(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
  return res.body.data as T;
};

/** A percentage as the page writes it, read back to a share. */
const share = (text: string) => (text === '—' ? null : Number(text.replace('%', '')) / 100);
const near = (a: number | null, b: number | null, tolerance: number, message: string) =>
  assert.ok(a === b || (a !== null && b !== null && Math.abs(a - b) <= tolerance), `${message}: page ${a}, API ${b}`);

test("a manager reads the week of one store: the page's figures are the REST summary's", async () => {
  const { page, problems } = await aPage(DESK);
  try {
    await signInAsManager(page, `/reports?store=store-a&${WEEK}`);
    assert.match(page.url(), /\/reports\?store=store-a&from=2026-03-01&to=2026-03-07/);
    await reportReady(page);
    await chartsDrawn(page, 'screen');
    const s = (await api<{ summary: Summary }>(`/api/stores/store-a/reports/summary?${WEEK}`)).summary;
    assert.ok(s.rosOut.count >= 6 && s.reworks.count >= 1 && s.csi.mean.denominator >= 5, 'the fixture is the week it means to be');

    const tile = async (key: string) => {
      const [label, value, detail] = await page.evaluate((key) => {
        const el = document.querySelector('reports-page')!.shadowRoot!.querySelector(`[data-kpi="${key}"]`)!;
        return ['.label', '.value', '.detail'].map((c) => el.querySelector(c)!.textContent!.trim());
      }, key);
      return { label, value, detail };
    };
    assert.is((await tile('rosIn')).value, String(s.rosIn.count));
    assert.is((await tile('rosOut')).value, String(s.rosOut.count));
    for (const [key, ratio] of [
      ['onTimeDelivery', s.onTimeDelivery],
      ['sameDayDelivery', s.sameDayDelivery],
      ['qcFirstPass', s.qcFirstPass],
      ['showRate', s.appointments.showRate],
    ] as const) {
      const t = await tile(key);
      near(share(t.value), ratio.value, 0.0005, key);
      assert.is(t.detail, `${ratio.numerator}/${ratio.denominator}`, key);
    }
    near(share((await tile('bayUtilisation')).value), s.bayUtilisation.value, 0.0005, 'bay utilisation');
    near(Number((await tile('csi')).value), s.csi.mean.value, 0.005, 'CSI mean');
    assert.is((await tile('cycleTime')).label, '维修周期 中位数');
    const cycle = (await tile('cycleTime')).value.match(/^(?:(\d+)小时)?(\d+)分/)!;
    assert.is(Number(cycle[1] ?? 0) * 60 + Number(cycle[2]), Math.round(s.cycleTime.p50!), 'cycle p50');

    // Technicians: hours and ratios per row, and the store's row.
    for (const tech of s.technicians) {
      const row = await cells(page, `[data-technician="${tech.technicianId}"]`);
      assert.is(row[0], { 'tech-1': '李师傅', 'tech-2': '王师傅' }[tech.technicianId], row.join(' '));
      near(Number(row[1]), tech.attendedHours, 0.05, `${tech.technicianId} attended`);
      near(Number(row[2]), tech.workedHours, 0.05, `${tech.technicianId} worked`);
      near(Number(row[3]), tech.standardHours, 0.05, `${tech.technicianId} standard`);
      near(share(row[4]), tech.productivity.value, 0.0005, `${tech.technicianId} productivity`);
      near(share(row[5]), tech.efficiency.value, 0.0005, `${tech.technicianId} efficiency`);
      near(share(row[6]), tech.proficiency.value, 0.0005, `${tech.technicianId} proficiency`);
    }
    near(share((await cells(page, '[data-technician="total"]')).at(-1)!), s.proficiency.value, 0.0005, 'store proficiency');

    // Stage times, the heat map, survey and cancellation reasons.
    const inService = await cells(page, '[data-stage="in_service"]');
    assert.is(
      inService.slice(1, 5).join(' '),
      [
        s.stageTime.in_service.count,
        ...[s.stageTime.in_service.p50, s.stageTime.in_service.p90, s.stageTime.in_service.mean.value].map((x) => x!.toFixed(1)),
      ].join(' '),
    );
    const bay1 = (await texts(page, '[data-bay="bay-1"] td')).map((x) => (x === '·' ? 0 : x === '<0.1' ? 0.05 : Number(x)));
    const apiBay1 = Object.values(s.bayHours.find((b) => b.bay === 'store-a/bay-1')!.hours).reduce((a, b) => a + b, 0);
    near(
      bay1.reduce((a, b) => a + b, 0),
      apiBay1,
      0.05 * bay1.length,
      'bay-1 worked hours over the hours of day',
    );
    for (const d of s.csi.distribution) {
      const row = await cells(page, `[data-table="survey"] [data-key="${d.score}"]`);
      assert.is(Number(row[2]), d.count, `score ${d.score}: ${row.join(' ')}`);
    }
    assert.equal(
      await texts(page, '[data-table="cancellations"] tr th'),
      s.appointments.cancellationReasons.map((r) => r.reason || '未填写原因'),
    );
    assert.ok(s.appointments.cancellationReasons.some((r) => r.reason === '客户临时有事'));

    // The charts drew their series: pixels of each series' colour on its canvas.
    const coloured = await page.evaluate(() => {
      const charts = [...document.querySelector('reports-page')!.shadowRoot!.querySelectorAll('report-trend-chart')];
      const colours: Record<string, [number, number, number]> = { throughput: [56, 189, 248], onTime: [251, 191, 36], cycle: [196, 181, 253] };
      return Object.fromEntries(
        charts.map((c) => {
          const canvas = c.shadowRoot!.querySelector('canvas')!;
          const [r, g, b] = colours[(c as HTMLElement).dataset.chart!];
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 0; i < data.length; i += 4)
            if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30) n++;
          return [(c as HTMLElement).dataset.chart!, { n, width: canvas.width }];
        }),
      );
    });
    for (const [chart, { n, width }] of Object.entries(coloured))
      assert.ok(width > 200 && n > 50, `${chart} is drawn: ${n} pixels of its colour on ${width} px`);

    assert.equal(await axeSerious(page), [], describeFindings(await axeSerious(page)));
    assert.equal(problems, []);
    await screenshot(page, 'reports-1920');
    await page.screenshot({ path: join(ARTIFACTS, 'reports-1920-full.png'), fullPage: true });

    await page.setViewport(LAPTOP);
    await chartsDrawn(page, 'screen');
    await screenshot(page, 'reports-1366');
    await page.screenshot({ path: join(ARTIFACTS, 'reports-1366-full.png'), fullPage: true });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling at 1366');

    // A4 landscape: the print layout, charts redrawn in print colours, as a PDF and as a picture.
    await page.emulateMediaType('print');
    await page.setViewport({ width: 1047, height: 733 });
    await chartsDrawn(page, 'print');
    writeFileSync(join(ARTIFACTS, 'reports-a4-landscape.pdf'), await page.pdf({ format: 'A4', landscape: true, printBackground: true }));
    await page.screenshot({ path: join(ARTIFACTS, 'reports-a4-landscape.png'), fullPage: true });
    await page.emulateMediaType('screen');
  } finally {
    await page.browserContext().close();
  }
});

test("each table's CSV link answers CSV with a BOM that a real parser reads, Chinese intact", async () => {
  const { page } = await aPage(DESK);
  try {
    await signInAsManager(page, `/reports?store=store-a&${WEEK}`);
    await reportReady(page);
    const links = await page.evaluate(() =>
      [...document.querySelector('reports-page')!.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a.csv')].map((a) => a.getAttribute('href')!),
    );
    const files = links.map((l) => l.split('?')[0].split('/').at(-1));
    assert.equal(files.sort(), ['bay-hours.csv', 'cancellations.csv', 'days.csv', 'stages.csv', 'survey.csv', 'technicians.csv', 'visits.csv']);
    const read = async (href: string) => {
      const res = await fetch(`${server.url}${href}`, { headers: { cookie: managerCookie } });
      assert.is(res.status, 200, href);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${href} has a BOM`);
      return parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    };
    const byFile = Object.fromEntries(await Promise.all(links.map(async (l) => [l.split('?')[0].split('/').at(-1)!, await read(l)] as const)));
    assert.equal(
      byFile['technicians.csv'].map((r) => r['姓名 name']),
      ['李师傅', '王师傅'],
    );
    assert.ok(byFile['stages.csv'].some((r) => r['阶段 stage'] === '维修中 in service'));
    assert.ok(byFile['visits.csv'].every((r) => r['门店 store'] === '测试一店'));
    assert.ok(byFile['visits.csv'].some((r) => r['取消原因 cancel reason'] === '客户不修了'));
    assert.is(byFile['days.csv'].length, 7);
    const s = (await api<{ summary: Summary }>(`/api/stores/store-a/reports/summary?${WEEK}`)).summary;
    assert.equal(
      byFile['days.csv'].map((d) => Number(d['交车 ROs out'])),
      s.byDay.map((d) => d.out),
    );
    assert.equal(
      byFile['survey.csv'].map((r) => Number(r['份数 responses'])),
      [...s.csi.distribution].reverse().map((d) => d.count),
    );
    assert.equal(
      byFile['cancellations.csv'].map((r) => r['取消原因 reason']),
      ['客户临时有事'],
    );
  } finally {
    await page.browserContext().close();
  }
});

test('the group view ranks the stores, with the group total as the API answers it', async () => {
  const { page, problems } = await aPage(DESK);
  try {
    await signInAsManager(page, `/reports?store=store-a&${WEEK}`);
    await reportReady(page);
    await page.select('reports-page >>> select[name=store]', '*');
    await page.waitForFunction(() => !!document.querySelector('reports-page')?.shadowRoot?.querySelector('[data-table="ranking"]'), { timeout: 10_000 });
    await reportReady(page);
    assert.match(page.url(), /scope=group/);
    const g = await api<{ stores: { storeId: string; summary: Summary }[]; total: Summary }>(`/api/reports/summary?${WEEK}`);
    const ranked = [...g.stores].sort((a, b) => b.summary.rosOut.count - a.summary.rosOut.count);
    assert.equal(
      await texts(page, '[data-table="ranking"] tbody tr th'),
      ranked.map((s) => ({ 'store-a': '测试一店', 'store-b': '测试二店' })[s.storeId]),
    );
    for (const store of g.stores) {
      const row = await cells(page, `[data-table="ranking"] tr[data-store="${store.storeId}"]`);
      assert.equal([row[2], row[3]], [String(store.summary.rosIn.count), String(store.summary.rosOut.count)], row.join(' '));
    }
    const total = await cells(page, '[data-table="ranking"] tfoot tr');
    assert.equal([total[2], total[3]], [String(g.total.rosIn.count), String(g.total.rosOut.count)], total.join(' '));
    near(share(total[4]), g.total.onTimeDelivery.value, 0.0005, 'group on-time');
    near(share(total[6]), g.total.bayUtilisation.value, 0.0005, 'group bay utilisation');
    const [onTime] = await texts(page, '[data-kpi="onTimeDelivery"] .detail');
    assert.is(onTime, `${g.total.onTimeDelivery.numerator}/${g.total.onTimeDelivery.denominator}`);
    const groupFiles = await page.evaluate(() =>
      [...document.querySelector('reports-page')!.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a.csv')].map((a) => a.getAttribute('href')!.split('?')[0]),
    );
    assert.equal(
      groupFiles.sort(),
      ['cancellations', 'days', 'stages', 'store-hours', 'stores', 'survey', 'technicians'].map((f) => `/api/reports/${f}.csv`),
    );
    const href = await page.$eval('reports-page >>> [data-table="ranking"] a.csv', (a) => a.getAttribute('href')!);
    const csv = await fetch(`${server.url}${href}`, { headers: { cookie: managerCookie } });
    const ranking: Record<string, string>[] = parse(Buffer.from(await csv.arrayBuffer()), { bom: true, columns: true });
    assert.equal(
      ranking.map((r) => r['交车 ROs out']),
      [...ranked.map((s) => String(s.summary.rosOut.count)), String(g.total.rosOut.count)],
    );
    await chartsDrawn(page, 'screen');
    assert.equal(await axeSerious(page), [], describeFindings(await axeSerious(page)));
    assert.equal(problems, []);
    await page.screenshot({ path: join(ARTIFACTS, 'reports-group-1920.png'), fullPage: true });
  } finally {
    await page.browserContext().close();
  }
});

test("a preset picks the store's own dates; a bad custom range shows the API's error, not a blank", async () => {
  const { page } = await aPage(LAPTOP);
  try {
    await signInAsManager(page, `/reports?store=store-a&${WEEK}&lang=en`);
    await reportReady(page);
    await chartsDrawn(page, 'screen');
    assert.equal(await texts(page, '[data-kpi="onTimeDelivery"] .label'), ['On-time delivery']);
    await page.screenshot({ path: join(ARTIFACTS, 'reports-en-1366-full.png'), fullPage: true });
    await page.click('reports-page >>> button[data-preset="last30"]');
    const last30 = presetDates('last30', Date.now(), 'Asia/Shanghai');
    await page.waitForFunction((to) => location.search.includes(`to=${to}`), { timeout: 10_000 }, last30.to);
    assert.match(page.url(), new RegExp(`from=${last30.from}&to=${last30.to}`));
    await reportReady(page);
    assert.equal(await texts(page, 'button[aria-pressed="true"]'), ['Last 30 days']);

    await page.$eval('reports-page >>> input[name=from]', (el) => {
      (el as HTMLInputElement).value = '2026-03-07';
    });
    await page.$eval('reports-page >>> input[name=to]', (el) => {
      (el as HTMLInputElement).value = '2026-03-01';
    });
    await page.click('reports-page >>> form.custom button[type=submit]');
    await page.waitForFunction(() => !!document.querySelector('reports-page')?.shadowRoot?.querySelector('[data-error]'), { timeout: 10_000 });
    const [error] = await texts(page, '[data-error]');
    assert.match(error, /to \(2026-03-01\) is before from \(2026-03-07\)/);
    await screenshot(page, 'reports-bad-range-1366');

    // A malformed date in a link is the API's 400 too, in its words.
    await page.goto(`${server.url}/reports?store=store-a&from=2026-02-30&to=2026-03-07&lang=en`, { waitUntil: 'networkidle0' });
    await reportReady(page);
    assert.match((await texts(page, '[data-error]'))[0], /from must be a calendar date written YYYY-MM-DD, not "2026-02-30"/);
  } finally {
    await page.browserContext().close();
  }
});

test('a technician gets 403 and no reports link; nobody signed in goes to sign-in; the nav links managers to /reports', async () => {
  const tech = asStaff(server.auth, { id: 'tech-1', roles: ['technician'], storeIds: ['store-a'] });
  const refused = await fetch(`${server.url}/reports?store=store-a`, { headers: { cookie: tech.cookie }, redirect: 'manual' });
  assert.is(refused.status, 403);
  const body = await refused.text();
  assert.match(body, /不能打开此页面/);
  assert.not.match(body, /href="\/reports/);
  assert.not.match(body, /reports-page/);
  const nobody = await fetch(`${server.url}/reports?store=store-a&${WEEK}`, { redirect: 'manual' });
  assert.is(nobody.status, 303);
  assert.is(nobody.headers.get('location'), `/sign-in?store=store-a&next=${encodeURIComponent(`/reports?store=store-a&${WEEK}`)}`);
  const manager = asStaff(server.auth, { roles: ['manager'], storeIds: ['store-a'] });
  const people = await fetch(`${server.url}/account/password?store=store-a`, { headers: { cookie: manager.cookie } });
  assert.match(await people.text(), /href="\/reports\?store=store-a"/);
});

test('the reports page bundle stays under 150 KB gzip and carries no zod', () => {
  const js = readFileSync('dist/reports-page.js', 'utf8');
  const size = gzipSync(js).length;
  assert.ok(size <= 150 * 1024, `reports-page.js is ${size} bytes gzip`);
  assert.not.match(js, /ZodError/);
  console.log(`reports-page.js: ${size} bytes gzip`);
});

test.run();

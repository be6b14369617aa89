/**
 * /plan in a real Chromium, as an advisor plans tomorrow in the demo store (config/shop.json: 12
 * bays, 10 technicians): the day already has bookings; the advisor books a free slot from the
 * catalogue, drags the booking to another bay and time, moves it again with the tap/keyboard
 * form, cancels one with a configured reason (counted on the page) and marks one no-show; on a
 * day that is full the override dialog asks for a reason and the override is recorded with the
 * advisor's id. A prefilled link (the reminders list's "book") opens the dialog filled in.
 * Screenshots of the day and week views at 1920×1080 and 1366×768 (and the day on a 1024×768
 * tablet, with its touch targets measured) land in artifacts/.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { localDate } from '../../shared/domain/local-date';
import { buildBundles } from '../../scripts/build';
import { axeSerious, describeFindings } from '../helpers/axe';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { tapProblems } from '../helpers/tap-targets';

await buildBundles();

const S = 'bj-wangjing';
const TZ = 'Asia/Shanghai';
const DESK = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 1024, height: 768 };
const today = localDate(Date.now(), TZ);
const plus = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const TOMORROW = plus(1);
const FULL = plus(2);
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
let browser: Browser;
let server: TestServer;
const booked: Record<string, string> = {};

const customer = (name: string, phone: string) => ({ name, phone, salutation: 'mr' as const });
async function book(body: Record<string, unknown>): Promise<string> {
  const res = await server.api('POST', `/api/stores/${S}/appointments`, body);
  assert.is(res.status, 201, JSON.stringify(res.body));
  return res.body.data.appointment.id as string;
}
const appointment = async (id: string) => (await server.api('GET', `/api/stores/${S}/appointments/${id}`)).body.data;

test.before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  // Tomorrow: a morning's bookings across the bays, one later cancelled.
  const rows: [string, string, string[], string, string][] = [
    ['bay-01', '09:00', ['MNT-40K'], '京A3K8M2', '张先生'],
    ['bay-02', '09:30', ['BRK-PAD-F', 'BRK-FLUID'], '京B7Q219', '李女士'],
    ['bay-03', '10:00', ['SPK-PLUG'], '京N55D21', '刘先生'],
    ['bay-06', '08:30', ['MNT-OIL'], '京C90K11', '陈女士'],
    ['bay-06', '10:00', ['MNT-10K'], '京E3M770', '赵先生'],
    ['bay-07', '09:00', ['TYR-4'], '京F81L02', '孙女士'],
    ['bay-08', '11:00', ['ALN-4W', 'TYR-BAL'], '京H2Z613', '周先生'],
    ['bay-09', '13:30', ['AC-SVC'], '京J77P50', '吴女士'],
    ['bay-10', '09:00', ['BODY-DENT'], '京K1V903', '郑先生'],
    ['bay-11', '13:00', ['PAINT-PNL'], '京L6T884', '王女士'],
    ['bay-05', '15:00', ['GBX-OIL'], '京M4R225', '冯先生'],
    ['bay-04', '16:00', ['DIAG'], '京P93X16', '何先生'],
  ];
  for (const [bayId, time, services, plate, name] of rows)
    booked[plate] = await book({ at: at(TOMORROW, time), bayId, services, vehicle: { plate, make: 'Audi' }, customer: customer(name, '13800001234') });
  const gone = await book({
    at: at(TOMORROW, '17:00'),
    bayId: 'bay-01',
    services: ['MNT-OIL'],
    vehicle: { plate: '京Q11111', make: 'VW' },
    customer: customer('钱先生', '13900001111'),
  });
  assert.is((await server.api('DELETE', `/api/stores/${S}/appointments/${gone}?reason=customer_busy`)).status, 200);
  // The day after: general work booked to its hours (min(7 technicians × 9 h, 5 bays × 12 h) = 60 h).
  for (let i = 0; i < 24; i++)
    await book({
      at: at(FULL, '08:00'),
      services: ['MNT-40K'],
      vehicle: { plate: `京D${String(10000 + i)}`, make: 'VW' },
      customer: customer('客户', '13700000000'),
    });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

async function anAdvisorPage(viewport: { width: number; height: number }, next: string): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.createBrowserContext()).newPage();
  await page.setViewport(viewport);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  const link = server.auth.issueOneTimeLogin({ id: 'adv-01', name: '刘婷', roles: ['advisor'], storeIds: [S] });
  await page.goto(`${server.url}/auth/one-time/${link}?next=${encodeURIComponent(next)}`, { waitUntil: 'networkidle0' });
  return { page, problems };
}

const root = 'plan-page >>> ';
// Polled, not observed: a mutation observer on the document does not see changes inside the shadow root.
const ready = (page: Page, selector: string) =>
  page.waitForFunction((s) => !!document.querySelector('plan-page')?.shadowRoot?.querySelector(s), { timeout: 15_000, polling: 100 }, selector);
const gone = (page: Page, selector: string) =>
  page.waitForFunction((s) => !document.querySelector('plan-page')?.shadowRoot?.querySelector(s), { timeout: 15_000, polling: 100 }, selector);
const valueOf = (page: Page, selector: string) => page.$eval(`${root}${selector}`, (e) => (e as HTMLInputElement).value);

async function dragTo(page: Page, from: string, to: string): Promise<void> {
  const src = (await page.$(`${root}${from}`))!;
  await src.scrollIntoView();
  const a = (await src.boundingBox())!;
  const b = (await (await page.$(`${root}${to}`))!.boundingBox())!;
  await page.mouse.move(a.x + 10, a.y + a.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++)
    await page.mouse.move(a.x + 10 + ((b.x + b.width / 2 - a.x - 10) * i) / 8, a.y + a.height / 2 + ((b.y + b.height / 2 - a.y - a.height / 2) * i) / 8);
  await page.mouse.up();
}

test('an advisor books a free slot, drags it, moves it with the form, cancels one with a reason and marks one no-show', async () => {
  const { page, problems } = await anAdvisorPage(LAPTOP, `/plan?store=${S}&date=${TOMORROW}`);
  try {
    await ready(page, '.appt');
    // Book bay-03 at 14:00 from the catalogue.
    const slot = `button.slot[data-bay="bay-03"][data-min="${14 * 60}"]`;
    await (await page.$(`${root}${slot}`))!.click();
    await ready(page, '#d-customer');
    assert.is(await valueOf(page, '#d-bay'), 'bay-03');
    assert.is(await valueOf(page, '#d-time'), String(14 * 60));
    await page.type(`${root}#d-customer`, '马先生');
    await page.type(`${root}#d-phone`, '13811112222');
    await page.type(`${root}#d-plate`, '京A12345');
    await page.type(`${root}#d-make`, 'Audi');
    await (await page.$(`${root}input[name="service"][value="BRK-PAD-F"]`))!.click();
    await (await page.$(`${root}button[type="submit"].primary`))!.click();
    await gone(page, '#d-customer');
    const list = (await server.api('GET', `/api/stores/${S}/appointments?date=${TOMORROW}&plate=${encodeURIComponent('京A12345')}`)).body.data;
    assert.is(list.length, 1);
    const id = list[0].id as string;
    assert.equal([list[0].bayId, list[0].at, list[0].services, list[0].durationMinutes], ['bay-03', at(TOMORROW, '14:00'), ['BRK-PAD-F'], 72]);
    await ready(page, `.appt[data-id="${id}"]`);

    // Drag it to bay-04 at 11:00.
    await dragTo(page, `.appt[data-id="${id}"]`, `button.slot[data-bay="bay-04"][data-min="${11 * 60}"]`);
    await ready(page, `.lane[data-bay="bay-04"] .appt[data-id="${id}"]`);
    const dragged = await appointment(id);
    assert.equal([dragged.bayId, dragged.at], ['bay-04', at(TOMORROW, '11:00')]);

    // Dragging onto another booking is refused by the server, and the page says so.
    await dragTo(page, `.appt[data-id="${id}"]`, `.appt[data-id="${booked['京A3K8M2']}"]`);
    await ready(page, '.notice.error');
    const refusal = await page.$eval(`${root}.notice.error`, (e) => e.textContent ?? '');
    assert.match(refusal, booked['京A3K8M2']);
    assert.is((await appointment(id)).bayId, 'bay-04');

    // The tap / keyboard way: open it, pick 15:30 in bay-05's neighbour bay-03, Move.
    await (await page.$(`${root}.appt[data-id="${id}"]`))!.focus();
    await page.keyboard.press('Enter');
    await ready(page, '#m-time');
    await page.select(`${root}#m-time`, String(15 * 60 + 30));
    await page.select(`${root}#m-bay`, 'bay-03');
    await (await page.$(`${root}#m-save`))!.click();
    await gone(page, '#m-time');
    const moved = await appointment(id);
    assert.equal([moved.bayId, moved.at], ['bay-03', at(TOMORROW, '15:30')]);

    // Cancel another with a configured reason; the page counts it.
    const cancelId = booked['京E3M770'];
    await (await page.$(`${root}.appt[data-id="${cancelId}"]`))!.click();
    await ready(page, '#c-reason');
    await page.select(`${root}#c-reason`, 'repaired_elsewhere');
    await (await page.$(`${root}#c-cancel`))!.click();
    await gone(page, '#c-reason');
    const cancelled = await appointment(cancelId);
    assert.equal([cancelled.status, cancelled.cancelReasonCode, cancelled.cancelReason], ['cancelled', 'repaired_elsewhere', '已在其他店维修']);
    await ready(page, 'tr[data-reason="repaired_elsewhere"]');
    assert.ok(await page.$(`${root}tr[data-reason="customer_busy"]`), 'the earlier cancellation is counted too');

    // No-show.
    const noShowId = booked['京F81L02'];
    await (await page.$(`${root}.appt[data-id="${noShowId}"]`))!.click();
    await ready(page, '#c-noshow');
    await (await page.$(`${root}#c-noshow`))!.click();
    await ready(page, `.appt.no_show[data-id="${noShowId}"]`);
    assert.is((await appointment(noShowId)).status, 'no_show');
    assert.equal(problems, []);
  } finally {
    await page.browserContext().close();
  }
});

test('on a full day the override dialog asks why, and the booking records who overrode and why', async () => {
  const { page, problems } = await anAdvisorPage(LAPTOP, `/plan?store=${S}&date=${FULL}`);
  try {
    await ready(page, 'li[data-skill="general"]');
    const general = await page.$eval(`${root}li[data-skill="general"]`, (e) => e.textContent ?? '');
    assert.match(general, '剩 0 / 60 小时');
    await (await page.$(`${root}button.slot[data-bay="bay-02"][data-min="${10 * 60}"]`))!.click();
    await ready(page, '#d-customer');
    await page.type(`${root}#d-customer`, '老客户');
    await page.type(`${root}#d-phone`, '13600000000');
    await page.type(`${root}#d-plate`, '京A88888');
    await (await page.$(`${root}input[name="service"][value="MNT-40K"]`))!.click();
    await (await page.$(`${root}button[type="submit"].primary`))!.click();
    await ready(page, '#o-reason');
    const text = await page.$eval(`${root}[role="alertdialog"]`, (e) => e.textContent ?? '');
    assert.match(text, '机修需要 2.5 小时，仅剩 0 小时');
    assert.ok(await page.$eval(`${root}#o-confirm`, (e) => (e as HTMLButtonElement).disabled), 'no override without a reason');
    await screenshot(page, 'plan-override-1366x768');
    await page.type(`${root}#o-reason`, 'VIP 客户，技师同意加班');
    await (await page.$(`${root}#o-confirm`))!.click();
    await gone(page, '#o-reason');
    const list = (await server.api('GET', `/api/stores/${S}/appointments?plate=${encodeURIComponent('京A88888')}`)).body.data;
    assert.is(list.length, 1);
    assert.equal([list[0].capacityOverride.by.id, list[0].capacityOverride.reason], ['adv-01', 'VIP 客户，技师同意加班']);
    await page.waitForFunction(
      () => /超出 2.5 小时/.test(document.querySelector('plan-page')?.shadowRoot?.querySelector('li[data-skill="general"]')?.textContent ?? ''),
      { timeout: 15_000 },
    );
    assert.equal(problems, []);
  } finally {
    await page.browserContext().close();
  }
});

test('a prefilled link opens the booking dialog filled in, for tomorrow when no date is given', async () => {
  const q = `plate=${encodeURIComponent('京A12345')}&services=MNT-OIL,BRK-PAD-F&customer=${encodeURIComponent('王先生')}&phone=13800001234`;
  const { page } = await anAdvisorPage(LAPTOP, `/plan?store=${S}&${q}`);
  try {
    await ready(page, '#d-customer');
    assert.equal(
      [await valueOf(page, '#d-customer'), await valueOf(page, '#d-phone'), await valueOf(page, '#d-plate'), await valueOf(page, '#d-date')],
      ['王先生', '13800001234', '京A12345', TOMORROW],
    );
    const checked = await page.$$eval(`${root}input[name="service"]`, (xs) =>
      xs.filter((x) => (x as HTMLInputElement).checked).map((x) => (x as HTMLInputElement).value),
    );
    assert.equal(checked.sort(), ['BRK-PAD-F', 'MNT-OIL']);
    assert.is(await valueOf(page, '#d-bay'), 'bay-06', "the first bay of the first service's kind (quick)");
    await screenshot(page, 'plan-prefill-1366x768');
  } finally {
    await page.browserContext().close();
  }
  const dated = await anAdvisorPage(LAPTOP, `/plan?store=${S}&date=${FULL}&${q}&lang=en`);
  try {
    await ready(dated.page, '#d-customer');
    assert.is(await valueOf(dated.page, '#d-date'), FULL);
  } finally {
    await dated.page.browserContext().close();
  }
});

test("screenshots of the day and week at 1920×1080 and 1366×768, a tablet's touch targets, and axe", async () => {
  const views: [string, { width: number; height: number }, string][] = [
    ['day-1920x1080', DESK, `view=day&date=${TOMORROW}`],
    ['day-1366x768', LAPTOP, `view=day&date=${TOMORROW}`],
    ['week-1920x1080', DESK, `view=week&date=${TOMORROW}`],
    ['week-1366x768', LAPTOP, `view=week&date=${TOMORROW}`],
    ['day-en-1366x768', LAPTOP, `view=day&date=${TOMORROW}&lang=en`],
    ['day-1024x768', TABLET, `view=day&date=${TOMORROW}`],
  ];
  const findings: string[] = [];
  for (const [name, viewport, q] of views) {
    const { page, problems } = await anAdvisorPage(viewport, `/plan?store=${S}&${q}`);
    try {
      await ready(page, name.startsWith('week') ? '.week .chip' : '.appt');
      await screenshot(page, `plan-${name}`);
      const axe = await axeSerious(page);
      if (axe.length) findings.push(`${name}: ${describeFindings(axe)}`);
      if (viewport === TABLET) {
        // Only sizes: slots scrolled out of the grid's own horizontal scroll are clipped by design.
        const small = (await tapProblems(page, { minSize: 44, within: 'plan-page' })).filter((p) => p.problem.includes(' px, under '));
        assert.equal(small, [], JSON.stringify(small.slice(0, 5)));
      }
      assert.equal(problems, []);
    } finally {
      await page.browserContext().close();
    }
  }
  assert.equal(findings, [], findings.join('\n'));
});

test('a booking made at another desk shows on an open plan by itself, and a cancelled one goes, with no reload', async () => {
  const day = plus(4);
  const { page, problems } = await anAdvisorPage(LAPTOP, `/plan?store=${S}&date=${day}`);
  try {
    await ready(page, 'button.slot');
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    // Another advisor books through the API: the open page hears of it over the store's live feed.
    const id = await book({
      at: at(day, '10:00'),
      bayId: 'bay-02',
      services: ['MNT-OIL'],
      vehicle: { plate: '京Z70001', make: 'BYD' },
      customer: customer('林先生', '13600001111'),
    });
    await ready(page, `.appt[data-id="${id}"]`);
    assert.match(await page.$eval(`${root}.appt[data-id="${id}"]`, (e) => e.textContent ?? ''), /京Z70001|林先生/);
    assert.is((await server.api('DELETE', `/api/stores/${S}/appointments/${id}?reason=customer_busy`)).status, 200);
    await gone(page, `.appt[data-id="${id}"]`);
    assert.ok(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere), 'the page was not reloaded');
    assert.equal(problems, []);
  } finally {
    await page.close();
  }
});

test('a technician is refused the page, naming who is signed in', async () => {
  const page = await (await browser.createBrowserContext()).newPage();
  try {
    const link = server.auth.issueOneTimeLogin({ id: 'tech-01', name: '王建国', roles: ['technician'], storeIds: [S] });
    const res = await page.goto(`${server.url}/auth/one-time/${link}?next=${encodeURIComponent(`/plan?store=${S}`)}`, { waitUntil: 'networkidle0' });
    assert.is(res?.status(), 403);
    assert.match(await page.content(), '王建国');
  } finally {
    await page.browserContext().close();
  }
});

test.run();

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser } from 'puppeteer';
import { launchBrowser, openPage, screenshot, waitForText } from '../helpers/browser';
import { freePort } from '../helpers/ports';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * A wall screen outlives a server restart: while the server is away the board keeps its data
 * and says since when it is reconnecting; when the server is back (with news meanwhile) the
 * badge goes away and the board shows the new state, without reloading the page.
 */
const env = {
  DATA_DIR: mkdtempSync(join(tmpdir(), 'tw-reconnect-')),
  DEMO: 'true',
  // The 90-day past is not what this test is about, and would take most of its time.
  DEMO_PAST_DAYS: '0',
  API_KEY: randomBytes(16).toString('hex'),
  SIGNING_KEY: randomBytes(32).toString('hex'),
};
let browser: Browser;
let server: ServerProcess | undefined;

test.before(async () => {
  browser = await launchBrowser();
});
test.after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the bay board survives a server restart, shows it, and catches up without a reload', async () => {
  const port = String(await freePort());
  server = await startServerProcess({ ...env, PORT: port });
  const bayUrl = /(http:\/\/localhost:\d+\/display\/bay\/bay-03\?\S*display=\S+)/.exec(server.output())?.[1];
  assert.ok(bayUrl, 'the demo prints a bay board link with its display token');
  const page = await openPage(browser, bayUrl!);
  await waitForText(page, (t) => t.includes('机修3号位') && t.includes('空闲'), 30_000);
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const width = await page.evaluate(() => document.querySelector('bay-board')!.shadowRoot!.querySelector('.board')!.getBoundingClientRect().width);
  assert.ok(width > 1800, `an idle bay's board spans the screen (was ${width}px wide)`);

  await server.stop();
  const away = await waitForText(page, (t) => t.includes('正在重新连接'), 30_000);
  assert.ok(away.includes('机修3号位'), 'the last good data stays on screen');
  await screenshot(page, 'bay-board-reconnecting-1080p');

  server = await startServerProcess({ ...env, PORT: port });
  const api = (path: string, body: unknown) =>
    fetch(`http://localhost:${port}/api/stores/bj-wangjing${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  // A technician the demo day has not already put to work.
  const open = (await fetch(`http://localhost:${port}/api/stores/bj-wangjing/repair-orders?open=true&limit=500`, {
    headers: { authorization: `Bearer ${env.API_KEY}` },
  }).then((r) => r.json())) as { data: { operations: { status: string; technicianId?: string }[] }[] };
  const busy = new Set(open.data.flatMap((r) => r.operations.filter((o) => o.status === 'in_progress').map((o) => o.technicianId)));
  const idle = ['tech-01', 'tech-02', 'tech-03', 'tech-04', 'tech-05', 'tech-06', 'tech-08', 'tech-09'].find((t) => !busy.has(t));
  assert.ok(idle, 'someone is free');
  const created = await api('/repair-orders', {
    vehicle: { plate: '京A98765', make: 'Volvo', model: 'XC60', color: '白色' },
    customer: { name: '赵敏', phone: '13700001234', salutation: 'ms' },
    operations: [{ code: 'MNT-OIL', bayId: 'bay-03', technicianId: idle }],
  });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const ro = created.body.data.repairOrder;
  const started = await api(`/repair-orders/${ro.id}/operations/${ro.operations[0].id}/start`, {});
  assert.is(started.status, 200, JSON.stringify(started.body));

  const back = await waitForText(page, (t) => t.includes('98765') && !t.includes('正在重新连接'), 60_000);
  assert.ok(back.includes('作业中'), 'the bay shows the work started while it was reconnecting');
  assert.is(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true, 'no page reload');
  await screenshot(page, 'bay-board-after-restart-1080p');
});

test.run();

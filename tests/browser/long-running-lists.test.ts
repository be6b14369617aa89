/**
 * A wall screen stays on for weeks: a list whose rows come and go must not leave anything
 * behind in the DOM. Cars pass through the dispatch board's unassigned queue and its parts-wait
 * list one after another; the lists' node counts (comment markers included) must not grow with
 * the number of cars that passed. Lit's `repeat` failed this (lit/lit#5298: one orphan end
 * marker per removed row; see web/common/keyed-rows.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { launchBrowser, openPage } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { aNewRepairOrder, commitOk } from '../helpers/workshop';

await buildBundles();

let browser: Browser;
let server: TestServer;
let page: Page;
let storeId: string;
let bayId: string;

test.before(async () => {
  server = await startTestServer();
  storeId = server.deps.shop.stores[0].id;
  bayId = server.deps.shop.stores[0].bays[0].id;
  browser = await launchBrowser();
  await commitOk(server.service, storeId, { type: 'pairDisplay', displayId: 'wall-lists', name: 'wall-lists', board: 'dispatch' });
  const token = server.auth.issueDisplayToken({ id: 'wall-lists', storeId, board: 'dispatch' });
  page = await openPage(browser, `${server.url}/display/dispatch?display=${encodeURIComponent(token)}`);
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

/** Nodes of every kind (elements, text, comments) inside the named element's shadow root. */
async function nodesIn(tag: string): Promise<{ nodes: number; comments: number; rows: string[] }> {
  return page.evaluate((tag) => {
    const find = (root: Document | ShadowRoot): Element | undefined => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === tag) return el;
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return undefined;
    };
    const host = find(document);
    const root = host?.shadowRoot;
    if (!root) return { nodes: -1, comments: -1, rows: [] };
    let nodes = 0;
    let comments = 0;
    const walk = (n: Node) => {
      nodes++;
      if (n.nodeType === Node.COMMENT_NODE) comments++;
      n.childNodes.forEach(walk);
    };
    root.childNodes.forEach(walk);
    const rows = [...root.querySelectorAll('ol > li[data-ro]')].map((li) => li.getAttribute('data-ro') ?? '');
    return { nodes, comments, rows };
  }, tag);
}

async function until(tag: string, what: string, ok: (rows: string[]) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { rows } = await nodesIn(tag);
    if (ok(rows)) return;
    if (Date.now() > deadline) throw new Error(`${tag}: timed out waiting for ${what} (rows ${rows.join(', ')})`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

test('cars passing through the unassigned queue leave no nodes behind', async () => {
  // One car stays queued, so the list itself stays on screen; the others pass through it.
  const resident = aNewRepairOrder({ priority: 'urgent' });
  await commitOk(server.service, storeId, resident);
  await until('dispatch-queue', 'the resident car', (rows) => rows.includes(resident.roId));

  const passThrough = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const car = aNewRepairOrder({ priority: 'high' });
      await commitOk(server.service, storeId, car);
      await until('dispatch-queue', 'a car to arrive', (rows) => rows.includes(car.roId));
      await commitOk(server.service, storeId, { type: 'cancel', roId: car.roId, reason: '客户取消' });
      await until('dispatch-queue', 'the car to leave', (rows) => !rows.includes(car.roId));
    }
  };
  await passThrough(5);
  const before = await nodesIn('dispatch-queue');
  await passThrough(40);
  const after = await nodesIn('dispatch-queue');
  assert.equal(after.rows, [resident.roId]);
  assert.is(after.comments, before.comments, `comment markers after 40 more cars: ${after.comments}, was ${before.comments}`);
  assert.is(after.nodes, before.nodes, `nodes after 40 more cars: ${after.nodes}, was ${before.nodes}`);
});

test('parts waits that open and close leave no nodes behind in the parts-wait list', async () => {
  const started = async () => {
    const ro = aNewRepairOrder();
    const opId = ro.operations![0].id;
    await commitOk(server.service, storeId, ro);
    await commitOk(server.service, storeId, { type: 'assignOperation', roId: ro.roId, operationId: opId, bayId });
    await commitOk(server.service, storeId, { type: 'startOperation', roId: ro.roId, operationId: opId });
    return { roId: ro.roId, operationId: opId };
  };
  const resident = await started();
  await commitOk(server.service, storeId, { type: 'pauseOperation', ...resident, pause: { reason: 'parts', part: '机油滤芯' } });
  await until('parts-wait-list', 'the resident wait', (rows) => rows.includes(resident.roId));

  const cycle = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const job = await started();
      await commitOk(server.service, storeId, { type: 'pauseOperation', ...job, pause: { reason: 'parts', part: `刹车片 ${i}` } });
      await until('parts-wait-list', 'a wait to open', (rows) => rows.includes(job.roId));
      await commitOk(server.service, storeId, { type: 'resumeOperation', ...job });
      await until('parts-wait-list', 'the wait to close', (rows) => !rows.includes(job.roId));
      await commitOk(server.service, storeId, { type: 'finishOperation', ...job });
    }
  };
  await cycle(5);
  const before = await nodesIn('parts-wait-list');
  await cycle(30);
  const after = await nodesIn('parts-wait-list');
  assert.equal(after.rows, [resident.roId]);
  assert.is(after.comments, before.comments, `comment markers after 30 more waits: ${after.comments}, was ${before.comments}`);
  assert.is(after.nodes, before.nodes);
});

test.run();

/**
 * The lobby's pickup call as a waiting customer hears and sees it, in a real Chromium against
 * the real server: a chime through Web Audio before the voice, and still a chime when no voice
 * can speak (the fleet page then says "speech unavailable" for that screen); the call-out in the
 * pickup column, the workshop list readable beside it, queued calls listed.
 * Screenshots to open and judge: artifacts/lobby-call-band-{zh,en}-1080p.png,
 * artifacts/fleet-speech-unavailable.png.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'puppeteer';
import { buildBundles } from '../../scripts/build';
import { seedDemoDay } from '../../server/demo/seed';
import { maskPlate } from '../../shared/domain/plate';
import type { RepairOrder } from '../../shared/domain/repair-order';
import { launchBrowser, screenshot, waitForText } from '../helpers/browser';
import { act, createRo } from '../helpers/build';
import { startTestServer, type TestServer } from '../helpers/server';
import { aTestShop } from '../helpers/shop';
import { aPairedDisplayToken } from '../helpers/workshop';

await buildBundles();

const FULL_HD = { width: 1920, height: 1080 };
const PATIENCE = 60_000;

let browser: Browser;
let server: TestServer;
let storeId: string;
/** A store with only the cars a test makes, so the band tests know every row. */
let plain: TestServer;
let plainStore: string;
const pages: Page[] = [];

/**
 * Counts what the page plays through Web Audio: every oscillator started, with its frequency,
 * and whether it was connected on towards the context's speakers.
 */
const instrumentAudio = () => {
  const w = window as unknown as { __tones: { frequency: number; state: string }[]; __toSpeakers: number };
  w.__tones = [];
  w.__toSpeakers = 0;
  const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => AudioNode;
  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
    if (args[0] instanceof AudioDestinationNode) w.__toSpeakers++;
    return connect.apply(this, args);
  } as typeof AudioNode.prototype.connect;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    w.__tones.push({ frequency: this.frequency.value, state: this.context.state });
    return start.call(this, when);
  };
};

/** A speech engine that refuses every utterance the way Linux Chromium without a voice does. */
const failingSpeech = () => {
  const w = window as unknown as { __speechTries: number };
  w.__speechTries = 0;
  speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
    w.__speechTries++;
    setTimeout(() => u.dispatchEvent(new SpeechSynthesisErrorEvent('error', { utterance: u, error: 'synthesis-failed' })), 10);
  };
};

async function openBoard(query: string, opts: { failSpeech?: boolean; mute?: boolean; on?: TestServer } = {}): Promise<Page> {
  const page = await browser.newPage();
  pages.push(page);
  await page.setViewport(FULL_HD);
  page.on('pageerror', (err) => console.error('[page error]', err));
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  await page.evaluateOnNewDocument(instrumentAudio);
  if (opts.failSpeech) await page.evaluateOnNewDocument(failingSpeech);
  if (opts.mute) await page.evaluateOnNewDocument(() => Object.defineProperty(window, 'speechSynthesis', { value: undefined }));
  await page.goto(`${(opts.on ?? server).url}/display/customer?${query}`, { waitUntil: 'domcontentloaded' });
  return page;
}

/** Drive a car in quality check or the wash to "ready" through the REST API, as the workshop does. */
async function toReady(ro: RepairOrder): Promise<void> {
  const at = `/api/stores/${storeId}/repair-orders/${ro.id}`;
  let stage = ro.stage;
  if (stage === 'quality_check') stage = (await act(server, `${at}/qc-pass`)).stage;
  if (stage === 'washing') stage = (await act(server, `${at}/wash-done`)).stage;
  if (stage !== 'ready') await act(server, `${at}/ready`);
}

/** A new car checked in and driven to "ready" through work, QC and the wash, as the staff would. */
async function aCarMadeReady(on: TestServer, store: string): Promise<RepairOrder> {
  const ro = (await createRo(on, store)) as RepairOrder;
  const at = `/api/stores/${store}/repair-orders/${ro.id}`;
  for (const op of ro.operations) {
    await act(on, `${at}/operations/${op.id}/start`, { bayId: on.deps.shop.stores[0]!.bays[0]!.id });
    await act(on, `${at}/operations/${op.id}/finish`);
  }
  let stage = (await act(on, `${at}/qc-pass`)).stage;
  if (stage === 'washing') stage = (await act(on, `${at}/wash-done`)).stage;
  if (stage !== 'ready') await act(on, `${at}/ready`);
  return ro;
}

const nearlyReady = async () => [...(await server.service.state(storeId)).ros.values()].filter((r) => r.stage === 'quality_check' || r.stage === 'washing');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = PATIENCE): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Where the call-out is, and every workshop row it might cover, in page pixels. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const all = (root: ParentNode, tag: string, out: Element[] = []): Element[] => {
      root.querySelectorAll('*').forEach((el) => {
        if (el.localName === tag) out.push(el);
        if (el.shadowRoot) all(el.shadowRoot, tag, out);
      });
      return out;
    };
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const callout = all(document, 'pickup-callout')[0]!;
    const card = callout.shadowRoot!.querySelector('.card');
    const rows = all(document, 'car-row')
      .map(box)
      .filter((r) => r.bottom > r.top);
    // What a person would see at the middle of each row: the row itself, not something over it.
    const screen = all(document, 'lounge-screen')[0]!.shadowRoot!;
    const onTop = rows.map((r) => {
      const hit = screen.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      return hit?.localName ?? '';
    });
    const plateOf = (el: Element | null) => (el as (Element & { plate: string }) | null)?.plate;
    const queued = [...callout.shadowRoot!.querySelectorAll('li lounge-plate')].map(plateOf);
    return { card: card ? box(card) : undefined, rows, onTop, queued, called: plateOf(callout.shadowRoot!.querySelector('.card > lounge-plate')) };
  });

const overlaps = (a: { left: number; top: number; right: number; bottom: number }, b: typeof a) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Wait until the short animations (call-out pop, page fade) are over. */
const settle = (page: Page) =>
  page.waitForFunction(
    () => {
      const roots: (Document | ShadowRoot)[] = [document];
      for (let i = 0; i < roots.length; i++) roots[i]!.querySelectorAll('*').forEach((el) => el.shadowRoot && roots.push(el.shadowRoot));
      return roots.every((root) =>
        root
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity || Number(a.effect?.getTiming().duration) >= 2000),
      );
    },
    { timeout: PATIENCE, polling: 100 },
  );

test.before(async () => {
  process.on('unhandledRejection', (err) => console.error(err));
  browser = await launchBrowser();
  server = await startTestServer();
  storeId = server.deps.shop.stores[0]!.id;
  await seedDemoDay(server.service, storeId, new Date());
  plain = await startTestServer({ shop: aTestShop() });
  plainStore = plain.deps.shop.stores[0]!.id;
  // Cars in the workshop, for the list beside the call-out.
  for (let i = 0; i < 8; i++) await createRo(plain, plainStore);
});

test.after(async () => {
  for (const p of pages) await p.close().catch(() => {});
  await browser?.close();
  await server?.close();
  await plain?.close();
});

test('with speech failing, the board still chimes through Web Audio, and the fleet page says "speech unavailable"', async () => {
  const token = await aPairedDisplayToken(server, { id: 'disp-lounge-tv', storeId, board: 'customer' });
  const page = await openBoard(`store=${storeId}&display=${encodeURIComponent(token)}`, { failSpeech: true });
  await waitForText(page, (t) => t.includes('在修车辆'), PATIENCE);
  const tones = () => page.evaluate(() => (window as unknown as { __tones: { frequency: number; state: string }[] }).__tones);
  assert.equal(await tones(), [], 'nothing plays for the cars that were ready before the board started');

  const [ro] = await nearlyReady();
  assert.ok(ro, 'the demo day has a car in quality check or the wash');
  await toReady(ro!);
  const played = await waitFor('the chime', async () => {
    const t = await tones();
    return t.length >= 2 && t;
  });
  assert.equal(
    played.slice(0, 2).map((t) => t.frequency),
    [880, 1320],
    'the two notes of the chime',
  );
  assert.ok(
    played.every((t) => t.state === 'running'),
    'an audio context that plays (autoplay allowed), not a suspended one',
  );
  assert.ok((await page.evaluate(() => (window as unknown as { __toSpeakers: number }).__toSpeakers)) >= 2, 'each note wired to the speakers');
  // The board tried to speak and heard it fail: it does not keep trying the second time round.
  await waitFor('the speech attempt', async () => (await page.evaluate(() => (window as unknown as { __speechTries: number }).__speechTries)) >= 1);
  assert.ok((await page.evaluate(() => (window as unknown as { __speechTries: number }).__speechTries)) === 1, 'one refused try, not two');

  // The heartbeat tells the fleet: through the API…
  const speechOf = async () => {
    const res = await server.api('GET', `/api/stores/${storeId}/displays`);
    return (res.body.data as { id: string; speech?: string }[]).find((d) => d.id === 'disp-lounge-tv')?.speech;
  };
  assert.is(await waitFor('the heartbeat', speechOf), 'unavailable');

  // …and on the fleet page, in both languages.
  const admin = await browser.newPage();
  pages.push(admin);
  await admin.setViewport({ width: 1366, height: 768 });
  await admin.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
  const signIn = server.auth.issueOneTimeLogin({ id: 'admin-1', name: '王经理', roles: ['admin'], storeIds: '*' });
  await admin.goto(`${server.url}/auth/one-time/${signIn}?next=/admin/displays`, { waitUntil: 'domcontentloaded' });
  const text = await waitForText(admin, (t) => t.includes('disp-lounge-tv') && t.includes('无语音'), PATIENCE);
  assert.match(text, '无语音');
  await screenshot(admin, 'fleet-speech-unavailable');
});

test('a board with no speech synthesis at all still chimes', async () => {
  const page = await openBoard(`store=${storeId}&lang=en`, { mute: true });
  await waitForText(page, (t) => t.includes('In the workshop'), PATIENCE);
  const [ro] = await nearlyReady();
  assert.ok(ro);
  await toReady(ro!);
  const played = await waitFor('the chime', async () => {
    const t = await page.evaluate(() => (window as unknown as { __tones: { frequency: number }[] }).__tones);
    return t.length >= 2 && t;
  });
  assert.equal(
    played.slice(0, 2).map((t) => t.frequency),
    [880, 1320],
  );
});

for (const lang of ['zh', 'en'] as const) {
  test(`the call-out takes the pickup column: no workshop row is covered, queued calls are listed (${lang}, 1920×1080)`, async () => {
    const page = await openBoard(`store=${plainStore}${lang === 'en' ? '&lang=en' : ''}`, { mute: true, on: plain });
    await waitForText(page, (t) => t.includes(lang === 'en' ? 'In the workshop' : '在修车辆'), PATIENCE);
    const cars: RepairOrder[] = [];
    for (let i = 0; i < 3; i++) cars.push(await aCarMadeReady(plain, plainStore));
    const first = maskPlate(cars[0]!.vehicle.plate);
    let last: unknown;
    const shown = await waitFor('the call-out with the queue', async () => {
      const l = await layout(page);
      last = l;
      return l.card && l.called === first && l.queued.length === cars.length - 1 && l;
    }).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(last)}`);
    });
    await settle(page);
    const l = await layout(page);
    assert.ok(l.card, 'a call-out is up');
    assert.ok(l.rows.length >= 3, `workshop rows on screen (${l.rows.length})`);
    for (const row of l.rows) assert.not.ok(overlaps(l.card!, row), `the call-out covers no workshop row (${JSON.stringify(row)})`);
    assert.ok(
      l.onTop.every((tag) => tag === 'car-list'),
      `each row is what one sees at its middle: ${l.onTop.join(', ')}`,
    );
    assert.equal(
      shown.queued,
      cars.slice(1).map((r) => maskPlate(r.vehicle.plate)),
      'the cars called next, in order',
    );
    assert.ok(l.card!.right <= FULL_HD.width && l.card!.bottom <= FULL_HD.height, 'inside the screen');
    await screenshot(page, `lobby-call-band-${lang}-1080p`);
  });
}

test('the wall launcher and the launch notes start Chromium with the autoplay flag the chime and voice need', () => {
  const flag = '--autoplay-policy=no-user-gesture-required';
  assert.match(readFileSync('scripts/display-launch.sh', 'utf8'), flag);
  assert.match(readFileSync('docs/displays.md', 'utf8'), flag);
  assert.match(readFileSync('README.md', 'utf8'), flag);
});

test.run();

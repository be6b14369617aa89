import type { Page } from 'puppeteer';

/** A button a person could not tap, or could barely hit, and why. */
export interface TapProblem {
  button: string;
  problem: string;
}

/**
 * Every visible button (shadow roots included) checked the way a finger meets it: at the centre
 * of each, `elementFromPoint` must land on the button itself, not on something drawn over it —
 * first where the page rests, then with each button scrolled to the middle and to the bottom
 * edge of the screen (where a docked bar would sit). With `minSize`, buttons smaller than that
 * many px either way are reported too. The page's scroll position is restored afterwards.
 */
export async function tapProblems(page: Page, opts: { minSize?: number; within?: string } = {}): Promise<TapProblem[]> {
  return page.evaluate(
    ({ minSize, within }) => {
      const all: HTMLElement[] = [];
      const walk = (root: Document | ShadowRoot | Element) => {
        for (const el of root.querySelectorAll('*')) {
          if (el instanceof HTMLButtonElement || (el instanceof HTMLElement && el.getAttribute('role') === 'button')) all.push(el as HTMLElement);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      const visible = (b: HTMLElement) => {
        const r = b.getBoundingClientRect();
        const style = getComputedStyle(b);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && !b.closest('[hidden]');
      };
      const name = (b: HTMLElement) => {
        const data = Object.entries(b.dataset)
          .map(([k, v]) => `[data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${v}"]`)
          .join('');
        return `${b.tagName.toLowerCase()}${b.className ? `.${String(b.className).trim().split(/\s+/).join('.')}` : ''}${data} "${(b.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
      };
      const deepHit = (x: number, y: number): Element | null => {
        let el = document.elementFromPoint(x, y);
        while (el?.shadowRoot) {
          const inner = el.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === el) break;
          el = inner;
        }
        return el;
      };
      const inside = (hit: Element | null, b: Element) => {
        for (let n: Node | null = hit; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if (n === b) return true;
        return false;
      };
      const buttons = all.filter(visible).filter((b) => !within || b.closest(within) || (b.getRootNode() as ShadowRoot).host?.closest?.(within));
      const problems: { button: string; problem: string }[] = [];
      const check = (b: HTMLElement, where: string) => {
        const r = b.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return;
        const hit = deepHit(x, y);
        if (!inside(hit, b))
          problems.push({ button: name(b), problem: `${where}: a tap at its centre lands on ${hit ? name(hit as HTMLElement) : 'nothing'}` });
      };
      // At rest, a button scrolled out of sight inside a list is not a target; the scrolled checks reach it.
      const clippedOut = (b: HTMLElement) => {
        const r = b.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        for (let n: Node | null = b.parentNode; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
          if (!(n instanceof Element) || n === document.documentElement || n === document.body) continue;
          const style = getComputedStyle(n);
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
          const c = n.getBoundingClientRect();
          if (x < c.left || x > c.right || y < c.top || y > c.bottom) return true;
        }
        return false;
      };
      const start = scrollY;
      for (const b of buttons) if (!clippedOut(b)) check(b, 'at rest');
      for (const block of ['center', 'end'] as const) {
        for (const b of buttons) {
          b.scrollIntoView({ block, inline: 'nearest' });
          check(b, `scrolled to the ${block}`);
        }
      }
      scrollTo(0, start);
      if (minSize)
        for (const b of buttons) {
          const r = b.getBoundingClientRect();
          if (r.width < minSize || r.height < minSize)
            problems.push({ button: name(b), problem: `${Math.round(r.width)}×${Math.round(r.height)} px, under ${minSize}×${minSize}` });
        }
      // One line per button and problem kind is enough to act on.
      return problems.filter((p, i) => problems.findIndex((q) => q.button === p.button && q.problem.split(':')[0] === p.problem.split(':')[0]) === i);
    },
    { minSize: opts.minSize ?? 0, within: opts.within ?? '' },
  );
}

/** Tap where a finger would: the centre of the element as it is on screen now, no scrolling. */
export async function tapCentre(page: Page, selector: string): Promise<void> {
  await waitDeep(page, selector);
  const el = (await page.$(`pierce/${selector}`))!;
  const box = (await el.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

/** The rectangle of an element (shadow roots pierced), in viewport px. */
export async function rectOf(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number } | undefined> {
  const el = await page.$(`pierce/${selector}`);
  if (!el) return undefined;
  return el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

export const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Wait for an element anywhere in the shadow roots. Polled: a change inside a shadow root does
 * not wake `waitForSelector`'s observer, so under load it can miss an element that is there.
 */
export async function waitDeep(page: Page, selector: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.$(`pierce/${selector}`))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${selector}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

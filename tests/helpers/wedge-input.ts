import type { Page } from 'puppeteer';

/**
 * Types `text` and Enter as a USB keyboard-wedge scanner does: key events `gapMs` apart by
 * their own timestamps. A real scanner's events carry the time the keys were sent, so a busy
 * page still sees a fast burst; puppeteer's `keyboard.type` stamps each key when the browser
 * gets round to it, and on a loaded machine one late round trip (over the detector's 150 ms
 * pause) split the burst and failed the test though the page was right. So the timestamps are
 * set here, through the DevTools protocol's `Input.dispatchKeyEvent`, as the hardware would.
 */
export async function scannerTypes(page: Page, text: string, gapMs = 4): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    const start = Date.now() / 1000;
    const keys = [...text].map((ch) => ({ key: ch, text: ch })).concat({ key: 'Enter', text: '\r' });
    for (const [i, { key, text: typed }] of keys.entries()) {
      const timestamp = start + (i * gapMs) / 1000;
      const enter = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : {};
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: typed, unmodifiedText: typed, timestamp, ...enter });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: timestamp + 0.001, ...enter });
    }
  } finally {
    await cdp.detach();
  }
}

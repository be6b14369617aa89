import { css, html, nothing } from 'lit';
import { icon } from '../../common/icons';
import type { ScanText } from './scan-text';

/** What comes after the job: the next scan, and back to one's own list. In the page, under the work, never docked over it. */
/** `onScan` undefined: no camera here (a shared bay screen), the scanner is named instead of a button. */
export function nextNav(o: { text: ScanText; home: boolean; onScan?: () => void; onHome: () => void }) {
  const { t } = o.text;
  return html`<nav class="next">
    ${
      o.onScan
        ? html`<button class="big scan" data-action="scan" @click=${o.onScan}><span class="icon">${icon('camera')}</span>${t('page.scanNext')}</button>`
        : html`<p class="use-scanner" data-testid="use-scanner">${t('shared.scanNext')}</p>`
    }
    ${o.home ? nothing : html`<button class="big ghost" data-action="my-jobs" @click=${o.onHome}><span class="icon">${icon('user')}</span>${t('jobs.back')}</button>`}
  </nav>`;
}

/** On a bay board's screen: when the page signs out and goes back by itself, and a way to go now. */
export function sharedBanner(o: { text: ScanText; leavesInS: number; onLeave: () => void }) {
  const { t } = o.text;
  return html`<div class="shared" role="status" data-shared>
    <span>${t('shared.leaves', { s: o.leavesInS })}</span>
    <button data-action="back-to-board" @click=${o.onLeave}>${t('shared.back')}</button></div>`;
}

export const pagePartStyles = css`
  .next { display: grid; gap: 12px; padding: 8px 14px 0; }
  .next .scan { background: #0e7490; border-color: #67e8f9; }
  .use-scanner { display: flex; align-items: center; justify-content: center; gap: 10px; margin: 0; padding: 14px; border-radius: 14px; border: 2px dashed #67e8f9; color: #cffafe; font-size: 20px; font-weight: 700; text-align: center; }
  .shared { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin: 10px 14px 0; padding: 8px 8px 8px 14px;
    border-radius: 14px; background: #1e1b4b; border: 2px solid #818cf8; font-size: 19px; font-weight: 700; }
  .shared button { min-height: 52px; padding: 0 14px; border-radius: 10px; border: 2px solid #c7d2fe; background: transparent; color: #e0e7ff; font: inherit; font-size: 18px; }
`;

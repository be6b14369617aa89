/**
 * A job-card scan at a bay board is handled on the board itself: it opens the scan page in place
 * (shared mode, web/phone/scan/shared-screen.ts) with this bay preselected and in the board's
 * language, and closes it when the scan page signs the person out after the action or a minute.
 * Nothing navigates, so the board's address (with its `?display=` and `?lang=`) never changes.
 */
export interface ScanDetail {
  code: string;
  token: string;
  bayId: string;
}

/** What a bay board announces before it opens a scan in place (cancel it to handle the scan elsewhere). */
export class ScanEvent extends CustomEvent<ScanDetail> {
  constructor(detail: ScanDetail) {
    super('scan', { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    scan: ScanEvent;
  }
}

let scanPage: Promise<unknown> | undefined;

/**
 * The scan page's own bundle (/assets/scan-page.js, the build of the same version as this page),
 * loaded at the first scan: the bay board's bundle stays small, and a board nobody scans at never
 * loads it. A variable path keeps esbuild from bundling it in.
 */
export function loadScanPage(): Promise<unknown> {
  if (customElements.get('scan-page')) return Promise.resolve();
  const version = document.querySelector('meta[name="tw-version"]')?.getAttribute('content') ?? '';
  const url = `/assets/scan-page.js?v=${encodeURIComponent(version)}`;
  scanPage ??= import(/* @vite-ignore */ url).catch((err: unknown) => {
    scanPage = undefined;
    throw err;
  });
  return scanPage;
}

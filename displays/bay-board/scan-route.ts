/**
 * Where a job-card scan at a bay leads: the scan flow for that token with this bay preselected.
 * The scan page itself arrives with a later issue; navigating here is the contract.
 */
export const scanFlowUrl = (token: string, bayId: string): string =>
  `/s/${token.split('/').map(encodeURIComponent).join('/')}?bay=${encodeURIComponent(bayId)}`;

/** The one place a bay board leaves for the scan flow. */
export function routeToScan(url: string, nav: Pick<Location, 'assign'> = location): void {
  nav.assign(url);
}

/** What a bay board announces before it navigates (cancel it to stay). */
export interface ScanDetail {
  code: string;
  token: string;
  bayId: string;
  url: string;
}

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

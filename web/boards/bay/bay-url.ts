/**
 * The URL the bay's QR code encodes: the scan page with the bay's signed code, which the server
 * puts into the page (`bay-code`) for a paired display or signed-in staff. Without one the code
 * opens the scan page's start (such a page shows no data either).
 */
export const bayQrUrl = (origin: string, code?: string): string => `${origin.replace(/\/+$/, '')}/s${code ? `/${encodeURIComponent(code)}` : ''}`;

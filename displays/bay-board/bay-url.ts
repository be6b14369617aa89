/**
 * The URL the bay's QR code encodes. For now a plain path naming the store and bay; a later
 * issue replaces it with a signed token URL, and this is the only place that will change.
 */
export const bayQrUrl = (origin: string, storeId: string, bayId: string): string =>
  `${origin.replace(/\/+$/, '')}/s/bay/${encodeURIComponent(storeId)}/${encodeURIComponent(bayId)}`;

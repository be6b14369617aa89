/**
 * The bay this phone works at, remembered for a shift: a bay code scanned once preselects the
 * bay for every Start after it, until cleared or the shift is over.
 */
const BAY_KEY = 'tw-scan-bay';
const BAY_TTL_MS = 12 * 3600_000;

export interface SavedBay {
  id: string;
  name: string;
}

export function loadBay(now = Date.now()): SavedBay | undefined {
  try {
    const saved = JSON.parse(localStorage.getItem(BAY_KEY) ?? 'null') as (SavedBay & { at: number }) | null;
    return saved && now - saved.at < BAY_TTL_MS ? { id: saved.id, name: saved.name } : undefined;
  } catch {
    return undefined;
  }
}

export function saveBay(bay: SavedBay | undefined): void {
  try {
    if (bay) localStorage.setItem(BAY_KEY, JSON.stringify({ id: bay.id, name: bay.name, at: Date.now() }));
    else localStorage.removeItem(BAY_KEY);
  } catch {
    /* storage full or disabled: the bay is kept for this page only */
  }
}

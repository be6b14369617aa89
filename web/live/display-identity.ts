/**
 * What a paired wall screen remembers across browser restarts: its display token and the board
 * URL it was given. /display reads it to go straight back to that board; a board forgets it when
 * the server says the screen was unpaired. Kept in localStorage under one key.
 */
export interface DisplayIdentity {
  token: string;
  /** A local path such as `/display/bay/bay-01?display=…`. */
  url: string;
}

const KEY = 'tw.display';

/** Only local board paths: a stored value must never send a screen to another site. */
export const isBoardPath = (url: string): boolean => /^\/display\/[a-z]/.test(url) && !/[\u0000-\u001f\\]/.test(url);

/** localStorage, or undefined where it is blocked (some kiosk browsers, private modes). */
const defaultStorage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

export function rememberedDisplay(storage = defaultStorage()): DisplayIdentity | undefined {
  try {
    const parsed = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<DisplayIdentity> | null;
    if (typeof parsed?.token !== 'string' || typeof parsed.url !== 'string' || !isBoardPath(parsed.url)) return undefined;
    return { token: parsed.token, url: parsed.url };
  } catch {
    return undefined;
  }
}

export function rememberDisplay(identity: DisplayIdentity, storage = defaultStorage()): void {
  if (!isBoardPath(identity.url)) return;
  try {
    storage?.setItem(KEY, JSON.stringify(identity));
  } catch {
    // Full or blocked storage: the screen still works, it just needs pairing after a restart.
  }
}

export function forgetDisplay(storage = defaultStorage()): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Nothing to forget where storage is blocked.
  }
}

/** The `?display=<token>` of a board URL, if any. */
export const displayTokenOf = (search: string): string | undefined => new URLSearchParams(search).get('display') || undefined;
